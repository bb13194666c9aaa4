"""Catalan, Spanish and English: complete catalogues, and a language choice that sticks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from sqlalchemy import select

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.extensions import db
from tests.factories import csrf_token, make_user, sign_in

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "lms" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _catalogue(language: str):  # noqa: ANN202
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Extract the UI strings from the code as it is now, as ``make extract`` would."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", ["ca", "es", "en"])
def test_catalogue_translates_every_string_in_the_code(language: str, source_messages: set[str]) -> None:
    catalogue = _catalogue(language)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and all(m.string if isinstance(m.string, tuple) else (m.string,)) and not m.fuzzy
    }
    missing = sorted(source_messages - translated)
    assert missing == [], f"{language}: run `make extract` and translate: {missing[:10]}"


@pytest.mark.parametrize("language", ["ca", "es", "en"])
def test_translations_keep_their_placeholders(language: str) -> None:
    for message in _catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (language, ids[0])


def test_browser_language_is_used_for_visitors(client) -> None:
    page = client.get("/sign-in", headers={"Accept-Language": "es-ES,es;q=0.9"}).get_data(as_text=True)
    assert '<html lang="es">' in page and "Inicia sesión" in page


def test_catalan_is_the_default(client) -> None:
    page = client.get("/sign-in", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="ca">' in page and "Inicia la sessió" in page


def test_person_sees_their_preferred_language(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.TRAINEE, language="es"))
    page = client.get("/dashboard/trainee", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es">' in page


def test_switching_language_is_remembered_as_a_cookie_and_a_preference(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE, language="ca")
    sign_in(client, person)
    token = csrf_token(client, "/dashboard/trainee")
    response = client.post("/language/en", data={"csrf_token": token, "next": "/dashboard/trainee"})
    assert response.headers["Location"] == "/dashboard/trainee"
    assert "lang=en" in response.headers["Set-Cookie"]
    assert '<html lang="en">' in client.get("/dashboard/trainee").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User.preferred_language).where(User.id == person.id)) == "en"


def test_visitors_can_switch_language_before_signing_in(client) -> None:
    token = csrf_token(client)
    client.post("/language/es", data={"csrf_token": token, "next": "/sign-in"})
    assert "Inicia sesión" in client.get("/sign-in").get_data(as_text=True)


def test_unknown_language_and_foreign_redirects_are_ignored(client) -> None:
    token = csrf_token(client)
    response = client.post("/language/xx", data={"csrf_token": token, "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert "Set-Cookie" not in response.headers or "lang=" not in response.headers["Set-Cookie"]

"""Crisis lines are on every page, signed in or not, and each deployment can set its own."""

from __future__ import annotations

import json
from pathlib import Path

from lms import create_app
from tests.conftest import TEST_SETTINGS, EnglishClient


def test_help_page_is_public_and_lists_the_default_lines(client) -> None:
    text = client.get("/help").get_data(as_text=True)
    for number in ("112", "024", "061"):
        assert f'href="tel:{number}"' in text
    assert 'href="/help"' in client.get("/sign-in").get_data(as_text=True)  # the header link


def test_lines_follow_the_page_language(client) -> None:
    text = client.get("/help", headers={"Accept-Language": "ca"}).get_data(as_text=True)
    assert "Línia d'atenció a la conducta suïcida" in text.replace("&#39;", "'")


def test_a_deployment_can_set_its_own_lines(tmp_path: Path, database_uri: str) -> None:
    lines = [{"number": "900 000 000", "labels": {"en": "Local warm line", "ca": "Línia local"}}]
    path = tmp_path / "lines.json"
    path.write_text(json.dumps(lines))
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_uri, "CRISIS_LINES_FILE": str(path)})
    app.test_client_class = EnglishClient
    text = app.test_client().get("/help").get_data(as_text=True)
    assert 'href="tel:900000000"' in text and "Local warm line" in text and "tel:024" not in text

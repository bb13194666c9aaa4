"""Security headers and the no-inline-script rule that lets the Content-Security-Policy be strict."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from lms.accounts.roles import Role
from tests.factories import make_user, sign_in

ROOT = Path(__file__).resolve().parents[1]


def test_every_page_sends_a_strict_content_security_policy(client) -> None:
    for path in ("/", "/sign-in", "/password/forgot", "/does-not-exist"):
        response = client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_templates_carry_no_inline_script_or_style() -> None:
    offenders = []
    for template in ROOT.glob("lms/**/templates/**/*.html"):
        text = template.read_text()
        if "<script" in text or " style=" in text or "<style" in text or " onclick=" in text:
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_production_adds_hsts() -> None:
    from lms import create_app

    app = create_app({"LMS_ENV": "production", "SECRET_KEY": "p" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    response = app.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_error_pages_show_no_internals(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.TRAINEE))
    response = client.get("/people/")
    assert response.status_code == 403
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "not for your account" in text


def test_no_asset_is_loaded_from_another_site(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR))
    for path in ("/dashboard/coordinator", "/people/invite", "/programmes"):
        text = client.get(path).get_data(as_text=True)
        assert 'src="http' not in text and 'href="http' not in text and "//cdn" not in text, path

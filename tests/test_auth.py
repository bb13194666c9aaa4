"""Signing in and out: what a person relies on, and what an attacker must not get."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from lms import create_app
from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.conftest import TEST_SETTINGS
from tests.factories import PASSWORD, csrf_token, make_user, post, sign_in


def test_sign_in_lands_on_the_dashboard_of_the_role(app: Flask, client) -> None:
    trainee = make_user(app, Role.TRAINEE, name="Laia Puig")
    response = sign_in(client, trainee)
    assert response.headers["Location"] == "/dashboard"
    page = client.get("/dashboard", follow_redirects=True)
    assert page.request.path == "/dashboard/trainee"
    assert "Laia Puig" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, trainee.id).last_login_at is not None
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "account.signed_in" in actions


def test_someone_with_several_roles_lands_on_the_most_responsible_one(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE, Role.COORDINATOR)
    sign_in(client, person)
    page = client.get("/dashboard", follow_redirects=True)
    assert page.request.path == "/dashboard/coordinator"
    assert 'href="/dashboard/trainee"' in page.get_data(as_text=True)


def test_wrong_password_is_refused_with_a_clear_message(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    response = post(client, "/sign-in", {"email": person.email, "password": "not the password"})
    assert response.status_code == 200
    assert "do not match" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302  # still signed out


def test_email_is_matched_without_regard_to_case(app: Flask, client) -> None:
    make_user(app, Role.TRAINEE, email="marc@example.org")
    response = post(client, "/sign-in", {"email": "  MARC@Example.org ", "password": PASSWORD})
    assert response.status_code == 302


def test_deactivated_and_invited_accounts_cannot_sign_in(app: Flask, client) -> None:
    inactive = make_user(app, Role.TRAINEE, active=False)
    invited = make_user(app, Role.TRAINEE, password=None)
    for person in (inactive, invited):
        response = post(client, "/sign-in", {"email": person.email, "password": PASSWORD})
        assert response.status_code == 200, person.email


def test_sign_in_never_redirects_off_site(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    token = csrf_token(client)
    data = {"email": person.email, "password": PASSWORD, "csrf_token": token, "next": "https://evil.example/"}
    response = client.post("/sign-in", data=data)
    assert response.headers["Location"] == "/dashboard"


def test_sign_in_returns_to_the_page_that_asked_for_it(app: Flask, client) -> None:
    person = make_user(app, Role.COORDINATOR)
    asked = client.get("/people/")
    assert asked.headers["Location"].startswith("/sign-in?next=")
    token = csrf_token(client)
    data = {"email": person.email, "password": PASSWORD, "csrf_token": token, "next": "/people/"}
    assert client.post("/sign-in", data=data).headers["Location"] == "/people/"


def test_forms_without_csrf_token_are_refused(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    response = client.post("/sign-in", data={"email": person.email, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/dashboard").status_code == 302


def test_sign_out_ends_the_session(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    sign_in(client, person)
    response = post(client, "/sign-out", page="/dashboard/trainee")
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/dashboard/trainee").status_code == 302


def test_repeated_sign_in_attempts_are_slowed_down(app: Flask, client) -> None:
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    person = make_user(app, Role.TRAINEE)
    token = csrf_token(client)
    codes = [
        client.post("/sign-in", data={"email": person.email, "password": "wrong", "csrf_token": token}).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    # The right password is refused too until the window passes: no guessing around the limit.
    right = client.post("/sign-in", data={"email": person.email, "password": PASSWORD, "csrf_token": token})
    assert right.status_code == 429
    assert "wait a minute" in right.get_data(as_text=True)


def test_session_cookie_is_http_only_and_same_site(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    response = sign_in(client, person)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_rate_limits_can_be_kept_in_redis(database_uri: str) -> None:
    """With several workers the count must be shared: RATELIMIT_STORAGE_URI=redis://... keeps it in Redis."""
    redis = pytest.importorskip("redis")
    store = redis.Redis(host="127.0.0.1", port=6379, db=15, socket_connect_timeout=0.5)
    try:
        store.flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings = {
        **TEST_SETTINGS,
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15",
        "LOGIN_RATE_LIMIT": "2 per minute",
    }
    client = create_app(settings).test_client()
    token = csrf_token(client)
    data = {"email": "x@example.org", "password": "wrong", "csrf_token": token}
    codes = [client.post("/sign-in", data=data).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert any(b"sign_in" in key for key in store.keys("*")), store.keys("*")
    store.flushdb()


def test_signed_in_pages_are_not_kept_by_the_browser(app: Flask, client) -> None:
    assert "no-store" not in client.get("/sign-in").headers.get("Cache-Control", "")
    sign_in(client, make_user(app, Role.COORDINATOR))
    assert client.get("/people/").headers["Cache-Control"] == "no-store"


def test_backslash_tricks_cannot_redirect_off_site(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    token = csrf_token(client)
    for target in ("/\\evil.example/", "/\\/evil.example", "//evil.example"):
        data = {"email": person.email, "password": PASSWORD, "csrf_token": token, "next": target}
        fresh = app.test_client()
        token = csrf_token(fresh)
        data["csrf_token"] = token
        assert fresh.post("/sign-in", data=data).headers["Location"] == "/dashboard", target

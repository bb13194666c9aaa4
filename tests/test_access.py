"""Every route declares who may use it, and the declaration holds for real requests."""

from __future__ import annotations

import pytest
from flask import Flask

from lms.access import PUBLIC, SIGNED_IN
from lms.accounts.roles import Role
from tests.factories import csrf_token, make_user, sign_in

#: Endpoints with no decorator on purpose: Flask's static files.
UNDECORATED_ALLOWED = {"static"}


def _routes(app: Flask):  # noqa: ANN202
    for rule in app.url_map.iter_rules():
        if rule.endpoint in UNDECORATED_ALLOWED:
            continue
        values = {
            arg: 1 if rule._converters[arg].__class__.__name__ == "IntegerConverter" else "x" for arg in rule.arguments
        }
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        url = app.url_map.bind("localhost").build(rule.endpoint, values)
        yield rule, url, methods


def test_every_route_declares_an_access_policy(app: Flask) -> None:
    missing = [
        rule.rule
        for rule, _url, _methods in _routes(app)
        if not hasattr(app.view_functions[rule.endpoint], "access_policy")
    ]
    assert missing == [], f"routes without an access policy: {missing}"


def test_anonymous_visitors_get_only_public_routes(app: Flask, client) -> None:
    token = csrf_token(client)
    checked = 0
    for rule, url, methods in _routes(app):
        policy = app.view_functions[rule.endpoint].access_policy
        if policy == PUBLIC:
            continue
        for method in methods:
            response = client.open(url, method=method, data={"csrf_token": token})
            assert response.status_code == 302, (method, url, response.status_code)
            assert response.headers["Location"].startswith("/sign-in"), (method, url)
            checked += 1
    assert checked > 10


@pytest.mark.parametrize("role", list(Role))
def test_people_without_the_role_are_refused(app: Flask, client, role: Role) -> None:
    """Sign in holding one role; every route that names other roles answers 403 and shows nothing."""
    person = make_user(app, role)
    sign_in(client, person)
    token = csrf_token(client, "/dashboard")
    refused = 0
    for rule, url, methods in _routes(app):
        policy = app.view_functions[rule.endpoint].access_policy
        if policy in (PUBLIC, SIGNED_IN) or role in policy:
            continue
        for method in methods:
            response = client.open(url, method=method, data={"csrf_token": token})
            assert response.status_code == 403, (role, method, url, response.status_code)
            assert "<table" not in response.get_data(as_text=True), (method, url)
            refused += 1
    assert refused > 0


def test_people_with_the_role_get_in(app: Flask, client) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    sign_in(client, coordinator)
    for path in ("/programmes", "/people/", "/people/invite", "/programmes/new", "/dashboard/coordinator"):
        assert client.get(path).status_code == 200, path


def test_every_form_post_needs_a_csrf_token(app: Flask, client) -> None:
    """Signed in as someone holding every role, a POST without the token is refused before anything happens."""
    sign_in(client, make_user(app, *Role))
    checked = 0
    for _rule, url, methods in _routes(app):
        if "POST" in methods:
            assert client.post(url, data={}).status_code == 400, url
            checked += 1
    assert checked > 10

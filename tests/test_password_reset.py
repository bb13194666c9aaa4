"""A forgotten password is recovered by an e-mailed, expiring, single-use link."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select

from lms.accounts.models import AccountToken
from lms.accounts.roles import Role
from lms.extensions import db
from lms.mail.models import OutboxMessage
from tests.factories import make_user, post

LINK = re.compile(r"http://lms\.test(/password/reset/[\w-]+)")
NEW_PASSWORD = "a brand new sentence"


def _request_reset(client, email: str):  # noqa: ANN001, ANN202
    return post(client, "/password/forgot", {"email": email})


def _link(app: Flask) -> str:
    with app.app_context():
        body = db.session.scalars(select(OutboxMessage.body).order_by(OutboxMessage.id.desc())).first()
    return LINK.search(body).group(1)


def _mail_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def test_reset_link_lets_the_person_choose_a_new_password(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    response = _request_reset(client, person.email)
    assert response.headers["Location"] == "/sign-in"
    link = _link(app)
    assert post(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    post(client, "/sign-out", page="/dashboard/trainee")
    signed = post(client, "/sign-in", {"email": person.email, "password": NEW_PASSWORD})
    assert signed.status_code == 302
    assert app.test_client().get(link).status_code == 410  # single use


def test_unknown_address_gets_the_same_answer_and_no_mail(app: Flask, client) -> None:
    make_user(app, Role.TRAINEE, email="known@example.org")
    known = _request_reset(client, "known@example.org")
    unknown = _request_reset(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert _mail_count(app) == 1


def test_invited_person_without_password_gets_no_reset_mail(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE, password=None)
    _request_reset(client, person.email)
    assert _mail_count(app) == 0


def test_reset_link_expires(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    _request_reset(client, person.email)
    link = _link(app)
    with app.app_context():
        token = db.session.scalar(select(AccountToken))
        assert token.expires_at - token.created_at == timedelta(minutes=60)
        token.expires_at = token.created_at
        db.session.commit()
    response = post(app.test_client(), link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, page="/sign-in")
    assert response.status_code == 410
    assert post(client, "/sign-in", {"email": person.email, "password": NEW_PASSWORD}).status_code == 200


def test_a_newer_reset_request_cancels_the_older_link(app: Flask, client) -> None:
    person = make_user(app, Role.TRAINEE)
    _request_reset(client, person.email)
    first = _link(app)
    _request_reset(client, person.email)
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(_link(app)).status_code == 200


def test_a_new_password_signs_out_every_other_session(app: Flask, client) -> None:
    """A stolen or forgotten device must not stay signed in once the password is changed."""
    from tests.factories import sign_in

    person = make_user(app, Role.TRAINEE)
    other_device = app.test_client()
    sign_in(other_device, person)
    assert other_device.get("/dashboard/trainee").status_code == 200
    _request_reset(client, person.email)
    post(client, _link(app), {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert other_device.get("/dashboard/trainee").status_code == 302
    assert client.get("/dashboard/trainee").status_code == 200  # the device that reset it stays in

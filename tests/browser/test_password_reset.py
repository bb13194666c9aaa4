"""Someone who forgot their password gets a link by e-mail and chooses a new one."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from lms.accounts.roles import Role
from lms.extensions import db
from lms.mail.models import OutboxMessage
from tests.browser.helpers import assert_accessible
from tests.factories import make_user


def test_forgotten_password_is_replaced_through_the_emailed_link(app: Flask, page, live_server: str) -> None:
    person = make_user(app, Role.SUPERVISOR, name="Andreu Pons")
    page.goto("/sign-in")
    page.get_by_role("link", name="I forgot my password").click()
    assert_accessible(page)
    page.get_by_label("E-mail address").fill(person.email)
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_url("**/sign-in")
    assert page.get_by_text("we have sent it a link").is_visible()

    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body).where(OutboxMessage.to_address == person.email))
    page.goto(re.search(rf"{re.escape(live_server)}(/password/reset/[\w-]+)", body).group(1))
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("tres paraules boniques")
    page.get_by_label("Repeat the new password").fill("tres paraules boniques")
    page.get_by_role("button", name="Save my password").click()
    page.wait_for_url("**/dashboard/supervisor")
    assert page.get_by_text("Your password is saved").is_visible()
    assert_accessible(page)

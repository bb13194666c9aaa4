"""Switching between Catalan, Spanish and English, and keeping the choice."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.extensions import db
from tests.browser.helpers import assert_accessible, sign_in_as
from tests.factories import make_user


def test_visitor_switches_language_and_it_is_remembered(app: Flask, page) -> None:
    page.goto("/sign-in")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Català").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ca"
    assert page.get_by_role("heading", level=1).inner_text() == "Inicia la sessió"
    assert page.get_by_role("button", name="Català").get_attribute("aria-pressed") == "true"
    assert_accessible(page)
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Inicia sesión"
    assert_accessible(page)
    page.goto("/password/forgot")  # a new page keeps the choice
    assert page.locator("html").get_attribute("lang") == "es"


def test_signed_in_choice_becomes_the_persons_preference(app: Flask, page) -> None:
    person = make_user(app, Role.TRAINEE, language="en")
    sign_in_as(page, person.email)
    page.wait_for_url("**/dashboard/trainee")
    page.get_by_role("button", name="Català").click()
    page.wait_for_url("**/dashboard/trainee")
    assert page.locator("html").get_attribute("lang") == "ca"
    assert_accessible(page)
    with app.app_context():
        assert db.session.scalar(select(User.preferred_language).where(User.id == person.id)) == "ca"


def test_the_accessibility_check_does_catch_problems(page) -> None:
    """Guard against a silent checker: a page with an unlabelled input and an image without text must fail."""
    page.set_content('<html lang="en"><body><main><img src="x.png"><input type="text"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt|label"):
        assert_accessible(page)

"""Every demo role signs in and lands on an accessible dashboard; the admin's pages are accessible too."""

from __future__ import annotations

from flask import Flask

from lms.demo import DEMO_PASSWORD, STAFF, seed_demo
from lms.extensions import db
from tests.browser.helpers import assert_accessible, sign_in_as


def test_each_demo_role_lands_on_an_accessible_dashboard(app: Flask, browser, live_server: str) -> None:
    with app.app_context():
        seed_demo()
        db.session.commit()
    people = [(email, role.value) for email, _n, _l, role in STAFF] + [("trainee01@demo.example", "trainee")]
    for email, role in people:
        context = browser.new_context(base_url=live_server, locale="en-GB")
        page = context.new_page()
        sign_in_as(page, email, DEMO_PASSWORD)
        page.wait_for_url(f"**/dashboard/{role}")
        assert_accessible(page)
        if role == "admin":
            for link in ("Outbox", "Audit log", "People"):
                page.get_by_role("navigation", name="Main").get_by_role("link", name=link).click()
                page.wait_for_load_state()
                assert page.get_by_role("heading", level=1).inner_text() == link
                assert_accessible(page)
            page.get_by_role("link", name="Laia Puig").click()
            assert_accessible(page)
        context.close()

"""Signing in, as a person does it: type, press the button, land on the dashboard."""

from __future__ import annotations

from flask import Flask

from lms.accounts.roles import Role
from tests.browser.helpers import assert_accessible, sign_in_as
from tests.factories import PASSWORD, make_cohort, make_enrolment, make_user


def test_trainee_signs_in_and_sees_their_cohort(app: Flask, page) -> None:
    trainee = make_user(app, Role.TRAINEE, name="Laia Puig")
    make_enrolment(app, trainee, make_cohort(app, name="Girona 2027"))
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Sign in").first.click()
    assert_accessible(page)
    page.get_by_label("E-mail address").fill(trainee.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/trainee")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Laia Puig"
    assert page.get_by_text("Cohort: Girona 2027").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in")
    assert page.get_by_text("You have signed out").is_visible()


def test_a_wrong_password_is_explained_next_to_the_form(app: Flask, page) -> None:
    person = make_user(app, Role.TRAINEE)
    sign_in_as(page, person.email, "not my password")
    alert = page.get_by_role("alert")
    assert "do not match" in alert.inner_text()
    assert_accessible(page)


def test_keyboard_users_can_skip_to_the_content(app: Flask, page) -> None:
    page.goto("/sign-in")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_pages_fit_a_phone_screen_and_200_percent_zoom(app: Flask, browser, live_server: str) -> None:
    """No sideways scrolling at 320 CSS pixels: what a 1280 px window shows at 400 %, and a small phone."""
    coordinator = make_user(app, Role.COORDINATOR)
    context = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 640}, locale="en-GB")
    page = context.new_page()
    sign_in_as(page, coordinator.email)
    page.wait_for_url("**/dashboard/coordinator")
    for path in ("/dashboard/coordinator", "/people/invite", "/people/", "/sign-in"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    context.close()

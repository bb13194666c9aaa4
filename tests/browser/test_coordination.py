"""A coordinator sets up a programme and a cohort, enrols a trainee and pauses the enrolment with a reason."""

from __future__ import annotations

import re

from flask import Flask

from lms.accounts.roles import Role
from tests.browser.helpers import assert_accessible, sign_in_as
from tests.factories import make_user


def test_programme_cohort_enrolment_and_pause(app: Flask, page) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    make_user(app, Role.TRAINEE, name="Aina Soler", email="aina@example.org")
    sign_in_as(page, coordinator.email)
    page.wait_for_url("**/dashboard/coordinator")

    page.get_by_role("link", name="Programmes and cohorts").click()
    assert_accessible(page)
    page.get_by_role("link", name="New programme").click()
    page.get_by_label("Title").fill("Peer support for older adults")
    page.get_by_label("Theory hours required").fill("70")
    page.get_by_label("Placement hours required").fill("-1")
    page.get_by_role("button", name="Create programme").click()
    assert page.get_by_label("Placement hours required").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.get_by_label("Placement hours required").fill("50")
    page.get_by_role("button", name="Create programme").click()
    page.wait_for_url(re.compile(r".*/programmes/\d+$"))
    assert page.get_by_text("Programme created.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="New cohort").click()
    page.get_by_label("Cohort name").fill("Lleida 2027")
    page.get_by_label("Start date").fill("2027-02-01")
    page.get_by_label("End date").fill("2027-07-15")
    assert_accessible(page)
    page.get_by_role("button", name="Create cohort").click()
    page.wait_for_url(re.compile(r".*/cohorts/\d+$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Lleida 2027"

    page.get_by_label("Trainee", exact=True).select_option(label="Aina Soler <aina@example.org>")
    page.get_by_role("button", name="Enrol", exact=True).click()
    assert page.get_by_text("Trainee enrolled.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Aina Soler").click()
    page.get_by_label("New status").select_option(label="Paused")
    page.get_by_role("button", name="Change status").click()  # no reason yet
    assert page.get_by_label("Reason").get_attribute("aria-invalid") == "true"
    page.get_by_label("Reason").fill("Taking a month off to rest; will rejoin in March.")
    page.get_by_role("button", name="Change status").click()
    assert page.get_by_text("The enrolment is now: Paused.").is_visible()
    assert page.get_by_text("Taking a month off to rest; will rejoin in March.").is_visible()
    assert_accessible(page)

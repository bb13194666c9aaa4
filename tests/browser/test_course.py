"""A trainee studies in the browser; a coordinator records a live session and sees it in the grid."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from lms.accounts.roles import Role
from lms.extensions import db
from tests.browser.helpers import assert_accessible, sign_in_as
from tests.factories import curriculum_cohort, make_enrolment, make_user


@pytest.fixture
def cohort(app: Flask):  # noqa: ANN201
    return curriculum_cohort(app, name="Girona 2027")


def test_trainee_studies_a_lesson_and_sees_hours_grow(app: Flask, page, cohort) -> None:
    trainee = make_user(app, Role.TRAINEE, name="Laia Puig")
    make_enrolment(app, trainee, cohort)
    sign_in_as(page, trainee.email)
    page.wait_for_url("**/dashboard/trainee")
    assert page.get_by_text("0.0 of 100 hours credited (0%)").first.is_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My course").click()
    page.wait_for_url(re.compile(r".*/learn/\d+$"))
    assert_accessible(page)
    page.get_by_role("link", name="Start the first lesson").click()
    assert page.get_by_role("heading", level=1).inner_text() == "What recovery means"
    assert page.get_by_role("heading", name="In short (easy read)").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as complete").click()
    assert page.get_by_text("Well done! 120 minutes added to your theory hours.").is_visible()
    assert page.get_by_text("You completed this lesson on").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="My course").first.click()
    assert page.get_by_text("2.0 of 100 hours credited (2%)").first.is_visible()
    assert page.get_by_text("1 of 4 lessons done").first.is_visible()


def test_crisis_lesson_shows_the_content_note_and_fits_a_phone(app: Flask, browser, live_server: str, cohort) -> None:
    from courses.models import Lesson, Module

    trainee = make_user(app, Role.TRAINEE)
    enrolment = make_enrolment(app, trainee, cohort)
    with app.app_context():
        lesson_id = db.session.scalar(select(Lesson.id).join(Module).where(Module.position == 5, Lesson.position == 3))
    context = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 700}, locale="en-GB")
    page = context.new_page()
    sign_in_as(page, trainee.email)
    page.wait_for_url("**/dashboard/trainee")
    page.goto(f"/learn/{enrolment.id}/lessons/{lesson_id}")
    note = page.get_by_role("complementary", name="Content note")
    assert note.is_visible() and "024" in note.inner_text()
    assert page.get_by_role("link", name="Help now", exact=True).is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert_accessible(page)
    context.close()


def test_coordinator_records_attendance_and_sees_the_grid(app: Flask, page, cohort) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    make_enrolment(app, make_user(app, Role.TRAINEE, name="Marc Serra"), cohort)
    make_enrolment(app, make_user(app, Role.TRAINEE, name="Núria Vidal"), cohort)
    sign_in_as(page, coordinator.email)
    page.wait_for_url("**/dashboard/coordinator")
    page.get_by_role("link", name="Girona 2027").first.click()
    page.get_by_role("link", name="Live sessions and attendance").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Recovery stories")
    page.get_by_label("Module").select_option(label="1. Recovery and the lived-experience perspective")
    page.get_by_label("Date and time").fill("2027-02-03T10:00")
    page.get_by_label("Length in minutes").fill("120")
    page.get_by_label("Place").fill("Room 2, Centre Cívic")
    page.get_by_role("button", name="Schedule session").click()
    page.wait_for_url(re.compile(r".*/courses/sessions/\d+$"))
    assert_accessible(page)
    page.get_by_role("group", name="Marc Serra").get_by_label("Present").check()
    page.get_by_role("group", name="Núria Vidal").get_by_label("Late").check()
    page.get_by_label("Minutes late: Núria Vidal").fill("30")
    page.get_by_role("button", name="Save attendance").click()
    assert page.get_by_text("Attendance saved (2 changed).").is_visible()
    page.get_by_role("link", name=re.compile("Live sessions")).first.click()
    page.get_by_role("link", name="Girona 2027").first.click()
    page.get_by_role("link", name="Progress grid").click()
    assert_accessible(page)
    marc = page.get_by_role("row", name=re.compile("Marc Serra"))
    assert "2.0 / 100" in marc.inner_text() and "100%" in marc.inner_text()
    nuria = page.get_by_role("row", name=re.compile("Núria Vidal"))
    assert "1.5 / 100" in nuria.inner_text()


def test_coordinator_edits_previews_and_publishes_a_lesson(app: Flask, page, cohort) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    sign_in_as(page, coordinator.email)
    page.wait_for_url("**/dashboard/coordinator")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Curriculum").click()
    page.get_by_role("link", name="Peer-support agent in mental health (160 h)").click()
    assert_accessible(page)
    page.get_by_role("link", name="What recovery means").click()
    page.get_by_role("link", name="Edit in English").click()
    body = page.get_by_label("Lesson text (Markdown)")
    body.fill(body.input_value() + "\n\n## A new section\n\nWith **bold** words. <script>alert(1)</script>")
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    assert preview.get_by_role("heading", name="A new section").is_visible()
    assert page.locator(".preview script").count() == 0
    assert_accessible(page)
    page.get_by_role("button", name="Save as new version").click()
    assert page.get_by_text("Version 2 saved.").is_visible()
    page.get_by_role("button", name="Publish version 2").click()
    assert page.get_by_text("Version 2 is now what trainees see.").is_visible()
    assert_accessible(page)

"""The placement week in the browser: log, send, sign off most in one action, return one, correct, resubmit."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import Flask

from lms.accounts.roles import Role
from lms.timeutil import utcnow
from tests.browser.helpers import assert_accessible, sign_in_as
from tests.factories import make_placement, make_user


def test_a_week_of_hours_from_log_to_approval(app: Flask, browser, live_server: str) -> None:
    trainee = make_user(app, Role.TRAINEE, name="Laia Puig")
    supervisor = make_user(app, Role.SUPERVISOR, name="Montse Camps")
    coordinator = make_user(app, Role.COORDINATOR)
    placement = make_placement(app, trainee, [supervisor])
    today = utcnow().date()
    monday = today - timedelta(days=7)

    def as_person(email: str):  # noqa: ANN202
        context = browser.new_context(base_url=live_server, locale="en-GB")
        page = context.new_page()
        sign_in_as(page, email)
        page.wait_for_url(re.compile(r".*/dashboard/\w+$"))
        return context, page

    trainee_context, page = as_person(trainee.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My placement hours").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Fundació Example")).click()
    for offset in range(5):
        page.get_by_role("link", name="Log hours").click()
        page.get_by_label("Date").fill((monday + timedelta(days=offset)).isoformat())
        page.get_by_label("Start time").fill("09:00")
        page.get_by_label("End time").fill("13:00")
        page.get_by_label("Activity").select_option(label="Supervision session" if offset == 4 else "Shadowing")
        page.get_by_label("What you did").fill(f"Day {offset + 1}: prepared the room and joined the group.")
        if offset == 0:
            assert_accessible(page)
        page.get_by_role("button", name="Save as draft").click()
        assert page.get_by_text("Saved as a draft.").is_visible()
    page.get_by_role("button", name="Send 5 entries for sign-off").click()
    assert page.get_by_text("5 entries sent to your supervisor").is_visible()
    assert_accessible(page)

    supervisor_context, spage = as_person(supervisor.email)
    spage.get_by_role("link", name="Open the sign-off queue").click()
    assert spage.get_by_text("5 entries waiting, 20.0 hours in all").is_visible()
    assert_accessible(spage)
    wednesday = monday + timedelta(days=2)
    row = spage.get_by_role("row", name=re.compile("Day 3:"))
    row.get_by_role("checkbox").uncheck()
    spage.get_by_role("button", name="Approve ticked entries").click()
    assert spage.get_by_text("4 entries approved.").is_visible()
    spage.get_by_role("link", name=re.compile("Return or reject")).click()
    assert_accessible(spage)
    spage.get_by_label("Decision").select_option(label="Ask for more information")
    spage.get_by_label("Comment for the trainee").fill("Which group was it on Wednesday?")
    spage.get_by_role("button", name="Save decision").click()
    assert spage.get_by_text("Nothing waits for your sign-off").is_visible()

    page.reload()
    assert page.get_by_text("16.0 of 60 hours approved (27%)").is_visible()
    assert page.get_by_text("Returned to you: 4.0 h").is_visible()
    page.get_by_role("row", name=re.compile("Returned for information")).get_by_role("link").click()
    assert wednesday.strftime("%Y") in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_text("Which group was it on Wednesday?").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change", exact=True).click()
    page.get_by_label("What you did").fill("Day 3: joined the Wednesday walking group.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("button", name="Send 1 entry for sign-off").click()

    spage.reload()
    spage.get_by_role("button", name="Approve ticked entries").click()
    assert spage.get_by_text("1 entries approved.").is_visible()

    page.reload()
    assert page.get_by_text("20.0 of 60 hours approved (33%)").is_visible()
    assert page.get_by_text("enough for the approved hours").is_visible()

    coordinator_context, cpage = as_person(coordinator.email)
    cpage.goto(f"/placement-admin/placements/{placement.id}")
    assert cpage.get_by_text("20.0 of 60 hours approved (33%)").is_visible()
    assert_accessible(cpage)
    for context in (trainee_context, supervisor_context, coordinator_context):
        context.close()


def test_coordinator_sets_up_a_placement_and_supervisor_observes(app: Flask, browser, live_server: str) -> None:
    from tests.factories import make_cohort, make_enrolment

    cohort = make_cohort(app, name="Salt (demo)")
    make_enrolment(app, make_user(app, Role.TRAINEE, name="Pau Ferrer"), cohort)
    supervisor = make_user(app, Role.SUPERVISOR, name="Andreu Pons")
    coordinator = make_user(app, Role.COORDINATOR)
    context = browser.new_context(base_url=live_server, locale="en-GB")
    page = context.new_page()
    sign_in_as(page, coordinator.email)
    page.wait_for_url("**/dashboard/coordinator")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Placement sites").click()
    page.get_by_label("Organisation").fill("Fundació Drissa")
    page.get_by_label("Service").fill("Servei de Rehabilitació Comunitària")
    page.get_by_role("button", name="Add site").click()
    assert page.get_by_text("Placement site added.").is_visible()
    assert_accessible(page)
    page.goto(f"/cohorts/{cohort.id}")
    page.get_by_role("link", name="Placements", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Andreu Pons").check()
    today = utcnow().date()
    page.get_by_label("Start date").fill((today - timedelta(days=10)).isoformat())
    page.get_by_label("End date").fill((today + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Create placement").click()
    assert page.get_by_text("Placement created.").is_visible()
    assert page.get_by_text("0.0 of 60 hours approved (0%)").is_visible()
    assert_accessible(page)
    context.close()

    context = browser.new_context(base_url=live_server, locale="en-GB")
    spage = context.new_page()
    sign_in_as(spage, supervisor.email)
    spage.wait_for_url("**/dashboard/supervisor")
    spage.get_by_role("navigation", name="Main").get_by_role("link", name="Sign-off queue").click()
    spage.get_by_role("link", name=re.compile("Observations")).click()
    spage.get_by_label("Date").fill((today - timedelta(days=1)).isoformat())
    spage.get_by_label("Situation").fill("Welcome round of the morning group.")
    spage.get_by_label("Strengths").fill("Warm, calm, shared a short part of their story with purpose.")
    spage.get_by_label("What to develop").fill("Keep track of time.")
    spage.get_by_role("button", name="Save observation").click()
    assert spage.get_by_text("Observation saved.").is_visible()
    assert_accessible(spage)
    context.close()

"""The coordinator invites a trainee into a cohort; the trainee follows the e-mailed link and starts."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from lms.accounts.roles import Role
from lms.extensions import db
from lms.mail.models import OutboxMessage
from tests.browser.helpers import assert_accessible, sign_in_as
from tests.factories import make_cohort, make_user


def test_coordinator_invites_a_trainee_who_then_sets_a_password(app: Flask, browser, page, live_server: str) -> None:
    coordinator = make_user(app, Role.COORDINATOR, name="Teresa Casas")
    cohort = make_cohort(app, name="Girona 2027")
    sign_in_as(page, coordinator.email)
    page.wait_for_url("**/dashboard/coordinator")
    assert_accessible(page)

    page.get_by_role("link", name="Invite someone").first.click()
    assert_accessible(page)
    # A mistake first: no role ticked. The form says so and keeps what was typed.
    page.get_by_label("Full name").fill("Jordi Roca")
    page.get_by_label("E-mail address").fill("jordi@example.org")
    page.get_by_role("button", name="Send invitation").click()
    assert page.get_by_text("Choose at least one role.").first.is_visible()
    assert page.get_by_label("Full name").input_value() == "Jordi Roca"
    assert_accessible(page)

    page.get_by_label("Language for e-mails and screens").select_option("en")
    page.get_by_label("Trainee", exact=True).check()
    page.get_by_label("Enrol in cohort (trainees only)").select_option(label=f"{cohort_title(app, cohort)}")
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_url(re.compile(r".*/people/\d+$"))
    assert page.get_by_text("Invitation sent to jordi@example.org").is_visible()
    assert page.get_by_text("Invitation pending").first.is_visible()
    assert_accessible(page)

    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body).where(OutboxMessage.to_address == "jordi@example.org"))
    link = re.search(rf"{re.escape(live_server)}/invitation/[\w-]+", body).group(0)

    trainee_context = browser.new_context(base_url=live_server, locale="en-GB")
    trainee_page = trainee_context.new_page()
    trainee_page.goto(link)
    assert trainee_page.get_by_role("heading", level=1).inner_text() == "Welcome, Jordi Roca"
    assert_accessible(trainee_page)
    trainee_page.get_by_label("New password", exact=True).fill("la meva frase segura")
    trainee_page.get_by_label("Repeat the new password").fill("la meva frase segura")
    trainee_page.get_by_role("button", name="Save my password").click()
    trainee_page.wait_for_url("**/dashboard/trainee")
    assert trainee_page.get_by_text("Cohort: Girona 2027").is_visible()
    assert_accessible(trainee_page)
    trainee_context.close()

    page.goto(f"/cohorts/{cohort.id}")
    row = page.get_by_role("row", name=re.compile("Jordi Roca"))
    assert "Active" in row.inner_text()
    assert_accessible(page)


def cohort_title(app: Flask, cohort) -> str:  # noqa: ANN001
    from lms.cohorts.models import Cohort

    with app.app_context():
        found = db.session.get(Cohort, cohort.id)
        return f"{found.programme.title}: {found.name}"

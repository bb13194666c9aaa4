"""Coordinators set up programmes and cohorts, enrol trainees, and pause or withdraw them with a reason."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from lms.accounts.roles import Role
from lms.cohorts.models import Cohort, Enrolment, EnrolmentStatus, EnrolmentStatusChange, Programme
from lms.cohorts.rules import can_change, next_statuses
from lms.extensions import db
from tests.factories import QueryCounter, make_cohort, make_enrolment, make_programme, make_user, post, sign_in


@pytest.fixture
def coordinator_client(app: Flask, client):  # noqa: ANN001, ANN201
    sign_in(client, make_user(app, Role.COORDINATOR))
    return client


def _count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_create_a_programme_with_its_hours(app: Flask, coordinator_client) -> None:
    data = {"title": "Peer support in addiction", "description": "", "theory_hours": "80", "placement_hours": "40"}
    response = post(coordinator_client, "/programmes/new", data)
    assert response.status_code == 302
    with app.app_context():
        programme = db.session.scalar(select(Programme))
        assert (programme.required_theory_hours, programme.required_placement_hours) == (80, 40)
        assert programme.total_hours == 120
    page = coordinator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Peer support in addiction" in page


def test_programme_hours_must_be_whole_positive_numbers(app: Flask, coordinator_client) -> None:
    data = {"title": "Odd", "description": "", "theory_hours": "-5", "placement_hours": "many"}
    response = post(coordinator_client, "/programmes/new", data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _count(app, Programme) == 0


def test_create_a_cohort_and_refuse_impossible_dates(app: Flask, coordinator_client) -> None:
    programme = make_programme(app)
    path = f"/programmes/{programme.id}/cohorts/new"
    bad = post(coordinator_client, path, {"name": "Girona", "starts_on": "2027-06-01", "ends_on": "2027-01-01"})
    assert "end date must be on or after" in bad.get_data(as_text=True)
    assert _count(app, Cohort) == 0
    good = post(coordinator_client, path, {"name": "Girona", "starts_on": "2027-01-11", "ends_on": "2027-06-30"})
    assert good.status_code == 302
    again = post(coordinator_client, path, {"name": "Girona", "starts_on": "2027-01-11", "ends_on": "2027-06-30"})
    assert "already has a cohort with this name" in again.get_data(as_text=True)
    assert _count(app, Cohort) == 1


def test_enrol_an_existing_trainee_once(app: Flask, coordinator_client) -> None:
    cohort = make_cohort(app)
    trainee = make_user(app, Role.TRAINEE, name="Pau Ferrer")
    supervisor = make_user(app, Role.SUPERVISOR, name="Not A Trainee")
    page = coordinator_client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Pau Ferrer" in page and "Not A Trainee" not in page  # only trainees are offered
    assert post(coordinator_client, f"/cohorts/{cohort.id}", {"user": str(trainee.id)}).status_code == 302
    refused = post(coordinator_client, f"/cohorts/{cohort.id}", {"user": str(supervisor.id)})
    assert refused.status_code == 200
    assert _count(app, Enrolment) == 1


def test_pause_needs_a_reason_and_keeps_history(app: Flask, coordinator_client) -> None:
    enrolment = make_enrolment(app, make_user(app, Role.TRAINEE), make_cohort(app))
    path = f"/enrolments/{enrolment.id}"
    missing = post(coordinator_client, path, {"status": "paused", "reason": "   "})
    assert missing.status_code == 200
    assert _count(app, EnrolmentStatusChange) == 0
    post(coordinator_client, path, {"status": "paused", "reason": "Hospital stay, back in March."})
    post(coordinator_client, path, {"status": "active", "reason": "Back, feeling ready."})
    with app.app_context():
        changes = db.session.scalars(select(EnrolmentStatusChange).order_by(EnrolmentStatusChange.id)).all()
        assert [(c.from_status, c.to_status) for c in changes] == [("active", "paused"), ("paused", "active")]
        assert db.session.get(Enrolment, enrolment.id).status == "active"
    page = coordinator_client.get(path).get_data(as_text=True)
    assert "Hospital stay, back in March." in page and "Back, feeling ready." in page


def test_a_completed_enrolment_cannot_be_changed(app: Flask, coordinator_client) -> None:
    enrolment = make_enrolment(app, make_user(app, Role.TRAINEE), make_cohort(app), status="completed")
    response = post(coordinator_client, f"/enrolments/{enrolment.id}", {"status": "active", "reason": "Oops"})
    assert response.status_code == 200
    with app.app_context():
        assert db.session.get(Enrolment, enrolment.id).status == "completed"


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("active", "paused", True),
        ("paused", "active", True),
        ("paused", "withdrawn", True),
        ("withdrawn", "active", True),
        ("withdrawn", "paused", False),
        ("paused", "completed", False),
        ("completed", "active", False),
        ("active", "active", False),
    ],
)
def test_status_transitions(current: str, target: str, allowed: bool) -> None:
    assert can_change(EnrolmentStatus(current), EnrolmentStatus(target)) is allowed
    assert (EnrolmentStatus(target) in next_statuses(EnrolmentStatus(current))) is allowed


def test_trainee_sees_own_enrolment_only(app: Flask, client) -> None:
    trainee = make_user(app, Role.TRAINEE)
    other = make_user(app, Role.TRAINEE)
    mine = make_cohort(app, name="My cohort")
    theirs = make_cohort(app, name="Their cohort")
    make_enrolment(app, trainee, mine)
    make_enrolment(app, other, theirs)
    sign_in(client, trainee)
    page = client.get("/dashboard/trainee").get_data(as_text=True)
    assert "My cohort" in page and "Their cohort" not in page


def test_cohort_and_people_pages_use_a_fixed_number_of_queries(app: Flask, coordinator_client) -> None:
    """Ten trainees or a hundred: the same number of SQL statements (no query per row)."""
    cohort = make_cohort(app)

    def statements() -> tuple[int, int]:
        counts = []
        for path in (f"/cohorts/{cohort.id}", "/people/"):
            with QueryCounter(app) as counter:
                assert coordinator_client.get(path).status_code == 200
            counts.append(counter.count)
        return counts[0], counts[1]

    for _ in range(2):
        make_enrolment(app, make_user(app, Role.TRAINEE), cohort)
    few = statements()
    for _ in range(12):
        make_enrolment(app, make_user(app, Role.TRAINEE), cohort)
    assert statements() == few

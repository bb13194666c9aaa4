"""The enrolment rules, called as services (the forms would hide most of these cases from a browser)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.cohorts import services
from lms.cohorts.models import Cohort, Enrolment, EnrolmentStatus, EnrolmentStatusChange
from lms.errors import DomainError, NotAllowed
from lms.extensions import db
from tests.factories import make_cohort, make_enrolment, make_user


def _count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_status_change_records_who_why_and_an_audit_event(app: Flask) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    enrolment = make_enrolment(app, make_user(app, Role.TRAINEE), make_cohort(app))
    with app.app_context():
        actor = db.session.get(User, coordinator.id)
        target = db.session.get(Enrolment, enrolment.id)
        services.change_status(actor, target, EnrolmentStatus.WITHDRAWN, "Moved to another city.")
        db.session.commit()
        change = db.session.scalar(select(EnrolmentStatusChange))
        assert (change.changed_by_id, change.reason, change.to_status) == (
            actor.id,
            "Moved to another city.",
            "withdrawn",
        )
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "enrolment.withdrawn"))
        assert event.actor_id == actor.id and event.details["reason"] == "Moved to another city."


@pytest.mark.parametrize(
    ("start", "target", "reason", "message"),
    [
        ("completed", "active", "Oops", "not possible"),
        ("withdrawn", "paused", "Why not", "not possible"),
        ("active", "paused", "   ", "reason"),
        ("active", "paused", "x" * 2001, "too long"),
    ],
)
def test_refused_status_changes_write_nothing(app: Flask, start: str, target: str, reason: str, message: str) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    enrolment = make_enrolment(app, make_user(app, Role.TRAINEE), make_cohort(app), status=start)
    with app.app_context():
        actor = db.session.get(User, coordinator.id)
        with pytest.raises(DomainError, match=message):
            services.change_status(actor, db.session.get(Enrolment, enrolment.id), EnrolmentStatus(target), reason)
        db.session.rollback()
        assert db.session.get(Enrolment, enrolment.id).status == start
        assert _count(EnrolmentStatusChange) == 0 and _count(AuditEvent) == 0


def test_nobody_changes_or_creates_their_own_enrolment(app: Flask) -> None:
    person = make_user(app, Role.COORDINATOR, Role.TRAINEE)
    cohort = make_cohort(app)
    enrolment = make_enrolment(app, person, cohort)
    other_cohort = make_cohort(app)
    with app.app_context():
        actor = db.session.get(User, person.id)
        with pytest.raises(NotAllowed):
            services.change_status(actor, db.session.get(Enrolment, enrolment.id), EnrolmentStatus.COMPLETED, "Done")
        with pytest.raises(NotAllowed):
            services.enrol(actor, actor, db.session.get(Cohort, other_cohort.id))
        db.session.rollback()
        assert db.session.get(Enrolment, enrolment.id).status == "active"
        assert _count(Enrolment) == 1


@pytest.mark.parametrize(
    ("roles", "active", "message"),
    [((Role.SUPERVISOR,), True, "Only trainees"), ((Role.TRAINEE,), False, "deactivated")],
)
def test_only_active_trainees_can_be_enrolled(app: Flask, roles: tuple[Role, ...], active: bool, message: str) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    person = make_user(app, *roles, active=active)
    cohort = make_cohort(app)
    with app.app_context():
        with pytest.raises(DomainError, match=message):
            services.enrol(
                db.session.get(User, coordinator.id), db.session.get(User, person.id), db.session.get(Cohort, cohort.id)
            )
        db.session.rollback()
        assert _count(Enrolment) == 0


def test_enrolling_twice_is_refused_with_a_message(app: Flask) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    trainee = make_user(app, Role.TRAINEE)
    cohort = make_cohort(app)
    with app.app_context():
        actor, person = db.session.get(User, coordinator.id), db.session.get(User, trainee.id)
        services.enrol(actor, person, db.session.get(Cohort, cohort.id))
        db.session.commit()
        with pytest.raises(DomainError, match="already enrolled"):
            services.enrol(actor, person, db.session.get(Cohort, cohort.id))
        db.session.rollback()
        assert _count(Enrolment) == 1

"""Programme, cohort and enrolment use cases."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.audit.services import record
from lms.cohorts.models import Cohort, Enrolment, EnrolmentStatus, EnrolmentStatusChange, Programme
from lms.cohorts.rules import can_change
from lms.errors import DomainError, NotAllowed
from lms.extensions import db

MAX_REASON = 2000


def create_programme(
    actor: User, *, title: str, description: str, theory_hours: int, placement_hours: int
) -> Programme:
    title = title.strip()
    if db.session.scalar(select(Programme.id).where(Programme.title == title)) is not None:
        raise DomainError(_l("A programme with this title already exists."), "title")
    if theory_hours < 0 or placement_hours < 0:
        raise DomainError(_l("Hours cannot be negative."), "theory_hours")
    if theory_hours + placement_hours == 0:
        raise DomainError(_l("A programme needs some theory or placement hours."), "theory_hours")
    programme = Programme(
        title=title,
        description=description.strip(),
        required_theory_hours=theory_hours,
        required_placement_hours=placement_hours,
    )
    db.session.add(programme)
    db.session.flush()
    record(actor, "programme.created", programme, theory_hours=theory_hours, placement_hours=placement_hours)
    return programme


def create_cohort(actor: User, programme: Programme, *, name: str, starts_on: date, ends_on: date) -> Cohort:
    name = name.strip()
    if ends_on < starts_on:
        raise DomainError(_l("The end date must be on or after the start date."), "ends_on")
    exists = select(Cohort.id).where(Cohort.programme_id == programme.id, Cohort.name == name)
    if db.session.scalar(exists) is not None:
        raise DomainError(_l("This programme already has a cohort with this name."), "name")
    cohort = Cohort(programme=programme, name=name, starts_on=starts_on, ends_on=ends_on)
    db.session.add(cohort)
    db.session.flush()
    record(actor, "cohort.created", cohort, programme_id=programme.id)
    return cohort


def enrol(actor: User, trainee: User, cohort: Cohort) -> Enrolment:
    """Give a trainee a place in a cohort. Only people holding the trainee role can be enrolled."""
    if trainee.id == actor.id:
        raise NotAllowed(_l("You cannot enrol yourself. Ask another coordinator."), "user")
    if not trainee.active:
        raise DomainError(_l("This account is deactivated."), "user")
    if not trainee.has_role(Role.TRAINEE):
        raise DomainError(_l("Only trainees can be enrolled. Give this person the trainee role first."), "user")
    taken = select(Enrolment.id).where(Enrolment.cohort_id == cohort.id, Enrolment.user_id == trainee.id)
    if db.session.scalar(taken) is not None:
        raise DomainError(_l("This person is already enrolled in this cohort."), "user")
    enrolment = Enrolment(cohort_id=cohort.id, user_id=trainee.id, status=EnrolmentStatus.ACTIVE.value)
    try:
        with db.session.begin_nested():  # two coordinators enrolling the same person at once
            db.session.add(enrolment)
    except IntegrityError:
        raise DomainError(_l("This person is already enrolled in this cohort."), "user") from None
    record(actor, "enrolment.created", enrolment, cohort_id=cohort.id, user_id=trainee.id)
    return enrolment


def change_status(actor: User, enrolment: Enrolment, target: EnrolmentStatus, reason: str) -> EnrolmentStatusChange:
    """Pause, resume, withdraw or complete an enrolment. A reason is always required and kept for good."""
    if enrolment.user_id == actor.id:
        raise NotAllowed(_l("You cannot change your own enrolment. Ask another coordinator."), "status")
    # Lock the row: of two coordinators changing the status at once, the second sees the first's result.
    db.session.refresh(enrolment, with_for_update=True)
    reason = reason.strip()
    current = EnrolmentStatus(enrolment.status)
    if not can_change(current, target):
        raise DomainError(_l("This change of status is not possible from the current status."), "status")
    if not reason:
        raise DomainError(_l("Write the reason for this change."), "reason")
    if len(reason) > MAX_REASON:
        raise DomainError(_l("The reason is too long."), "reason")
    change = EnrolmentStatusChange(
        enrolment=enrolment,
        from_status=current.value,
        to_status=target.value,
        reason=reason,
        changed_by_id=actor.id,
    )
    enrolment.status = target.value
    db.session.add(change)
    db.session.flush()
    record(actor, f"enrolment.{target.value}", enrolment, from_status=current.value, reason=reason)
    return change

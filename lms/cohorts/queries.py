"""Reads for the cohort screens."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from lms.accounts.models import User, UserRole
from lms.accounts.roles import Role
from lms.cohorts.models import Cohort, Enrolment, Programme
from lms.extensions import db


def programmes_with_cohorts() -> list[Programme]:
    return list(
        db.session.scalars(select(Programme).options(selectinload(Programme.cohorts)).order_by(Programme.title))
    )


def enrolment_counts() -> dict[int, int]:
    """Cohort id -> number of enrolments, in one query."""
    rows = db.session.execute(select(Enrolment.cohort_id, func.count()).group_by(Enrolment.cohort_id))
    return {cohort_id: count for cohort_id, count in rows}


def cohort_enrolments(cohort: Cohort) -> list[Enrolment]:
    return list(
        db.session.scalars(
            select(Enrolment)
            .where(Enrolment.cohort_id == cohort.id)
            .join(Enrolment.user)
            .options(selectinload(Enrolment.user))
            .order_by(User.name)
        )
    )


def trainees_not_in(cohort: Cohort) -> list[User]:
    """People holding the trainee role who are not yet enrolled in ``cohort``: the enrol form's choices."""
    enrolled = select(Enrolment.user_id).where(Enrolment.cohort_id == cohort.id)
    return list(
        db.session.scalars(
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.TRAINEE.value, User.id.not_in(enrolled), User.active.is_(True))
            .order_by(User.name)
        )
    )


def all_cohorts() -> list[Cohort]:
    return list(
        db.session.scalars(
            select(Cohort).options(selectinload(Cohort.programme)).order_by(Cohort.starts_on.desc(), Cohort.name)
        )
    )


def enrolments_of(person: User) -> list[Enrolment]:
    """A person's enrolments with cohort and programme loaded, newest first."""
    return list(
        db.session.scalars(
            select(Enrolment)
            .where(Enrolment.user_id == person.id)
            .options(selectinload(Enrolment.cohort).selectinload(Cohort.programme))
            .order_by(Enrolment.enrolled_at.desc())
        )
    )

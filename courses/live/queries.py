"""Reads for live sessions and the cohort progress grid (a fixed number of queries per page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from courses.models import Attendance, LiveSession, Module
from courses.queries import TheoryCredit, curriculum, studyable_lessons, theory_credit
from courses.rules import is_inactive
from lms.accounts.models import User
from lms.cohorts.models import Cohort, Enrolment
from lms.extensions import db


def cohort_sessions(cohort: Cohort) -> list[LiveSession]:
    return list(
        db.session.scalars(
            select(LiveSession)
            .where(LiveSession.cohort_id == cohort.id)
            .options(selectinload(LiveSession.module), selectinload(LiveSession.attendances))
            .order_by(LiveSession.starts_at)
        )
    )


def cohort_enrolments(cohort: Cohort) -> list[Enrolment]:
    return list(
        db.session.scalars(
            select(Enrolment)
            .join(Enrolment.user)
            .where(Enrolment.cohort_id == cohort.id)
            .options(contains_eager(Enrolment.user))
            .order_by(User.name)
        )
    )


def attendance_of(enrolment: Enrolment) -> list[tuple[LiveSession, Attendance | None]]:
    """Every session of the trainee's cohort with the trainee's attendance (None while not recorded)."""
    sessions = db.session.scalars(
        select(LiveSession).where(LiveSession.cohort_id == enrolment.cohort_id).order_by(LiveSession.starts_at)
    ).all()
    marks = {
        a.session_id: a for a in db.session.scalars(select(Attendance).where(Attendance.enrolment_id == enrolment.id))
    }
    return [(session, marks.get(session.id)) for session in sessions]


@dataclass
class GridRow:
    enrolment: Enrolment
    credit: TheoryCredit
    #: module id -> lessons completed in it
    done: dict[int, int]
    inactive: bool


@dataclass
class Grid:
    modules: list[Module]
    #: module id -> number of lessons trainees can complete
    lesson_counts: dict[int, int]
    rows: list[GridRow]


def cohort_grid(cohort: Cohort, now: datetime) -> Grid:
    """Trainees x modules: 1 query for the people, 3 for the curriculum, 3 for the credit; whatever the size."""
    enrolments = cohort_enrolments(cohort)
    modules = curriculum(cohort.programme_id)
    module_of = {lesson.id: module.id for module in modules for lesson in studyable_lessons(module)}
    credits = theory_credit(e.id for e in enrolments)
    rows = []
    for enrolment in enrolments:
        credit = credits[enrolment.id]
        done: dict[int, int] = {}
        for lesson_id in credit.completed_lessons:
            if lesson_id in module_of:
                done[module_of[lesson_id]] = done.get(module_of[lesson_id], 0) + 1
        last = credit.last_activity or enrolment.enrolled_at
        inactive = is_inactive(enrolment.status, last, now)
        rows.append(GridRow(enrolment=enrolment, credit=credit, done=done, inactive=inactive))
    counts = {module.id: len(studyable_lessons(module)) for module in modules}
    return Grid(modules=modules, lesson_counts=counts, rows=rows)

"""Reads shared by the study pages, the dashboards and the cohort grid. Each function is a fixed number of
queries whatever the number of trainees or lessons."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from courses import rules
from courses.models import Attendance, AttendanceStatus, Lesson, LessonCompletion, LessonVersion, Module, StudyPosition
from lms.extensions import db


def curriculum(programme_id: int) -> list[Module]:
    """Modules with their lessons and versions (without the lesson bodies): three queries."""
    return list(
        db.session.scalars(
            select(Module)
            .where(Module.programme_id == programme_id)
            .order_by(Module.position)
            .options(
                selectinload(Module.lessons)
                .selectinload(Lesson.versions)
                .load_only(
                    LessonVersion.id,
                    LessonVersion.lesson_id,
                    LessonVersion.number,
                    LessonVersion.minutes,
                    LessonVersion.titles,
                    LessonVersion.summaries,
                    LessonVersion.crisis_note,
                    LessonVersion.published_at,
                ),
                selectinload(Module.competency_links),
            )
        )
    )


def studyable_lessons(module: Module) -> list[Lesson]:
    """Lessons a trainee sees: published and with a published version."""
    return [lesson for lesson in module.lessons if lesson.published and lesson.live_version is not None]


@dataclass
class TheoryCredit:
    """Minutes of theory credited to one enrolment, from lessons and from live sessions."""

    lesson_minutes: int = 0
    live_minutes: int = 0
    sessions_attended: int = 0
    sessions_expected: int = 0
    completed_lessons: set[int] = field(default_factory=set)
    last_activity: datetime | None = None

    @property
    def minutes(self) -> int:
        return self.lesson_minutes + self.live_minutes

    @property
    def attendance_rate(self) -> float | None:
        return rules.attendance_rate(self.sessions_attended, self.sessions_expected)


def theory_credit(enrolment_ids: Iterable[int]) -> dict[int, TheoryCredit]:
    """Credit for many enrolments at once: three queries."""
    ids = list(enrolment_ids)
    credit = {enrolment_id: TheoryCredit() for enrolment_id in ids}
    if not ids:
        return credit
    completions = db.session.execute(
        select(
            LessonCompletion.enrolment_id,
            LessonCompletion.lesson_id,
            LessonCompletion.minutes_credited,
            LessonCompletion.completed_at,
        ).where(LessonCompletion.enrolment_id.in_(ids))
    )
    for enrolment_id, lesson_id, minutes, completed_at in completions:
        entry = credit[enrolment_id]
        entry.lesson_minutes += minutes
        entry.completed_lessons.add(lesson_id)
        entry.last_activity = max(filter(None, (entry.last_activity, completed_at)))
    attended = case((Attendance.status.in_([AttendanceStatus.PRESENT, AttendanceStatus.LATE]), 1), else_=0)
    expected = case((Attendance.status != AttendanceStatus.EXCUSED, 1), else_=0)
    rows = db.session.execute(
        select(
            Attendance.enrolment_id,
            func.sum(Attendance.minutes_credited),
            func.sum(attended),
            func.sum(expected),
        )
        .where(Attendance.enrolment_id.in_(ids))
        .group_by(Attendance.enrolment_id)
    )
    for enrolment_id, minutes, sessions_attended, sessions_expected in rows:
        entry = credit[enrolment_id]
        entry.live_minutes = int(minutes or 0)
        entry.sessions_attended = int(sessions_attended or 0)
        entry.sessions_expected = int(sessions_expected or 0)
    positions = db.session.execute(
        select(StudyPosition.enrolment_id, StudyPosition.opened_at).where(StudyPosition.enrolment_id.in_(ids))
    )
    for enrolment_id, opened_at in positions:
        entry = credit[enrolment_id]
        entry.last_activity = max(filter(None, (entry.last_activity, opened_at)))
    return credit


def study_position(enrolment_id: int) -> StudyPosition | None:
    return db.session.get(StudyPosition, enrolment_id)

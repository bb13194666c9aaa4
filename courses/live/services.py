"""Scheduling live sessions and recording attendance."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from courses.models import Attendance, AttendanceStatus, LiveSession, Module
from courses.rules import attended_minutes, can_earn_credit
from lms.accounts.models import User
from lms.audit.services import record
from lms.cohorts.models import Cohort, Enrolment
from lms.errors import DomainError
from lms.extensions import db
from lms.timeutil import utcnow

MAX_DURATION = 8 * 60
CREDITED = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE})


def schedule_session(
    actor: User,
    cohort: Cohort,
    *,
    module: Module | None,
    title: str,
    starts_at: datetime,
    duration_minutes: int,
    location: str,
) -> LiveSession:
    if not title.strip():
        raise DomainError(_l("Give the session a title."), "title")
    if not 1 <= duration_minutes <= MAX_DURATION:
        raise DomainError(_l("A session lasts between 1 minute and 8 hours."), "duration")
    if module is not None and module.programme_id != cohort.programme_id:
        raise DomainError(_l("Choose a module of this cohort's programme."), "module")
    session = LiveSession(
        cohort_id=cohort.id,
        module_id=module.id if module else None,
        title=title.strip(),
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location.strip(),
        created_by_id=actor.id,
    )
    db.session.add(session)
    db.session.flush()
    record(actor, "live_session.scheduled", session, cohort_id=cohort.id, starts_at=starts_at.isoformat())
    return session


def record_attendance(actor: User, session: LiveSession, marks: Mapping[int, tuple[AttendanceStatus, int]]) -> int:
    """Record or correct attendance for ``{enrolment_id: (status, minutes_late)}``; returns how many changed.

    Validates every mark before writing any, so a bad one saves nothing.
    """
    enrolments = {
        e.id: e for e in db.session.scalars(select(Enrolment).where(Enrolment.cohort_id == session.cohort_id))
    }
    for enrolment_id, (status, minutes_late) in marks.items():
        if enrolment_id not in enrolments:
            raise DomainError(_l("Attendance can only be recorded for trainees of this cohort."))
        if not can_earn_credit(enrolments[enrolment_id].status) and status in CREDITED:
            raise DomainError(_l("Only trainees with an active place can be marked present or late."))
        if minutes_late < 0 or minutes_late >= session.duration_minutes:
            raise DomainError(_l("Minutes late must be less than the session's length."))
        if minutes_late and status is not AttendanceStatus.LATE:
            raise DomainError(_l("Minutes late only apply to trainees marked late."))
    existing = {a.enrolment_id: a for a in session.attendances}
    changed = 0
    for enrolment_id, (status, minutes_late) in marks.items():
        credited = attended_minutes(status, session.duration_minutes, minutes_late)
        attendance = existing.get(enrolment_id)
        if attendance and (attendance.status, attendance.minutes_late) == (status.value, minutes_late):
            continue
        previous = attendance.status if attendance else None
        if attendance is None:
            attendance = Attendance(session_id=session.id, enrolment_id=enrolment_id)
            db.session.add(attendance)
        attendance.status = status.value
        attendance.minutes_late = minutes_late
        attendance.minutes_credited = credited
        attendance.recorded_at = utcnow()
        attendance.recorded_by_id = actor.id
        db.session.flush()
        record(actor, "attendance.recorded", attendance, status=status.value, previous=previous, minutes=credited)
        changed += 1
    return changed

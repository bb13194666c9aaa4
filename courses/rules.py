"""Pure rules about study and attendance: no session, no request."""

from __future__ import annotations

from datetime import datetime, timedelta

from courses.models import AttendanceStatus
from lms.cohorts.models import EnrolmentStatus

#: Trainees can read in every status; only an active place earns credit (paused keeps what was earned,
#: withdrawn and completed are read-only).
CREDIT_STATUSES = frozenset({EnrolmentStatus.ACTIVE})

#: A trainee with no study activity for this many days is highlighted in the cohort grid.
INACTIVE_AFTER_DAYS = 14


def is_inactive(status: str, last_activity: datetime, now: datetime) -> bool:
    """An active trainee with no study activity for ``INACTIVE_AFTER_DAYS`` needs a call from the coordinator."""
    return EnrolmentStatus(status) is EnrolmentStatus.ACTIVE and now - last_activity >= timedelta(
        days=INACTIVE_AFTER_DAYS
    )


def can_earn_credit(status: str) -> bool:
    return EnrolmentStatus(status) in CREDIT_STATUSES


def attended_minutes(status: AttendanceStatus, duration: int, minutes_late: int) -> int:
    """Present earns the whole session; late earns what was attended; absent and excused earn nothing."""
    if status is AttendanceStatus.PRESENT:
        return duration
    if status is AttendanceStatus.LATE:
        return max(duration - minutes_late, 0)
    return 0


def attendance_rate(attended: int, expected: int) -> float | None:
    """Share of sessions attended (present or late); excused sessions are not expected. None before any."""
    return attended / expected if expected else None

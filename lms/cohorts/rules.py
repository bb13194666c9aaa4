"""Pure rules about enrolments: no session, no request."""

from __future__ import annotations

from lms.cohorts.models import EnrolmentStatus as S

#: Which status changes a coordinator may make by hand. ``completed`` is final; a withdrawn trainee may be
#: re-admitted (a new decision, with its reason, in the same enrolment's history).
ALLOWED_TRANSITIONS: dict[S, frozenset[S]] = {
    S.ACTIVE: frozenset({S.PAUSED, S.WITHDRAWN, S.COMPLETED}),
    S.PAUSED: frozenset({S.ACTIVE, S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.ACTIVE}),
    S.COMPLETED: frozenset(),
}


def can_change(current: S, target: S) -> bool:
    return target in ALLOWED_TRANSITIONS[current]


def next_statuses(current: S) -> list[S]:
    """The choices to offer, in a stable order."""
    return [status for status in S if status in ALLOWED_TRANSITIONS[current]]

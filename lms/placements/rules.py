"""Pure rules of the hour log: no session, no request. Services apply them to what the database holds."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, time

from flask_babel import lazy_gettext as _l

from lms.errors import DomainError
from lms.placements.models import Decision, EntryStatus

MAX_MINUTES_PER_DAY = 12 * 60
#: The default programme asks at least 1 hour of supervision per 20 hours of placement.
SUPERVISION_MINUTES_PER_PLACEMENT_MINUTES = (60, 20 * 60)

#: Entries the trainee may still change.
EDITABLE = frozenset({EntryStatus.DRAFT, EntryStatus.NEEDS_INFO})
#: Entries that take up time in the trainee's day (a rejected entry frees its slot).
OCCUPYING = frozenset({EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.APPROVED, EntryStatus.NEEDS_INFO})

#: Which decision may be taken on an entry in which status, and the status it leads to.
TRANSITIONS: dict[Decision, tuple[EntryStatus, EntryStatus]] = {
    Decision.APPROVE: (EntryStatus.SUBMITTED, EntryStatus.APPROVED),
    Decision.NEEDS_INFO: (EntryStatus.SUBMITTED, EntryStatus.NEEDS_INFO),
    Decision.REJECT: (EntryStatus.SUBMITTED, EntryStatus.REJECTED),
    Decision.WITHDRAW_APPROVAL: (EntryStatus.APPROVED, EntryStatus.SUBMITTED),
}


@dataclass(frozen=True)
class Slot:
    """One entry's time, for overlap and daily-limit checks."""

    worked_on: date
    starts_at: time
    ends_at: time

    @property
    def minutes(self) -> int:
        return (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)

    def overlaps(self, other: Slot) -> bool:
        return self.worked_on == other.worked_on and self.starts_at < other.ends_at and other.starts_at < self.ends_at


def check_slot(slot: Slot, *, today: date, starts_on: date, ends_on: date, same_day: list[Slot]) -> None:
    """Raise a ``DomainError`` on the field at fault; ``same_day`` are the trainee's other occupying entries."""
    if slot.ends_at <= slot.starts_at:
        raise DomainError(_l("The end time must be after the start time."), "ends_at")
    if slot.worked_on > today:
        raise DomainError(_l("You can only log hours that have already happened."), "worked_on")
    if not starts_on <= slot.worked_on <= ends_on:
        raise DomainError(_l("This date is outside the dates of your placement."), "worked_on")
    if any(slot.overlaps(other) for other in same_day):
        raise DomainError(_l("These times overlap another entry of yours on the same day."), "starts_at")
    if (
        slot.minutes + sum(other.minutes for other in same_day if other.worked_on == slot.worked_on)
        > MAX_MINUTES_PER_DAY
    ):
        raise DomainError(_l("That would be more than 12 hours in one day."), "ends_at")


def check_decision(decision: Decision, status: EntryStatus, comment: str) -> EntryStatus:
    """The status a decision leads to, or a ``DomainError`` when it cannot be taken now."""
    before, after = TRANSITIONS[decision]
    if status is not before:
        raise DomainError(_l("This entry has already been decided, or changed. Reload the page to see it now."))
    if decision is not Decision.APPROVE and not comment.strip():
        raise DomainError(_l("Write a short reason, so the trainee knows what to do."), "comment")
    return after


def content_hash(
    worked_on: date, starts_at: time, ends_at: time, category: str, description: str, reflection: str
) -> str:
    """SHA-256 of an entry's content as signed: any later change gives another hash."""
    payload = json.dumps(
        [
            worked_on.isoformat(),
            starts_at.isoformat("minutes"),
            ends_at.isoformat("minutes"),
            category,
            description,
            reflection,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def supervision_ok(supervision_minutes: int, placement_minutes: int) -> bool:
    needed, per = SUPERVISION_MINUTES_PER_PLACEMENT_MINUTES
    return supervision_minutes * per >= placement_minutes * needed

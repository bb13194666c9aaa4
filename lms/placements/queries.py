"""Reads for placements: totals, the supervisor's queue, entry lists. Fixed query counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.accounts.models import User
from lms.cohorts.models import Cohort, Enrolment
from lms.extensions import db
from lms.placements.models import (
    Category,
    Decision,
    EntryDecision,
    EntryRevision,
    EntryStatus,
    HourEntry,
    Placement,
    PlacementSupervisor,
)
from lms.placements.rules import supervision_ok


@dataclass
class Totals:
    """Minutes of one placement by state; only approved minutes count toward the target."""

    target_hours: int
    approved: int = 0
    pending: int = 0
    returned: int = 0
    drafts: int = 0
    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def supervision(self) -> int:
        return self.by_category.get(Category.SUPERVISION.value, 0)

    @property
    def supervision_ok(self) -> bool:
        return supervision_ok(self.supervision, self.approved)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.approved / (self.target_hours * 60))) if self.target_hours else 100


def counted_entries(entries: Iterable[HourEntry]) -> list[HourEntry]:
    """Approved entries that count: an approved correction replaces the entry it corrects."""
    entries = list(entries)
    replaced = {e.corrects_id for e in entries if e.corrects_id and e.status == EntryStatus.APPROVED.value}
    return [e for e in entries if e.status == EntryStatus.APPROVED.value and e.id not in replaced]


def totals(placements: Iterable[Placement]) -> dict[int, Totals]:
    """Totals for many placements in one query."""
    placements = list(placements)
    result = {p.id: Totals(target_hours=p.target_hours) for p in placements}
    if not placements:
        return result
    rows = db.session.scalars(select(HourEntry).where(HourEntry.placement_id.in_(result))).all()
    per_placement: dict[int, list[HourEntry]] = defaultdict(list)
    for entry in rows:
        per_placement[entry.placement_id].append(entry)
    for placement_id, entries in per_placement.items():
        total = result[placement_id]
        for entry in counted_entries(entries):
            total.approved += entry.minutes
            total.by_category[entry.category] = total.by_category.get(entry.category, 0) + entry.minutes
        for entry in entries:
            if entry.status == EntryStatus.SUBMITTED.value:
                total.pending += entry.minutes
            elif entry.status == EntryStatus.NEEDS_INFO.value:
                total.returned += entry.minutes
            elif entry.status == EntryStatus.DRAFT.value:
                total.drafts += entry.minutes
    return result


def placements_of_trainee(user: User) -> list[Placement]:
    return list(
        db.session.scalars(
            select(Placement)
            .join(Enrolment)
            .where(Enrolment.user_id == user.id)
            .options(selectinload(Placement.site), selectinload(Placement.supervisor_links))
            .order_by(Placement.starts_on)
        )
    )


def placements_of_cohort(cohort: Cohort) -> list[Placement]:
    return list(
        db.session.scalars(
            select(Placement)
            .join(Enrolment)
            .where(Enrolment.cohort_id == cohort.id)
            .options(
                selectinload(Placement.site),
                selectinload(Placement.enrolment).selectinload(Enrolment.user),
                selectinload(Placement.supervisor_links).selectinload(PlacementSupervisor.supervisor),
            )
            .order_by(Placement.starts_on)
        )
    )


def entries_of(placement: Placement, sent_only: bool = False) -> list[HourEntry]:
    """A placement's entries, newest first. ``sent_only`` leaves out drafts never sent: they are the trainee's
    own notes until submitted, so coordinators' screens and exports do not show them."""
    query = (
        select(HourEntry)
        .where(HourEntry.placement_id == placement.id)
        .options(selectinload(HourEntry.decisions).selectinload(EntryDecision.decided_by))
        .order_by(HourEntry.worked_on.desc(), HourEntry.starts_at.desc())
    )
    if sent_only:
        query = query.where(HourEntry.id.in_(select(EntryRevision.entry_id)))
    return list(db.session.scalars(query))


def signed_record(placement: Placement) -> list[tuple[HourEntry, EntryDecision]]:
    """The entries that count, oldest first, each with the approval that signs it: the placement record."""
    entries = counted_entries(reversed(entries_of(placement)))
    return [(entry, approval) for entry in entries if (approval := approval_of(entry)) is not None]


def _supervised_by(supervisor: User):  # noqa: ANN202 - a subquery of placement ids
    return select(PlacementSupervisor.placement_id).where(PlacementSupervisor.supervisor_id == supervisor.id)


def supervisor_queue(supervisor: User) -> list[HourEntry]:
    """Submitted entries of the placements this person supervises, oldest first."""
    mine = _supervised_by(supervisor)
    return list(
        db.session.scalars(
            select(HourEntry)
            .join(Placement)
            .where(HourEntry.placement_id.in_(mine), HourEntry.status == EntryStatus.SUBMITTED.value)
            .where(HourEntry.trainee_id != supervisor.id, Placement.closed_at.is_(None))
            .options(selectinload(HourEntry.trainee), selectinload(HourEntry.placement).selectinload(Placement.site))
            .order_by(HourEntry.worked_on, HourEntry.starts_at, HourEntry.id)
        )
    )


def supervised_placements(supervisor: User) -> list[Placement]:
    mine = _supervised_by(supervisor)
    return list(
        db.session.scalars(
            select(Placement)
            .where(Placement.id.in_(mine))
            .options(selectinload(Placement.site), selectinload(Placement.enrolment).selectinload(Enrolment.user))
            .order_by(Placement.starts_on)
        )
    )


def approval_of(entry: HourEntry) -> EntryDecision | None:
    """The approval that currently signs an approved entry (None for any other status)."""
    if entry.status != EntryStatus.APPROVED.value:
        return None
    return next((d for d in reversed(entry.decisions) if d.decision == Decision.APPROVE.value), None)


@dataclass
class HistoryItem:
    kind: str  # "revision" or "decision"
    at: datetime
    row: EntryRevision | EntryDecision


def entry_history(entry: HourEntry) -> list[HistoryItem]:
    """Each submitted version and each decision, in the order they happened."""
    items = [HistoryItem("revision", r.submitted_at, r) for r in entry.revisions]
    items += [HistoryItem("decision", d.decided_at, d) for d in entry.decisions]
    return sorted(items, key=lambda item: (item.at, item.kind == "decision"))


def placements_of_enrolment(enrolment_id: int) -> list[Placement]:
    return list(
        db.session.scalars(
            select(Placement).where(Placement.enrolment_id == enrolment_id).options(selectinload(Placement.site))
        )
    )


def cohort_entries(cohort: Cohort) -> list[HourEntry]:
    """Every sent entry of a cohort's placements, oldest first, with placement, trainee and signers: 5 queries."""
    return list(
        db.session.scalars(
            select(HourEntry)
            .join(Placement)
            .join(Enrolment)
            .where(Enrolment.cohort_id == cohort.id, HourEntry.id.in_(select(EntryRevision.entry_id)))
            .options(
                selectinload(HourEntry.placement).selectinload(Placement.site),
                selectinload(HourEntry.trainee),
                selectinload(HourEntry.decisions).selectinload(EntryDecision.decided_by),
            )
            .order_by(HourEntry.trainee_id, HourEntry.worked_on, HourEntry.starts_at)
        )
    )

"""Placement use cases: set up sites and placements, log hours, sign off, withdraw, close, observe.

Services check the object rules (whose placement, whose entry, which status), raise ``DomainError`` with nothing
saved, add the rows and the audit event, and flush; the request commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select, update

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.audit.services import record
from lms.cohorts.models import Enrolment, EnrolmentStatus
from lms.errors import DomainError, NotAllowed
from lms.extensions import db
from lms.placements.models import (
    Category,
    Decision,
    EntryDecision,
    EntryRevision,
    EntryStatus,
    HourEntry,
    Observation,
    Placement,
    PlacementSite,
    PlacementSupervisor,
)
from lms.placements.notifications import tell_trainee_returned
from lms.placements.rules import EDITABLE, OCCUPYING, Slot, check_decision, check_slot, content_hash
from lms.timeutil import local_today, utcnow

MAX_TEXT = 4000


# --- sites and placements (coordinators) ----------------------------------------------------------------------


def create_site(actor: User, *, organisation: str, service: str, address: str, contact: str) -> PlacementSite:
    if not organisation.strip() or not service.strip():
        raise DomainError(_l("Write the organisation and the service."), "organisation")
    site = PlacementSite(
        organisation=organisation.strip(), service=service.strip(), address=address.strip(), contact=contact.strip()
    )
    db.session.add(site)
    db.session.flush()
    record(actor, "placement_site.created", site)
    return site


def create_placement(
    actor: User,
    enrolment: Enrolment,
    site: PlacementSite,
    supervisors: Iterable[User],
    *,
    starts_on: date,
    ends_on: date,
    target_hours: int | None = None,
) -> Placement:
    """Tie an enrolment to a site and its supervisors; the target defaults to the programme's placement hours."""
    supervisors = list(supervisors)
    if ends_on < starts_on:
        raise DomainError(_l("The end date must be on or after the start date."), "ends_on")
    if not supervisors:
        raise DomainError(_l("Choose at least one supervisor."), "supervisors")
    if any(not s.has_role(Role.SUPERVISOR) for s in supervisors):
        raise DomainError(_l("Only people with the supervisor role can supervise a placement."), "supervisors")
    if any(s.id == enrolment.user_id for s in supervisors):
        raise NotAllowed(_l("Nobody can supervise their own placement."), "supervisors")
    target = target_hours if target_hours is not None else enrolment.cohort.programme.required_placement_hours
    if target <= 0:
        raise DomainError(_l("The target must be at least one hour."), "target_hours")
    placement = Placement(
        enrolment_id=enrolment.id, site_id=site.id, starts_on=starts_on, ends_on=ends_on, target_hours=target
    )
    placement.supervisor_links = [PlacementSupervisor(supervisor_id=s.id) for s in supervisors]
    db.session.add(placement)
    db.session.flush()
    record(
        actor,
        "placement.created",
        placement,
        enrolment_id=enrolment.id,
        site_id=site.id,
        supervisors=sorted(s.id for s in supervisors),
    )
    return placement


def close_placement(actor: User, placement: Placement, reason: str) -> None:
    """Lock the placement: no entry can be added, changed or decided any more."""
    if placement.enrolment.user_id == actor.id:
        raise NotAllowed(_l("Nobody closes their own placement."))
    if placement.closed_at is not None:
        raise DomainError(_l("This placement is already closed."))
    if not reason.strip():
        raise DomainError(_l("Write the reason for closing the placement."), "reason")
    placement.closed_at = utcnow()
    placement.closed_by_id = actor.id
    db.session.flush()
    record(actor, "placement.closed", placement, reason=reason.strip())


# --- the hour log (trainees) -----------------------------------------------------------------------------------


@dataclass
class EntryData:
    worked_on: date
    starts_at: time
    ends_at: time
    category: Category
    description: str
    reflection: str = ""


def _check_open(placement: Placement) -> None:
    if placement.closed_at is not None:
        raise DomainError(_l("This placement is closed: its entries can no longer change."))


def _check_own(trainee: User, placement: Placement) -> None:
    if placement.enrolment.user_id != trainee.id:
        raise NotAllowed(_l("This is not your placement."))


def _check_content(placement: Placement, data: EntryData, trainee_id: int, ignore: set[int]) -> None:
    for field, text in (("description", data.description), ("reflection", data.reflection)):
        if len(text) > MAX_TEXT:
            raise DomainError(_l("This text is too long."), field)
    if not data.description.strip():
        raise DomainError(_l("Describe what you did (not who you supported)."), "description")
    occupying = [status.value for status in OCCUPYING]
    others = db.session.scalars(
        select(HourEntry).where(
            HourEntry.trainee_id == trainee_id,
            HourEntry.worked_on == data.worked_on,
            HourEntry.status.in_(occupying),
            HourEntry.id.not_in(ignore or {0}),
        )
    ).all()
    replaced = {e.corrects_id for e in others if e.corrects_id and e.status == EntryStatus.APPROVED.value}
    replaced |= set(
        db.session.scalars(
            select(HourEntry.corrects_id).where(
                HourEntry.trainee_id == trainee_id,
                HourEntry.status == EntryStatus.APPROVED.value,
                HourEntry.corrects_id.in_([e.id for e in others] or [0]),
            )
        )
    )
    same_day = [Slot(e.worked_on, e.starts_at, e.ends_at) for e in others if e.id not in replaced]
    slot = Slot(data.worked_on, data.starts_at, data.ends_at)
    check_slot(slot, today=local_today(), starts_on=placement.starts_on, ends_on=placement.ends_on, same_day=same_day)


def _apply(entry: HourEntry, data: EntryData) -> None:
    entry.worked_on = data.worked_on
    entry.starts_at = data.starts_at
    entry.ends_at = data.ends_at
    entry.category = data.category.value
    entry.description = data.description.strip()
    entry.reflection = data.reflection.strip()
    entry.updated_at = utcnow()


def create_entry(trainee: User, placement: Placement, data: EntryData, corrects: HourEntry | None = None) -> HourEntry:
    """A new draft. A correction of an approved entry may take that entry's time slot."""
    _check_own(trainee, placement)
    _check_open(placement)
    if placement.enrolment.status != EnrolmentStatus.ACTIVE.value:
        raise DomainError(_l("Your place in the course is not active, so hours cannot be logged now."))
    ignore = {corrects.id} if corrects is not None else set()
    _check_content(placement, data, trainee.id, ignore)
    entry = HourEntry(placement_id=placement.id, trainee_id=trainee.id, corrects_id=corrects.id if corrects else None)
    _apply(entry, data)
    db.session.add(entry)
    db.session.flush()
    record(trainee, "hour_entry.created", entry, corrects=entry.corrects_id)
    return entry


def update_entry(trainee: User, entry: HourEntry, data: EntryData) -> None:
    """Change a draft, or an entry returned for information. Anything else is refused: approved is signed."""
    _check_own(trainee, entry.placement)
    _check_open(entry.placement)
    if EntryStatus(entry.status) not in EDITABLE:
        raise DomainError(_l("This entry can no longer be changed. To correct an approved entry, log a correction."))
    ignore = {entry.id} | ({entry.corrects_id} if entry.corrects_id else set())
    _check_content(entry.placement, data, trainee.id, ignore)
    _apply(entry, data)
    if any(r.revision == entry.revision for r in entry.revisions):
        entry.revision += 1  # the version the supervisor saw stays in the history as it was
    db.session.flush()
    record(trainee, "hour_entry.updated", entry, revision=entry.revision)


def delete_draft(trainee: User, entry: HourEntry) -> None:
    """Only a draft never submitted can go; anything a supervisor has seen stays for good."""
    _check_own(trainee, entry.placement)
    _check_open(entry.placement)
    if entry.status != EntryStatus.DRAFT.value or entry.revisions:
        raise DomainError(_l("Only drafts that were never submitted can be deleted."))
    record(trainee, "hour_entry.deleted", entry, worked_on=entry.worked_on.isoformat())
    db.session.delete(entry)
    db.session.flush()


def submit_all(trainee: User, placement: Placement) -> int:
    """Send every draft and every corrected returned entry of the placement for sign-off."""
    _check_own(trainee, placement)
    sendable = db.session.scalars(
        select(HourEntry).where(
            HourEntry.placement_id == placement.id, HourEntry.status.in_([s.value for s in EDITABLE])
        )
    ).all()
    return submit_entries(trainee, sendable)


def submit_entries(trainee: User, entries: Iterable[HourEntry]) -> int:
    """Send drafts (or corrected returned entries) for sign-off; each submission is kept as a revision."""
    count = 0
    for entry in entries:
        _check_own(trainee, entry.placement)
        _check_open(entry.placement)
        if EntryStatus(entry.status) not in EDITABLE:
            continue
        if any(r.revision == entry.revision for r in entry.revisions):
            entry.revision += 1  # resubmitted unchanged after a question: still a new revision in the history
        digest = _hash(entry)
        db.session.add(
            EntryRevision(
                entry_id=entry.id,
                revision=entry.revision,
                worked_on=entry.worked_on,
                starts_at=entry.starts_at,
                ends_at=entry.ends_at,
                category=entry.category,
                description=entry.description,
                reflection=entry.reflection,
                content_hash=digest,
            )
        )
        entry.status = EntryStatus.SUBMITTED.value
        record(trainee, "hour_entry.submitted", entry, revision=entry.revision, content_hash=digest)
        count += 1
    db.session.flush()
    return count


def correct_entry(trainee: User, original: HourEntry, data: EntryData) -> HourEntry:
    """An approved entry is never edited: the correction is a new entry pointing at it, with its own sign-off."""
    if original.status != EntryStatus.APPROVED.value:
        raise DomainError(_l("Only approved entries are corrected this way; others can be edited."))
    if pending_correction(original) is not None:
        raise DomainError(_l("This entry already has a correction. Change or correct that one instead."))
    return create_entry(trainee, original.placement, data, corrects=original)


def pending_correction(original: HourEntry) -> HourEntry | None:
    """The correction of ``original`` that is not rejected, if any: one at a time, so hours never double."""
    return db.session.scalar(
        select(HourEntry).where(HourEntry.corrects_id == original.id, HourEntry.status != EntryStatus.REJECTED.value)
    )


def _hash(entry: HourEntry) -> str:
    return content_hash(
        entry.worked_on, entry.starts_at, entry.ends_at, entry.category, entry.description, entry.reflection
    )


# --- sign-off (supervisors) and withdrawal (coordinators) -----------------------------------------------------


def decide(
    supervisor: User, entry: HourEntry, decision: Decision, comment: str = "", seen_revision: int | None = None
) -> EntryDecision:
    """Approve, return for information or reject one submitted entry.

    Only a supervisor assigned to the placement decides, never on their own entries. The status changes with
    a conditional UPDATE, so of two decisions racing on one entry exactly one wins; the other gets a message.
    """
    if decision is Decision.WITHDRAW_APPROVAL:
        raise NotAllowed(_l("Only a coordinator can withdraw an approval."))
    if entry.trainee_id == supervisor.id:
        raise NotAllowed(_l("Nobody signs off their own hours."))
    if supervisor.id not in entry.placement.supervisor_ids:
        raise NotAllowed(_l("Only a supervisor of this placement can decide on its hours."))
    _check_open(entry.placement)
    row = _transition(supervisor, entry, decision, comment, seen_revision)
    if decision in (Decision.NEEDS_INFO, Decision.REJECT):
        tell_trainee_returned(entry, decision, comment.strip())
    return row


def decide_many(
    supervisor: User, entries: Iterable[tuple[HourEntry, int]], decision: Decision, comment: str = ""
) -> int:
    """Apply one decision to several (entry, revision seen) pairs, e.g. approve a week; all or nothing."""
    decided = [decide(supervisor, entry, decision, comment, seen) for entry, seen in entries]
    return len(decided)


def withdraw_approval(coordinator: User, entry: HourEntry, reason: str) -> EntryDecision:
    """A coordinator takes back an approval, with a written reason; the entry goes back to the supervisors."""
    if entry.trainee_id == coordinator.id:
        raise NotAllowed(_l("Nobody decides on their own hours."))
    _check_open(entry.placement)
    return _transition(coordinator, entry, Decision.WITHDRAW_APPROVAL, reason, None)


def _transition(
    actor: User, entry: HourEntry, decision: Decision, comment: str, seen_revision: int | None
) -> EntryDecision:
    before = EntryStatus(entry.status)
    after = check_decision(decision, before, comment)
    revision = entry.revision if seen_revision is None else seen_revision
    changed = db.session.execute(
        update(HourEntry)
        .where(HourEntry.id == entry.id, HourEntry.status == before.value, HourEntry.revision == revision)
        .where(~exists().where(Placement.id == HourEntry.placement_id, Placement.closed_at.is_not(None)))
        .values(status=after.value, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        raise DomainError(_l("This entry has already been decided, or changed. Reload the page to see it now."))
    db.session.refresh(entry)
    signed = next((r for r in entry.revisions if r.revision == revision), None)
    digest = signed.content_hash if signed else _hash(entry)
    row = EntryDecision(
        entry_id=entry.id,
        decision=decision.value,
        revision=revision,
        content_hash=digest,
        comment=comment.strip(),
        decided_by_id=actor.id,
    )
    db.session.add(row)
    db.session.flush()
    record(
        actor, f"hour_entry.{decision.value}", entry, revision=revision, content_hash=digest, comment=comment.strip()
    )
    return row


# --- observations -----------------------------------------------------------------------------------------------


def record_observation(
    supervisor: User, placement: Placement, *, observed_on: date, situation: str, strengths: str, to_develop: str
) -> Observation:
    if supervisor.id not in placement.supervisor_ids:
        raise NotAllowed(_l("Only a supervisor of this placement can record observations."))
    if observed_on > local_today():
        raise DomainError(_l("An observation is about something that already happened."), "observed_on")
    if not (situation.strip() and strengths.strip() and to_develop.strip()):
        raise DomainError(_l("Fill in the situation, the strengths and what to develop."), "situation")
    observation = Observation(
        placement_id=placement.id,
        observed_on=observed_on,
        situation=situation.strip(),
        strengths=strengths.strip(),
        to_develop=to_develop.strip(),
        supervisor_id=supervisor.id,
    )
    db.session.add(observation)
    db.session.flush()
    record(supervisor, "observation.recorded", observation, placement_id=placement.id)
    return observation


# --- who sees what ------------------------------------------------------------------------------------------


def check_can_view(user: User, placement: Placement, entry: HourEntry | None = None) -> None:
    """The trainee and the placement's supervisors see its entries; coordinators see entries once sent (a
    draft never sent is the trainee's own note). Admins run the system, not the training: they do not."""
    if placement.enrolment.user_id == user.id or user.id in placement.supervisor_ids:
        return
    if user.has_role(Role.COORDINATOR) and (entry is None or entry.revisions):
        return
    raise NotAllowed(_l("This placement is not yours to see."))


def can_read_reflection(user: User, placement: Placement) -> bool:
    """Reflections are private to the trainee and the placement's supervisors (not coordinators)."""
    return placement.enrolment.user_id == user.id or user.id in placement.supervisor_ids

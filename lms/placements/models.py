"""Placement sites, placements, the hour log with its sign-off, and supervisors' observations.

An hour entry's content is edited only while it is a draft or returned for information; every submitted state is
kept as a revision, every decision as its own row, and an approval carries the SHA-256 of the content signed.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.accounts.models import User
from lms.cohorts.models import Enrolment
from lms.extensions import db
from lms.schema import one_of
from lms.timeutil import utcnow


class Category(StrEnum):
    SHADOWING = "shadowing"
    CO_FACILITATION = "co_facilitation"
    ONE_TO_ONE = "one_to_one"
    TEAM_MEETING = "team_meeting"
    SUPERVISION = "supervision"
    OTHER = "other"


CATEGORY_LABELS = {
    Category.SHADOWING: _l("Shadowing"),
    Category.CO_FACILITATION: _l("Co-facilitating a group"),
    Category.ONE_TO_ONE: _l("One-to-one support under supervision"),
    Category.TEAM_MEETING: _l("Team meeting"),
    Category.SUPERVISION: _l("Supervision session"),
    Category.OTHER: _l("Other"),
}


class EntryStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    NEEDS_INFO = "needs_info"
    REJECTED = "rejected"


ENTRY_STATUS_LABELS = {
    EntryStatus.DRAFT: _l("Draft"),
    EntryStatus.SUBMITTED: _l("Waiting for sign-off"),
    EntryStatus.APPROVED: _l("Approved"),
    EntryStatus.NEEDS_INFO: _l("Returned for information"),
    EntryStatus.REJECTED: _l("Rejected"),
}


class Decision(StrEnum):
    APPROVE = "approve"
    NEEDS_INFO = "needs_info"
    REJECT = "reject"
    WITHDRAW_APPROVAL = "withdraw_approval"


DECISION_LABELS = {
    Decision.APPROVE: _l("Approved and signed"),
    Decision.NEEDS_INFO: _l("Returned for information"),
    Decision.REJECT: _l("Rejected"),
    Decision.WITHDRAW_APPROVAL: _l("Approval withdrawn by the coordinator"),
}


class PlacementSite(db.Model):
    """A community rehabilitation service (or similar) that hosts trainees."""

    __tablename__ = "placement_sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200))
    service: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def name(self) -> str:
        return f"{self.organisation}: {self.service}"


class Placement(db.Model):
    """One trainee's practice at one site, between two dates, toward a number of hours."""

    __tablename__ = "placements"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="dates"),
        CheckConstraint("target_hours > 0", name="target_hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("placement_sites.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    target_hours: Mapped[int]
    #: A closed placement locks all its entries.
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    enrolment: Mapped[Enrolment] = relationship()
    site: Mapped[PlacementSite] = relationship()
    supervisor_links: Mapped[list[PlacementSupervisor]] = relationship(cascade="all, delete-orphan")

    @property
    def supervisor_ids(self) -> set[int]:
        return {link.supervisor_id for link in self.supervisor_links}


class PlacementSupervisor(db.Model):
    """A supervisor assigned to a placement: only they may decide on its entries."""

    __tablename__ = "placement_supervisors"

    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), primary_key=True)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)

    supervisor: Mapped[User] = relationship()


class HourEntry(db.Model):
    """Time the trainee spent in practice. Counts only once approved; never edited or deleted after that."""

    __tablename__ = "hour_entries"
    __table_args__ = (
        one_of("status", EntryStatus, "status"),
        one_of("category", Category, "category"),
        CheckConstraint("ends_at > starts_at", name="times"),
        Index("ix_hour_entries_placement_status", "placement_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"))
    #: The trainee, kept here so overlaps across placements are one query.
    trainee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    worked_on: Mapped[date]
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    category: Mapped[str] = mapped_column(String(20))
    #: What the trainee did, never who they supported.
    description: Mapped[str] = mapped_column(Text)
    #: Seen by the trainee and the placement's supervisors only.
    reflection: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default=EntryStatus.DRAFT.value)
    #: Bumped on every change; a decision names the revision it saw, so of two racing decisions one wins.
    revision: Mapped[int] = mapped_column(default=1)
    #: A correction of an approved entry points at it and needs its own sign-off.
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("hour_entries.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    placement: Mapped[Placement] = relationship()
    trainee: Mapped[User] = relationship()
    decisions: Mapped[list[EntryDecision]] = relationship(back_populates="entry", order_by="EntryDecision.id")
    revisions: Mapped[list[EntryRevision]] = relationship(order_by="EntryRevision.id")

    @property
    def minutes(self) -> int:
        start = self.starts_at.hour * 60 + self.starts_at.minute
        end = self.ends_at.hour * 60 + self.ends_at.minute
        return end - start


class EntryRevision(db.Model):
    """The content of an entry each time it was submitted: its history, version by version."""

    __tablename__ = "hour_entry_revisions"
    __table_args__ = (UniqueConstraint("entry_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("hour_entries.id"), index=True)
    revision: Mapped[int]
    worked_on: Mapped[date]
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    reflection: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)


class EntryDecision(db.Model):
    """A supervisor's decision (or a coordinator's withdrawal of an approval). An approval is a signature."""

    __tablename__ = "hour_entry_decisions"
    __table_args__ = (one_of("decision", Decision, "decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("hour_entries.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    #: The entry revision decided on; for an approval, ``content_hash`` is the SHA-256 of that content.
    revision: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)

    entry: Mapped[HourEntry] = relationship(back_populates="decisions")
    decided_by: Mapped[User] = relationship()


class Observation(db.Model):
    """A supervisor's structured observation of the trainee's practice (rated later by assessors)."""

    __tablename__ = "placement_observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    observed_on: Mapped[date]
    situation: Mapped[str] = mapped_column(Text)
    strengths: Mapped[str] = mapped_column(Text)
    to_develop: Mapped[str] = mapped_column(Text)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    placement: Mapped[Placement] = relationship()
    supervisor: Mapped[User] = relationship()

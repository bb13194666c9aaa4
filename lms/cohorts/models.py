"""Programme, cohort, enrolment and the history of an enrolment's status."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.accounts.models import User
from lms.extensions import db
from lms.schema import one_of
from lms.timeutil import utcnow


class EnrolmentStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"


STATUS_LABELS = {
    EnrolmentStatus.ACTIVE: _l("Active"),
    EnrolmentStatus.PAUSED: _l("Paused"),
    EnrolmentStatus.WITHDRAWN: _l("Withdrawn"),
    EnrolmentStatus.COMPLETED: _l("Completed"),
}


class Programme(db.Model):
    """A training programme and the hours it requires; other peer-support programmes differ only in data."""

    __tablename__ = "programmes"
    __table_args__ = (
        CheckConstraint("required_theory_hours >= 0", name="theory_hours"),
        CheckConstraint("required_placement_hours >= 0", name="placement_hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    #: Online lessons plus attended live sessions.
    required_theory_hours: Mapped[int]
    #: Hours approved by a placement supervisor.
    required_placement_hours: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    cohorts: Mapped[list[Cohort]] = relationship(back_populates="programme", order_by="Cohort.starts_on")

    @property
    def total_hours(self) -> int:
        return self.required_theory_hours + self.required_placement_hours


class Cohort(db.Model):
    """A group of trainees who go through a programme together (about ten)."""

    __tablename__ = "cohorts"
    __table_args__ = (
        UniqueConstraint("programme_id", "name"),
        CheckConstraint("ends_on >= starts_on", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    programme: Mapped[Programme] = relationship(back_populates="cohorts")
    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="cohort")


class Enrolment(db.Model):
    """A trainee's place in a cohort. The status changes only through ``change_status`` (history kept)."""

    __tablename__ = "enrolments"
    __table_args__ = (
        UniqueConstraint("cohort_id", "user_id"),
        one_of("status", EnrolmentStatus, "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=EnrolmentStatus.ACTIVE.value)
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="enrolments")
    user: Mapped[User] = relationship()
    changes: Mapped[list[EnrolmentStatusChange]] = relationship(
        back_populates="enrolment", order_by="EnrolmentStatusChange.id"
    )

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[EnrolmentStatus(self.status)])


class EnrolmentStatusChange(db.Model):
    """One change of an enrolment's status, with the reason and who made it. Only ever added."""

    __tablename__ = "enrolment_status_changes"
    __table_args__ = (
        one_of("to_status", EnrolmentStatus, "to_status"),
        one_of("from_status", EnrolmentStatus, "from_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    enrolment: Mapped[Enrolment] = relationship(back_populates="changes")
    changed_by: Mapped[User | None] = relationship()

"""Curriculum (modules, lessons and their versions), study progress, live sessions and attendance.

Texts that exist in several languages are JSON objects keyed by language code (``{"en": ..., "ca": ...}``);
English is always present and is the fallback.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.cohorts.models import Cohort, Enrolment, Programme
from lms.extensions import db
from lms.schema import one_of
from lms.timeutil import utcnow

FALLBACK_LANGUAGE = "en"


def localised(texts: dict[str, Any] | None, language: str) -> tuple[Any, bool]:
    """Return the text in ``language`` and whether it fell back to English."""
    texts = texts or {}
    if texts.get(language):
        return texts[language], False
    return texts.get(FALLBACK_LANGUAGE, ""), language != FALLBACK_LANGUAGE


class Module(db.Model):
    """A module of a programme's theory curriculum, e.g. "Crisis prevention and management"."""

    __tablename__ = "course_modules"
    __table_args__ = (
        UniqueConstraint("programme_id", "slug"),
        CheckConstraint("hours >= 0", name="hours"),
        CheckConstraint("live_hours >= 0 AND live_hours <= hours", name="live_hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    #: Theory hours the module is worth: online lessons plus ``live_hours`` of live sessions.
    hours: Mapped[int]
    live_hours: Mapped[int] = mapped_column(default=0)
    titles: Mapped[dict[str, str]] = mapped_column(JSON)
    summaries: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: Learning outcomes, Markdown.
    outcomes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    programme: Mapped[Programme] = relationship()
    lessons: Mapped[list[Lesson]] = relationship(back_populates="module", order_by="Lesson.position")
    competency_links: Mapped[list[ModuleCompetency]] = relationship(
        cascade="all, delete-orphan", order_by="ModuleCompetency.competency_number"
    )

    @property
    def competencies(self) -> list[int]:
        return [link.competency_number for link in self.competency_links]

    def title(self, language: str) -> str:
        return localised(self.titles, language)[0]

    def summary(self, language: str) -> str:
        return localised(self.summaries, language)[0]


class ModuleCompetency(db.Model):
    """Which competencies a module serves. A plain number for now; the assessment issue adds the framework."""

    __tablename__ = "module_competencies"

    module_id: Mapped[int] = mapped_column(ForeignKey("course_modules.id", ondelete="CASCADE"), primary_key=True)
    competency_number: Mapped[int] = mapped_column(primary_key=True)


class Lesson(db.Model):
    """A lesson; its content lives in versions. Trainees see the newest published version."""

    __tablename__ = "lessons"
    __table_args__ = (UniqueConstraint("module_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("course_modules.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    #: Hidden lessons are not shown to trainees and do not count toward a module's completion.
    published: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    module: Mapped[Module] = relationship(back_populates="lessons")
    versions: Mapped[list[LessonVersion]] = relationship(
        back_populates="lesson", order_by="LessonVersion.number", foreign_keys="LessonVersion.lesson_id"
    )

    @property
    def live_version(self) -> LessonVersion | None:
        """The newest published version (what trainees study)."""
        published = [v for v in self.versions if v.published_at is not None]
        return published[-1] if published else None

    @property
    def latest_version(self) -> LessonVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def last_imported(self) -> LessonVersion | None:
        imported = [v for v in self.versions if v.source == "import"]
        return imported[-1] if imported else None


class LessonVersion(db.Model):
    """One immutable state of a lesson's content. An edit or a changed import file adds a version."""

    __tablename__ = "lesson_versions"
    __table_args__ = (
        UniqueConstraint("lesson_id", "number"),
        CheckConstraint("minutes > 0", name="minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"), index=True)
    number: Mapped[int]
    #: Declared study time; credited once when a trainee completes the lesson.
    minutes: Mapped[int]
    #: The lesson discusses crisis, self-harm or suicide: show a content note and the crisis lines.
    crisis_note: Mapped[bool] = mapped_column(default=False)
    titles: Mapped[dict[str, str]] = mapped_column(JSON)
    summaries: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    easy_reads: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: Markdown; shown sanitised.
    bodies: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: SHA-256 of the content, so an unchanged import adds no version.
    content_hash: Mapped[str] = mapped_column(String(64))
    #: ``None`` while a draft made in the editor waits to be published.
    published_at: Mapped[datetime | None]
    #: ``import`` (from content files) or ``editor`` (saved in the browser): an import never overwrites edits.
    source: Mapped[str] = mapped_column(String(10), default="import", server_default="import")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    lesson: Mapped[Lesson] = relationship(back_populates="versions", foreign_keys=[lesson_id])

    def title(self, language: str) -> str:
        return localised(self.titles, language)[0]


class LessonCompletion(db.Model):
    """A trainee completed a lesson: the minutes of the version they studied are credited, once."""

    __tablename__ = "lesson_completions"
    __table_args__ = (UniqueConstraint("enrolment_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id"), index=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"), index=True)
    lesson_version_id: Mapped[int] = mapped_column(ForeignKey("lesson_versions.id"))
    minutes_credited: Mapped[int]
    completed_at: Mapped[datetime] = mapped_column(default=utcnow)

    enrolment: Mapped[Enrolment] = relationship()
    lesson: Mapped[Lesson] = relationship()
    lesson_version: Mapped[LessonVersion] = relationship()


class StudyPosition(db.Model):
    """The lesson a trainee opened last, for "Continue where I left off" and the last-activity column."""

    __tablename__ = "study_positions"

    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id"), primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)

    lesson: Mapped[Lesson] = relationship()


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    EXCUSED = "excused"


ATTENDANCE_LABELS = {
    AttendanceStatus.PRESENT: _l("Present"),
    AttendanceStatus.LATE: _l("Late"),
    AttendanceStatus.ABSENT: _l("Absent"),
    AttendanceStatus.EXCUSED: _l("Excused"),
}


class LiveSession(db.Model):
    """A classroom or video session of a cohort, usually for one module."""

    __tablename__ = "live_sessions"
    __table_args__ = (CheckConstraint("duration_minutes > 0", name="duration"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)
    module_id: Mapped[int | None] = mapped_column(ForeignKey("course_modules.id"))
    title: Mapped[str] = mapped_column(String(200))
    #: Wall-clock time at the venue (Europe/Madrid), as people read it on the timetable.
    starts_at: Mapped[datetime]
    duration_minutes: Mapped[int]
    #: Room, address or video-call name (not a link to follow: no external fetches).
    location: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    cohort: Mapped[Cohort] = relationship()
    module: Mapped[Module | None] = relationship()
    attendances: Mapped[list[Attendance]] = relationship(back_populates="session")


class Attendance(db.Model):
    """Whether a trainee attended a live session; present or late time is credited as theory."""

    __tablename__ = "attendances"
    __table_args__ = (
        UniqueConstraint("session_id", "enrolment_id"),
        one_of("status", AttendanceStatus, "status"),
        CheckConstraint("minutes_late >= 0", name="minutes_late"),
        Index("ix_attendances_enrolment_id", "enrolment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_sessions.id"), index=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id"))
    status: Mapped[str] = mapped_column(String(10))
    minutes_late: Mapped[int] = mapped_column(default=0)
    minutes_credited: Mapped[int] = mapped_column(default=0)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    session: Mapped[LiveSession] = relationship(back_populates="attendances")
    enrolment: Mapped[Enrolment] = relationship()

"""Study use cases: open a lesson, mark it complete."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from courses.models import Lesson, LessonCompletion, LessonVersion, StudyPosition
from courses.rules import can_earn_credit
from lms.accounts.models import User
from lms.audit.services import record
from lms.cohorts.models import Enrolment
from lms.errors import DomainError, NotAllowed
from lms.extensions import db
from lms.timeutil import utcnow


def check_own(trainee: User, enrolment: Enrolment) -> None:
    """Trainees see only their own enrolments (the object rule behind every study page)."""
    if enrolment.user_id != trainee.id:
        raise NotAllowed(_l("This is not your course."))


def check_lesson_in_course(enrolment: Enrolment, lesson: Lesson) -> None:
    if lesson.module.programme_id != enrolment.cohort.programme_id or not lesson.published:
        raise NotAllowed(_l("This lesson is not part of your course."))
    if lesson.live_version is None:
        raise NotAllowed(_l("This lesson is not published yet."))


def open_lesson(trainee: User, enrolment: Enrolment, lesson: Lesson) -> None:
    """Remember where the trainee is, for "Continue where I left off". Read-only places remember nothing."""
    check_own(trainee, enrolment)
    check_lesson_in_course(enrolment, lesson)
    if not can_earn_credit(enrolment.status):
        return
    position = db.session.get(StudyPosition, enrolment.id)
    if position is None:
        db.session.add(StudyPosition(enrolment_id=enrolment.id, lesson_id=lesson.id, opened_at=utcnow()))
    else:
        position.lesson_id = lesson.id
        position.opened_at = utcnow()
    db.session.flush()


def complete_lesson(
    trainee: User, enrolment: Enrolment, lesson: Lesson, version_id: int | None = None
) -> tuple[LessonCompletion, bool]:
    """Credit the lesson's declared minutes once, tied to the version studied; returns the completion and
    whether it is new. A second click changes nothing."""
    check_own(trainee, enrolment)
    check_lesson_in_course(enrolment, lesson)
    if not can_earn_credit(enrolment.status):
        raise DomainError(_l("Your place in the course is not active, so lessons cannot be completed now."))
    existing = _completion(enrolment, lesson)
    if existing is not None:
        return existing, False
    version = _studied_version(lesson, version_id)
    completion = LessonCompletion(
        enrolment_id=enrolment.id, lesson_id=lesson.id, lesson_version_id=version.id, minutes_credited=version.minutes
    )
    try:
        with db.session.begin_nested():  # a double click racing itself: the unique constraint decides
            db.session.add(completion)
    except IntegrityError:
        return _completion(enrolment, lesson), False
    record(
        trainee, "lesson.completed", completion, lesson_id=lesson.id, version=version.number, minutes=version.minutes
    )
    db.session.flush()
    return completion, True


def _studied_version(lesson: Lesson, version_id: int | None) -> LessonVersion:
    """The version the trainee had on screen (a newer one may have been published since): credit that one."""
    published = {v.id: v for v in lesson.versions if v.published_at is not None}
    return published.get(version_id) or lesson.live_version


def _completion(enrolment: Enrolment, lesson: Lesson) -> LessonCompletion | None:
    return db.session.scalar(
        select(LessonCompletion).where(
            LessonCompletion.enrolment_id == enrolment.id, LessonCompletion.lesson_id == lesson.id
        )
    )

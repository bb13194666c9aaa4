"""Authoring use cases. Versions are never edited: a save adds one, publishing marks one as live."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from courses.content import LANGUAGES, content_hash
from courses.models import Lesson, LessonVersion, Module
from lms.accounts.models import User
from lms.audit.services import record
from lms.errors import DomainError
from lms.extensions import db
from lms.timeutil import utcnow

MAX_MINUTES = 600  # also the editor form's limit


def _with(texts: dict[str, str], language: str, value: str) -> dict[str, str]:
    updated = dict(texts)
    value = value.replace("\r\n", "\n").strip()  # browsers send CRLF; stored texts use LF
    if value:
        updated[language] = value
    else:
        updated.pop(language, None)
    return updated


def save_draft(
    actor: User,
    lesson: Lesson,
    language: str,
    *,
    title: str,
    summary: str,
    easy_read: str,
    body: str,
    minutes: int,
    crisis_note: bool,
) -> LessonVersion:
    """Add a new, unpublished version with this language's texts changed; other languages are carried over."""
    if language not in LANGUAGES:
        raise DomainError(_l("Choose one of the offered languages."), "language")
    if language == "en" and not title.strip():
        raise DomainError(_l("The English title cannot be empty."), "title")
    if not 1 <= minutes <= MAX_MINUTES:
        raise DomainError(_l("Study minutes must be between 1 and %(max)d.", max=MAX_MINUTES), "minutes")
    latest = lesson.latest_version
    texts = {
        "titles": _with(latest.titles if latest else {}, language, title),
        "summaries": _with(latest.summaries if latest else {}, language, summary),
        "easy_reads": _with(latest.easy_reads if latest else {}, language, easy_read),
        "bodies": _with(latest.bodies if latest else {}, language, body),
    }
    digest = content_hash(minutes, crisis_note, *texts.values())
    if latest is not None and latest.content_hash == digest:
        raise DomainError(_l("Nothing has changed, so no new version was saved."))
    version = LessonVersion(
        lesson_id=lesson.id,
        number=(latest.number + 1) if latest else 1,
        minutes=minutes,
        crisis_note=crisis_note,
        content_hash=digest,
        source="editor",
        created_by_id=actor.id,
        **texts,
    )
    lesson.versions.append(version)
    db.session.flush()
    record(actor, "lesson.version_saved", lesson, version=version.number, language=language)
    return version


def publish_latest(actor: User, lesson: Lesson) -> LessonVersion:
    """Make the newest version the one trainees study; completions of older versions keep their credit."""
    latest = lesson.latest_version
    if latest is None or latest.published_at is not None:
        raise DomainError(_l("There is no new version to publish."))
    latest.published_at = utcnow()
    db.session.flush()
    record(actor, "lesson.published", lesson, version=latest.number)
    return latest


def set_visibility(actor: User, lesson: Lesson, visible: bool) -> None:
    """Hide a lesson from trainees (or show it again); its versions and completions stay."""
    if lesson.published == visible:
        return
    lesson.published = visible
    db.session.flush()
    record(actor, "lesson.shown" if visible else "lesson.hidden", lesson)


def _swap(siblings: list, item: object, direction: int) -> bool:
    """Renumber ``siblings`` 1..n in their order, then swap ``item`` with its neighbour; False at an end."""
    for number, sibling in enumerate(siblings, start=1):
        sibling.position = number
    index = siblings.index(item)
    other = index + direction
    if not 0 <= other < len(siblings):
        return False
    siblings[index].position, siblings[other].position = siblings[other].position, siblings[index].position
    return True


#: How each orderable kind finds its siblings, and the audit action for a move.
_ORDERING = {Lesson: ("module_id", "lesson.moved"), Module: ("programme_id", "module.moved")}


def move(actor: User, item: Lesson | Module, direction: int) -> bool:
    """Move a lesson within its module, or a module within its programme, one place up (-1) or down (+1)."""
    model = type(item)
    parent, action = _ORDERING[model]
    query = select(model).where(getattr(model, parent) == getattr(item, parent)).order_by(model.position, model.id)
    moved = _swap(list(db.session.scalars(query)), item, direction)
    if moved:
        record(actor, action, item, position=item.position)
    db.session.flush()
    return moved

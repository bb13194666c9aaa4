"""``flask courses import`` and ``export``: content files <-> database, idempotently.

Importing the same files twice changes nothing. A lesson whose content changed gets a new published version;
completions stay tied to the version each trainee studied. Lessons missing from the files are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from courses.content import LessonSource, ModuleSource, ProgrammeSource
from courses.models import Lesson, LessonVersion, Module, ModuleCompetency
from lms.accounts.models import User
from lms.audit.services import record
from lms.cohorts.models import Programme
from lms.extensions import db
from lms.timeutil import utcnow


@dataclass
class ImportReport:
    programme: Programme
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: Lessons whose file changed while someone also edited them in the browser: left as they are.
    conflicts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.new_versions)


def import_programme(source: ProgrammeSource, actor: User | None = None, overwrite: bool = False) -> ImportReport:
    """Create or update the programme, its modules and lessons from ``source``; the caller commits.

    A file is compared with the last version imported from files, so lessons edited in the browser since are
    not touched while their file is unchanged; when both changed it is a conflict, left alone unless
    ``overwrite`` (then the file wins, as a new version; nothing is deleted).
    """
    programme = db.session.scalar(select(Programme).where(Programme.title == source.title))
    if programme is None:
        programme = Programme(
            title=source.title, description=source.description, required_theory_hours=0, required_placement_hours=0
        )
        db.session.add(programme)
    report = ImportReport(programme=programme)
    if programme.id is None:
        report.created.append(f"programme {source.title}")
    programme.description = source.description
    programme.required_theory_hours = source.theory_hours
    programme.required_placement_hours = source.placement_hours
    db.session.flush()
    for module_source in source.modules:
        _import_module(programme, module_source, actor, report, overwrite)
    if report.changed:
        record(actor, "curriculum.imported", programme, created=len(report.created), versions=len(report.new_versions))
    db.session.flush()
    return report


def _import_module(
    programme: Programme, source: ModuleSource, actor: User | None, report: ImportReport, overwrite: bool
) -> None:
    module = db.session.scalar(select(Module).where(Module.programme_id == programme.id, Module.slug == source.slug))
    if module is None:
        module = Module(programme_id=programme.id, slug=source.slug)
        db.session.add(module)
        report.created.append(f"module {source.slug}")
    module.position = source.position
    module.hours = source.hours
    module.live_hours = source.live_hours
    module.titles = source.titles
    module.summaries = source.summaries
    module.outcomes = source.outcomes
    if module.competencies != sorted(source.competencies):
        module.competency_links = [ModuleCompetency(competency_number=n) for n in sorted(set(source.competencies))]
    db.session.flush()
    for lesson_source in source.lessons:
        _import_lesson(module, lesson_source, actor, report, overwrite)


def _import_lesson(
    module: Module, source: LessonSource, actor: User | None, report: ImportReport, overwrite: bool
) -> None:
    lesson = db.session.scalar(select(Lesson).where(Lesson.module_id == module.id, Lesson.slug == source.slug))
    if lesson is None:
        lesson = Lesson(module_id=module.id, slug=source.slug, position=source.position)
        db.session.add(lesson)
        db.session.flush()
        report.created.append(f"lesson {module.slug}/{source.slug}")
    lesson.position = source.position
    latest, imported = lesson.latest_version, lesson.last_imported
    digest = source.content_hash()
    if imported is not None and imported.content_hash == digest:
        report.unchanged += 1
        return
    if latest is not None and latest.source == "editor" and not overwrite:
        report.conflicts.append(f"{module.slug}/{source.slug}")
        return
    version = LessonVersion(
        lesson_id=lesson.id,
        number=(latest.number + 1) if latest else 1,
        minutes=source.minutes,
        crisis_note=source.crisis_note,
        titles=source.titles,
        summaries=source.summaries,
        easy_reads=source.easy_reads,
        bodies=source.bodies,
        content_hash=digest,
        source="import",
        published_at=utcnow(),
        created_by_id=actor.id if actor else None,
    )
    lesson.versions.append(version)
    if latest is not None:
        report.new_versions.append(f"{module.slug}/{source.slug} v{version.number}")


def export_programme(programme: Programme) -> ProgrammeSource:
    """The programme's current curriculum (published versions) as content-file data."""
    modules = db.session.scalars(
        select(Module).where(Module.programme_id == programme.id).order_by(Module.position)
    ).all()
    return ProgrammeSource(
        title=programme.title,
        description=programme.description,
        theory_hours=programme.required_theory_hours,
        placement_hours=programme.required_placement_hours,
        modules=[_export_module(module) for module in modules],
    )


def _export_module(module: Module) -> ModuleSource:
    lessons = []
    for lesson in module.lessons:
        version = lesson.live_version
        if version is None:
            continue
        lessons.append(
            LessonSource(
                slug=lesson.slug,
                position=lesson.position,
                minutes=version.minutes,
                crisis_note=version.crisis_note,
                titles=dict(version.titles),
                summaries=dict(version.summaries),
                easy_reads=dict(version.easy_reads),
                bodies=dict(version.bodies),
            )
        )
    return ModuleSource(
        slug=module.slug,
        position=module.position,
        hours=module.hours,
        live_hours=module.live_hours,
        competencies=module.competencies,
        titles=dict(module.titles),
        summaries=dict(module.summaries),
        outcomes=dict(module.outcomes),
        lessons=lessons,
    )

"""The bundled curriculum is complete and consistent, and importing it is idempotent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from courses import DEFAULT_CONTENT
from courses.content import ContentError, read_programme, write_programme
from courses.importing import export_programme
from courses.models import Lesson, LessonCompletion, LessonVersion, Module
from lms.cohorts.models import Programme
from lms.extensions import db
from tests.factories import load_curriculum

SOURCE = read_programme(DEFAULT_CONTENT)


def test_default_curriculum_follows_the_programme() -> None:
    assert SOURCE.title == "Peer-support agent in mental health (160 h)"
    assert (SOURCE.theory_hours, SOURCE.placement_hours) == (100, 60)
    assert len(SOURCE.modules) == 11
    assert sum(module.hours for module in SOURCE.modules) == SOURCE.theory_hours
    crisis = next(m for m in SOURCE.modules if m.slug == "crisis-prevention-management")
    assert crisis.competencies == [8] and all(lesson.crisis_note for lesson in crisis.lessons)


@pytest.mark.parametrize("module", SOURCE.modules, ids=lambda m: m.slug)
def test_every_module_is_complete(module) -> None:  # noqa: ANN001
    assert set(module.titles) == set(module.summaries) == {"en", "ca", "es"}
    assert "Learning outcomes" in module.outcomes["en"]
    assert module.lessons, "a module needs lessons"
    online = sum(lesson.minutes for lesson in module.lessons)
    assert online == (module.hours - module.live_hours) * 60, "lesson minutes + live hours = module hours"
    for lesson in module.lessons:
        assert set(lesson.titles) == set(lesson.summaries) == {"en", "ca", "es"}, lesson.slug
        assert set(lesson.easy_reads) == {"en", "ca", "es"}, lesson.slug
        body = lesson.bodies["en"]
        for section in ("## Key ideas", "## Activity", "## Reflective questions"):
            assert section in body, (lesson.slug, section)
        assert len(body.split()) > 500, lesson.slug
        assert "<" not in re.sub(r"<-|->", "", body), f"{lesson.slug}: no HTML in lessons"
        if lesson.crisis_note:
            assert "112" in body and "024" in body, lesson.slug


def test_import_creates_everything_once(app: Flask) -> None:
    first = load_curriculum(app)
    assert first.changed and first.new_versions == []
    second = load_curriculum(app)
    assert not second.changed and second.unchanged == sum(len(m.lessons) for m in SOURCE.modules)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Programme)) == 1
        assert db.session.scalar(select(func.count()).select_from(Module)) == 11
        lessons = db.session.scalar(select(func.count()).select_from(Lesson))
        assert db.session.scalar(select(func.count()).select_from(LessonVersion)) == lessons


def test_an_edited_lesson_file_becomes_a_new_version(app: Flask, tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, root)
    load_curriculum(app, root)
    lesson_file = next(root.glob("01-*/01-*.en.md"))
    lesson_file.write_text(lesson_file.read_text().replace("## Activity", "## Activity\n\nA new first line.", 1))
    report = load_curriculum(app, root)
    assert len(report.new_versions) == 1 and report.new_versions[0].endswith("v2")
    with app.app_context():
        lesson = db.session.scalar(select(Lesson).join(Module).where(Module.position == 1, Lesson.position == 1))
        assert [v.number for v in lesson.versions] == [1, 2]
        assert "A new first line." in lesson.live_version.bodies["en"]


def test_export_writes_what_import_reads(app: Flask, tmp_path: Path) -> None:
    load_curriculum(app)
    with app.app_context():
        exported = export_programme(db.session.scalar(select(Programme)))
    write_programme(exported, tmp_path / "out")
    again = read_programme(tmp_path / "out")
    assert again == SOURCE


def test_a_broken_file_names_itself_and_imports_nothing(app: Flask, tmp_path: Path, runner) -> None:
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, root)
    broken = next(root.glob("02-*/01-*.en.md"))
    broken.write_text(broken.read_text().replace("minutes: 120", "minutes: lots"))
    with pytest.raises(ContentError, match=broken.name):
        read_programme(root)
    result = runner.invoke(args=["courses", "import", str(root)])
    assert result.exit_code != 0 and broken.name in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Module)) == 0


def test_cli_import_reports_and_is_idempotent(app: Flask, runner) -> None:
    first = runner.invoke(args=["courses", "import"])
    assert first.exit_code == 0 and "11 modules" in first.output
    second = runner.invoke(args=["courses", "import"])
    assert "0 created, 0 new lesson versions" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LessonCompletion)) == 0

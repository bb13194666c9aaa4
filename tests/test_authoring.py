"""Coordinators edit lessons in the browser: each save is a new version, nothing unsafe reaches a page."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from courses.models import Lesson, LessonVersion, Module
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.factories import load_curriculum, make_user, post, sign_in


@pytest.fixture
def lesson_id(app: Flask) -> int:
    load_curriculum(app)
    with app.app_context():
        return db.session.scalar(select(Lesson.id).join(Module).where(Module.position == 1, Lesson.position == 1))


@pytest.fixture
def coordinator_client(app: Flask, client):  # noqa: ANN001, ANN201
    sign_in(client, make_user(app, Role.COORDINATOR))
    return client


def _form(**changes: str) -> dict[str, str]:
    data = {
        "title": "What recovery means",
        "summary": "",
        "easy_read": "",
        "body": "## Key ideas\n\nText.",
        "minutes": "120",
    }
    data.update(changes)
    return data


def _versions(app: Flask, lesson_id: int) -> list[LessonVersion]:
    with app.app_context():
        versions = db.session.scalars(
            select(LessonVersion).where(LessonVersion.lesson_id == lesson_id).order_by(LessonVersion.number)
        ).all()
        db.session.expunge_all()
        return versions


def test_preview_renders_sanitised_markdown_and_saves_nothing(app: Flask, coordinator_client, lesson_id) -> None:
    path = f"/curriculum/lessons/{lesson_id}/edit"
    body = "## Hello\n\n<script>alert(1)</script> [x](javascript:alert(1)) **bold**"
    response = post(coordinator_client, path, {**_form(body=body), "preview": "Preview"})
    text = response.get_data(as_text=True)
    assert "<h2>Hello</h2>" in text and "<strong>bold</strong>" in text
    assert "<script>alert" not in text and 'href="javascript' not in text
    assert len(_versions(app, lesson_id)) == 1


def test_save_adds_a_draft_that_trainees_see_only_once_published(app: Flask, coordinator_client, lesson_id) -> None:
    path = f"/curriculum/lessons/{lesson_id}/edit"
    response = post(coordinator_client, path, {**_form(body="Revised text."), "save": "Save"})
    assert response.headers["Location"] == f"/curriculum/lessons/{lesson_id}"
    versions = _versions(app, lesson_id)
    assert [v.number for v in versions] == [1, 2] and versions[1].published_at is None
    assert versions[1].created_by_id is not None
    with app.app_context():
        assert db.session.get(Lesson, lesson_id).live_version.number == 1
    post(coordinator_client, f"/curriculum/lessons/{lesson_id}/publish", page=f"/curriculum/lessons/{lesson_id}")
    with app.app_context():
        assert db.session.get(Lesson, lesson_id).live_version.number == 2
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert {"lesson.version_saved", "lesson.published"} <= set(actions)
    history = coordinator_client.get(f"/curriculum/lessons/{lesson_id}").get_data(as_text=True)
    assert "v1" in history and "v2" in history


def test_editing_a_translation_keeps_the_other_languages(app: Flask, coordinator_client, lesson_id) -> None:
    before = _versions(app, lesson_id)[0]
    path = f"/curriculum/lessons/{lesson_id}/edit?lang=ca"
    post(coordinator_client, path, {**_form(title="Què vol dir recuperar-se", body="Text en català."), "save": "Save"})
    after = _versions(app, lesson_id)[1]
    assert after.bodies["ca"] == "Text en català." and after.bodies["en"] == before.bodies["en"]
    assert after.titles["es"] == before.titles["es"]


def test_an_unchanged_save_or_bad_minutes_save_nothing(app: Flask, coordinator_client, lesson_id) -> None:
    version = _versions(app, lesson_id)[0]
    path = f"/curriculum/lessons/{lesson_id}/edit"
    same = _form(
        title=version.titles["en"],
        summary=version.summaries["en"],
        easy_read=version.easy_reads["en"],
        body=version.bodies["en"],
        minutes=str(version.minutes),
    )
    unchanged = post(coordinator_client, path, {**same, "save": "Save"})
    assert "Nothing has changed" in unchanged.get_data(as_text=True)
    bad = post(coordinator_client, path, {**_form(minutes="0"), "save": "Save"})
    assert bad.status_code == 200 and 'aria-invalid="true"' in bad.get_data(as_text=True)
    assert len(_versions(app, lesson_id)) == 1


def test_reorder_lessons(app: Flask, coordinator_client, lesson_id) -> None:
    with app.app_context():
        programme_id = db.session.get(Lesson, lesson_id).module.programme_id
    post(
        coordinator_client,
        f"/curriculum/lessons/{lesson_id}/move",
        {"direction": "down"},
        page=f"/curriculum/programmes/{programme_id}",
    )
    with app.app_context():
        assert db.session.get(Lesson, lesson_id).position == 2
    post(
        coordinator_client,
        f"/curriculum/lessons/{lesson_id}/move",
        {"direction": "up"},
        page=f"/curriculum/programmes/{programme_id}",
    )
    with app.app_context():
        assert db.session.get(Lesson, lesson_id).position == 1


def test_trainees_cannot_edit(app: Flask, client, lesson_id) -> None:
    sign_in(client, make_user(app, Role.TRAINEE))
    assert client.get(f"/curriculum/lessons/{lesson_id}/edit").status_code == 403


def test_reorder_modules(app: Flask, coordinator_client, lesson_id) -> None:
    with app.app_context():
        module = db.session.get(Lesson, lesson_id).module
        module_id, programme_id = module.id, module.programme_id
    post(
        coordinator_client,
        f"/curriculum/modules/{module_id}/move",
        {"direction": "down"},
        page=f"/curriculum/programmes/{programme_id}",
    )
    with app.app_context():
        positions = db.session.scalars(select(Module.id).order_by(Module.position)).all()
        assert positions.index(module_id) == 1
        assert sorted(db.session.scalars(select(Module.position))) == list(range(1, 12))


def test_browser_line_endings_do_not_make_a_new_version(app: Flask, coordinator_client, lesson_id) -> None:
    version = _versions(app, lesson_id)[0]
    path = f"/curriculum/lessons/{lesson_id}/edit"
    same = _form(
        title=version.titles["en"],
        summary=version.summaries["en"],
        easy_read=version.easy_reads["en"].replace("\n", "\r\n"),
        body=version.bodies["en"].replace("\n", "\r\n"),
        minutes=str(version.minutes),
    )
    response = post(coordinator_client, path, {**same, "save": "Save"})
    assert "Nothing has changed" in response.get_data(as_text=True)
    assert len(_versions(app, lesson_id)) == 1


def test_importing_again_keeps_browser_edits(app: Flask, coordinator_client, lesson_id, tmp_path) -> None:
    import shutil

    from courses import DEFAULT_CONTENT

    path = f"/curriculum/lessons/{lesson_id}/edit"
    post(coordinator_client, path, {**_form(body="Edited in the browser."), "save": "Save"})
    post(coordinator_client, f"/curriculum/lessons/{lesson_id}/publish", page=f"/curriculum/lessons/{lesson_id}")
    unchanged = load_curriculum(app)
    assert not unchanged.changed and unchanged.conflicts == []
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, root)
    lesson_file = next(root.glob("01-*/01-*.en.md"))
    lesson_file.write_text(lesson_file.read_text().replace("## Activity", "## Activity\n\nChanged in the file.", 1))
    conflict = load_curriculum(app, root)
    assert conflict.conflicts == ["recovery/what-recovery-means"] and conflict.new_versions == []
    with app.app_context():
        live = db.session.get(Lesson, lesson_id).live_version
        assert live.number == 2 and live.bodies["en"] == "Edited in the browser."

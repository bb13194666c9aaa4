"""Trainees study lessons, see hours grow, and only ever their own course."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from courses.models import Lesson, LessonCompletion, LessonVersion, Module
from lms.accounts.roles import Role
from lms.extensions import db
from tests.factories import (
    csrf_token,
    curriculum_cohort,
    make_cohort,
    make_enrolment,
    make_user,
    post,
    sign_in,
)


@pytest.fixture
def course(app: Flask):  # noqa: ANN201
    """The bundled curriculum, a cohort of its programme and one enrolled trainee (signed out)."""
    cohort = curriculum_cohort(app)
    trainee = make_user(app, Role.TRAINEE, language="en")
    enrolment = make_enrolment(app, trainee, cohort)
    return {"cohort": cohort, "trainee": trainee, "enrolment": enrolment}


def _lesson(app: Flask, module_position: int, lesson_position: int) -> Lesson:
    with app.app_context():
        lesson = db.session.scalar(
            select(Lesson).join(Module).where(Module.position == module_position, Lesson.position == lesson_position)
        )
        minutes = lesson.live_version.minutes
        db.session.expunge_all()
        lesson.minutes = minutes  # convenience for assertions
        return lesson


def _completions(app: Flask) -> list[LessonCompletion]:
    with app.app_context():
        rows = db.session.scalars(select(LessonCompletion)).all()
        db.session.expunge_all()
        return rows


def test_completing_a_lesson_credits_its_minutes_once(app: Flask, client, course) -> None:
    sign_in(client, course["trainee"])
    enrolment = course["enrolment"]
    lesson = _lesson(app, 1, 1)
    page = f"/learn/{enrolment.id}/lessons/{lesson.id}"
    assert "0.0 of 100 hours credited" in client.get(f"/learn/{enrolment.id}").get_data(as_text=True)
    first = post(client, f"{page}/complete", page=page)
    assert first.headers["Location"] == page
    post(client, f"{page}/complete", page=page)  # a second click
    completions = _completions(app)
    assert len(completions) == 1 and completions[0].minutes_credited == lesson.minutes == 120
    outline = client.get(f"/learn/{enrolment.id}").get_data(as_text=True)
    assert "2.0 of 100 hours credited (2%)" in outline
    assert "1 of 4 lessons done" in outline
    assert "You completed this lesson" in client.get(page).get_data(as_text=True)


def test_completion_stays_tied_to_the_version_studied(app: Flask, client, course) -> None:
    from courses.authoring.services import publish_latest, save_draft
    from lms.accounts.models import User

    sign_in(client, course["trainee"])
    lesson = _lesson(app, 1, 1)
    page = f"/learn/{course['enrolment'].id}/lessons/{lesson.id}"
    post(client, f"{page}/complete", page=page)
    coordinator = make_user(app, Role.COORDINATOR)
    with app.app_context():
        actor, target = db.session.get(User, coordinator.id), db.session.get(Lesson, lesson.id)
        latest = target.latest_version
        save_draft(
            actor,
            target,
            "en",
            title=latest.titles["en"],
            summary="",
            easy_read="",
            body="New text.",
            minutes=150,
            crisis_note=False,
        )
        publish_latest(actor, target)
        db.session.commit()
        completion = db.session.scalar(select(LessonCompletion))
        assert completion.lesson_version.number == 1 and completion.minutes_credited == 120
        assert db.session.get(Lesson, lesson.id).live_version.minutes == 150


def test_continue_where_i_left_off(app: Flask, client, course) -> None:
    sign_in(client, course["trainee"])
    enrolment = course["enrolment"]
    first_visit = client.get(f"/learn/{enrolment.id}").get_data(as_text=True)
    assert "Start the first lesson" in first_visit
    lesson = _lesson(app, 3, 2)
    client.get(f"/learn/{enrolment.id}/lessons/{lesson.id}")
    outline = client.get(f"/learn/{enrolment.id}").get_data(as_text=True)
    match = re.search(r'href="([^"]+)">\s*Continue where I left off', outline)
    assert match and match.group(1) == f"/learn/{enrolment.id}/lessons/{lesson.id}"


def test_trainees_see_only_their_own_course(app: Flask, client, course) -> None:
    intruder = make_user(app, Role.TRAINEE)
    make_enrolment(app, intruder, course["cohort"])
    sign_in(client, intruder)
    lesson = _lesson(app, 1, 1)
    theirs = f"/learn/{course['enrolment'].id}"
    assert client.get(theirs).status_code == 403
    assert client.get(f"{theirs}/lessons/{lesson.id}").status_code == 403
    token = csrf_token(client, "/dashboard/trainee")
    assert client.post(f"{theirs}/lessons/{lesson.id}/complete", data={"csrf_token": token}).status_code == 403
    assert _completions(app) == []


def test_a_paused_trainee_can_read_but_not_complete(app: Flask, client, course) -> None:
    with app.app_context():
        from lms.cohorts.models import Enrolment

        db.session.get(Enrolment, course["enrolment"].id).status = "paused"
        db.session.commit()
    sign_in(client, course["trainee"])
    lesson = _lesson(app, 1, 2)
    page = f"/learn/{course['enrolment'].id}/lessons/{lesson.id}"
    text = client.get(page).get_data(as_text=True)
    assert "Key ideas" in text and "Mark as complete" not in text
    response = post(client, f"{page}/complete", page=page, follow_redirects=True)
    assert "not active" in response.get_data(as_text=True)
    assert _completions(app) == []


def test_lesson_in_catalan_falls_back_to_english_text_and_says_so(app: Flask, client, course) -> None:
    catalan = make_user(app, Role.TRAINEE, language="ca")
    enrolment = make_enrolment(app, catalan, course["cohort"])
    sign_in(client, catalan)
    lesson = _lesson(app, 1, 1)
    with app.app_context():
        version = db.session.scalar(select(LessonVersion).where(LessonVersion.lesson_id == lesson.id))
        catalan_title, english_title = version.titles["ca"], version.titles["en"]
    text = client.get(f"/learn/{enrolment.id}/lessons/{lesson.id}", headers={"Accept-Language": "ca"}).get_data(
        as_text=True
    )
    assert f"<h1>{catalan_title}</h1>" in text.replace("&#39;", "'")
    assert catalan_title != english_title
    assert "encara no està traduïda" in text or "anglès" in text
    assert '<div class="lesson-body" lang="en">' in text


def test_crisis_lessons_open_with_a_content_note_and_the_crisis_lines(app: Flask, client, course) -> None:
    sign_in(client, course["trainee"])
    crisis = _lesson(app, 5, 1)
    calm = _lesson(app, 1, 1)
    base = f"/learn/{course['enrolment'].id}/lessons"
    crisis_page = client.get(f"{base}/{crisis.id}").get_data(as_text=True)
    assert "Content note" in crisis_page and 'href="tel:024"' in crisis_page and 'href="/help"' in crisis_page
    assert "Content note" not in client.get(f"{base}/{calm.id}").get_data(as_text=True)


def test_hidden_lessons_are_not_shown_and_do_not_count(app: Flask, client, course) -> None:
    sign_in(client, course["trainee"])
    base = f"/learn/{course['enrolment'].id}"
    hidden = _lesson(app, 2, 4)
    client.get(f"{base}/lessons/{hidden.id}")  # opened before it was hidden: the last place studied
    for position in (1, 2, 3):
        page = f"{base}/lessons/{_lesson(app, 2, position).id}"
        post(client, f"{page}/complete", page=page)
    client.get(f"{base}/lessons/{hidden.id}")
    with app.app_context():
        db.session.get(Lesson, hidden.id).published = False
        db.session.commit()
    assert client.get(f"{base}/lessons/{hidden.id}").status_code == 404
    outline = client.get(base).get_data(as_text=True)
    assert "3 of 3 lessons done" in outline  # module 2 is complete without the hidden lesson
    assert f"lessons/{hidden.id}" not in outline  # "continue" does not point at it


def test_a_lesson_of_another_programme_or_unpublished_is_not_reachable(app: Flask, client, course) -> None:
    from lms.accounts.models import User

    other = make_cohort(app)  # another programme, no lessons of its own
    trainee = make_user(app, Role.TRAINEE)
    enrolment = make_enrolment(app, trainee, other)
    lesson = _lesson(app, 1, 1)
    sign_in(client, trainee)
    assert client.get(f"/learn/{enrolment.id}/lessons/{lesson.id}").status_code == 404
    page = f"/learn/{course['enrolment'].id}/lessons/{lesson.id}"
    draft_only = _lesson(app, 1, 2)
    with app.app_context():
        for version in db.session.get(Lesson, draft_only.id).versions:
            version.published_at = None
        db.session.commit()
    owner = app.test_client()
    sign_in(owner, course["trainee"])
    assert owner.get(f"/learn/{course['enrolment'].id}/lessons/{draft_only.id}").status_code == 404
    assert owner.get(page).status_code == 200
    with app.app_context():
        assert db.session.get(User, trainee.id) is not None


def test_credit_is_for_the_version_on_screen(app: Flask, client, course) -> None:
    from courses.authoring.services import publish_latest, save_draft
    from lms.accounts.models import User

    sign_in(client, course["trainee"])
    lesson = _lesson(app, 1, 1)
    page = f"/learn/{course['enrolment'].id}/lessons/{lesson.id}"
    token = csrf_token(client, page)
    with app.app_context():
        first_version = db.session.get(Lesson, lesson.id).live_version.id
    coordinator = make_user(app, Role.COORDINATOR)
    with app.app_context():  # a new version goes live while the trainee is reading
        target = db.session.get(Lesson, lesson.id)
        save_draft(
            db.session.get(User, coordinator.id),
            target,
            "en",
            title="T",
            summary="",
            easy_read="",
            body="Shorter.",
            minutes=30,
            crisis_note=False,
        )
        publish_latest(db.session.get(User, coordinator.id), target)
        db.session.commit()
    client.post(f"{page}/complete", data={"csrf_token": token, "version": str(first_version)})
    assert [c.minutes_credited for c in _completions(app)] == [120]


@pytest.mark.parametrize("status", ["withdrawn", "completed"])
def test_closed_places_are_read_only_and_keep_their_credit(app: Flask, client, course, status: str) -> None:
    from lms.cohorts.models import Enrolment

    sign_in(client, course["trainee"])
    done, other = _lesson(app, 1, 1), _lesson(app, 1, 2)
    base = f"/learn/{course['enrolment'].id}"
    post(client, f"{base}/lessons/{done.id}/complete", page=f"{base}/lessons/{done.id}")
    with app.app_context():
        db.session.get(Enrolment, course["enrolment"].id).status = status
        db.session.commit()
    outline = client.get(base).get_data(as_text=True)
    assert "2.0 of 100 hours credited" in outline and "closed for you" in outline
    text = client.get(f"{base}/lessons/{other.id}").get_data(as_text=True)
    assert "Key ideas" in text and "Mark as complete" not in text
    post(client, f"{base}/lessons/{other.id}/complete", page=f"{base}/lessons/{other.id}")
    assert len(_completions(app)) == 1


def test_outline_and_lesson_pages_use_a_fixed_number_of_queries(app: Flask, client, course) -> None:
    from tests.factories import QueryCounter

    sign_in(client, course["trainee"])
    base = f"/learn/{course['enrolment'].id}"
    lesson = _lesson(app, 1, 1)

    def statements() -> tuple[int, int]:
        counts = []
        for path in (base, f"{base}/lessons/{lesson.id}"):
            with QueryCounter(app) as counter:
                assert client.get(path).status_code == 200
            counts.append(counter.count)
        return counts[0], counts[1]

    few = statements()
    for module, position in ((1, 2), (2, 1), (3, 1), (4, 1)):
        page = f"{base}/lessons/{_lesson(app, module, position).id}"
        post(client, f"{page}/complete", page=page)
    assert statements() == few


def test_dashboard_shows_theory_hours(app: Flask, client, course) -> None:
    sign_in(client, course["trainee"])
    text = client.get("/dashboard/trainee").get_data(as_text=True)
    assert "0.0 of 100 hours credited" in text and f'href="/learn/{course["enrolment"].id}"' in text


def test_learn_goes_to_the_current_course(app: Flask, client, course) -> None:
    sign_in(client, course["trainee"])
    assert client.get("/learn/").headers["Location"] == f"/learn/{course['enrolment'].id}"


def test_every_lesson_of_the_curriculum_renders(app: Flask, client, course) -> None:
    sign_in(client, course["trainee"])
    with app.app_context():
        ids = db.session.scalars(select(Lesson.id)).all()
        assert db.session.scalar(select(func.count()).select_from(Lesson)) == len(ids) > 30
    for lesson_id in ids:
        response = client.get(f"/learn/{course['enrolment'].id}/lessons/{lesson_id}")
        assert response.status_code == 200 and "<script" not in response.get_data(as_text=True), lesson_id

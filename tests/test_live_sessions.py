"""Live sessions: attended time becomes theory hours; the cohort grid shows everyone at a fixed query cost."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from courses.models import Attendance, AttendanceStatus, Lesson, LessonCompletion, LiveSession, Module
from courses.rules import attendance_rate, attended_minutes
from lms.accounts.roles import Role
from lms.extensions import db
from tests.factories import (
    QueryCounter,
    curriculum_cohort,
    make_enrolment,
    make_user,
    post,
    sign_in,
)


@pytest.fixture
def cohort(app: Flask):  # noqa: ANN201
    return curriculum_cohort(app)


@pytest.fixture
def coordinator_client(app: Flask, client):  # noqa: ANN001, ANN201
    sign_in(client, make_user(app, Role.COORDINATOR))
    return client


def _schedule(client, cohort, duration: str = "120"):  # noqa: ANN001, ANN202
    data = {
        "title": "Recovery stories",
        "module": "0",
        "starts_at": "2027-02-03T10:00",
        "duration": duration,
        "location": "Room 2",
    }
    return post(client, f"/courses/cohorts/{cohort.id}/sessions", data)


@pytest.mark.parametrize(
    ("status", "late", "credited"),
    [("present", 0, 120), ("late", 30, 90), ("absent", 0, 0), ("excused", 0, 0)],
)
def test_attended_minutes(status: str, late: int, credited: int) -> None:
    assert attended_minutes(AttendanceStatus(status), 120, late) == credited


def test_attendance_rate_ignores_excused_sessions() -> None:
    assert attendance_rate(4, 5) == 0.8
    assert attendance_rate(0, 0) is None


def test_recorded_attendance_is_credited_as_theory(app: Flask, coordinator_client, client, cohort) -> None:
    ana, ben = make_user(app, Role.TRAINEE, name="Ana"), make_user(app, Role.TRAINEE, name="Ben")
    ana_e, ben_e = make_enrolment(app, ana, cohort), make_enrolment(app, ben, cohort)
    assert _schedule(coordinator_client, cohort).status_code == 302
    with app.app_context():
        session_id = db.session.scalar(select(LiveSession.id))
    path = f"/courses/sessions/{session_id}"
    response = post(
        coordinator_client,
        path,
        {f"status-{ana_e.id}": "present", f"status-{ben_e.id}": "late", f"late-{ben_e.id}": "30"},
    )
    assert response.status_code == 302
    with app.app_context():
        credited = dict(db.session.execute(select(Attendance.enrolment_id, Attendance.minutes_credited)).all())
    assert credited == {ana_e.id: 120, ben_e.id: 90}
    trainee = app.test_client()
    sign_in(trainee, ben)
    outline = trainee.get(f"/learn/{ben_e.id}").get_data(as_text=True)
    assert "Live sessions attended: 1.5 hours" in outline and "attendance 100%" in outline


def test_bad_attendance_saves_nothing(app: Flask, coordinator_client, cohort) -> None:
    ana = make_enrolment(app, make_user(app, Role.TRAINEE), cohort)
    _schedule(coordinator_client, cohort)
    with app.app_context():
        session_id = db.session.scalar(select(LiveSession.id))
    path = f"/courses/sessions/{session_id}"
    for data in ({f"status-{ana.id}": "late", f"late-{ana.id}": "500"}, {f"status-{ana.id}": "asleep"}):
        response = post(coordinator_client, path, data, follow_redirects=True)
        assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(Attendance)) is None


def test_session_needs_a_sensible_length(app: Flask, coordinator_client, cohort) -> None:
    response = _schedule(coordinator_client, cohort, duration="0")
    assert response.status_code == 200 and 'aria-invalid="true"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(LiveSession)) is None


def test_progress_grid_and_csv(app: Flask, coordinator_client, cohort) -> None:
    ana = make_user(app, Role.TRAINEE, name="Ana Puig")
    enrolment = make_enrolment(app, ana, cohort)
    with app.app_context():
        lesson = db.session.scalar(select(Lesson).join(Module).where(Module.position == 1, Lesson.position == 1))
        db.session.add(
            LessonCompletion(
                enrolment_id=enrolment.id,
                lesson_id=lesson.id,
                lesson_version_id=lesson.live_version.id,
                minutes_credited=120,
            )
        )
        db.session.commit()
    page = coordinator_client.get(f"/courses/cohorts/{cohort.id}/progress").get_data(as_text=True)
    assert "Ana Puig" in page and "1/4" in page and "2.0 / 100" in page
    csv = coordinator_client.get(f"/courses/cohorts/{cohort.id}/progress.csv")
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Name,E-mail,Status,1. Recovery")
    assert lines[1].startswith("Ana Puig,") and ",1/4," in lines[1] and ",2.0," in lines[1]


def test_inactive_trainees_are_highlighted(app: Flask, coordinator_client, cohort) -> None:
    from datetime import timedelta

    from lms.cohorts.models import Enrolment
    from lms.timeutil import utcnow

    quiet = make_enrolment(app, make_user(app, Role.TRAINEE, name="Quiet One"), cohort)
    make_enrolment(app, make_user(app, Role.TRAINEE, name="New One"), cohort)
    with app.app_context():
        db.session.get(Enrolment, quiet.id).enrolled_at = utcnow() - timedelta(days=15)
        db.session.commit()
    page = coordinator_client.get(f"/courses/cohorts/{cohort.id}/progress").get_data(as_text=True)
    rows = {name: row for row in page.split("<tr") for name in ("Quiet One", "New One") if name in row}
    assert 'class="inactive"' in rows["Quiet One"] and 'class="inactive"' not in rows["New One"]


def _busy_trainee(app: Flask, cohort, session_id: int) -> None:  # noqa: ANN001
    """A trainee with completions, a study position and attendance, so every row touches related data."""
    from courses.models import StudyPosition

    enrolment = make_enrolment(app, make_user(app, Role.TRAINEE), cohort)
    with app.app_context():
        lessons = db.session.scalars(select(Lesson).order_by(Lesson.id).limit(3)).all()
        for lesson in lessons:
            db.session.add(
                LessonCompletion(
                    enrolment_id=enrolment.id,
                    lesson_id=lesson.id,
                    lesson_version_id=lesson.live_version.id,
                    minutes_credited=60,
                )
            )
        db.session.add(StudyPosition(enrolment_id=enrolment.id, lesson_id=lessons[-1].id))
        db.session.add(
            Attendance(session_id=session_id, enrolment_id=enrolment.id, status="present", minutes_credited=120)
        )
        db.session.commit()


def test_grid_issues_a_fixed_number_of_queries(app: Flask, coordinator_client, cohort) -> None:
    _schedule(coordinator_client, cohort)
    with app.app_context():
        session_id = db.session.scalar(select(LiveSession.id))

    def statements() -> int:
        with QueryCounter(app) as counter:
            assert coordinator_client.get(f"/courses/cohorts/{cohort.id}/progress").status_code == 200
        return counter.count

    for _ in range(2):
        _busy_trainee(app, cohort, session_id)
    few = statements()
    for _ in range(12):
        _busy_trainee(app, cohort, session_id)
    assert statements() == few <= 15


def test_export_cells_never_become_formulas(app: Flask, coordinator_client, cohort) -> None:
    make_enrolment(app, make_user(app, Role.TRAINEE, name='=HYPERLINK("http://x","y")'), cohort)
    text = coordinator_client.get(f"/courses/cohorts/{cohort.id}/progress.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_only_active_places_are_marked_present(app: Flask, coordinator_client, cohort) -> None:
    gone = make_enrolment(app, make_user(app, Role.TRAINEE), cohort, status="withdrawn")
    _schedule(coordinator_client, cohort)
    with app.app_context():
        session_id = db.session.scalar(select(LiveSession.id))
    path = f"/courses/sessions/{session_id}"
    refused = post(coordinator_client, path, {f"status-{gone.id}": "present"}, follow_redirects=True)
    assert "active place" in refused.get_data(as_text=True)
    post(coordinator_client, path, {f"status-{gone.id}": "absent"})
    with app.app_context():
        assert db.session.scalar(select(Attendance.status)) == "absent"


def test_excused_sessions_do_not_lower_the_rate(app: Flask, coordinator_client, cohort) -> None:
    trainee = make_user(app, Role.TRAINEE)
    enrolment = make_enrolment(app, trainee, cohort)
    for status in ("present", "excused", "absent", "present"):
        _schedule(coordinator_client, cohort)
        with app.app_context():
            session_id = db.session.scalars(select(LiveSession.id).order_by(LiveSession.id.desc())).first()
        post(coordinator_client, f"/courses/sessions/{session_id}", {f"status-{enrolment.id}": status})
    client = app.test_client()
    sign_in(client, trainee)
    assert "attendance 67%" in client.get(f"/learn/{enrolment.id}").get_data(as_text=True)

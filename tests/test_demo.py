"""``flask demo`` seeds one programme, a cohort of ten and an account per role, and can run again safely."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from lms import create_app
from lms.accounts.models import User, UserRole
from lms.cohorts.models import Cohort, Enrolment, Programme
from lms.demo import DEMO_PASSWORD, STAFF
from lms.extensions import db
from tests.factories import post


def _counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        role_counts = dict(db.session.execute(select(UserRole.role, func.count()).group_by(UserRole.role)).all())
        return {
            "programmes": db.session.scalar(select(func.count()).select_from(Programme)),
            "cohorts": db.session.scalar(select(func.count()).select_from(Cohort)),
            "enrolments": db.session.scalar(select(func.count()).select_from(Enrolment)),
            "users": db.session.scalar(select(func.count()).select_from(User)),
            **role_counts,
        }


def test_demo_seeds_the_programme_and_every_role(app: Flask, runner) -> None:
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "coordinator@demo.example" in result.output and DEMO_PASSWORD in result.output
    counts = _counts(app)
    assert counts == {
        "programmes": 1,
        "cohorts": 1,
        "enrolments": 10,
        "users": 17,
        "trainee": 10,
        "supervisor": 3,
        "assessor": 1,
        "coordinator": 1,
        "verifier": 1,
        "admin": 1,
    }
    with app.app_context():
        programme = db.session.scalar(select(Programme))
        assert programme.title == "Peer-support agent in mental health (160 h)"
        assert (programme.required_theory_hours, programme.required_placement_hours) == (100, 60)


def test_demo_is_idempotent(app: Flask, runner) -> None:
    runner.invoke(args=["demo"])
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0 and "0 records added" in again.output
    assert _counts(app)["users"] == 17


def test_each_demo_role_signs_in_to_its_dashboard(app: Flask, runner) -> None:
    runner.invoke(args=["demo"])
    people = [(email, role.value) for email, _name, _lang, role in STAFF] + [("trainee01@demo.example", "trainee")]
    for email, role in people:
        client = app.test_client()
        response = post(client, "/sign-in", {"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert client.get("/dashboard", follow_redirects=True).request.path == f"/dashboard/{role}"


def test_demo_refuses_to_run_in_production(database_uri: str) -> None:
    app = create_app({"LMS_ENV": "production", "SECRET_KEY": "p" * 40, "SQLALCHEMY_DATABASE_URI": database_uri})
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code != 0 and "production" in result.output
    assert _counts(app)["users"] == 0

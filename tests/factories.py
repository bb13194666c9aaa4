"""Small factory functions: each makes one committed record with sensible defaults and returns its id-bearing
object (expunged, so tests can read attributes outside the app context)."""

from __future__ import annotations

import itertools
import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from lms.accounts.models import User, UserRole
from lms.accounts.passwords import hash_password
from lms.accounts.roles import Role
from lms.cohorts.models import Cohort, Enrolment, Programme
from lms.extensions import db

PASSWORD = "a calm river at dawn"
_numbers = itertools.count(1)


def _keep(obj):  # noqa: ANN001, ANN202 - returns what it got
    db.session.commit()
    db.session.refresh(obj)
    db.session.expunge(obj)
    return obj


def make_user(
    app: Flask,
    *roles: Role,
    email: str | None = None,
    name: str | None = None,
    language: str = "en",
    password: str | None = PASSWORD,
    active: bool = True,
) -> User:
    number = next(_numbers)
    with app.app_context():
        user = User(
            email=email or f"person{number}@example.org",
            name=name or f"Person {number}",
            preferred_language=language,
            password_hash=hash_password(password) if password else None,
            active=active,
        )
        user.roles = [UserRole(role=role.value) for role in roles]
        db.session.add(user)
        return _keep(user)


def make_programme(app: Flask, title: str | None = None, theory: int = 100, placement: int = 60) -> Programme:
    with app.app_context():
        programme = Programme(
            title=title or f"Programme {next(_numbers)}",
            description="",
            required_theory_hours=theory,
            required_placement_hours=placement,
        )
        db.session.add(programme)
        return _keep(programme)


def make_cohort(app: Flask, programme: Programme | None = None, name: str | None = None) -> Cohort:
    programme = programme or make_programme(app)
    with app.app_context():
        cohort = Cohort(
            programme_id=programme.id,
            name=name or f"Cohort {next(_numbers)}",
            starts_on=date(2027, 1, 11),
            ends_on=date(2027, 6, 30),
        )
        db.session.add(cohort)
        return _keep(cohort)


def make_enrolment(app: Flask, trainee: User, cohort: Cohort, status: str = "active") -> Enrolment:
    with app.app_context():
        enrolment = Enrolment(user_id=trainee.id, cohort_id=cohort.id, status=status)
        db.session.add(enrolment)
        return _keep(enrolment)


# --- HTTP helpers --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/sign-in") -> str:
    """Read the CSRF token from a page, as a browser would."""
    match = _TOKEN.search(client.get(path, follow_redirects=True).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post(client: FlaskClient, path: str, data: dict | None = None, page: str | None = None, **kwargs):  # noqa: ANN201
    """POST with the CSRF token taken from ``page`` (the form's own page by default)."""
    token = csrf_token(client, page or path)
    return client.post(path, data={**(data or {}), "csrf_token": token}, **kwargs)


def sign_in(client: FlaskClient, user: User, password: str = PASSWORD):  # noqa: ANN201
    response = post(client, "/sign-in", {"email": user.email, "password": password})
    assert response.status_code == 302, "sign-in failed"
    return response


class QueryCounter:
    """Counts the SQL statements the app sends while in use: ``with QueryCounter(app) as counter: ...``."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.count = 0

    def _count(self, *_args: object, **_kwargs: object) -> None:
        self.count += 1

    def __enter__(self) -> QueryCounter:
        from sqlalchemy import event

        with self.app.app_context():
            self.engine = db.engine
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._count)


def load_curriculum(app: Flask, root=None):  # noqa: ANN001, ANN201 - returns the ImportReport
    """Import the bundled curriculum (or ``root``) and return the report."""
    from courses import DEFAULT_CONTENT
    from courses.content import read_programme
    from courses.importing import import_programme

    with app.app_context():
        report = import_programme(read_programme(root or DEFAULT_CONTENT))
        db.session.commit()
        db.session.expunge_all()
        return report


def make_placement(
    app: Flask,
    trainee: User,
    supervisors: list[User],
    *,
    cohort: Cohort | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    target_hours: int = 60,
):  # noqa: ANN201
    """A placement (and its site, and an enrolment) for ``trainee``, supervised by ``supervisors``."""
    from datetime import timedelta

    from lms.placements.models import Placement, PlacementSite, PlacementSupervisor
    from lms.timeutil import utcnow

    cohort = cohort or make_cohort(app)
    enrolment = make_enrolment(app, trainee, cohort)
    today = utcnow().date()
    with app.app_context():
        site = PlacementSite(organisation="Fundació Example", service="Servei de Rehabilitació Comunitària")
        db.session.add(site)
        db.session.flush()
        placement = Placement(
            enrolment_id=enrolment.id,
            site_id=site.id,
            starts_on=starts_on or today - timedelta(days=60),
            ends_on=ends_on or today + timedelta(days=60),
            target_hours=target_hours,
        )
        placement.supervisor_links = [PlacementSupervisor(supervisor_id=s.id) for s in supervisors]
        db.session.add(placement)
        return _keep(placement)


def curriculum_cohort(app: Flask, name: str | None = None) -> Cohort:
    """The bundled curriculum loaded, and a cohort of its programme."""
    from courses import DEFAULT_CONTENT
    from courses.content import read_programme

    load_curriculum(app)
    with app.app_context():
        title = read_programme(DEFAULT_CONTENT).title
        programme = db.session.scalar(db.select(Programme).filter_by(title=title))
        db.session.expunge(programme)
    return make_cohort(app, programme, name=name)

"""``flask demo``: seed a complete, realistic cohort so every role can be tried at once.

Idempotent: running it again finds what exists (by e-mail, title, name) and adds only what is missing.
Refuses to run in production, where demo accounts with a known password would be a hole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from lms.accounts.models import User, UserRole
from lms.accounts.passwords import hash_password
from lms.accounts.roles import Role
from lms.audit.services import record
from lms.cohorts.models import Cohort, Enrolment, Programme
from lms.extensions import db
from lms.placements.models import Placement, PlacementSite, PlacementSupervisor
from lms.timeutil import utcnow

DEMO_PASSWORD = "entre-iguals-demo"
PROGRAMME_TITLE = "Peer-support agent in mental health (160 h)"
PROGRAMME_DESCRIPTION = (
    "Training for people with lived experience of mental-health conditions: 100 hours of theory "
    "(online lessons and live sessions) and 60 hours of supervised placement in community rehabilitation services."
)
COHORT_NAME = "Girona (demo)"
SITES = [
    ("Fundació Drissa (demo)", "Servei de Rehabilitació Comunitària de Girona", "Girona"),
    ("Institut d'Assistència Sanitària (demo)", "Servei de Rehabilitació Comunitària de Salt", "Salt"),
    ("Associació Salut Mental (demo)", "Club social", "Figueres"),
]

TRAINEES = [
    ("Laia Puig", "ca"),
    ("Marc Serra", "ca"),
    ("Núria Vidal", "ca"),
    ("Jordi Roca", "ca"),
    ("Carmen Ruiz", "es"),
    ("Javier Moreno", "es"),
    ("Aina Soler", "ca"),
    ("Pau Ferrer", "ca"),
    ("Lucía Navarro", "es"),
    ("Samir Haddad", "en"),
]
STAFF = [
    ("supervisor1@demo.example", "Montserrat Camps", "ca", Role.SUPERVISOR),
    ("supervisor2@demo.example", "Andreu Pons", "ca", Role.SUPERVISOR),
    ("supervisor3@demo.example", "Elena García", "es", Role.SUPERVISOR),
    ("assessor@demo.example", "Rosa Martí", "ca", Role.ASSESSOR),
    ("coordinator@demo.example", "Teresa Casas", "ca", Role.COORDINATOR),
    ("verifier@demo.example", "Agència d'Acreditació (demo)", "ca", Role.VERIFIER),
    ("admin@demo.example", "Admin Entre Iguals", "en", Role.ADMIN),
]


@dataclass
class SeedResult:
    created: int
    programme: Programme
    cohort: Cohort


def _person(email: str, name: str, language: str, role: Role) -> tuple[User, bool]:
    user = db.session.scalar(select(User).where(User.email == email))
    created = user is None
    if user is None:
        user = User(email=email, name=name, preferred_language=language, password_hash=hash_password(DEMO_PASSWORD))
        db.session.add(user)
    if not user.has_role(role):
        user.roles.append(UserRole(role=role.value))
    return user, created


def seed_demo() -> SeedResult:
    """Create (or complete) the demo programme, cohort and people; the caller commits."""
    created = 0
    programme = db.session.scalar(select(Programme).where(Programme.title == PROGRAMME_TITLE))
    if programme is None:
        programme = Programme(
            title=PROGRAMME_TITLE,
            description=PROGRAMME_DESCRIPTION,
            required_theory_hours=100,
            required_placement_hours=60,
        )
        db.session.add(programme)
        created += 1
    cohort = db.session.scalar(select(Cohort).where(Cohort.programme == programme, Cohort.name == COHORT_NAME))
    today = utcnow().date()
    if cohort is None:  # dates around today, so the demo can log hours at once
        cohort = Cohort(
            programme=programme,
            name=COHORT_NAME,
            starts_on=today - timedelta(days=42),
            ends_on=today + timedelta(days=180),
        )
        db.session.add(cohort)
        created += 1
    for email, name, language, role in STAFF:
        created += _person(email, name, language, role)[1]
    db.session.flush()
    for number, (name, language) in enumerate(TRAINEES, start=1):
        trainee, new = _person(f"trainee{number:02d}@demo.example", name, language, Role.TRAINEE)
        created += new
        db.session.flush()
        enrolled = select(Enrolment.id).where(Enrolment.cohort_id == cohort.id, Enrolment.user_id == trainee.id)
        if db.session.scalar(enrolled) is None:
            db.session.add(Enrolment(cohort=cohort, user=trainee))
            created += 1
    db.session.flush()
    created += _seed_placements(cohort, today)
    if created:
        record(None, "demo.seeded", cohort, created=created)
    return SeedResult(created=created, programme=programme, cohort=cohort)


def _seed_placements(cohort: Cohort, today: date) -> int:
    """Three sites; every demo trainee placed at one, with that site's supervisor."""
    created = 0
    sites = []
    for organisation, service, address in SITES:
        site = db.session.scalar(select(PlacementSite).where(PlacementSite.organisation == organisation))
        if site is None:
            site = PlacementSite(organisation=organisation, service=service, address=address)
            db.session.add(site)
            created += 1
        sites.append(site)
    db.session.flush()
    supervisors = [db.session.scalar(select(User).where(User.email == email)) for email, *_ in STAFF[:3]]
    enrolments = db.session.scalars(select(Enrolment).where(Enrolment.cohort_id == cohort.id).order_by(Enrolment.id))
    for number, enrolment in enumerate(enrolments):
        if db.session.scalar(select(Placement.id).where(Placement.enrolment_id == enrolment.id)) is not None:
            continue
        placement = Placement(
            enrolment_id=enrolment.id,
            site_id=sites[number % 3].id,
            starts_on=today - timedelta(days=28),
            ends_on=today + timedelta(days=120),
            target_hours=cohort.programme.required_placement_hours,
        )
        placement.supervisor_links = [PlacementSupervisor(supervisor_id=supervisors[number % 3].id)]
        db.session.add(placement)
        created += 1
    db.session.flush()
    return created


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Seed the demo programme, a cohort of ten trainees and one account per role."""
    if current_app.config["LMS_ENV"] == "production":
        raise click.ClickException("Refusing to seed demo accounts in production.")
    result = seed_demo()
    db.session.commit()
    click.echo(
        f"Demo data ready ({result.created} records added). Programme: {result.programme.title}, "
        f"cohort {result.cohort.name}."
    )
    click.echo(f"Sign in at {current_app.config['BASE_URL']}/sign-in with password '{DEMO_PASSWORD}' as:")
    for email, name, _language, role in STAFF:
        click.echo(f"  {role.value:<12} {email:<28} {name}")
    click.echo(f"  {'trainee':<12} {'trainee01@demo.example':<28} {TRAINEES[0][0]} (trainee01 ... trainee10)")

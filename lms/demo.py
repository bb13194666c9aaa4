"""``flask demo``: seed a complete, realistic cohort so every role can be tried at once.

Idempotent: running it again finds what exists (by e-mail, title, name) and adds only what is missing.
Refuses to run in production, where demo accounts with a known password would be a hole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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

DEMO_PASSWORD = "entre-iguals-demo"
PROGRAMME_TITLE = "Peer-support agent in mental health (160 h)"
PROGRAMME_DESCRIPTION = (
    "Training for people with lived experience of mental-health conditions: 100 hours of theory "
    "(online lessons and live sessions) and 60 hours of supervised placement in community rehabilitation services."
)
COHORT_NAME = "Girona 2027"

TRAINEES = [
    ("Laia Puig", "ca"), ("Marc Serra", "ca"), ("Núria Vidal", "ca"), ("Jordi Roca", "ca"),
    ("Carmen Ruiz", "es"), ("Javier Moreno", "es"), ("Aina Soler", "ca"), ("Pau Ferrer", "ca"),
    ("Lucía Navarro", "es"), ("Samir Haddad", "en"),
]  # fmt: skip
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
    if cohort is None:
        cohort = Cohort(programme=programme, name=COHORT_NAME, starts_on=date(2027, 1, 11), ends_on=date(2027, 6, 30))
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
    if created:
        record(None, "demo.seeded", cohort, created=created)
    return SeedResult(created=created, programme=programme, cohort=cohort)


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

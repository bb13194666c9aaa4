"""Coordinators invite people; a one-time link lets them choose a password."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import Flask
from sqlalchemy import func, select

from lms.accounts.models import AccountToken, User
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.cohorts.models import Enrolment
from lms.extensions import db
from lms.mail.models import OutboxMessage
from tests.factories import make_cohort, make_enrolment, make_user, post, sign_in

LINK = re.compile(r"http://lms\.test(/invitation/[\w-]+)")


def _invite(client, **fields):  # noqa: ANN001, ANN003, ANN202
    data = {"name": "Núria Vidal", "email": "nuria@example.org", "language": "ca", "roles": ["trainee"], "cohort": "0"}
    data.update(fields)
    return post(client, "/people/invite", data)


def _mail_to(app: Flask, address: str) -> OutboxMessage:
    with app.app_context():
        messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)).all()
        assert messages, f"no mail to {address}"
        db.session.expunge_all()
        return messages[-1]


def test_coordinator_invites_a_trainee_into_a_cohort(app: Flask, client) -> None:
    coordinator = make_user(app, Role.COORDINATOR, name="Teresa Casas")
    cohort = make_cohort(app)
    sign_in(client, coordinator)
    response = _invite(client, cohort=str(cohort.id), email=" Nuria@Example.org ")
    assert response.status_code == 302
    with app.app_context():
        person = db.session.scalar(select(User).where(User.email == "nuria@example.org"))
        assert person is not None and person.password_hash is None
        assert person.role_set == {Role.TRAINEE}
        assert person.preferred_language == "ca"
        enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == person.id))
        assert enrolment.cohort_id == cohort.id and enrolment.status == "active"
        actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == coordinator.id)))
        assert {"account.invited", "enrolment.created"} <= actions
    mail = _mail_to(app, "nuria@example.org")
    assert "Teresa Casas" in mail.body
    assert LINK.search(mail.body), mail.body


def test_invitation_mail_is_written_in_the_invitees_language(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR, language="en"))
    _invite(client, email="carmen@example.org", language="es")
    mail = _mail_to(app, "carmen@example.org")
    assert "Hola" in mail.body
    assert "Entre Iguals" in mail.subject


def test_supervisor_invitation_gives_only_the_role(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR))
    make_cohort(app)
    _invite(client, email="montse@site.example", roles=["supervisor"])
    with app.app_context():
        person = db.session.scalar(select(User).where(User.email == "montse@site.example"))
        assert person.role_set == {Role.SUPERVISOR}
        assert db.session.scalar(select(func.count()).select_from(Enrolment)) == 0


def test_accepting_the_invitation_sets_the_password_and_signs_in(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR))
    _invite(client)
    link = LINK.search(_mail_to(app, "nuria@example.org").body).group(1)
    newcomer = app.test_client()
    page = newcomer.get(link)
    assert page.status_code == 200 and "Núria Vidal" in page.get_data(as_text=True)
    response = post(newcomer, link, {"password": "el meu riu tranquil", "confirm": "el meu riu tranquil"})
    assert response.headers["Location"] == "/dashboard"
    assert newcomer.get("/dashboard", follow_redirects=True).request.path == "/dashboard/trainee"
    # The link is spent: a second visit explains what to do instead.
    again = app.test_client().get(link)
    assert again.status_code == 410
    assert "no longer works" in again.get_data(as_text=True)


def test_a_weak_or_mismatched_password_changes_nothing(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR))
    _invite(client)
    link = LINK.search(_mail_to(app, "nuria@example.org").body).group(1)
    newcomer = app.test_client()
    short = post(newcomer, link, {"password": "short", "confirm": "short"})
    assert "at least 10 characters" in short.get_data(as_text=True)
    mismatch = post(newcomer, link, {"password": "long enough one", "confirm": "long enough two"})
    assert "not the same" in mismatch.get_data(as_text=True)
    with app.app_context():
        person = db.session.scalar(select(User).where(User.email == "nuria@example.org"))
        assert person.password_hash is None
        assert db.session.scalar(select(AccountToken.used_at)) is None


def test_an_expired_invitation_cannot_be_used(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR))
    _invite(client)
    link = LINK.search(_mail_to(app, "nuria@example.org").body).group(1)
    with app.app_context():
        token = db.session.scalar(select(AccountToken))
        token.expires_at = token.created_at - timedelta(seconds=1)
        db.session.commit()
    assert app.test_client().get(link).status_code == 410


def test_resending_an_invitation_replaces_the_old_link(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR))
    _invite(client)
    first = LINK.search(_mail_to(app, "nuria@example.org").body).group(1)
    with app.app_context():
        person_id = db.session.scalar(select(User.id).where(User.email == "nuria@example.org"))
    response = post(client, f"/people/{person_id}/invitation", page=f"/people/{person_id}")
    assert response.status_code == 302
    second = LINK.search(_mail_to(app, "nuria@example.org").body).group(1)
    assert first != second
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(second).status_code == 200


def test_an_email_already_in_use_is_refused_and_nothing_is_saved(app: Flask, client) -> None:
    existing = make_user(app, Role.SUPERVISOR, email="taken@example.org")
    sign_in(client, make_user(app, Role.COORDINATOR))
    response = _invite(client, email="TAKEN@example.org")
    assert response.status_code == 200
    assert "already has an account" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
        assert db.session.get(User, existing.id).role_set == {Role.SUPERVISOR}


def test_a_coordinator_cannot_create_administrators(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR))
    response = _invite(client, email="new-admin@example.org", roles=["admin"])
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "new-admin@example.org")) is None


def test_only_trainees_are_enrolled_when_inviting(app: Flask, client) -> None:
    sign_in(client, make_user(app, Role.COORDINATOR))
    cohort = make_cohort(app)
    response = _invite(client, roles=["assessor"], cohort=str(cohort.id))
    assert "Only trainees are enrolled" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_admin_changes_roles_and_the_change_is_audited(app: Flask, client) -> None:
    admin = make_user(app, Role.ADMIN)
    person = make_user(app, Role.TRAINEE)
    sign_in(client, admin)
    response = post(client, f"/people/{person.id}", {"roles": ["trainee", "coordinator"]})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, person.id).role_set == {Role.TRAINEE, Role.COORDINATOR}
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.roles_changed"))
        assert event.actor_id == admin.id and event.details == {"added": ["coordinator"], "removed": []}


def test_a_coordinator_keeps_roles_they_cannot_give(app: Flask, client) -> None:
    """The coordinator's form shows admin-only roles disabled; they stay as they are, and a crafted request
    cannot add one."""
    colleague = make_user(app, Role.COORDINATOR, Role.ASSESSOR)
    sign_in(client, make_user(app, Role.COORDINATOR))
    page = client.get(f"/people/{colleague.id}").get_data(as_text=True)
    assert re.search(r'disabled[^>]*value="coordinator"|value="coordinator"[^>]*disabled', page)
    assert post(client, f"/people/{colleague.id}", {"roles": []}).status_code == 302  # drops assessor only
    crafted = post(client, f"/people/{colleague.id}", {"roles": ["assessor", "admin"]})
    assert "Ask an administrator" in crafted.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, colleague.id).role_set == {Role.COORDINATOR}


def test_a_coordinator_cannot_change_their_own_roles(app: Flask, client) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    sign_in(client, coordinator)
    response = post(client, f"/people/{coordinator.id}", {"roles": ["coordinator", "assessor"]})
    assert "cannot change your own roles" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, coordinator.id).role_set == {Role.COORDINATOR}


def test_the_trainee_role_stays_while_the_person_is_enrolled(app: Flask, client) -> None:
    trainee = make_user(app, Role.TRAINEE)
    make_enrolment(app, trainee, make_cohort(app))
    sign_in(client, make_user(app, Role.COORDINATOR))
    response = post(client, f"/people/{trainee.id}", {"roles": ["assessor"]})
    assert "still enrolled" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, trainee.id).role_set == {Role.TRAINEE}

"""Account use cases: sign-in, invitations, password resets, roles.

Services take the acting user, apply the rules, raise ``DomainError`` (nothing saved), add rows and an audit
event, and flush. The view or CLI command commits once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import func, select, update

from lms.accounts.models import LANGUAGE_CODES, AccountToken, User, UserRole, new_session_token
from lms.accounts.passwords import check_strength, hash_password, spend_equal_time, verify_password
from lms.accounts.roles import COORDINATOR_GRANTABLE, Role
from lms.audit.services import record
from lms.errors import DomainError, NotAllowed
from lms.extensions import db
from lms.mail.services import queue_mail
from lms.timeutil import utcnow
from lms.urls import absolute_url

INVITATION = "invitation"
PASSWORD_RESET = "password_reset"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def authenticate(email: str, password: str) -> User:
    """Return the person if the credentials are right; one vague message otherwise, so e-mails can't be probed."""
    user = find_user_by_email(email)
    if user is None or user.password_hash is None:
        spend_equal_time(password)  # unknown addresses take as long as known ones: no probing by timing
        raise DomainError(_l("That e-mail and password do not match. Check them and try again."))
    if not verify_password(user.password_hash, password) or not user.active:
        raise DomainError(_l("That e-mail and password do not match. Check them and try again."))
    user.last_login_at = utcnow()
    record(user, "account.signed_in", user)
    return user


# --- roles -------------------------------------------------------------------------------------------------


def grantable_roles(actor: User) -> frozenset[Role]:
    """Admins give any role; coordinators give the roles of the people they work with."""
    if actor.has_role(Role.ADMIN):
        return frozenset(Role)
    if actor.has_role(Role.COORDINATOR):
        return COORDINATOR_GRANTABLE
    return frozenset()


def _check_grantable(actor: User, roles: Iterable[Role]) -> None:
    refused = set(roles) - grantable_roles(actor)
    if refused:
        raise NotAllowed(_l("You cannot give this role. Ask an administrator."), "roles")


def set_roles(actor: User, user: User, submitted: Iterable[Role]) -> None:
    """Give ``user`` the ``submitted`` roles among those the actor may give; roles the actor cannot give are
    kept as they are (the form shows them disabled). Nobody but an admin changes their own roles."""
    grantable = grantable_roles(actor)
    submitted = frozenset(submitted)
    current = user.role_set
    if user.id == actor.id and not actor.has_role(Role.ADMIN):
        raise NotAllowed(_l("You cannot change your own roles. Ask an administrator."), "roles")
    _check_grantable(actor, submitted - current)
    wanted = (submitted & grantable) | (current - grantable)
    if user.id == actor.id and Role.ADMIN in current and Role.ADMIN not in wanted:
        raise NotAllowed(_l("You cannot remove your own administrator role."), "roles")
    if Role.TRAINEE in current - wanted and _has_open_enrolment(user):
        raise DomainError(_l("This person is still enrolled. Withdraw or complete the enrolment first."), "roles")
    for held in list(user.roles):
        if Role(held.role) not in wanted:
            user.roles.remove(held)
    for role in sorted(wanted - current):
        user.roles.append(UserRole(role=role.value, granted_by_id=actor.id))
    if wanted != current:
        record(
            actor,
            "account.roles_changed",
            user,
            added=sorted(r.value for r in wanted - current),
            removed=sorted(r.value for r in current - wanted),
        )
    db.session.flush()


def _has_open_enrolment(user: User) -> bool:
    from lms.cohorts.models import Enrolment, EnrolmentStatus

    open_statuses = (EnrolmentStatus.ACTIVE.value, EnrolmentStatus.PAUSED.value)
    query = select(Enrolment.id).where(Enrolment.user_id == user.id, Enrolment.status.in_(open_statuses))
    return db.session.scalar(query.limit(1)) is not None


# --- tokens --------------------------------------------------------------------------------------------------


def _digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def issue_token(user: User, purpose: str, lifetime: timedelta, actor: User | None) -> str:
    """Create a single-use token and return its secret; older unused tokens of the same purpose stop working."""
    now = utcnow()
    for old in db.session.scalars(
        select(AccountToken).where(
            AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None)
        )
    ):
        old.expires_at = min(old.expires_at, now)
    raw = secrets.token_urlsafe(32)
    db.session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_digest(raw),
            created_at=now,
            expires_at=now + lifetime,
            created_by_id=actor.id if actor else None,
        )
    )
    db.session.flush()
    return raw


def find_usable_token(raw_token: str, purpose: str) -> AccountToken | None:
    token = db.session.scalar(
        select(AccountToken).where(AccountToken.token_hash == _digest(raw_token), AccountToken.purpose == purpose)
    )
    if token is None or not token.usable_at(utcnow()) or not token.user.active:
        return None
    return token


def set_password_with_token(raw_token: str, purpose: str, password: str) -> User:
    """Spend the token and set the password; a used, expired or unknown token changes nothing."""
    token = find_usable_token(raw_token, purpose)
    if token is None:
        raise DomainError(_l("This link has expired or was already used. Ask for a new one."))
    user = token.user
    check_strength(password, user.email)
    spent = db.session.execute(  # two submissions racing: only one spends the token
        update(AccountToken)
        .where(AccountToken.id == token.id, AccountToken.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise DomainError(_l("This link has expired or was already used. Ask for a new one."))
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()  # sign out every other session
    record(user, "account.invitation_accepted" if purpose == INVITATION else "account.password_reset", user)
    db.session.flush()
    return user


# --- invitations and resets ----------------------------------------------------------------------------------


def _send_link_mail(
    user: User, template: str, subject: LazyString, endpoint: str, raw_token: str, **context: object
) -> None:
    """Write the mail in the recipient's own language with an absolute link built from BASE_URL."""
    link = absolute_url(endpoint, token=raw_token)
    with force_locale(user.preferred_language):
        body = render_template(template, user=user, link=link, **context)
        queue_mail(user.email, str(subject), body)


def invite_person(actor: User, *, email: str, name: str, language: str, roles: Iterable[Role]) -> User:
    """Create an account with ``roles`` and e-mail a one-time link to choose a password.

    Supervisors are usually staff of the placement sites: the invitation gives them their role and nothing else.
    """
    roles = frozenset(roles)
    email = normalise_email(email)
    if not roles:
        raise DomainError(_l("Choose at least one role."), "roles")
    _check_grantable(actor, roles)
    if language not in LANGUAGE_CODES:
        raise DomainError(_l("Choose one of the offered languages."), "language")
    if find_user_by_email(email) is not None:
        raise DomainError(_l("Someone with this e-mail address already has an account."), "email")
    user = User(email=email, name=name.strip(), preferred_language=language)
    user.roles = [UserRole(role=role.value, granted_by_id=actor.id) for role in sorted(roles)]
    db.session.add(user)
    db.session.flush()
    send_invitation(actor, user)
    record(actor, "account.invited", user, roles=sorted(r.value for r in roles))
    return user


def send_invitation(actor: User, user: User) -> None:
    """(Re)send the invitation; only for people who have not set a password yet."""
    if user.has_password:
        raise DomainError(_l("This person has already accepted the invitation."))
    lifetime = timedelta(hours=current_app.config["INVITATION_TTL_HOURS"])
    raw = issue_token(user, INVITATION, lifetime, actor)
    _send_link_mail(
        user,
        "accounts/mail/invitation.txt",
        _l("Your invitation to Entre Iguals"),
        "accounts.accept_invitation",
        raw,
        inviter=actor,
        until=utcnow() + lifetime,
    )
    record(actor, "account.invitation_sent", user)


def request_password_reset(email: str) -> None:
    """E-mail a reset link if an active account with a password exists; say nothing either way."""
    user = find_user_by_email(email)
    if user is None or not user.active or not user.has_password:
        return
    lifetime = timedelta(minutes=current_app.config["PASSWORD_RESET_TTL_MINUTES"])
    raw = issue_token(user, PASSWORD_RESET, lifetime, None)
    _send_link_mail(
        user,
        "accounts/mail/password_reset.txt",
        _l("Choose a new password for Entre Iguals"),
        "accounts.reset_password",
        raw,
        minutes=int(lifetime.total_seconds() // 60),
    )
    record(None, "account.password_reset_requested", user)


def set_preferred_language(user: User, language: str) -> None:
    if language in LANGUAGE_CODES and user.preferred_language != language:
        user.preferred_language = language
        db.session.flush()

"""Reads for the people screens."""

from __future__ import annotations

from sqlalchemy import select

from lms.accounts.models import AccountToken, User, UserRole
from lms.extensions import db


def people(role: str | None = None) -> list[User]:
    query = select(User).order_by(User.name)
    if role:
        query = query.where(User.id.in_(select(UserRole.user_id).where(UserRole.role == role)))
    return list(db.session.scalars(query))


def latest_invitation(person: User) -> AccountToken | None:
    return db.session.scalar(
        select(AccountToken)
        .where(AccountToken.user_id == person.id, AccountToken.purpose == "invitation")
        .order_by(AccountToken.id.desc())
        .limit(1)
    )

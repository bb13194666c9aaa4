"""Counts and lists for the dashboards; each is one query."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from lms.accounts.models import User, UserRole
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.mail.models import OutboxMessage


def people_per_role() -> dict[str, int]:
    rows = db.session.execute(select(UserRole.role, func.count()).group_by(UserRole.role))
    return {role: count for role, count in rows}


def pending_invitations() -> int:
    """People who were invited but have not chosen a password yet."""
    return db.session.scalar(select(func.count()).select_from(User).where(User.password_hash.is_(None))) or 0


def unsent_mail() -> int:
    query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
    return db.session.scalar(query) or 0


def recent_events(limit: int = 10) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).options(selectinload(AuditEvent.actor)).order_by(AuditEvent.id.desc()).limit(limit)
        )
    )

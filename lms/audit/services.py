"""Writing audit events: every service that changes a record calls ``record``."""

from __future__ import annotations

from typing import Any

from lms.accounts.models import User
from lms.audit.models import AuditEvent
from lms.extensions import db


def record(actor: User | None, action: str, obj: Any, **details: Any) -> AuditEvent:
    """Add an audit event for ``obj`` (any model with an ``id``); the caller's transaction commits it."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=type(obj).__tablename__,
        object_id=str(obj.id),
        details=details,
    )
    db.session.add(event)
    return event

"""Outbox and audit log, read-only."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.access import roles_required
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.mail.models import OutboxMessage

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

PAGE_SIZE = 100


@bp.route("/outbox")
@roles_required(Role.ADMIN)
def outbox() -> str:
    """Mail kept or sent; in development (no SMTP) this is where invitation links can be read."""
    messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(PAGE_SIZE))
    return render_template("admin/outbox.html", messages=list(messages))


@bp.route("/audit")
@roles_required(Role.ADMIN)
def audit_log() -> str:
    before = request.args.get("before", type=int)
    query = select(AuditEvent).options(selectinload(AuditEvent.actor)).order_by(AuditEvent.id.desc())
    if before:
        query = query.where(AuditEvent.id < before)
    events = list(db.session.scalars(query.limit(PAGE_SIZE)))
    return render_template("admin/audit.html", events=events, page_size=PAGE_SIZE)

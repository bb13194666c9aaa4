"""Queue and deliver mail.

Every message is written to the outbox in the same transaction as the change that caused it. With SMTP
configured, the messages a request queued are sent after its response has gone out (so no page waits for the
mail server, and the time a page takes reveals nothing), and ``flask mail deliver`` retries failures from cron.
Once sent, links in the stored copy are removed: a copy of the database must not hold working one-time links.
"""

from __future__ import annotations

import re
import smtplib
from email.message import EmailMessage
from functools import partial

from flask import Flask, after_this_request, current_app, g
from sqlalchemy import select
from werkzeug.wrappers import Response

from lms.extensions import db
from lms.mail.models import OutboxMessage
from lms.timeutil import utcnow

MAX_ATTEMPTS = 5
LINK_REMOVED = "[link removed after sending]"


def queue_mail(to_address: str, subject: str, body: str) -> OutboxMessage:
    """Put a message in the outbox; it is committed with the rest of the request's changes."""
    message = OutboxMessage(to_address=to_address, subject=subject, body=body)
    db.session.add(message)
    g.setdefault("queued_mail", []).append(message)
    if not smtp_configured():
        detail = body if current_app.config["LMS_ENV"] != "production" else "(body not logged in production)"
        current_app.logger.info("Mail kept in the outbox (no MAIL_SERVER) to %s: %s\n%s", to_address, subject, detail)
    return message


def smtp_configured() -> bool:
    return bool(current_app.config["MAIL_SERVER"])


def send_after_response() -> None:
    """Call after committing: the messages this request queued are sent once the response is delivered."""
    queued = [message.id for message in g.pop("queued_mail", []) if message.id is not None]
    if not queued or not smtp_configured():
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    @after_this_request
    def deliver_later(response: Response) -> Response:
        response.call_on_close(partial(_deliver_in_context, app, queued))
        return response


def _deliver_in_context(app: Flask, ids: list[int]) -> None:
    with app.app_context():
        deliver_pending(ids=ids)


def _send(message: OutboxMessage) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def redact_links(body: str) -> str:
    """Remove links to this site from a sent message: they may carry one-time tokens."""
    return re.sub(re.escape(current_app.config["BASE_URL"]) + r"/\S+", LINK_REMOVED, body)


def deliver_pending(limit: int = 100, ids: list[int] | None = None) -> int:
    """Send unsent messages over SMTP (only ``ids`` when given); returns how many went.

    A delivery job, not a request: each message is claimed (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two
    workers never send the same one) and its outcome committed on its own, so one bad address blocks nothing.
    """
    if not smtp_configured():
        return 0
    query = select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS)
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(ids))
    candidates = db.session.scalars(query.order_by(OutboxMessage.id).limit(limit)).all()
    db.session.commit()
    sent = 0
    for message_id in candidates:
        claim = select(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None))
        message = db.session.scalar(claim.with_for_update(skip_locked=True))
        if message is None:
            db.session.commit()
            continue
        message.attempts += 1
        try:
            _send(message)
        except (OSError, smtplib.SMTPException) as error:
            message.last_error = str(error)[:1000]
            current_app.logger.warning("Mail %s to %s failed: %s", message.id, message.to_address, error)
        else:
            message.sent_at = utcnow()
            message.last_error = None
            message.body = redact_links(message.body)
            sent += 1
        db.session.commit()
    return sent

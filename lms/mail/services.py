"""Queue and deliver mail."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from lms.extensions import db
from lms.mail.models import OutboxMessage
from lms.timeutil import utcnow

MAX_ATTEMPTS = 5


def queue_mail(to_address: str, subject: str, body: str) -> OutboxMessage:
    """Put a message in the outbox; it is committed with the rest of the request's changes."""
    message = OutboxMessage(to_address=to_address, subject=subject, body=body)
    db.session.add(message)
    if not current_app.config["MAIL_SERVER"]:
        current_app.logger.info("Mail kept in the outbox (no MAIL_SERVER) to %s: %s\n%s", to_address, subject, body)
    return message


def smtp_configured() -> bool:
    return bool(current_app.config["MAIL_SERVER"])


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


def deliver_pending(limit: int = 100) -> int:
    """Send unsent messages over SMTP; returns how many went. Does nothing when SMTP is not configured.

    Called right after a request that queued mail has committed, and by ``flask mail deliver`` from cron to
    retry what failed. Each message's outcome is committed on its own so one bad address cannot block others.
    """
    if not smtp_configured():
        return 0
    pending = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    sent = 0
    for message in pending:
        message.attempts += 1
        try:
            _send(message)
        except (OSError, smtplib.SMTPException) as error:
            message.last_error = str(error)[:1000]
            current_app.logger.warning("Mail %s to %s failed: %s", message.id, message.to_address, error)
        else:
            message.sent_at = utcnow()
            message.last_error = None
            sent += 1
        db.session.commit()
    return sent

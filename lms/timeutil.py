"""Time helpers: the database stores naive UTC, so every comparison uses the same clock."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def utcnow() -> datetime:
    """Current UTC time without tzinfo (SQLite keeps no zone; PostgreSQL columns are ``timestamp``)."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_today() -> date:
    """Today where the programme runs (Europe/Madrid): a trainee logging hours at 00:30 means that day."""
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()

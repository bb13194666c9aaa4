"""Time helpers: the database stores naive UTC, so every comparison uses the same clock."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Current UTC time without tzinfo (SQLite keeps no zone; PostgreSQL columns are ``timestamp``)."""
    return datetime.now(UTC).replace(tzinfo=None)

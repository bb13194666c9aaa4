"""Password rules and hashing.

Rule (programme decision): at least 10 characters, so a memorable passphrase ("three words I like") works
better than a short cryptic one; not the e-mail address itself. Hashes use werkzeug's scrypt by default.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from lms.errors import DomainError

MIN_LENGTH = 10


def check_strength(password: str, email: str) -> None:
    if len(password) < MIN_LENGTH:
        raise DomainError(
            _l("Use at least %(count)d characters. A short sentence is easy to remember.", count=MIN_LENGTH), "password"
        )
    if password.strip().lower() == email.strip().lower():
        raise DomainError(_l("Your password cannot be your e-mail address."), "password")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str | None, password: str) -> bool:
    return password_hash is not None and check_password_hash(password_hash, password)


def spend_equal_time(password: str) -> None:
    """Check ``password`` against a throw-away hash, so a wrong e-mail costs as much time as a wrong password."""
    if not hasattr(spend_equal_time, "dummy"):
        spend_equal_time.dummy = hash_password("not a real password")  # type: ignore[attr-defined]
    check_password_hash(spend_equal_time.dummy, password)  # type: ignore[attr-defined]

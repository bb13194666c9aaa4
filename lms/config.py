"""Configuration: one place that reads the environment.

Every setting has a safe default for a laptop (SQLite in ``instance/``, mail kept in the outbox, rate limits in
memory). Production is chosen with ``LMS_ENV=production``; there the app refuses to start without a real
``SECRET_KEY`` and marks cookies ``Secure``.

| variable | default | meaning |
| --- | --- | --- |
| ``LMS_ENV`` | ``development`` | ``development``, ``production`` or ``testing`` |
| ``DATABASE_URL`` | SQLite file ``instance/lms.sqlite3`` | SQLAlchemy URL; ``postgresql://`` uses psycopg 3 |
| ``SECRET_KEY`` | generated once into ``instance/secret_key`` (not in production) | signs sessions and CSRF tokens |
| ``BASE_URL`` | ``http://127.0.0.1:5000`` | absolute links in e-mails and, later, certificates |
| ``MAIL_SERVER`` | unset: mail stays in the outbox | SMTP host |
| ``MAIL_PORT`` / ``MAIL_USERNAME`` / ``MAIL_PASSWORD`` / ``MAIL_USE_TLS`` | 587 / - / - / true | SMTP details |
| ``MAIL_DEFAULT_SENDER`` | ``Entre Iguals <no-reply@localhost>`` | From: header |
| ``RATELIMIT_STORAGE_URI`` | ``memory://`` | e.g. ``redis://127.0.0.1:6379/0`` to share limits between workers |
| ``LOGIN_RATE_LIMIT`` | ``10 per minute`` | sign-in and reset attempts per client address |
| ``CRISIS_LINES_FILE`` | unset: 112, 024, 061 | JSON list of crisis lines shown on every page |
| ``TRUSTED_PROXIES`` | ``0`` | how many reverse proxies set ``X-Forwarded-For``/``-Proto`` (1 behind nginx) |
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("development", "production", "testing")


class ConfigurationError(RuntimeError):
    """Raised at start-up when the environment cannot run safely (e.g. production without a secret)."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(raw: str | None, instance_path: str) -> str:
    """Normalise a database URL so that plain ``postgresql://`` uses psycopg 3, the driver we install."""
    if not raw:
        return "sqlite:///" + str(Path(instance_path) / "lms.sqlite3")
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw[len("postgresql://") :]
    return raw


def _secret_key(env: str, instance_path: str, key: str) -> str:
    """A development secret is generated once and kept, so sessions survive restarts; production must set one."""
    if key:
        return key
    if env == "production":
        raise ConfigurationError("SECRET_KEY must be set when LMS_ENV=production.")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load_config(
    instance_path: str, environ: dict[str, str] | None = None, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Build the Flask configuration from environment variables; ``overrides`` (from tests) win."""
    environ = dict(os.environ if environ is None else environ)
    overrides = overrides or {}
    env = overrides.get("LMS_ENV") or environ.get("LMS_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigurationError(f"LMS_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}.")
    production = env == "production"
    secret = overrides.get("SECRET_KEY") or environ.get("SECRET_KEY", "")
    config = {
        "LMS_ENV": env,
        "SECRET_KEY": _secret_key(env, instance_path, secret),
        "SQLALCHEMY_DATABASE_URI": database_url(environ.get("DATABASE_URL"), instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BASE_URL": environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "MAIL_SERVER": environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(environ.get("MAIL_USE_TLS"), True),
        "MAIL_DEFAULT_SENDER": environ.get("MAIL_DEFAULT_SENDER", "Entre Iguals <no-reply@localhost>"),
        "RATELIMIT_STORAGE_URI": environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "CRISIS_LINES_FILE": environ.get("CRISIS_LINES_FILE", ""),
        "TRUSTED_PROXIES": int(environ.get("TRUSTED_PROXIES", "0")),
        "INVITATION_TTL_HOURS": int(environ.get("INVITATION_TTL_HOURS", str(7 * 24))),
        "PASSWORD_RESET_TTL_MINUTES": int(environ.get("PASSWORD_RESET_TTL_MINUTES", "60")),
        "PASSWORD_HASH_METHOD": environ.get("PASSWORD_HASH_METHOD", "scrypt"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "BABEL_DEFAULT_LOCALE": "ca",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Madrid",
        "LANGUAGES": ("ca", "es", "en"),
        "WTF_CSRF_TIME_LIMIT": None,
    }
    config.update(overrides)
    return config

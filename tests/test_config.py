"""Configuration comes from the environment, with safe defaults and a hard stop where defaults are unsafe."""

from __future__ import annotations

from pathlib import Path

import pytest

from lms import create_app
from lms.config import ConfigurationError, database_url, load_config


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        load_config(str(tmp_path), {"LMS_ENV": "production"})


def test_production_marks_cookies_secure(tmp_path: Path) -> None:
    config = load_config(str(tmp_path), {"LMS_ENV": "production", "SECRET_KEY": "s3cr3t" * 8})
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert not (tmp_path / "secret_key").exists()


def test_development_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = load_config(str(tmp_path), {})["SECRET_KEY"]
    second = load_config(str(tmp_path), {})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by the owner only


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    assert load_config(str(tmp_path), {})["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/lms.sqlite3"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgresql://postgres@127.0.0.1:5432/test", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        ("postgres://u:p@db/lms", "postgresql+psycopg://u:p@db/lms"),
        ("postgresql+psycopg://u@db/lms", "postgresql+psycopg://u@db/lms"),
        ("sqlite:////srv/lms.sqlite3", "sqlite:////srv/lms.sqlite3"),
    ],
)
def test_database_urls_use_the_installed_driver(raw: str, expected: str) -> None:
    assert database_url(raw, "/unused") == expected


def test_environment_settings_reach_the_app(tmp_path: Path) -> None:
    config = load_config(
        str(tmp_path),
        {
            "BASE_URL": "https://lms.example.cat/",
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
            "MAIL_PORT": "25",
        },
    )
    assert config["BASE_URL"] == "https://lms.example.cat"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert config["MAIL_PORT"] == 25


def test_unknown_environment_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError):
        load_config(str(tmp_path), {"LMS_ENV": "staging"})


def test_create_app_applies_overrides() -> None:
    app = create_app({"SECRET_KEY": "x" * 32, "TESTING": True, "BASE_URL": "http://override.test"})
    assert app.config["BASE_URL"] == "http://override.test"


def test_behind_a_proxy_the_client_address_comes_from_forwarded_headers() -> None:
    from flask import request

    app = create_app({"SECRET_KEY": "x" * 32, "TESTING": True, "TRUSTED_PROXIES": 1})

    @app.route("/whoami")
    def whoami() -> str:
        return f"{request.remote_addr} {request.scheme}"

    whoami.access_policy = "public"
    answer = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"})
    assert answer.get_data(as_text=True) == "203.0.113.7 https"


def test_the_wsgi_entry_point_defaults_to_production(tmp_path: Path) -> None:
    """``gunicorn wsgi:app`` with a forgotten LMS_ENV must not run with development defaults."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LMS_ENV", "SECRET_KEY")}
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr

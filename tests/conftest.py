"""Fixtures: one schema per test session (built by the migrations), emptied after every test.

The suite runs on SQLite always, and on PostgreSQL when ``TEST_DATABASE_URL`` is set. CSRF protection stays on:
tests read the token from the page like a browser does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from lms import create_app
from lms.config import database_url
from lms.extensions import db, limiter

TEST_SETTINGS = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    # Fast hashing in tests only; production uses scrypt (see lms/config.py).
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    "RATELIMIT_STORAGE_URI": "memory://",
    "BASE_URL": "http://lms.test",
}


class EnglishClient(FlaskClient):
    """Test client whose browser asks for English, so assertions can read the source strings."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Build the schema once with ``flask db upgrade`` semantics; tests then only add and delete rows."""
    raw = os.environ.get("TEST_DATABASE_URL")
    if raw:
        uri = database_url(raw, "")
        _reset_postgres(uri)
    else:
        uri = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": uri})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return uri


def _empty_all_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def app(database_uri: str) -> Iterator[Flask]:
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_uri})
    app.test_client_class = EnglishClient
    yield app
    with app.app_context():
        _empty_all_tables()
        db.engine.dispose()
    limiter.reset()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # noqa: ANN201 - FlaskCliRunner
    return app.test_cli_runner()


@pytest.fixture
def instance_dir(tmp_path: Path) -> Path:
    return tmp_path / "instance"

"""The migrations build the schema the models describe, on whichever database the suite runs against."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from lms.extensions import db


def _diff(app: Flask) -> list:
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_models_and_migrations_agree(app: Flask) -> None:
    """Fails when a model changes without a migration (or the other way round): run ``flask db migrate``."""
    assert _diff(app) == []


def test_downgrade_to_nothing_and_upgrade_again(app: Flask) -> None:
    with app.app_context():
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert {"users", "cohorts", "enrolments", "audit_events"} <= set(inspect(db.engine).get_table_names())
    assert _diff(app) == []


def test_check_constraints_match_the_models(app: Flask) -> None:
    """Autogenerate does not compare CHECK constraints, so compare their names table by table."""
    with app.app_context():
        inspector = inspect(db.engine)
        for table in db.metadata.sorted_tables:
            declared = {c.name for c in table.constraints if c.__class__.__name__ == "CheckConstraint" and c.name}
            actual = {c["name"] for c in inspector.get_check_constraints(table.name)}
            assert declared == actual, (table.name, declared ^ actual)

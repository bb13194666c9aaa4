"""Schema helpers shared by the models."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint


def one_of(column: str, values: Iterable[str], name: str) -> CheckConstraint:
    """A CHECK constraint keeping ``column`` within ``values`` (an enum's values, language codes...)."""
    allowed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=name)

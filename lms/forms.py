"""Helpers shared by every form-handling view."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice

from lms.errors import DomainError


def show_error(form: FlaskForm, error: DomainError) -> None:
    """Put a domain error on the field it names, or on the form as a whole."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        form.form_errors.append(str(error.message))


def is_safe_next(target: str | None) -> bool:
    """Only local paths may be used as a redirect after sign-in (no open redirects)."""
    if not target:
        return False
    parts = urlsplit(target)
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def choices(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices; labels are turned into text in the current language."""
    return [SelectChoice(value, str(label)) for value, label in pairs]  # type: ignore[arg-type]


def strip(value: object) -> object:
    """WTForms filter: people paste addresses with spaces around them; that should not be an error."""
    return value.strip() if isinstance(value, str) else value

"""Typed domain errors: services raise them, views map them back onto the form field they concern."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; nothing has been saved.

    ``field`` names the form field the message belongs to (``None`` for the form as a whole) and
    ``message`` is already translated (a lazy string), so a view can show it as it is.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    """The acting user may not do this to this object (an object rule, beyond the route's role policy)."""

"""Access policies, declared once per route with one readable decorator.

Every view carries an ``access_policy`` attribute; ``tests/test_access.py`` walks ``app.url_map`` and fails
for any route without one. Object rules ("only this cohort's coordinator...") belong in services.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from lms.accounts.roles import Role
from lms.extensions import login_manager

View = TypeVar("View", bound=Callable[..., Any])

PUBLIC = "public"
SIGNED_IN = "signed-in"


def public(view: View) -> View:
    """Anyone, signed in or not (sign-in, password reset, verification pages)."""
    view.access_policy = PUBLIC  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in person, whatever their roles (sign-out, the dashboard switch)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapper.access_policy = SIGNED_IN  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def roles_required(*roles: Role) -> Callable[[View], View]:
    """Signed-in people holding at least one of ``roles``; others get 403, anonymous people the sign-in page."""
    allowed = frozenset(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*allowed):
                abort(403)
            return view(*args, **kwargs)

        wrapper.access_policy = allowed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


#: Shorthand for the screens that run programmes.
staff_only = roles_required(Role.COORDINATOR, Role.ADMIN)

"""Slots in ``lms`` pages that later pipeline stages fill, so ``lms`` never imports them: panels and links.

A stage registers a renderer for a slot when the app is built (``add_panel(app, "trainee.enrolment", fn)``);
templates call ``panels("trainee.enrolment", enrolment=e)`` and get the rendered HTML of every renderer.
Slots used now: ``trainee.enrolment`` (trainee dashboard, per enrolment), ``cohort.actions`` (cohort page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from lms.accounts.roles import Role

Renderer = Callable[..., Markup | str | None]


def add_panel(app: Flask, slot: str, render: Renderer) -> None:
    app.extensions.setdefault("lms.panels", {}).setdefault(slot, []).append(render)


def panels(slot: str, **context: Any) -> list[Markup]:
    renderers = current_app.extensions.get("lms.panels", {}).get(slot, [])
    rendered = (render(**context) for render in renderers)
    return [escape(html) for html in rendered if html]  # a Markup stays as it is, a plain str is escaped


#: (endpoint, label, roles that see it; None for everyone signed in).
NAVIGATION = (
    ("dashboards.landing", _l("My dashboard"), None),
    ("cohorts.list_programmes", _l("Programmes and cohorts"), {Role.COORDINATOR, Role.ADMIN}),
    ("people.list_people", _l("People"), {Role.COORDINATOR, Role.ADMIN}),
    ("admin.outbox", _l("Outbox"), {Role.ADMIN}),
    ("admin.audit_log", _l("Audit log"), {Role.ADMIN}),
)


def add_navigation(app: Flask, endpoint: str, label: Any, roles: set[Role] | None, after: str | None = None) -> None:
    """Add a main-navigation link, placed ``after`` an existing endpoint (else at the end)."""
    items = app.extensions.setdefault("lms.navigation", list(NAVIGATION))
    index = next((i + 1 for i, item in enumerate(items) if item[0] == after), len(items))
    items.insert(index, (endpoint, label, roles))


def navigation() -> list[tuple[str, Any]]:
    """The links the signed-in person may follow."""
    if not current_user.is_authenticated:
        return []
    items = current_app.extensions.get("lms.navigation", NAVIGATION)
    return [(endpoint, label) for endpoint, label, roles in items if roles is None or current_user.has_role(*roles)]

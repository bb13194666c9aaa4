"""What every template may use: the navigation for the person's roles, languages, labels."""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from lms.accounts.forms import EmptyForm
from lms.accounts.roles import LANDING_ORDER, ROLE_LABELS, Role
from lms.cohorts.models import STATUS_LABELS, EnrolmentStatus
from lms.i18n import LANGUAGE_NAMES

#: (endpoint, label, roles that see it); the first match for the current page is marked as current.
NAVIGATION = (
    ("dashboards.landing", _l("My dashboard"), None),
    ("cohorts.list_programmes", _l("Programmes and cohorts"), {Role.COORDINATOR, Role.ADMIN}),
    ("people.list_people", _l("People"), {Role.COORDINATOR, Role.ADMIN}),
    ("admin.outbox", _l("Outbox"), {Role.ADMIN}),
    ("admin.audit_log", _l("Audit log"), {Role.ADMIN}),
)


def navigation() -> list[tuple[str, Any]]:
    if not current_user.is_authenticated:
        return []
    return [
        (endpoint, label) for endpoint, label, roles in NAVIGATION if roles is None or current_user.has_role(*roles)
    ]


def register(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["status_label"] = lambda status: STATUS_LABELS[EnrolmentStatus(status)]

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {
            "navigation": navigation,
            "current_locale": str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"]),
            "language_names": LANGUAGE_NAMES,
            "role_labels": ROLE_LABELS,
            "dashboard_roles": LANDING_ORDER,
            "post_form": EmptyForm,
            "current_path": request.full_path.rstrip("?") if request else "/",
        }

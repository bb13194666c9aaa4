"""What every template may use: the navigation for the person's roles, languages, labels."""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask_babel import get_locale

from lms.accounts.forms import EmptyForm
from lms.accounts.roles import LANDING_ORDER, ROLE_LABELS
from lms.cohorts.models import STATUS_LABELS, EnrolmentStatus
from lms.crisis import load_crisis_lines
from lms.i18n import LANGUAGE_NAMES
from lms.panels import navigation, panels


def register(app: Flask) -> None:
    app.extensions["lms.crisis_lines"] = load_crisis_lines(app.config.get("CRISIS_LINES_FILE"))
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
            "crisis_lines": app.extensions["lms.crisis_lines"],
            "panels": panels,
        }

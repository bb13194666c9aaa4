"""Practical placements: sites, hour log, supervisor sign-off, observations.

Lives in ``lms`` because placements are part of running a cohort; ``assessments`` reads what is recorded here.
"""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from lms.accounts.roles import Role
from lms.panels import add_navigation, add_panel


def init_app(app: Flask) -> None:
    from lms.placements.admin_views import bp as admin_bp
    from lms.placements.cli import placements_cli
    from lms.placements.models import CATEGORY_LABELS, DECISION_LABELS, ENTRY_STATUS_LABELS
    from lms.placements.supervision_views import bp as supervision_bp
    from lms.placements.views import bp as trainee_bp

    for blueprint in (trainee_bp, supervision_bp, admin_bp):
        app.register_blueprint(blueprint)
    app.cli.add_command(placements_cli)
    app.jinja_env.globals.update(
        placement_categories=CATEGORY_LABELS, entry_labels=ENTRY_STATUS_LABELS, decision_labels=DECISION_LABELS
    )
    add_navigation(app, "placements.my_placements", _l("My placement hours"), {Role.TRAINEE})
    add_navigation(app, "supervision.queue", _l("Sign-off queue"), {Role.SUPERVISOR})
    add_navigation(
        app, "placement_admin.sites", _l("Placement sites"), {Role.COORDINATOR, Role.ADMIN}, after="people.list_people"
    )
    add_panel(app, "trainee.enrolment", _trainee_panel)
    add_panel(app, "cohort.actions", _cohort_links)


def _trainee_panel(enrolment) -> Markup | None:  # noqa: ANN001
    from lms.placements.queries import placements_of_enrolment, totals

    placements = placements_of_enrolment(enrolment.id)
    if not placements:
        return None
    return Markup(render_template("placements/_dashboard_panel.html", placements=placements, totals=totals(placements)))


def _cohort_links(cohort) -> Markup:  # noqa: ANN001
    return Markup(render_template("placements/_cohort_links.html", cohort=cohort))

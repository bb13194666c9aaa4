"""What ``courses`` adds to pages of ``lms``: progress on the trainee dashboard, links on the cohort page."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, render_template
from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from courses.queries import theory_credit
from courses.rendering import render_markdown
from courses.study.progress import percent
from lms.accounts.roles import Role
from lms.cohorts.models import Cohort, Enrolment
from lms.panels import add_navigation, add_panel


def trainee_progress(enrolment: Enrolment) -> Markup:
    credit = theory_credit([enrolment.id])[enrolment.id]
    required = enrolment.cohort.programme.required_theory_hours
    return Markup(
        render_template(
            "study/_dashboard_panel.html",
            enrolment=enrolment,
            credit=credit,
            required=required,
            theory_percent=percent(credit.minutes, required),
        )
    )


def cohort_links(cohort: Cohort) -> Markup:
    return Markup(render_template("live/_cohort_links.html", cohort=cohort))


def wallclock(moment: datetime) -> str:
    """A live session's local time as written on the timetable (stored without a zone: no conversion)."""
    return f"{format_date(moment, 'full')}, {format_time(moment, 'short', rebase=False)}"


def register_panels(app: Flask) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["wallclock"] = wallclock
    add_panel(app, "trainee.enrolment", trainee_progress)
    add_panel(app, "cohort.actions", cohort_links)
    add_navigation(app, "courses.my_course", _l("My course"), {Role.TRAINEE}, after="dashboards.landing")
    add_navigation(
        app,
        "curriculum.list_programmes",
        _l("Curriculum"),
        {Role.COORDINATOR, Role.ADMIN},
        after="cohorts.list_programmes",
    )

"""Home page and the per-role dashboards."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from lms.access import public, roles_required, signed_in
from lms.accounts.roles import LANDING_ORDER, Role
from lms.cohorts.queries import enrolment_counts, enrolments_of, programmes_with_cohorts
from lms.dashboards import queries
from lms.placements.queries import supervisor_queue

bp = Blueprint("dashboards", __name__, template_folder="templates")


@bp.route("/")
@public
def home() -> str | Response:
    """Signed-in people go straight to their dashboard; visitors see what the service is and how to sign in."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboards.landing"))
    return render_template("dashboards/home.html")


@bp.route("/dashboard")
@signed_in
def landing() -> str | Response:
    for role in LANDING_ORDER:
        if current_user.has_role(role):
            return redirect(url_for(f"dashboards.{role.value}"))
    return render_template("dashboards/no_role.html")


@bp.route("/dashboard/trainee")
@roles_required(Role.TRAINEE)
def trainee() -> str:
    return render_template("dashboards/trainee.html", enrolments=enrolments_of(current_user))


@bp.route("/dashboard/supervisor")
@roles_required(Role.SUPERVISOR)
def supervisor() -> str:
    entries = supervisor_queue(current_user)
    return render_template(
        "dashboards/supervisor.html", pending=len(entries), hours=sum(e.minutes for e in entries) / 60
    )


@bp.route("/dashboard/assessor")
@roles_required(Role.ASSESSOR)
def assessor() -> str:
    return render_template("dashboards/assessor.html", programmes=programmes_with_cohorts(), counts=enrolment_counts())


@bp.route("/dashboard/coordinator")
@roles_required(Role.COORDINATOR)
def coordinator() -> str:
    return render_template(
        "dashboards/coordinator.html",
        programmes=programmes_with_cohorts(),
        counts=enrolment_counts(),
        per_role=queries.people_per_role(),
        pending_invitations=queries.pending_invitations(),
    )


@bp.route("/dashboard/verifier")
@roles_required(Role.VERIFIER)
def verifier() -> str:
    return render_template("dashboards/verifier.html")


@bp.route("/dashboard/admin")
@roles_required(Role.ADMIN)
def admin() -> str:
    return render_template(
        "dashboards/admin.html",
        per_role=queries.people_per_role(),
        unsent_mail=queries.unsent_mail(),
        events=queries.recent_events(),
    )


@bp.route("/help")
@public
def help_now() -> str:
    """Crisis lines, reachable from every page, signed in or not."""
    return render_template("dashboards/help.html")


@bp.route("/healthz")
@public
def health() -> dict[str, str]:
    """For load balancers and uptime checks; says nothing about data."""
    return {"status": "ok"}

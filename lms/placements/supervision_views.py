"""Supervisor screens: the sign-off queue (approve a week in one action), one entry's decision, observations."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from lms.access import roles_required
from lms.accounts.forms import EmptyForm
from lms.accounts.roles import Role
from lms.errors import DomainError, NotAllowed
from lms.extensions import db
from lms.forms import choices, show_error
from lms.placements import queries, services
from lms.placements.forms import DecisionForm, ObservationForm
from lms.placements.models import Decision, HourEntry, Observation, Placement

bp = Blueprint("supervision", __name__, url_prefix="/supervision", template_folder="templates")
supervisor_only = roles_required(Role.SUPERVISOR)

DECISION_LABELS = {  # shown in the decision menu
    Decision.APPROVE: _l("Approve"),
    Decision.NEEDS_INFO: _l("Ask for more information"),
    Decision.REJECT: _l("Reject"),
}


def _pair(value: str) -> tuple[int, int]:
    entry_id, _sep, revision = value.partition(":")
    return (int(entry_id), int(revision)) if entry_id.isdigit() and revision.isdigit() else (0, 0)


@bp.route("/", methods=["GET", "POST"])
@supervisor_only
def queue() -> str | Response:
    """Pending entries of my trainees, oldest first, all ticked: untick what needs a closer look, approve."""
    entries = queries.supervisor_queue(current_user)
    form = EmptyForm()
    if form.validate_on_submit():
        seen = dict(_pair(value) for value in request.form.getlist("entry"))  # entry id -> revision on screen
        selected = [(e, seen[e.id]) for e in entries if e.id in seen]
        try:
            approved = services.decide_many(current_user, selected, Decision.APPROVE)
        except (DomainError, NotAllowed) as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("%(count)d entries approved.", count=approved), "success")
        return redirect(url_for("supervision.queue"))
    minutes = sum(entry.minutes for entry in entries)
    return render_template(
        "placements/queue.html",
        entries=entries,
        minutes=minutes,
        placements=queries.supervised_placements(current_user),
        form=form,
    )


@bp.route("/entries/<int:entry_id>", methods=["GET", "POST"])
@supervisor_only
def review_entry(entry_id: int) -> str | Response:
    entry = db.get_or_404(HourEntry, entry_id)
    if current_user.id not in entry.placement.supervisor_ids:
        abort(403)
    form = DecisionForm()
    form.decision.choices = choices((d.value, label) for d, label in DECISION_LABELS.items())
    if form.validate_on_submit():
        seen = request.form.get("revision", type=int)
        try:
            services.decide(current_user, entry, Decision(form.decision.data), form.comment.data or "", seen)
        except NotAllowed as error:
            flash(str(error.message), "error")
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Decision saved."), "success")
            return redirect(url_for("supervision.queue"))
    return render_template("placements/review.html", entry=entry, form=form)


@bp.route("/placements/<int:placement_id>/observations", methods=["GET", "POST"])
@supervisor_only
def observations(placement_id: int) -> str | Response:
    """Structured observations of the trainee's practice, for the assessors."""
    placement = db.get_or_404(Placement, placement_id)
    if current_user.id not in placement.supervisor_ids:
        abort(403)
    form = ObservationForm()
    if form.validate_on_submit():
        try:
            services.record_observation(
                current_user,
                placement,
                observed_on=form.observed_on.data,
                situation=form.situation.data,
                strengths=form.strengths.data,
                to_develop=form.to_develop.data,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Observation saved."), "success")
            return redirect(url_for("supervision.observations", placement_id=placement.id))
    recorded = db.session.scalars(
        db.select(Observation).filter_by(placement_id=placement.id).order_by(Observation.observed_on.desc())
    ).all()
    return render_template("placements/observations.html", placement=placement, form=form, observations=recorded)

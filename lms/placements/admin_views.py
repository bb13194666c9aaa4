"""Coordinator screens: placement sites, a cohort's placements, withdrawing approvals, closing, CSV export."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.access import roles_required, staff_only
from lms.accounts.models import User, UserRole
from lms.accounts.roles import Role
from lms.cohorts.models import Cohort, Enrolment
from lms.errors import DomainError, NotAllowed
from lms.exports import csv_response
from lms.extensions import db
from lms.forms import choices, show_error
from lms.placements import queries, services
from lms.placements.forms import PlacementForm, ReasonForm, SiteForm
from lms.placements.models import CATEGORY_LABELS, ENTRY_STATUS_LABELS, HourEntry, Placement, PlacementSite

bp = Blueprint("placement_admin", __name__, url_prefix="/placement-admin", template_folder="templates")


@bp.route("/sites", methods=["GET", "POST"])
@staff_only
def sites() -> str | Response:
    form = SiteForm()
    if form.validate_on_submit():
        try:
            services.create_site(
                current_user,
                organisation=form.organisation.data,
                service=form.service.data,
                address=form.address.data or "",
                contact=form.contact.data or "",
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Placement site added."), "success")
            return redirect(url_for("placement_admin.sites"))
    all_sites = db.session.scalars(select(PlacementSite).order_by(PlacementSite.organisation)).all()
    return render_template("placements/sites.html", sites=all_sites, form=form)


@bp.route("/cohorts/<int:cohort_id>", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def cohort_placements(cohort_id: int) -> str | Response:
    """The cohort's placements with approved hours against target; the form sets up a new placement."""
    cohort = db.get_or_404(Cohort, cohort_id)
    form = PlacementForm()
    enrolments = db.session.scalars(
        select(Enrolment).where(Enrolment.cohort_id == cohort.id).options(selectinload(Enrolment.user))
    ).all()
    form.enrolment.choices = choices((e.id, e.user.name) for e in enrolments)
    form.site.choices = choices((s.id, s.name) for s in db.session.scalars(select(PlacementSite)).all())
    supervisors = db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id).where(UserRole.role == Role.SUPERVISOR.value)
    ).all()
    form.supervisors.choices = choices((s.id, s.name) for s in supervisors)
    if form.validate_on_submit():
        try:
            placement = services.create_placement(
                current_user,
                db.get_or_404(Enrolment, form.enrolment.data),
                db.get_or_404(PlacementSite, form.site.data),
                [s for s in supervisors if s.id in set(form.supervisors.data or [])],
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                target_hours=form.target_hours.data,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Placement created."), "success")
            return redirect(url_for("placement_admin.manage", placement_id=placement.id))
    placements = queries.placements_of_cohort(cohort)
    return render_template(
        "placements/cohort.html", cohort=cohort, placements=placements, totals=queries.totals(placements), form=form
    )


@bp.route("/placements/<int:placement_id>")
@roles_required(Role.COORDINATOR)
def manage(placement_id: int) -> str:
    placement = db.get_or_404(Placement, placement_id)
    return render_template(
        "placements/manage.html",
        placement=placement,
        entries=queries.entries_of(placement, sent_only=True),
        total=queries.totals([placement])[placement.id],
        form=ReasonForm(),
    )


@bp.route("/entries/<int:entry_id>/withdraw", methods=["POST"])
@roles_required(Role.COORDINATOR)
def withdraw(entry_id: int) -> Response | str:
    entry = db.get_or_404(HourEntry, entry_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            services.withdraw_approval(current_user, entry, form.reason.data)
        except (DomainError, NotAllowed) as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("Approval withdrawn. The entry is back with the supervisor."), "success")
    else:
        flash(_("Write the reason for withdrawing the approval."), "error")
    return redirect(url_for("placement_admin.manage", placement_id=entry.placement_id))


@bp.route("/placements/<int:placement_id>/close", methods=["POST"])
@roles_required(Role.COORDINATOR)
def close(placement_id: int) -> Response:
    placement = db.get_or_404(Placement, placement_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            services.close_placement(current_user, placement, form.reason.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("Placement closed. Its entries are locked."), "success")
    else:
        flash(_("Write the reason for closing the placement."), "error")
    return redirect(url_for("placement_admin.manage", placement_id=placement.id))


@bp.route("/cohorts/<int:cohort_id>/hours.csv")
@roles_required(Role.COORDINATOR)
def hours_csv(cohort_id: int) -> Response:
    """Every entry of the cohort's placements with its status and signer (no reflections: they are private)."""
    cohort = db.get_or_404(Cohort, cohort_id)
    header = [
        _("Trainee"),
        _("Site"),
        _("Date"),
        _("Start time"),
        _("End time"),
        _("Minutes"),
        _("Activity"),
        _("What you did"),
        _("Status"),
        _("Signed by"),
        _("Signed at"),
    ]
    return csv_response(header, _hour_rows(cohort), f"placement-hours-cohort-{cohort.id}.csv")


def _hour_rows(cohort: Cohort):  # noqa: ANN202 - yields CSV rows
    for entry in queries.cohort_entries(cohort):
        approval = queries.approval_of(entry)
        yield [
            entry.trainee.name,
            entry.placement.site.name,
            entry.worked_on.isoformat(),
            entry.starts_at.strftime("%H:%M"),
            entry.ends_at.strftime("%H:%M"),
            entry.minutes,
            str(CATEGORY_LABELS[entry.category]),
            entry.description,
            str(ENTRY_STATUS_LABELS[entry.status]),
            approval.decided_by.name if approval else "",
            format_datetime(approval.decided_at, "yyyy-MM-dd HH:mm") if approval else "",
        ]

"""Trainee screens: my placements, the hour log, entries and their history."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.access import roles_required, signed_in
from lms.accounts.forms import EmptyForm
from lms.accounts.roles import Role
from lms.errors import DomainError, NotAllowed
from lms.extensions import db
from lms.forms import show_error
from lms.pdf import render_pdf
from lms.placements import queries, services
from lms.placements.forms import EntryForm
from lms.placements.models import Category, EntryStatus, HourEntry, Placement
from lms.placements.rules import EDITABLE
from lms.timeutil import utcnow

bp = Blueprint("placements", __name__, url_prefix="/placements", template_folder="templates")
trainee_only = roles_required(Role.TRAINEE)


def _data(form: EntryForm) -> services.EntryData:
    return services.EntryData(
        worked_on=form.worked_on.data,
        starts_at=form.starts_at.data,
        ends_at=form.ends_at.data,
        category=Category(form.category.data),
        description=form.description.data or "",
        reflection=form.reflection.data or "",
    )


def _own_placement(placement_id: int) -> Placement:
    placement = db.get_or_404(Placement, placement_id)
    if placement.enrolment.user_id != current_user.id:
        abort(403)
    return placement


@bp.route("/")
@trainee_only
def my_placements() -> str:
    placements = queries.placements_of_trainee(current_user)
    return render_template("placements/mine.html", placements=placements, totals=queries.totals(placements))


@bp.route("/<int:placement_id>")
@trainee_only
def show_placement(placement_id: int) -> str:
    placement = _own_placement(placement_id)
    entries = queries.entries_of(placement)
    sendable = [e for e in entries if EntryStatus(e.status) in EDITABLE]
    return render_template(
        "placements/placement.html",
        placement=placement,
        entries=entries,
        total=queries.totals([placement])[placement.id],
        sendable=sendable,
        form=EmptyForm(),
    )


@bp.route("/<int:placement_id>/entries/new", methods=["GET", "POST"])
@trainee_only
def new_entry(placement_id: int) -> str | Response:
    placement = _own_placement(placement_id)
    form = EntryForm()
    if form.validate_on_submit():
        try:
            services.create_entry(current_user, placement, _data(form))
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Saved as a draft. Send your drafts for sign-off when you are ready."), "success")
            return redirect(url_for("placements.show_placement", placement_id=placement.id))
    return render_template("placements/entry_form.html", form=form, placement=placement, correcting=None)


@bp.route("/<int:placement_id>/submit", methods=["POST"])
@trainee_only
def submit_drafts(placement_id: int) -> Response:
    placement = _own_placement(placement_id)
    if EmptyForm().validate_on_submit():
        try:
            sent = services.submit_all(current_user, placement)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("%(count)d entries sent to your supervisor for sign-off.", count=sent), "success")
    return redirect(url_for("placements.show_placement", placement_id=placement.id))


@bp.route("/entries/<int:entry_id>")
@signed_in
def show_entry(entry_id: int) -> str:
    """An entry and its whole history; trainees, the placement's supervisors and coordinators may look."""
    entry = db.get_or_404(HourEntry, entry_id)
    try:
        services.check_can_view(current_user, entry.placement, entry)
    except NotAllowed:
        abort(403)
    return render_template(
        "placements/entry.html",
        correctable=entry.status == EntryStatus.APPROVED.value and services.pending_correction(entry) is None,
        entry=entry,
        own=entry.trainee_id == current_user.id,
        show_reflection=services.can_read_reflection(current_user, entry.placement),
        history=queries.entry_history(entry),
        form=EmptyForm(),
    )


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@trainee_only
def edit_entry(entry_id: int) -> str | Response:
    entry = db.get_or_404(HourEntry, entry_id)
    placement = _own_placement(entry.placement_id)
    form = EntryForm(obj=entry)
    if request.method == "GET" and EntryStatus(entry.status) not in EDITABLE:
        flash(_("This entry can no longer be changed. To correct an approved entry, log a correction."), "info")
        return redirect(url_for("placements.show_entry", entry_id=entry.id))
    if form.validate_on_submit():
        try:
            services.update_entry(current_user, entry, _data(form))
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Changes saved. Send the entry again for sign-off when it is ready."), "success")
            return redirect(url_for("placements.show_placement", placement_id=placement.id))
    return render_template("placements/entry_form.html", form=form, placement=placement, correcting=None, entry=entry)


@bp.route("/entries/<int:entry_id>/correct", methods=["GET", "POST"])
@trainee_only
def correct_entry(entry_id: int) -> str | Response:
    original = db.get_or_404(HourEntry, entry_id)
    placement = _own_placement(original.placement_id)
    form = EntryForm(obj=original)
    if form.validate_on_submit():
        try:
            services.correct_entry(current_user, original, _data(form))
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Correction saved as a draft. Once signed off it replaces the original entry."), "success")
            return redirect(url_for("placements.show_placement", placement_id=placement.id))
    return render_template("placements/entry_form.html", form=form, placement=placement, correcting=original)


@bp.route("/entries/<int:entry_id>/delete", methods=["POST"])
@trainee_only
def delete_entry(entry_id: int) -> Response:
    entry = db.get_or_404(HourEntry, entry_id)
    placement = _own_placement(entry.placement_id)
    if EmptyForm().validate_on_submit():
        try:
            services.delete_draft(current_user, entry)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("Draft deleted."), "success")
    return redirect(url_for("placements.show_placement", placement_id=placement.id))


@bp.route("/<int:placement_id>/record.pdf")
@signed_in
def record_pdf(placement_id: int) -> Response:
    """The signed entries with their signers, for the trainee's portfolio (trainee, supervisors, coordinators)."""
    placement = db.get_or_404(Placement, placement_id)
    try:
        services.check_can_view(current_user, placement)
    except NotAllowed:
        abort(403)
    html = render_template(
        "placements/record.html",
        placement=placement,
        rows=queries.signed_record(placement),
        total=queries.totals([placement])[placement.id],
        now=utcnow(),
    )
    filename = f"placement-record-{placement.id}.pdf"
    return Response(
        render_pdf(html, "css/print-record.css"),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )

"""Coordinator screens for programmes, cohorts and enrolments."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lms.access import staff_only
from lms.accounts.models import User
from lms.cohorts import queries, services
from lms.cohorts.forms import CohortForm, EnrolForm, ProgrammeForm, StatusChangeForm
from lms.cohorts.models import STATUS_LABELS, Cohort, Enrolment, EnrolmentStatus, Programme
from lms.cohorts.rules import next_statuses
from lms.errors import DomainError
from lms.extensions import db
from lms.forms import choices, show_error

bp = Blueprint("cohorts", __name__, template_folder="templates")


@bp.route("/programmes")
@staff_only
def list_programmes() -> str:
    return render_template(
        "cohorts/programmes.html", programmes=queries.programmes_with_cohorts(), counts=queries.enrolment_counts()
    )


@bp.route("/programmes/new", methods=["GET", "POST"])
@staff_only
def create_programme() -> str | Response:
    form = ProgrammeForm()
    if form.validate_on_submit():
        try:
            programme = services.create_programme(
                current_user,
                title=form.title.data,
                description=form.description.data or "",
                theory_hours=form.theory_hours.data,
                placement_hours=form.placement_hours.data,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Programme created."), "success")
            return redirect(url_for("cohorts.show_programme", programme_id=programme.id))
    return render_template("cohorts/programme_form.html", form=form)


@bp.route("/programmes/<int:programme_id>")
@staff_only
def show_programme(programme_id: int) -> str:
    programme = db.get_or_404(Programme, programme_id)
    return render_template("cohorts/programme.html", programme=programme, counts=queries.enrolment_counts())


@bp.route("/programmes/<int:programme_id>/cohorts/new", methods=["GET", "POST"])
@staff_only
def create_cohort(programme_id: int) -> str | Response:
    programme = db.get_or_404(Programme, programme_id)
    form = CohortForm()
    if form.validate_on_submit():
        try:
            cohort = services.create_cohort(
                current_user, programme, name=form.name.data, starts_on=form.starts_on.data, ends_on=form.ends_on.data
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Cohort created."), "success")
            return redirect(url_for("cohorts.show_cohort", cohort_id=cohort.id))
    return render_template("cohorts/cohort_form.html", form=form, programme=programme)


@bp.route("/cohorts/<int:cohort_id>", methods=["GET", "POST"])
@staff_only
def show_cohort(cohort_id: int) -> str | Response:
    """The cohort's trainees; the form at the bottom enrols an existing trainee."""
    cohort = db.get_or_404(Cohort, cohort_id)
    form = EnrolForm()
    candidates = queries.trainees_not_in(cohort)
    form.user.choices = choices((person.id, f"{person.name} <{person.email}>") for person in candidates)
    if form.validate_on_submit():
        try:
            services.enrol(current_user, db.get_or_404(User, form.user.data), cohort)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Trainee enrolled."), "success")
            return redirect(url_for("cohorts.show_cohort", cohort_id=cohort.id))
    return render_template(
        "cohorts/cohort.html", cohort=cohort, enrolments=queries.cohort_enrolments(cohort), form=form
    )


@bp.route("/enrolments/<int:enrolment_id>", methods=["GET", "POST"])
@staff_only
def show_enrolment(enrolment_id: int) -> str | Response:
    """An enrolment's status and its full history; the form pauses, resumes, withdraws or completes it."""
    enrolment = db.get_or_404(Enrolment, enrolment_id)
    form = StatusChangeForm()
    allowed = next_statuses(EnrolmentStatus(enrolment.status))
    form.status.choices = choices((status.value, STATUS_LABELS[status]) for status in allowed)
    if allowed and form.validate_on_submit():
        try:
            services.change_status(current_user, enrolment, EnrolmentStatus(form.status.data), form.reason.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The enrolment is now: %(status)s.", status=enrolment.status_label), "success")
            return redirect(url_for("cohorts.show_enrolment", enrolment_id=enrolment.id))
    return render_template("cohorts/enrolment.html", enrolment=enrolment, form=form, choices=allowed)

"""People screens: list, invite, a person's page with roles and enrolments."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lms.access import staff_only
from lms.accounts.forms import EmptyForm
from lms.accounts.models import User
from lms.accounts.roles import ROLE_LABELS, Role
from lms.accounts.services import grantable_roles, send_invitation, set_roles
from lms.cohorts.models import Cohort
from lms.cohorts.queries import all_cohorts, enrolments_of
from lms.errors import DomainError
from lms.extensions import db
from lms.forms import choices, show_error
from lms.mail.services import send_after_response
from lms.people import queries
from lms.people.forms import InviteForm, RolesForm
from lms.people.services import invite

bp = Blueprint("people", __name__, url_prefix="/people", template_folder="templates")


def _role_choices() -> list[tuple[str, str]]:
    allowed = grantable_roles(current_user)
    return choices((role.value, ROLE_LABELS[role]) for role in Role if role in allowed)


@bp.route("/")
@staff_only
def list_people() -> str:
    role = request.args.get("role")
    role = role if role in {r.value for r in Role} else None
    return render_template("people/list.html", people=queries.people(role), role=role, Role=Role)


@bp.route("/invite", methods=["GET", "POST"])
@staff_only
def invite_person() -> str | Response:
    form = InviteForm()
    form.roles.choices = _role_choices()
    form.cohort.choices = choices(
        [(0, _("No cohort"))] + [(c.id, f"{c.programme.title}: {c.name}") for c in all_cohorts()]
    )
    if request.method == "GET" and request.args.get("cohort", type=int):
        form.cohort.data = request.args.get("cohort", type=int)
        form.roles.data = [Role.TRAINEE.value]
    if form.validate_on_submit():
        cohort = db.session.get(Cohort, form.cohort.data) if form.cohort.data else None
        try:
            person = invite(
                current_user,
                email=form.email.data,
                name=form.name.data,
                language=form.language.data,
                roles=[Role(value) for value in form.roles.data],
                cohort=cohort,
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            send_after_response()
            flash(_("Invitation sent to %(email)s.", email=person.email), "success")
            return redirect(url_for("people.show_person", person_id=person.id))
    return render_template("people/invite.html", form=form)


@bp.route("/<int:person_id>", methods=["GET", "POST"])
@staff_only
def show_person(person_id: int) -> str | Response:
    """A person's roles, invitation state and enrolments; the form changes their roles."""
    person = db.get_or_404(User, person_id)
    form = RolesForm()
    form.roles.choices = choices((role.value, ROLE_LABELS[role]) for role in Role)
    allowed = grantable_roles(current_user)
    if request.method == "GET":
        form.roles.data = [role.value for role in person.role_set]
    if form.validate_on_submit():
        try:
            set_roles(current_user, person, [Role(value) for value in form.roles.data or []])
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Roles saved."), "success")
            return redirect(url_for("people.show_person", person_id=person.id))
    return render_template(
        "people/person.html",
        person=person,
        form=form,
        allowed=allowed,
        enrolments=enrolments_of(person),
        invitation=queries.latest_invitation(person),
        resend_form=EmptyForm(),
    )


@bp.route("/<int:person_id>/invitation", methods=["POST"])
@staff_only
def resend_invitation(person_id: int) -> Response:
    person = db.get_or_404(User, person_id)
    if EmptyForm().validate_on_submit():
        try:
            send_invitation(current_user, person)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            db.session.commit()
            send_after_response()
            flash(_("A new invitation was sent to %(email)s.", email=person.email), "success")
    return redirect(url_for("people.show_person", person_id=person.id))

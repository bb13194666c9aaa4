"""Sign-in, sign-out, invitations, password reset and the language switch."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from lms.access import public, signed_in
from lms.accounts import services
from lms.accounts.forms import ChoosePasswordForm, EmptyForm, ForgotPasswordForm, SignInForm
from lms.errors import DomainError
from lms.extensions import db, limiter
from lms.forms import is_safe_next, show_error
from lms.i18n import LANGUAGE_COOKIE
from lms.mail.services import send_after_response

bp = Blueprint("accounts", __name__, template_folder="templates")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@public
def sign_in() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("dashboards.landing"))
    form = SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            target = form.next.data
            return redirect(target if is_safe_next(target) else url_for("dashboards.landing"))
    return render_template("accounts/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@signed_in
def sign_out() -> Response:
    if EmptyForm().validate_on_submit():
        logout_user()
        flash(_("You have signed out. See you soon."), "success")
    return redirect(url_for("accounts.sign_in"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@public
def accept_invitation(token: str) -> str | Response:
    return _choose_password(token, services.INVITATION, "accounts/accept_invitation.html")


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@public
def reset_password(token: str) -> str | Response:
    return _choose_password(token, services.PASSWORD_RESET, "accounts/reset_password.html")


def _choose_password(token: str, purpose: str, template: str) -> str | Response:
    """Shared by invitations and resets: both end with a chosen password and a signed-in person."""
    record = services.find_usable_token(token, purpose)
    if record is None:
        return render_template("accounts/link_expired.html"), 410
    form = ChoosePasswordForm()
    if form.validate_on_submit():
        try:
            user = services.set_password_with_token(token, purpose, form.password.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            logout_user()
            login_user(user)
            flash(_("Your password is saved. Welcome!"), "success")
            return redirect(url_for("dashboards.landing"))
    return render_template(template, form=form, person=record.user)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@public
def forgot_password() -> str | Response:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        send_after_response()
        minutes = current_app.config["PASSWORD_RESET_TTL_MINUTES"]
        flash(
            _(
                "If an account uses that address, we have sent it a link. It works for %(minutes)d minutes. "
                "Check your inbox.",
                minutes=minutes,
            ),
            "info",
        )
        return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/language/<code>", methods=["POST"])
@public
def set_language(code: str) -> Response:
    """Remember the choice in a cookie (it outlives sign-out) and, when signed in, as the person's preference."""
    target = request.form.get("next", "")
    response = make_response(redirect(target if is_safe_next(target) else url_for("dashboards.home")))
    if code not in current_app.config["LANGUAGES"] or not EmptyForm().validate_on_submit():
        return response
    if current_user.is_authenticated:
        services.set_preferred_language(current_user, code)
        db.session.commit()
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response

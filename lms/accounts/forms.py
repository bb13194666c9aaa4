"""Forms for signing in and choosing a password: shape only, rules live in services."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from lms.forms import strip


class SignInForm(FlaskForm):
    email = EmailField(_l("E-mail address"), filters=[strip], validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class ChoosePasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("At least 10 characters. A short sentence you can remember works well."),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords are not the same."))],
    )
    submit = SubmitField(_l("Save my password"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), filters=[strip], validators=[DataRequired(), Email()])
    submit = SubmitField(_l("Send me a link"))


class EmptyForm(FlaskForm):
    """A form with only its CSRF token, for buttons that post (sign out, language)."""

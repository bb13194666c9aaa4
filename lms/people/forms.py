"""Invite and roles forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length
from wtforms.widgets import CheckboxInput, ListWidget

from lms.forms import choices, strip
from lms.i18n import LANGUAGE_NAMES


class CheckboxesField(SelectMultipleField):
    """Several choices shown as check boxes (easier to use than a multiple select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InviteForm(FlaskForm):
    name = StringField(_l("Full name"), filters=[strip], validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail address"), filters=[strip], validators=[DataRequired(), Email(), Length(max=254)])
    language = SelectField(
        _l("Language for e-mails and screens"), choices=choices(LANGUAGE_NAMES.items()), default="ca"
    )
    roles = CheckboxesField(_l("Roles"), validators=[DataRequired(message=_l("Choose at least one role."))])
    cohort = SelectField(
        _l("Enrol in cohort (trainees only)"),
        coerce=int,
        description=_l("Leave empty for supervisors, assessors and others who do not train."),
    )
    submit = SubmitField(_l("Send invitation"))


class RolesForm(FlaskForm):
    roles = CheckboxesField(_l("Roles"))
    submit = SubmitField(_l("Save roles"))

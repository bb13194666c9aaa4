"""Placement forms: shape only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from lms.forms import choices, strip
from lms.people.forms import CheckboxesField
from lms.placements.models import CATEGORY_LABELS


class EntryForm(FlaskForm):
    worked_on = DateField(_l("Date"), validators=[InputRequired()])
    starts_at = TimeField(_l("Start time"), validators=[InputRequired()])
    ends_at = TimeField(_l("End time"), validators=[InputRequired()])
    category = SelectField(_l("Activity"), choices=choices(CATEGORY_LABELS.items()))
    description = TextAreaField(
        _l("What you did"),
        filters=[strip],
        validators=[DataRequired(), Length(max=4000)],
        description=_l(
            "Describe your own activity. Never write names or details that could identify the people you supported."
        ),
    )
    reflection = TextAreaField(
        _l("Reflection (optional)"),
        filters=[strip],
        validators=[Length(max=4000)],
        description=_l("Only you and your supervisor can read it."),
    )
    submit = SubmitField(_l("Save as draft"))


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Decision"))
    comment = TextAreaField(
        _l("Comment for the trainee"),
        filters=[strip],
        validators=[Length(max=2000)],
        description=_l("Needed when you return or reject an entry."),
    )
    submit = SubmitField(_l("Save decision"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), filters=[strip], validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Confirm"))


class SiteForm(FlaskForm):
    organisation = StringField(_l("Organisation"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    service = StringField(_l("Service"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    address = StringField(_l("Address"), filters=[strip], validators=[Length(max=300)])
    contact = StringField(_l("Contact"), filters=[strip], validators=[Length(max=300)])
    submit = SubmitField(_l("Add site"))


class PlacementForm(FlaskForm):
    enrolment = SelectField(_l("Trainee"), coerce=int)
    site = SelectField(_l("Placement site"), coerce=int)
    supervisors = CheckboxesField(_l("Supervisors"), coerce=int)
    starts_on = DateField(_l("Start date"), validators=[InputRequired()])
    ends_on = DateField(_l("End date"), validators=[InputRequired()])
    target_hours = IntegerField(
        _l("Target hours"),
        validators=[Optional(), NumberRange(min=1, max=2000)],
        description=_l("Leave empty to use the programme's placement hours."),
    )
    submit = SubmitField(_l("Create placement"))


class ObservationForm(FlaskForm):
    observed_on = DateField(_l("Date"), validators=[InputRequired()])
    situation = TextAreaField(_l("Situation"), filters=[strip], validators=[DataRequired(), Length(max=4000)])
    strengths = TextAreaField(_l("Strengths"), filters=[strip], validators=[DataRequired(), Length(max=4000)])
    to_develop = TextAreaField(_l("What to develop"), filters=[strip], validators=[DataRequired(), Length(max=4000)])
    submit = SubmitField(_l("Save observation"))

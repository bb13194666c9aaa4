"""Programme, cohort and enrolment forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange


class ProgrammeForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    theory_hours = IntegerField(
        _l("Theory hours required"),
        validators=[InputRequired(), NumberRange(min=0, max=2000)],
        description=_l("Online lessons plus attended live sessions."),
    )
    placement_hours = IntegerField(
        _l("Placement hours required"),
        validators=[InputRequired(), NumberRange(min=0, max=2000)],
        description=_l("Practice hours signed off by a supervisor."),
    )
    submit = SubmitField(_l("Create programme"))


class CohortForm(FlaskForm):
    name = StringField(_l("Cohort name"), validators=[DataRequired(), Length(max=120)])
    starts_on = DateField(_l("Start date"), validators=[InputRequired()])
    ends_on = DateField(_l("End date"), validators=[InputRequired()])
    submit = SubmitField(_l("Create cohort"))


class EnrolForm(FlaskForm):
    user = SelectField(_l("Trainee"), coerce=int, validators=[InputRequired()])
    submit = SubmitField(_l("Enrol"))


class StatusChangeForm(FlaskForm):
    status = SelectField(_l("New status"), validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l("Kept in the enrolment's history. Write it so the trainee could read it."),
    )
    submit = SubmitField(_l("Change status"))

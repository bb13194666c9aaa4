"""Live-session form. Attendance is read straight from the table's radio buttons (one group per trainee)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from courses.models import AttendanceStatus
from lms.errors import DomainError


class SessionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    module = SelectField(_l("Module"), coerce=int)
    starts_at = DateTimeLocalField(_l("Date and time"), format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    duration = IntegerField(_l("Length in minutes"), default=120, validators=[InputRequired(), NumberRange(1, 480)])
    location = StringField(
        _l("Place"), validators=[Length(max=200)], description=_l("Room and address, or the name of the video call.")
    )
    submit = SubmitField(_l("Schedule session"))


def parse_attendance(data: dict[str, str], enrolment_ids: list[int]) -> dict[int, tuple[AttendanceStatus, int]]:
    """Read ``status-<id>`` / ``late-<id>`` pairs posted by the attendance table; unmarked rows are skipped."""
    marks = {}
    for enrolment_id in enrolment_ids:
        raw_status = data.get(f"status-{enrolment_id}", "")
        if not raw_status:
            continue
        try:
            status = AttendanceStatus(raw_status)
            minutes_late = int(data.get(f"late-{enrolment_id}") or 0) if status is AttendanceStatus.LATE else 0
        except ValueError as error:
            raise DomainError(_l("Check the attendance marks: one of them is not valid.")) from error
        marks[enrolment_id] = (status, minutes_late)
    return marks

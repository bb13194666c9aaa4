"""The lesson editor form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange

from courses.authoring.services import MAX_MINUTES


class LessonForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Length(max=200)])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=1000)])
    easy_read = TextAreaField(
        _l("Easy-read summary"),
        validators=[Length(max=3000)],
        description=_l("Short, plain sentences, one per line starting with a hyphen."),
    )
    body = TextAreaField(
        _l("Lesson text (Markdown)"),
        validators=[Length(max=100_000)],
        description=_l("Use ## for headings, - for lists, **bold** and *italic*. HTML is not allowed."),
    )
    minutes = IntegerField(_l("Study minutes"), validators=[InputRequired(), NumberRange(min=1, max=MAX_MINUTES)])
    crisis_note = BooleanField(_l("Talks about crisis, self-harm or suicide (shows a content note)"))
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Save as new version"))


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[InputRequired()])

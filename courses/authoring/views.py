"""Curriculum screens for coordinators: outline, lesson history, editor with preview, publish, reorder."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from courses.authoring import services
from courses.authoring.forms import LessonForm, MoveForm
from courses.content import LANGUAGES
from courses.models import Lesson, LessonVersion, Module, localised
from courses.queries import curriculum
from courses.rendering import render_markdown
from lms.access import staff_only
from lms.accounts.forms import EmptyForm
from lms.cohorts.models import Programme
from lms.errors import DomainError
from lms.extensions import db
from lms.forms import show_error

bp = Blueprint("curriculum", __name__, url_prefix="/curriculum", template_folder="templates")


@bp.route("/")
@staff_only
def list_programmes() -> str:
    programmes = db.session.scalars(select(Programme).order_by(Programme.title)).all()
    return render_template("authoring/programmes.html", programmes=programmes)


@bp.route("/programmes/<int:programme_id>")
@staff_only
def show_programme(programme_id: int) -> str:
    programme = db.get_or_404(Programme, programme_id)
    return render_template(
        "authoring/programme.html", programme=programme, modules=curriculum(programme.id), move_form=MoveForm()
    )


@bp.route("/lessons/<int:lesson_id>")
@staff_only
def show_lesson(lesson_id: int) -> str:
    lesson = db.get_or_404(Lesson, lesson_id)
    return render_template("authoring/lesson.html", lesson=lesson, form=EmptyForm())


@bp.route("/lessons/<int:lesson_id>/versions/<int:number>")
@staff_only
def show_version(lesson_id: int, number: int) -> str:
    """Any version as trainees saw (or will see) it, in any of the three languages."""
    lesson = db.get_or_404(Lesson, lesson_id)
    version = db.first_or_404(select(LessonVersion).filter_by(lesson_id=lesson.id, number=number))
    language = request.args.get("lang", "en") if request.args.get("lang") in LANGUAGES else "en"
    body, fallback = localised(version.bodies, language)
    return render_template(
        "authoring/version.html",
        lesson=lesson,
        version=version,
        language=language,
        languages=LANGUAGES,
        title=localised(version.titles, language)[0],
        easy_read=localised(version.easy_reads, language)[0],
        body=render_markdown(body),
        fallback=fallback,
    )


@bp.route("/lessons/<int:lesson_id>/edit", methods=["GET", "POST"])
@staff_only
def edit_lesson(lesson_id: int) -> str | Response:
    """Edit one language of a lesson. "Preview" shows the sanitised result; "Save" adds a draft version."""
    lesson = db.get_or_404(Lesson, lesson_id)
    language = request.args.get("lang", "en") if request.args.get("lang") in LANGUAGES else "en"
    latest = lesson.latest_version
    form = LessonForm()
    if request.method == "GET" and latest is not None:
        form.title.data = latest.titles.get(language, "")
        form.summary.data = latest.summaries.get(language, "")
        form.easy_read.data = latest.easy_reads.get(language, "")
        form.body.data = latest.bodies.get(language, "")
        form.minutes.data = latest.minutes
        form.crisis_note.data = latest.crisis_note
    preview = None
    if form.validate_on_submit():
        if form.save.data:
            try:
                version = services.save_draft(
                    current_user,
                    lesson,
                    language,
                    title=form.title.data or "",
                    summary=form.summary.data or "",
                    easy_read=form.easy_read.data or "",
                    body=form.body.data or "",
                    minutes=form.minutes.data,
                    crisis_note=form.crisis_note.data,
                )
            except DomainError as error:
                show_error(form, error)
            else:
                db.session.commit()
                flash(_("Version %(number)d saved. Publish it when it is ready.", number=version.number), "success")
                return redirect(url_for("curriculum.show_lesson", lesson_id=lesson.id))
        else:
            preview = render_markdown(form.body.data or "")
    return render_template(
        "authoring/edit.html", lesson=lesson, form=form, language=language, languages=LANGUAGES, preview=preview
    )


@bp.route("/lessons/<int:lesson_id>/publish", methods=["POST"])
@staff_only
def publish_lesson(lesson_id: int) -> Response:
    lesson = db.get_or_404(Lesson, lesson_id)
    if EmptyForm().validate_on_submit():
        try:
            version = services.publish_latest(current_user, lesson)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("Version %(number)d is now what trainees see.", number=version.number), "success")
    return redirect(url_for("curriculum.show_lesson", lesson_id=lesson.id))


@bp.route("/lessons/<int:lesson_id>/visibility", methods=["POST"])
@staff_only
def toggle_visibility(lesson_id: int) -> Response:
    lesson = db.get_or_404(Lesson, lesson_id)
    if EmptyForm().validate_on_submit():
        services.set_visibility(current_user, lesson, not lesson.published)
        db.session.commit()
        flash(
            _("The lesson is now visible to trainees.") if lesson.published else _("The lesson is now hidden."),
            "success",
        )
    return redirect(url_for("curriculum.show_lesson", lesson_id=lesson.id))


@bp.route("/lessons/<int:lesson_id>/move", methods=["POST"])
@staff_only
def move_lesson(lesson_id: int) -> Response:
    lesson = db.get_or_404(Lesson, lesson_id)
    form = MoveForm()
    if form.validate_on_submit() and form.direction.data in ("up", "down"):
        services.move(current_user, lesson, -1 if form.direction.data == "up" else 1)
        db.session.commit()
    anchor = f"module-{lesson.module_id}"
    return redirect(url_for("curriculum.show_programme", programme_id=lesson.module.programme_id, _anchor=anchor))


@bp.route("/modules/<int:module_id>/move", methods=["POST"])
@staff_only
def move_module(module_id: int) -> Response:
    module = db.get_or_404(Module, module_id)
    form = MoveForm()
    if form.validate_on_submit() and form.direction.data in ("up", "down"):
        services.move(current_user, module, -1 if form.direction.data == "up" else 1)
        db.session.commit()
    return redirect(
        url_for("curriculum.show_programme", programme_id=module.programme_id, _anchor=f"module-{module.id}")
    )

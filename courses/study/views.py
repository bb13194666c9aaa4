"""The trainee's course: outline with progress, lesson pages, marking lessons complete."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from courses.models import Lesson, LessonCompletion, localised
from courses.queries import curriculum, study_position, theory_credit
from courses.rendering import render_markdown
from courses.rules import can_earn_credit
from courses.study import services
from courses.study.progress import module_progress, neighbours, next_lesson, percent
from lms.access import roles_required
from lms.accounts.forms import EmptyForm
from lms.accounts.roles import Role
from lms.cohorts.models import Enrolment
from lms.cohorts.queries import enrolments_of
from lms.errors import DomainError, NotAllowed
from lms.extensions import db

bp = Blueprint("courses", __name__, url_prefix="/learn", template_folder="templates")
trainee_only = roles_required(Role.TRAINEE)


def _own_enrolment(enrolment_id: int) -> Enrolment:
    enrolment = db.get_or_404(Enrolment, enrolment_id)
    try:
        services.check_own(current_user, enrolment)
    except NotAllowed:
        abort(403)
    return enrolment


@bp.route("/")
@trainee_only
def my_course() -> Response | str:
    """Straight to the course of the trainee's current enrolment."""
    enrolments = enrolments_of(current_user)
    if not enrolments:
        return render_template("study/not_enrolled.html")
    current = next((e for e in enrolments if can_earn_credit(e.status)), enrolments[0])
    return redirect(url_for("courses.outline", enrolment_id=current.id))


@bp.route("/<int:enrolment_id>")
@trainee_only
def outline(enrolment_id: int) -> str:
    enrolment = _own_enrolment(enrolment_id)
    programme = enrolment.cohort.programme
    credit = theory_credit([enrolment.id])[enrolment.id]
    progress = module_progress(curriculum(programme.id), credit.completed_lessons)
    position = study_position(enrolment.id)
    visible = {lesson.id for entry in progress for lesson in entry.lessons}
    return render_template(
        "study/outline.html",
        enrolment=enrolment,
        programme=programme,
        credit=credit,
        progress=progress,
        theory_percent=percent(credit.minutes, programme.required_theory_hours),
        continue_lesson=position.lesson if position and position.lesson_id in visible else None,
        next_lesson=next_lesson(progress),
        language=str(get_locale()),
    )


@bp.route("/<int:enrolment_id>/lessons/<int:lesson_id>")
@trainee_only
def show_lesson(enrolment_id: int, lesson_id: int) -> str:
    enrolment = _own_enrolment(enrolment_id)
    lesson = db.get_or_404(Lesson, lesson_id)
    try:
        services.open_lesson(current_user, enrolment, lesson)
    except NotAllowed:
        abort(404)
    db.session.commit()
    language = str(get_locale())
    version = lesson.live_version
    body, body_fallback = localised(version.bodies, language)
    completion = db.session.scalar(
        db.select(LessonCompletion).filter_by(enrolment_id=enrolment.id, lesson_id=lesson.id)
    )
    progress = module_progress(curriculum(enrolment.cohort.programme_id), set())
    previous, following = neighbours(progress, lesson)
    return render_template(
        "study/lesson.html",
        enrolment=enrolment,
        lesson=lesson,
        version=version,
        title=localised(version.titles, language)[0],
        summary=localised(version.summaries, language)[0],
        easy_read=localised(version.easy_reads, language)[0],
        body=render_markdown(body),
        body_fallback=body_fallback,
        completion=completion,
        can_complete=can_earn_credit(enrolment.status),
        previous=previous,
        following=following,
        language=language,
        form=EmptyForm(),
    )


@bp.route("/<int:enrolment_id>/lessons/<int:lesson_id>/complete", methods=["POST"])
@trainee_only
def complete_lesson(enrolment_id: int, lesson_id: int) -> Response:
    enrolment = _own_enrolment(enrolment_id)
    lesson = db.get_or_404(Lesson, lesson_id)
    if EmptyForm().validate_on_submit():
        try:
            version_id = request.form.get("version", type=int)
            completion, new = services.complete_lesson(current_user, enrolment, lesson, version_id)
        except NotAllowed:
            abort(404)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            db.session.commit()
            if new:
                minutes = completion.minutes_credited
                flash(_("Well done! %(minutes)d minutes added to your theory hours.", minutes=minutes), "success")
    return redirect(url_for("courses.show_lesson", enrolment_id=enrolment.id, lesson_id=lesson.id))

"""Coordinator screens: live sessions, attendance, and the cohort progress grid (with CSV export)."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from courses.live import queries, services
from courses.live.forms import SessionForm, parse_attendance
from courses.models import ATTENDANCE_LABELS, AttendanceStatus, LiveSession, Module
from courses.queries import curriculum
from lms.access import staff_only
from lms.accounts.forms import EmptyForm
from lms.cohorts.models import Cohort
from lms.errors import DomainError
from lms.exports import csv_response
from lms.extensions import db
from lms.forms import choices, show_error
from lms.timeutil import utcnow

bp = Blueprint("live", __name__, url_prefix="/courses", template_folder="templates")


@bp.route("/cohorts/<int:cohort_id>/sessions", methods=["GET", "POST"])
@staff_only
def cohort_sessions(cohort_id: int) -> str | Response:
    cohort = db.get_or_404(Cohort, cohort_id)
    language = str(get_locale())
    form = SessionForm()
    modules = curriculum(cohort.programme_id)
    form.module.choices = choices(
        [(0, _("No module"))] + [(m.id, f"{m.position}. {m.title(language)}") for m in modules]
    )
    if form.validate_on_submit():
        try:
            session = services.schedule_session(
                current_user,
                cohort,
                module=db.session.get(Module, form.module.data) if form.module.data else None,
                title=form.title.data,
                starts_at=form.starts_at.data,
                duration_minutes=form.duration.data,
                location=form.location.data or "",
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Session scheduled."), "success")
            return redirect(url_for("live.show_session", session_id=session.id))
    return render_template(
        "live/sessions.html",
        cohort=cohort,
        sessions=queries.cohort_sessions(cohort),
        enrolled=len(queries.cohort_enrolments(cohort)),
        form=form,
        language=language,
    )


@bp.route("/sessions/<int:session_id>", methods=["GET", "POST"])
@staff_only
def show_session(session_id: int) -> str | Response:
    """The attendance register of one session: one row per trainee, one choice per row."""
    session = db.get_or_404(LiveSession, session_id)
    enrolments = queries.cohort_enrolments(session.cohort)
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            marks = parse_attendance(request.form, [e.id for e in enrolments])
            changed = services.record_attendance(current_user, session, marks)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("Attendance saved (%(count)d changed).", count=changed), "success")
            return redirect(url_for("live.show_session", session_id=session.id))
    marks = {a.enrolment_id: a for a in session.attendances}
    return render_template(
        "live/session.html",
        session=session,
        enrolments=enrolments,
        marks=marks,
        statuses=list(AttendanceStatus),
        labels=ATTENDANCE_LABELS,
        form=form,
        language=str(get_locale()),
    )


@bp.route("/cohorts/<int:cohort_id>/progress")
@staff_only
def cohort_progress(cohort_id: int) -> str:
    cohort = db.get_or_404(Cohort, cohort_id)
    return render_template(
        "live/progress.html", cohort=cohort, grid=queries.cohort_grid(cohort, utcnow()), language=str(get_locale())
    )


@bp.route("/cohorts/<int:cohort_id>/progress.csv")
@staff_only
def cohort_progress_csv(cohort_id: int) -> Response:
    cohort = db.get_or_404(Cohort, cohort_id)
    grid = queries.cohort_grid(cohort, utcnow())
    language = str(get_locale())
    header = (
        [_("Name"), _("E-mail"), _("Status")]
        + [f"{m.position}. {m.title(language)}" for m in grid.modules]
        + [_("Theory hours"), _("Attendance %"), _("Last activity"), _("Inactive 14 days")]
    )
    rows = []
    for row in grid.rows:
        rate = row.credit.attendance_rate
        last = row.credit.last_activity
        rows.append(
            [row.enrolment.user.name, row.enrolment.user.email, row.enrolment.status_label]
            + [f"{row.done.get(m.id, 0)}/{grid.lesson_counts[m.id]}" for m in grid.modules]
            + [
                f"{row.credit.minutes / 60:.1f}",
                "" if rate is None else f"{rate * 100:.0f}",
                format_datetime(last, "yyyy-MM-dd HH:mm") if last else "",
                _("yes") if row.inactive else _("no"),
            ]
        )
    return csv_response(header, rows, f"progress-cohort-{cohort.id}.csv")

"""Mail about placements: supervisors' digests of pending entries, and trainees told of a returned entry."""

from __future__ import annotations

from collections import defaultdict

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.accounts.models import User
from lms.extensions import db
from lms.mail.services import queue_mail
from lms.placements.models import Decision, EntryStatus, HourEntry, Placement, PlacementSupervisor
from lms.urls import absolute_url


def send_digests() -> int:
    """One message per supervisor with pending entries: how many, from whom, and the link to the queue."""
    pending = db.session.scalars(
        select(HourEntry)
        .where(HourEntry.status == EntryStatus.SUBMITTED.value, Placement.closed_at.is_(None))
        .join(Placement)
        .options(
            selectinload(HourEntry.trainee),
            selectinload(HourEntry.placement)
            .selectinload(Placement.supervisor_links)
            .selectinload(PlacementSupervisor.supervisor),
        )
    ).all()
    per_supervisor: dict[int, list[HourEntry]] = defaultdict(list)
    people: dict[int, User] = {}
    for entry in pending:
        for link in entry.placement.supervisor_links:
            if link.supervisor_id != entry.trainee_id and link.supervisor.active:
                per_supervisor[link.supervisor_id].append(entry)
                people[link.supervisor_id] = link.supervisor
    link = absolute_url("supervision.queue")
    for supervisor_id, entries in per_supervisor.items():
        supervisor = people[supervisor_id]
        trainees = sorted({entry.trainee.name for entry in entries})
        with force_locale(supervisor.preferred_language):
            body = render_template(
                "placements/mail/digest.txt",
                supervisor=supervisor,
                entries=entries,
                trainees=trainees,
                hours=sum(e.minutes for e in entries) / 60,
                link=link,
            )
            queue_mail(supervisor.email, _("Hours waiting for your sign-off"), body)
    return len(per_supervisor)


def tell_trainee_returned(entry: HourEntry, decision: Decision, comment: str) -> None:
    """The trainee learns that an entry came back (or was rejected), and why, in their own language."""
    trainee = entry.trainee
    link = absolute_url("placements.show_entry", entry_id=entry.id)
    with force_locale(trainee.preferred_language):
        rejected = decision is Decision.REJECT
        body = render_template(
            "placements/mail/returned.txt", trainee=trainee, entry=entry, comment=comment, link=link, rejected=rejected
        )
        if rejected:
            subject = _("Your supervisor did not approve some hours")
        else:
            subject = _("Your supervisor has a question about your hours")
        queue_mail(trainee.email, subject, body)

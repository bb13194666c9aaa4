"""The hour log over HTTP: trainees log and send, supervisors sign off in one action, coordinators oversee."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from lms.accounts.roles import Role
from lms.extensions import db
from lms.mail.models import OutboxMessage
from lms.placements.models import EntryDecision, HourEntry, Observation, Placement
from lms.timeutil import utcnow
from tests.factories import make_placement, make_user, post, sign_in

YESTERDAY = (utcnow().date() - timedelta(days=1)).isoformat()


@pytest.fixture
def setup(app: Flask) -> dict:
    trainee = make_user(app, Role.TRAINEE, name="Laia Puig")
    supervisor = make_user(app, Role.SUPERVISOR, name="Montse Camps")
    placement = make_placement(app, trainee, [supervisor])
    return {"trainee": trainee, "supervisor": supervisor, "placement": placement}


def _log(client, placement_id: int, day: str = YESTERDAY, start: str = "09:00", end: str = "13:00", **extra):  # noqa: ANN001, ANN003, ANN202
    data = {
        "worked_on": day,
        "starts_at": start,
        "ends_at": end,
        "category": "shadowing",
        "description": "Prepared the room and took part in the morning group.",
        "reflection": "I felt useful.",
    }
    data.update(extra)
    return post(client, f"/placements/{placement_id}/entries/new", data)


def _as(app: Flask, person):  # noqa: ANN001, ANN202 - a signed-in test client
    client = app.test_client()
    sign_in(client, person)
    return client


def _send(client, placement_id: int) -> None:  # noqa: ANN001
    post(client, f"/placements/{placement_id}/submit", page=f"/placements/{placement_id}")


def _send_one(app: Flask, setup: dict, **fields):  # noqa: ANN202 - (trainee client, placement id)
    """The trainee logs one entry (yesterday 09:00-13:00 unless told otherwise) and sends it for sign-off."""
    trainee_client = _as(app, setup["trainee"])
    pid = setup["placement"].id
    _log(trainee_client, pid, **fields)
    _send(trainee_client, pid)
    return trainee_client, pid


def _approve(client, entry_id: int, revision: int = 1):  # noqa: ANN001, ANN202
    return post(client, "/supervision/", {"entry": [f"{entry_id}:{revision}"]})


def _entries(app: Flask) -> list[HourEntry]:
    with app.app_context():
        rows = db.session.scalars(select(HourEntry).order_by(HourEntry.id)).all()
        db.session.expunge_all()
        return rows


def test_trainee_logs_a_draft_and_sends_it(app: Flask, client, setup) -> None:
    sign_in(client, setup["trainee"])
    placement_id = setup["placement"].id
    assert _log(client, placement_id).status_code == 302
    page = client.get(f"/placements/{placement_id}").get_data(as_text=True)
    assert "Drafts: 4.0 h" in page and "Send 1 entry for sign-off" in page
    post(client, f"/placements/{placement_id}/submit", page=f"/placements/{placement_id}")
    assert [e.status for e in _entries(app)] == ["submitted"]
    assert "Waiting for sign-off: 4.0 h" in client.get(f"/placements/{placement_id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"day": (utcnow().date() + timedelta(days=2)).isoformat()}, "already happened"),
        ({"start": "14:00", "end": "10:00"}, "end time must be after"),
        ({"day": (utcnow().date() - timedelta(days=200)).isoformat()}, "outside the dates"),
        ({"start": "00:00", "end": "12:30"}, "more than 12 hours"),
    ],
)
def test_bad_entries_get_a_clear_message_and_save_nothing(app: Flask, client, setup, fields, message: str) -> None:
    sign_in(client, setup["trainee"])
    response = _log(client, setup["placement"].id, **fields)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _entries(app) == []


def test_overlapping_entries_are_refused(app: Flask, client, setup) -> None:
    sign_in(client, setup["trainee"])
    _log(client, setup["placement"].id)
    response = _log(client, setup["placement"].id, start="12:00", end="15:00")
    assert "overlap" in response.get_data(as_text=True) and len(_entries(app)) == 1


def test_the_form_says_never_to_identify_people(app: Flask, client, setup) -> None:
    sign_in(client, setup["trainee"])
    page = client.get(f"/placements/{setup['placement'].id}/entries/new").get_data(as_text=True)
    assert "never about who you supported" in page
    assert not re.search(r'name="(client|patient|user|person)_?name"', page)


def test_supervisor_approves_a_week_in_one_action_and_returns_one(app: Flask, client, setup) -> None:
    trainee_client = _as(app, setup["trainee"])
    placement_id = setup["placement"].id
    today = utcnow().date()
    for days_ago in range(1, 6):
        _log(trainee_client, placement_id, day=(today - timedelta(days=days_ago)).isoformat())
    post(trainee_client, f"/placements/{placement_id}/submit", page=f"/placements/{placement_id}")
    sign_in(client, setup["supervisor"])
    queue = client.get("/supervision/").get_data(as_text=True)
    ids = re.findall(r'name="entry" value="(\d+:\d+)"', queue)
    assert len(ids) == 5 and "5 entries waiting, 20.0 hours in all" in queue
    oldest = _entries(app)[-1].id
    assert ids[0] == f"{oldest}:1"  # oldest first, with the revision on screen
    returned = ids[1]
    post(client, "/supervision/", {"entry": [i for i in ids if i != returned]})
    returned = returned.split(":")[0]
    response = post(
        client,
        f"/supervision/entries/{returned}",
        {"decision": "needs_info", "comment": "Was this the Tuesday group?", "revision": "1"},
    )
    assert response.status_code == 302
    statuses = {e.id: e.status for e in _entries(app)}
    assert list(statuses.values()).count("approved") == 4 and statuses[int(returned)] == "needs_info"
    with app.app_context():
        mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == setup["trainee"].email))
        assert "Was this the Tuesday group?" in mail.body
        assert db.session.scalar(select(func.count()).select_from(EntryDecision)) == 5
    page = trainee_client.get(f"/placements/{placement_id}").get_data(as_text=True)
    assert "16.0 of 60 hours approved" in page and "Returned to you: 4.0 h" in page


def test_a_supervisor_of_another_placement_cannot_decide(app: Flask, client, setup) -> None:
    _send_one(app, setup)
    entry_id = _entries(app)[0].id
    sign_in(client, make_user(app, Role.SUPERVISOR))
    assert "Nothing waits" in client.get("/supervision/").get_data(as_text=True)
    assert client.get(f"/supervision/entries/{entry_id}").status_code == 403
    _approve(client, entry_id)
    assert _entries(app)[0].status == "submitted"


def test_approved_entries_cannot_be_edited_or_deleted(app: Flask, client, setup) -> None:
    trainee_client, pid = _send_one(app, setup)
    sign_in(client, setup["supervisor"])
    _approve(client, _entries(app)[0].id)
    entry_id = _entries(app)[0].id
    refused = post(
        trainee_client,
        f"/placements/entries/{entry_id}/edit",
        {
            "worked_on": YESTERDAY,
            "starts_at": "08:00",
            "ends_at": "13:00",
            "category": "shadowing",
            "description": "Changed.",
        },
        page=f"/placements/entries/{entry_id}",
    )
    assert "can no longer be changed" in refused.get_data(as_text=True)
    post(trainee_client, f"/placements/entries/{entry_id}/delete", page=f"/placements/entries/{entry_id}")
    entry = _entries(app)[0]
    assert entry.status == "approved" and entry.starts_at.hour == 9
    history = trainee_client.get(f"/placements/entries/{entry_id}").get_data(as_text=True)
    assert "Approved and signed" in history and "Montse Camps" in history and re.search(r"[0-9a-f]{64}", history)


def test_reflections_stay_between_trainee_and_supervisor(app: Flask, client, setup) -> None:
    trainee_client = _as(app, setup["trainee"])
    pid = setup["placement"].id
    _log(trainee_client, pid, reflection="A private thought.")
    entry_id = _entries(app)[0].id
    assert "A private thought." in trainee_client.get(f"/placements/entries/{entry_id}").get_data(as_text=True)
    sign_in(client, make_user(app, Role.COORDINATOR))
    assert client.get(f"/placements/entries/{entry_id}").status_code == 403  # a draft never sent is private
    _send(trainee_client, pid)
    coordinator_view = client.get(f"/placements/entries/{entry_id}").get_data(as_text=True)
    assert "Prepared the room" in coordinator_view and "A private thought." not in coordinator_view
    manage = client.get(f"/placement-admin/placements/{pid}").get_data(as_text=True)
    assert "A private thought." not in manage
    supervisor_view = app.test_client()
    sign_in(supervisor_view, setup["supervisor"])
    assert "A private thought." in supervisor_view.get(f"/placements/entries/{entry_id}").get_data(as_text=True)
    for role in (Role.TRAINEE, Role.SUPERVISOR, Role.ADMIN):
        stranger = app.test_client()
        sign_in(stranger, make_user(app, role))
        assert stranger.get(f"/placements/entries/{entry_id}").status_code == 403, role
        assert stranger.get(f"/placements/{pid}/record.pdf").status_code == 403, role


def test_coordinator_withdraws_an_approval_with_a_reason_and_closes(app: Flask, client, setup) -> None:
    trainee_client, pid = _send_one(app, setup)
    supervisor_client = _as(app, setup["supervisor"])
    entry_id = _entries(app)[0].id
    _approve(supervisor_client, entry_id)
    sign_in(client, make_user(app, Role.COORDINATOR))
    manage = f"/placement-admin/placements/{pid}"
    post(client, f"/placement-admin/entries/{entry_id}/withdraw", {"reason": ""}, page=manage)
    assert _entries(app)[0].status == "approved"
    post(client, f"/placement-admin/entries/{entry_id}/withdraw", {"reason": "Wrong date."}, page=manage)
    assert _entries(app)[0].status == "submitted"
    post(client, f"/placement-admin/placements/{pid}/close", {"reason": "Placement over."}, page=manage)
    response = post(supervisor_client, "/supervision/", {"entry": [f"{entry_id}:1"]}, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Nothing waits" in text and _entries(app)[0].status == "submitted"  # closed: out of the queue
    with app.app_context():
        assert db.session.get(Placement, pid).closed_at is not None


def test_coordinator_sets_up_a_site_and_a_placement(app: Flask, client) -> None:
    from tests.factories import make_cohort, make_enrolment

    cohort = make_cohort(app)
    enrolment = make_enrolment(app, make_user(app, Role.TRAINEE, name="Pau Ferrer"), cohort)
    supervisor = make_user(app, Role.SUPERVISOR)
    sign_in(client, make_user(app, Role.COORDINATOR))
    post(
        client,
        "/placement-admin/sites",
        {"organisation": "Fundació", "service": "SRC Girona", "address": "", "contact": ""},
    )
    with app.app_context():
        from lms.placements.models import PlacementSite

        site_id = db.session.scalar(select(PlacementSite.id))
    path = f"/placement-admin/cohorts/{cohort.id}"
    bad = post(
        client, path, {"enrolment": enrolment.id, "site": site_id, "starts_on": "2027-01-10", "ends_on": "2027-06-01"}
    )
    assert "Choose at least one supervisor" in bad.get_data(as_text=True)
    good = post(
        client,
        path,
        {
            "enrolment": enrolment.id,
            "site": site_id,
            "supervisors": [supervisor.id],
            "starts_on": "2027-01-10",
            "ends_on": "2027-06-01",
        },
    )
    assert good.status_code == 302
    with app.app_context():
        placement = db.session.scalar(select(Placement))
        assert placement.target_hours == 60 and placement.supervisor_ids == {supervisor.id}
    csv = client.get(f"/placement-admin/cohorts/{cohort.id}/hours.csv")
    assert csv.mimetype == "text/csv"


def test_supervisor_records_an_observation(app: Flask, client, setup) -> None:
    sign_in(client, setup["supervisor"])
    path = f"/supervision/placements/{setup['placement'].id}/observations"
    response = post(
        client,
        path,
        {
            "observed_on": YESTERDAY,
            "situation": "Morning group check-in.",
            "strengths": "Warm, listened well.",
            "to_develop": "Keep time.",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Observation.strengths)) == "Warm, listened well."
    intruder = app.test_client()
    sign_in(intruder, make_user(app, Role.SUPERVISOR))
    assert intruder.get(path).status_code == 403


def test_digests_go_to_each_supervisor_with_pending_entries(app: Flask, runner, setup) -> None:
    trainee_client, pid = _send_one(app, setup)
    result = runner.invoke(args=["placements", "send-digests"])
    assert "Queued 1 digest(s)." in result.output
    with app.app_context():
        mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == setup["supervisor"].email))
        assert "Laia Puig" in mail.body and "http://lms.test/supervision/" in mail.body


def test_placement_record_pdf_lists_signed_entries_with_signers(app: Flask, client, setup) -> None:
    import io

    from pypdf import PdfReader

    trainee_client = _as(app, setup["trainee"])
    pid = setup["placement"].id
    _log(trainee_client, pid, description="Co-led the Tuesday walk.", start="09:00", end="11:00")
    _log(trainee_client, pid, description="Team meeting draft never sent.", start="12:00", end="13:00")
    _send(trainee_client, pid)
    sign_in(client, setup["supervisor"])
    first = _entries(app)[0].id
    _approve(client, first)
    response = trainee_client.get(f"/placements/{pid}/record.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Co-led the Tuesday walk." in text and "Montse Camps" in text
    assert "never sent" not in text and "I felt useful." not in text  # reflections stay private
    stranger = app.test_client()
    sign_in(stranger, make_user(app, Role.TRAINEE))
    assert stranger.get(f"/placements/{pid}/record.pdf").status_code == 403


def test_csv_lists_sent_entries_with_signers_and_no_reflections(app: Flask, client, setup) -> None:
    trainee_client = _as(app, setup["trainee"])
    pid = setup["placement"].id
    _log(trainee_client, pid, description="Signed walk.", start="09:00", end="10:00")
    _send(trainee_client, pid)
    _log(trainee_client, pid, description="Unsent draft.", start="11:00", end="12:00")
    supervisor_client = _as(app, setup["supervisor"])
    _approve(supervisor_client, _entries(app)[0].id)
    sign_in(client, make_user(app, Role.COORDINATOR))
    with app.app_context():
        cohort_id = db.session.get(Placement, pid).enrolment.cohort_id
    text = client.get(f"/placement-admin/cohorts/{cohort_id}/hours.csv").get_data(as_text=True)
    assert "Signed walk." in text and "Montse Camps" in text and "Approved" in text
    assert "Unsent draft." not in text and "I felt useful." not in text


def test_a_stale_page_cannot_approve_newer_content(app: Flask, client, setup) -> None:
    """Supervisor B's queue shows version 1; meanwhile A returns it and the trainee changes it: B's tick fails."""
    trainee_client, pid = _send_one(app, setup)
    entry_id = _entries(app)[0].id
    sign_in(client, setup["supervisor"])
    post(
        client,
        f"/supervision/entries/{entry_id}",
        {"decision": "needs_info", "comment": "Which group?", "revision": "1"},
    )
    post(
        trainee_client,
        f"/placements/entries/{entry_id}/edit",
        {
            "worked_on": YESTERDAY,
            "starts_at": "09:00",
            "ends_at": "12:00",
            "category": "shadowing",
            "description": "The Tuesday group.",
        },
        page=f"/placements/entries/{entry_id}",
    )
    _send(trainee_client, pid)
    response = post(client, "/supervision/", {"entry": [f"{entry_id}:1"]}, follow_redirects=True)
    assert "already been decided, or changed" in response.get_data(as_text=True)
    assert _entries(app)[0].status == "submitted"


def test_decisions_withdrawals_and_closing_are_audited(app: Flask, client, setup) -> None:
    from lms.audit.models import AuditEvent

    trainee_client, pid = _send_one(app, setup)
    entry_id = _entries(app)[0].id
    supervisor_client = _as(app, setup["supervisor"])
    _approve(supervisor_client, entry_id)
    coordinator = make_user(app, Role.COORDINATOR)
    sign_in(client, coordinator)
    manage = f"/placement-admin/placements/{pid}"
    post(client, f"/placement-admin/entries/{entry_id}/withdraw", {"reason": "Wrong day."}, page=manage)
    post(client, f"/placement-admin/placements/{pid}/close", {"reason": "Finished."}, page=manage)
    with app.app_context():
        events = {e.action: e for e in db.session.scalars(select(AuditEvent))}
        approve = events["hour_entry.approve"]
        assert approve.actor_id == setup["supervisor"].id and len(approve.details["content_hash"]) == 64
        assert events["hour_entry.withdraw_approval"].details["comment"] == "Wrong day."
        assert events["placement.closed"].actor_id == coordinator.id


def test_a_rejected_trainee_is_told_why(app: Flask, client, setup) -> None:
    trainee_client, pid = _send_one(app, setup)
    sign_in(client, setup["supervisor"])
    post(
        client,
        f"/supervision/entries/{_entries(app)[0].id}",
        {"decision": "reject", "comment": "This was a day off.", "revision": "1"},
    )
    with app.app_context():
        mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to_address == setup["trainee"].email))
        assert mail.subject == "Your supervisor did not approve some hours" and "This was a day off." in mail.body


def test_queue_and_exports_use_a_fixed_number_of_queries(app: Flask, client, setup) -> None:
    from tests.factories import QueryCounter

    with app.app_context():
        cohort = db.session.get(Placement, setup["placement"].id).enrolment.cohort
        db.session.expunge_all()
    coordinator = app.test_client()
    sign_in(coordinator, make_user(app, Role.COORDINATOR))
    sign_in(client, setup["supervisor"])

    def add_trainee_with_entries() -> None:
        trainee = make_user(app, Role.TRAINEE)
        placement = make_placement(app, trainee, [setup["supervisor"]], cohort=cohort)
        trainee_client = app.test_client()
        sign_in(trainee_client, trainee)
        for start, end in (("09:00", "10:00"), ("11:00", "12:00")):
            _log(trainee_client, placement.id, start=start, end=end)
        post(trainee_client, f"/placements/{placement.id}/submit", page=f"/placements/{placement.id}")

    def statements() -> list[int]:
        counts = []
        for who, path in (
            (client, "/supervision/"),
            (coordinator, f"/placement-admin/cohorts/{cohort.id}"),
            (coordinator, f"/placement-admin/cohorts/{cohort.id}/hours.csv"),
        ):
            with QueryCounter(app) as counter:
                assert who.get(path).status_code == 200, path
            counts.append(counter.count)
        return counts

    add_trainee_with_entries()
    few = statements()
    for _ in range(4):
        add_trainee_with_entries()
    assert statements() == few

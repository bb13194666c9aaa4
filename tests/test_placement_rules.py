"""The hour log's rules as services: what a trainee may log, who may sign, and what can never change."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import func, select

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.errors import DomainError, NotAllowed
from lms.extensions import db
from lms.placements import services
from lms.placements.models import Category, Decision, EntryDecision, HourEntry, Placement
from lms.placements.queries import totals
from lms.placements.rules import content_hash, supervision_ok
from tests.factories import make_placement, make_user

TODAY = datetime.now(ZoneInfo("Europe/Madrid")).date()  # the service's "today"
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def people(app: Flask) -> dict:
    trainee = make_user(app, Role.TRAINEE)
    supervisor = make_user(app, Role.SUPERVISOR)
    other_supervisor = make_user(app, Role.SUPERVISOR)
    placement = make_placement(app, trainee, [supervisor])
    return {"trainee": trainee, "supervisor": supervisor, "other": other_supervisor, "placement": placement}


def data(day: date = YESTERDAY, start: str = "09:00", end: str = "13:00", category: Category = Category.SHADOWING):  # noqa: ANN201
    return services.EntryData(
        worked_on=day,
        starts_at=time.fromisoformat(start),
        ends_at=time.fromisoformat(end),
        category=category,
        description="Shadowed the morning group; prepared the room and took part in the check-in round.",
    )


def _load(app: Flask, people: dict) -> tuple[User, User, User, Placement]:
    get = db.session.get
    return (
        get(User, people["trainee"].id),
        get(User, people["supervisor"].id),
        get(User, people["other"].id),
        get(Placement, people["placement"].id),
    )


def _entries() -> int:
    return db.session.scalar(select(func.count()).select_from(HourEntry))


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (data(day=TODAY + timedelta(days=1)), "worked_on"),  # in the future
        (data(start="13:00", end="09:00"), "ends_at"),  # end before start
        (data(day=TODAY - timedelta(days=90)), "worked_on"),  # before the placement
    ],
)
def test_impossible_entries_are_refused_and_nothing_is_saved(app: Flask, people, entry, field: str) -> None:
    with app.app_context():
        trainee, _s, _o, placement = _load(app, people)
        with pytest.raises(DomainError) as refused:
            services.create_entry(trainee, placement, entry)
        assert refused.value.field == field
        db.session.rollback()
        assert _entries() == 0


def test_overlaps_and_more_than_twelve_hours_a_day_are_refused(app: Flask, people) -> None:
    with app.app_context():
        trainee, _s, _o, placement = _load(app, people)
        services.create_entry(trainee, placement, data(start="08:00", end="14:00"))
        with pytest.raises(DomainError, match="overlap"):
            services.create_entry(trainee, placement, data(start="13:30", end="15:00"))
        services.create_entry(trainee, placement, data(start="14:00", end="20:00"))  # touching is fine: 12 h
        with pytest.raises(DomainError, match="12 hours"):
            services.create_entry(trainee, placement, data(start="20:00", end="20:30"))
        db.session.commit()
        assert _entries() == 2


def test_only_the_trainee_logs_on_their_placement(app: Flask, people) -> None:
    with app.app_context():
        _t, supervisor, _o, placement = _load(app, people)
        with pytest.raises(NotAllowed):
            services.create_entry(supervisor, placement, data())


def test_the_life_of_an_entry_and_its_signature(app: Flask, people) -> None:
    with app.app_context():
        trainee, supervisor, other, placement = _load(app, people)
        entry = services.create_entry(trainee, placement, data())
        services.submit_entries(trainee, [entry])
        with pytest.raises(NotAllowed):  # not this placement's supervisor
            services.decide(other, entry, Decision.APPROVE)
        with pytest.raises(DomainError, match="reason"):
            services.decide(supervisor, entry, Decision.NEEDS_INFO, "  ")
        services.decide(supervisor, entry, Decision.NEEDS_INFO, "Which group was it?")
        services.update_entry(trainee, entry, data(start="09:30", end="13:00"))
        services.submit_entries(trainee, [entry])
        approval = services.decide(supervisor, entry, Decision.APPROVE)
        db.session.commit()
        assert entry.status == "approved" and [r.revision for r in entry.revisions] == [1, 2]
        expected = content_hash(entry.worked_on, entry.starts_at, entry.ends_at, entry.category, entry.description, "")
        assert approval.content_hash == expected and approval.decided_by_id == supervisor.id
        with pytest.raises(DomainError, match="can no longer be changed"):
            services.update_entry(trainee, entry, data(start="09:00", end="13:00"))
        with pytest.raises(DomainError):
            services.delete_draft(trainee, entry)
        assert totals([placement])[placement.id].approved == 210


def test_nobody_signs_their_own_hours(app: Flask) -> None:
    both = make_user(app, Role.TRAINEE, Role.SUPERVISOR)
    placement = make_placement(app, both, [both])
    with app.app_context():
        person, target = db.session.get(User, both.id), db.session.get(Placement, placement.id)
        entry = services.create_entry(person, target, data())
        services.submit_entries(person, [entry])
        with pytest.raises(NotAllowed, match="own hours"):
            services.decide(person, entry, Decision.APPROVE)


def test_a_second_decision_on_the_same_entry_is_told_it_lost(app: Flask, people) -> None:
    with app.app_context():
        trainee, supervisor, _o, placement = _load(app, people)
        entry = services.create_entry(trainee, placement, data())
        services.submit_entries(trainee, [entry])
        db.session.commit()
        seen = entry.revision
        services.decide(supervisor, entry, Decision.APPROVE, seen_revision=seen)
        db.session.commit()
        with pytest.raises(DomainError, match="already been decided"):
            services.decide(supervisor, entry, Decision.REJECT, "Not valid", seen_revision=seen)
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(EntryDecision)) == 1


def test_withdrawal_needs_a_reason_and_returns_the_entry_to_the_supervisor(app: Flask, people) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    with app.app_context():
        trainee, supervisor, _o, placement = _load(app, people)
        entry = services.create_entry(trainee, placement, data())
        services.submit_entries(trainee, [entry])
        services.decide(supervisor, entry, Decision.APPROVE)
        actor = db.session.get(User, coordinator.id)
        with pytest.raises(DomainError, match="reason"):
            services.withdraw_approval(actor, entry, "")
        services.withdraw_approval(actor, entry, "Signed by mistake: the date was wrong.")
        db.session.commit()
        assert entry.status == "submitted" and totals([placement])[placement.id].approved == 0
        assert [d.decision for d in entry.decisions] == ["approve", "withdraw_approval"]


def test_a_correction_replaces_the_approved_entry_once_signed(app: Flask, people) -> None:
    with app.app_context():
        trainee, supervisor, _o, placement = _load(app, people)
        original = services.create_entry(trainee, placement, data())
        services.submit_entries(trainee, [original])
        services.decide(supervisor, original, Decision.APPROVE)
        correction = services.correct_entry(trainee, original, data(start="09:00", end="12:00"))
        services.submit_entries(trainee, [correction])
        assert totals([placement])[placement.id].approved == 240  # the original counts until then
        services.decide(supervisor, correction, Decision.APPROVE)
        db.session.commit()
        assert totals([placement])[placement.id].approved == 180
        assert original.status == "approved" and correction.corrects_id == original.id


def test_a_closed_placement_locks_its_entries(app: Flask, people) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    with app.app_context():
        trainee, supervisor, _o, placement = _load(app, people)
        entry = services.create_entry(trainee, placement, data())
        services.submit_entries(trainee, [entry])
        services.close_placement(db.session.get(User, coordinator.id), placement, "Placement finished.")
        with pytest.raises(DomainError, match="closed"):
            services.decide(supervisor, entry, Decision.APPROVE)
        with pytest.raises(DomainError, match="closed"):
            services.create_entry(trainee, placement, data(start="15:00", end="16:00"))


def test_supervision_ratio() -> None:
    assert supervision_ok(60, 20 * 60) and not supervision_ok(59, 20 * 60) and supervision_ok(0, 0)


def test_overlaps_count_across_placements_but_not_rejected_entries(app: Flask, people) -> None:
    second = make_placement(app, people["trainee"], [people["supervisor"]])
    with app.app_context():
        trainee, supervisor, _o, placement = _load(app, people)
        other = db.session.get(Placement, second.id)
        first = services.create_entry(trainee, placement, data())
        with pytest.raises(DomainError, match="overlap"):
            services.create_entry(trainee, other, data(start="10:00", end="11:00"))
        services.submit_entries(trainee, [first])
        services.decide(supervisor, first, Decision.REJECT, "Not placement work.")
        services.create_entry(trainee, other, data(start="10:00", end="11:00"))  # the rejected slot is free
        db.session.commit()
        assert _entries() == 2


def test_corrections_take_the_original_slot_and_one_at_a_time(app: Flask, people) -> None:
    with app.app_context():
        trainee, supervisor, _o, placement = _load(app, people)
        original = services.create_entry(trainee, placement, data(start="08:00", end="20:00"))
        services.submit_entries(trainee, [original])
        services.decide(supervisor, original, Decision.APPROVE)
        correction = services.correct_entry(trainee, original, data(start="08:00", end="12:00"))
        with pytest.raises(DomainError, match="already has a correction"):
            services.correct_entry(trainee, original, data(start="08:00", end="11:00"))
        services.submit_entries(trainee, [correction])
        services.decide(supervisor, correction, Decision.APPROVE)
        services.create_entry(trainee, placement, data(start="13:00", end="14:00"))  # the replaced hours are free
        db.session.commit()
        assert totals([placement])[placement.id].approved == 4 * 60


def test_closing_locks_drafts_too(app: Flask, people) -> None:
    coordinator = make_user(app, Role.COORDINATOR)
    with app.app_context():
        trainee, _s, _o, placement = _load(app, people)
        draft = services.create_entry(trainee, placement, data())
        services.close_placement(db.session.get(User, coordinator.id), placement, "Finished.")
        with pytest.raises(DomainError, match="closed"):
            services.delete_draft(trainee, draft)
        with pytest.raises(NotAllowed):
            services.close_placement(trainee, placement, "Mine")

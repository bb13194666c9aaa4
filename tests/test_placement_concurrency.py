"""Two supervisors decide on one entry at the same moment: exactly one wins, the other is told.

Real concurrent transactions need a real server: this runs on PostgreSQL (TEST_DATABASE_URL), where the
conditional UPDATE of the losing transaction waits for the winner's row lock and then finds nothing to change.
"""

from __future__ import annotations

import threading
import time as clock
from datetime import time, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.errors import DomainError
from lms.extensions import db
from lms.placements import services
from lms.placements.models import Category, Decision, EntryDecision, HourEntry, Placement
from lms.timeutil import utcnow
from tests.factories import make_placement, make_user


@pytest.fixture
def submitted_entry(app: Flask) -> tuple[int, int, int]:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("concurrent transactions are tested on PostgreSQL (set TEST_DATABASE_URL)")
    trainee = make_user(app, Role.TRAINEE)
    first, second = make_user(app, Role.SUPERVISOR), make_user(app, Role.SUPERVISOR)
    placement = make_placement(app, trainee, [first, second])
    with app.app_context():
        entry = services.create_entry(
            db.session.get(User, trainee.id),
            db.session.get(Placement, placement.id),
            services.EntryData(utcnow().date() - timedelta(days=1), time(9), time(12), Category.SHADOWING, "Group."),
        )
        services.submit_entries(db.session.get(User, trainee.id), [entry])
        db.session.commit()
        return entry.id, first.id, second.id


def test_exactly_one_of_two_racing_decisions_wins(app: Flask, submitted_entry: tuple[int, int, int]) -> None:
    entry_id, first_id, second_id = submitted_entry
    first_updated = threading.Event()
    outcomes: dict[str, str] = {}

    def decide(name: str, supervisor_id: int, decision: Decision, comment: str, hold: bool) -> None:
        with app.app_context():
            entry = db.session.get(HourEntry, entry_id)
            seen = entry.revision
            if not hold:
                first_updated.wait(5)  # the other transaction has changed the row and holds its lock
            try:
                services.decide(db.session.get(User, supervisor_id), entry, decision, comment, seen_revision=seen)
                if hold:
                    first_updated.set()
                    clock.sleep(0.5)  # keep the lock while the other one tries
                db.session.commit()
                outcomes[name] = "won"
            except DomainError:
                db.session.rollback()
                outcomes[name] = "told"
            finally:
                first_updated.set()
                db.session.remove()

    threads = [
        threading.Thread(target=decide, args=("approve", first_id, Decision.APPROVE, "", True)),
        threading.Thread(target=decide, args=("reject", second_id, Decision.REJECT, "Not placement work", False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert outcomes == {"approve": "won", "reject": "told"}
    with app.app_context():
        assert db.session.get(HourEntry, entry_id).status == "approved"
        assert db.session.scalar(select(func.count()).select_from(EntryDecision)) == 1

"""Benchmark: render the placement record PDF (60 signed entries) many times; report time and memory.

Goal (from the team's measurements): well under 1 s per record, memory flat across renders (one FontConfiguration
per process). Run: .venv/bin/python bench/placement_record.py [renders]
"""

from __future__ import annotations

import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

from flask_migrate import upgrade

from lms import create_app
from lms.accounts.models import User, UserRole
from lms.accounts.passwords import hash_password
from lms.cohorts.models import Cohort, Enrolment, Programme
from lms.extensions import db
from lms.placements.models import EntryDecision, HourEntry, Placement, PlacementSite, PlacementSupervisor

PASSWORD = "a bench password"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed() -> int:
    trainee = User(
        email="t@bench.example",
        name="Laia Puig",
        password_hash=hash_password(PASSWORD),
        roles=[UserRole(role="trainee")],
    )
    supervisor = User(email="s@bench", name="Montse Camps", password_hash="x", roles=[UserRole(role="supervisor")])
    programme = Programme(title="Bench", description="", required_theory_hours=100, required_placement_hours=60)
    cohort = Cohort(programme=programme, name="Bench", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    db.session.add_all([trainee, supervisor, cohort])
    db.session.flush()
    enrolment = Enrolment(cohort_id=cohort.id, user_id=trainee.id)
    site = PlacementSite(organisation="Fundació", service="SRC")
    db.session.add_all([enrolment, site])
    db.session.flush()
    placement = Placement(
        enrolment_id=enrolment.id,
        site_id=site.id,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        target_hours=60,
    )
    placement.supervisor_links = [PlacementSupervisor(supervisor_id=supervisor.id)]
    db.session.add(placement)
    db.session.flush()
    for day in range(60):
        entry = HourEntry(
            placement_id=placement.id,
            trainee_id=trainee.id,
            worked_on=date(2026, 2, 1) + timedelta(days=day),
            starts_at=clock(9),
            ends_at=clock(10),
            category="shadowing",
            status="approved",
            description="Prepared the room, took part in the check-in round and the group activity.",
        )
        db.session.add(entry)
        db.session.flush()
        db.session.add(
            EntryDecision(
                entry_id=entry.id, decision="approve", revision=1, content_hash="a" * 64, decided_by_id=supervisor.id
            )
        )
    db.session.commit()
    return placement.id


def main(renders: int = 50) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'b.db'}"})
        with app.app_context():
            upgrade()
            placement_id = seed()
        client = app.test_client()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/sign-in").text).group(1)
        client.post("/sign-in", data={"email": "t@bench.example", "password": PASSWORD, "csrf_token": token})
        url = f"/placements/{placement_id}/record.pdf"
        assert client.get(url).status_code == 200  # warm-up: fonts loaded once
        start_rss, started = rss_mb(), time.perf_counter()
        for _ in range(renders):
            response = client.get(url)
            assert response.status_code == 200 and response.data.startswith(b"%PDF")
        elapsed = (time.perf_counter() - started) / renders
        print(
            f"placement record (60 entries): {elapsed * 1000:.0f} ms per PDF over {renders} renders, "
            f"{len(response.data) / 1024:.0f} KiB, max RSS {start_rss:.0f} -> {rss_mb():.0f} MB"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)

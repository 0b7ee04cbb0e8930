"""How long the HR dashboard's reports take on a large cohort.

Seeds one cohort of N executives with W weeks of sessions, belief observations, check-in
answers, deliveries and experiments (direct inserts, as the engine would leave them),
then times ``reports.build`` (the progress page builds it once, plus once with the
region split), ``reports.counted_in`` (one executive's "what HR sees") and the roster.

    python bench/hr_reports.py --members 200 --weeks 12
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coachbot.cohorts import cohort, reports, roster
from coachbot.models import DIMENSIONS
from coachbot.store import Store

ZONES = ["Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago", "Asia/Tokyo", "Asia/Singapore"]


def seed(store: Store, members: int, weeks: int, now: datetime) -> cohort.Cohort:
    rng = random.Random(3)
    start = (now - timedelta(weeks=weeks + 1)).date()
    start -= timedelta(days=start.weekday())
    made = cohort.create(store, "T-BENCH", "Bench cohort", now, start=start)
    with store.write() as db:
        for i in range(members):
            exe = db["executives"].insert({"tenant": "T-BENCH", "platform": "slack", "user_id": f"U{i:05d}",
                                           "name": f"Person {i}", "timezone": rng.choice(ZONES),
                                           "created_at": now.isoformat()}).last_pk
            enrolled = (now - timedelta(weeks=weeks + 2)).isoformat()
            db["cohort_members"].insert({"tenant": "T-BENCH", "cohort_id": made.id, "executive_id": exe,
                                         "status": "invited", "enrolled_at": enrolled})
            number = 0
            for w in range(weeks):
                monday = datetime.combine(start + timedelta(weeks=w), datetime.min.time(), UTC)
                week = reports.iso_week(monday.date())
                at = (monday + timedelta(days=1, hours=10)).isoformat()
                db["checkin_deliveries"].insert({"tenant": "T-BENCH", "executive_id": exe, "week": week,
                                                 "status": rng.choice(["sent", "answered", "answered"]),
                                                 "due_at": monday.isoformat()})
                for item in ("importance", "confidence"):
                    db["checkin_answers"].insert({"tenant": "T-BENCH", "executive_id": exe, "week": week,
                                                  "item": item, "value": str(rng.randint(0, 10)), "at": at})
                for _ in range(2):
                    number += 1
                    sid = db["sessions"].insert({"tenant": "T-BENCH", "executive_id": exe, "number": number,
                                                 "started_at": at, "ended_at": at, "end_reason": "end",
                                                 "commitment": "x" if rng.random() < 0.7 else None}).last_pk
                    for _ in range(3):
                        db["observations"].insert({"tenant": "T-BENCH", "executive_id": exe, "session_id": sid,
                                                   "session_number": number, "dimension": rng.choice(DIMENSIONS),
                                                   "stance": rng.choice(["old", "new"]), "confidence": 0.8,
                                                   "evidence": "", "reported": 0, "source": "detector", "at": at})
                db["experiments"].insert({"tenant": "T-BENCH", "executive_id": exe, "status":
                                          rng.choice(["done", "partly", "not_done", "proposed"]), "proposed_at": at})
    return made


def timed(label: str, fn, repeat: int = 3) -> None:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - began)
    print(f"{label:48} {best * 1000:8.0f} ms (best of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=12)
    args = parser.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        began = time.perf_counter()
        made = seed(store, args.members, args.weeks, now)
        print(f"seeded {args.members} executives x {args.weeks} weeks in {time.perf_counter() - began:.1f} s")
        db = store.db
        timed("reports.build (whole cohort)", lambda: reports.build(db, made, now))
        timed("reports.build (split by region)", lambda: reports.build(db, made, now, split="region"))
        timed("reports.counted_in (one executive's HR view)", lambda: reports.counted_in(db, made, 1, now))
        timed("roster.roster", lambda: roster.roster(db, made, now))


if __name__ == "__main__":
    main()

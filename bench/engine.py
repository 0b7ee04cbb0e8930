"""Engine turn latency on the built-in path, with a realistically full database.

Seeds 1,000 executives x 20 past sessions (with their messages, belief observations and
experiments) straight into SQLite, then runs fresh coaching sessions for a sample of
those executives through the real engine and times every turn (``Coach.reply``).
Then seeds a second database with 10,000 executives and times ``Coach.forget``, which
holds the write lock while it runs (every other executive's reply waits for it).

    python bench/engine.py [--executives 1000] [--sessions 20] [--sample 200] [--db PATH]
                           [--forget-executives 10000] [--forget-sample 20] [--without-fk-indexes]

Prints the figures; nothing is asserted here (targets are read off the output).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coachbot.engine import Coach
from coachbot.models import DIMENSIONS, QUESTIONS, Who
from coachbot.store import Store

TENANTS = ("T-BENCH-1", "T-BENCH-2", "T-BENCH-3")
LINES = [
    "We make control valves for water utilities, and they last decades.",
    "Honestly, social media is a marketing thing for us; the comms team runs it.",
    "Our distributors own most of the customer relationships.",
    "I suppose I could listen to what the engineers hear from customers.",
    "yes",
    "I'll sit in on two support calls on Thursday morning.",
]


def seed(store: Store, executives: int, sessions: int, rng: random.Random) -> None:
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    db = store.db
    with store.write():
        db["executives"].insert_all(
            {
                "tenant": TENANTS[i % len(TENANTS)],
                "platform": "slack",
                "user_id": f"U{i:05d}",
                "timezone": "Europe/London",
                "stage": rng.choice(["precontemplation", "contemplation", "preparation", "action"]),
                "created_at": start.isoformat(),
                "last_seen_at": start.isoformat(),
            }
            for i in range(executives)
        )
    ids = [(r["id"], r["tenant"]) for r in db.query("select id, tenant from executives")]
    for executive_id, tenant in ids:
        session_rows, message_rows, observation_rows, experiment_rows = [], [], [], []
        first_session_id = (db.execute("select coalesce(max(id), 0) from sessions").fetchone()[0]) + 1
        for n in range(1, sessions + 1):
            at = start + timedelta(days=7 * (n - 1))
            sid = first_session_id + n - 1
            asked = rng.sample(QUESTIONS, 2)
            session_rows.append(
                {
                    "id": sid, "tenant": tenant, "executive_id": executive_id, "number": n,
                    "started_at": at.isoformat(), "last_activity_at": (at + timedelta(minutes=9)).isoformat(),
                    "ended_at": (at + timedelta(minutes=10)).isoformat(), "end_reason": "committed",
                    "summary": "We talked about the relationships you have today.",
                    "commitment": "call one customer on Friday",
                    "state": json.dumps({"phase": "closed", "asked": asked}),
                }
            )
            for k in range(8):
                message_rows.append(
                    {"tenant": tenant, "executive_id": executive_id, "session_id": sid,
                     "role": "executive" if k % 2 else "coach", "kind": "message",
                     "text": rng.choice(LINES), "at": (at + timedelta(minutes=k)).isoformat()}
                )
            for _ in range(2):
                observation_rows.append(
                    {"tenant": tenant, "executive_id": executive_id, "session_id": sid, "session_number": n,
                     "dimension": rng.choice(DIMENSIONS), "stance": rng.choice(["old", "new"]),
                     "confidence": round(rng.uniform(0.5, 1.0), 3), "evidence": rng.choice(LINES),
                     "reported": 0, "source": "detector", "at": at.isoformat()}
                )
            experiment_rows.append(
                {"tenant": tenant, "executive_id": executive_id, "session_id": sid,
                 "nudge_id": "customer_call_no_agenda", "text": "Call one customer.",
                 "commitment": "Friday", "status": "done" if n < sessions else "proposed",
                 "proposed_at": at.isoformat()}
            )
        with store.write():
            db["sessions"].insert_all(session_rows)
            db["messages"].insert_all(message_rows)
            db["observations"].insert_all(observation_rows)
            db["experiments"].insert_all(experiment_rows)


def time_forget(path: Path, args: argparse.Namespace, rng: random.Random) -> None:
    """How long one ``forget`` holds the write lock in a database of many executives."""
    store = Store(path)
    t0 = time.perf_counter()
    seed(store, args.forget_executives, args.sessions, rng)
    seeded = time.perf_counter() - t0
    dropped = []
    if args.without_fk_indexes:
        for table in store.db.tables:
            keys = {fk.column for fk in table.foreign_keys}
            for index in table.indexes:
                if len(index.columns) == 1 and index.columns[0] in keys and not index.unique:
                    store.db.execute(f"drop index [{index.name}]")
                    dropped.append(index.name)
    coach = Coach(store)
    times = []
    for i in rng.sample(range(args.forget_executives), min(args.forget_sample, args.forget_executives)):
        who = Who(TENANTS[i % len(TENANTS)], f"U{i:05d}", "slack")
        t = time.perf_counter()
        deleted = coach.forget(who)
        times.append((time.perf_counter() - t) * 1000)
        assert deleted > 0
    schema = f"without the {len(dropped)} foreign-key indexes" if dropped else "with foreign-key indexes"
    print(f"forget (Coach.forget, one write transaction) at {args.forget_executives:,} executives x "
          f"{args.sessions} sessions, {schema}, {len(times)} executives: p50 {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms (seeded in {seeded:.0f} s)")
    store.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--executives", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--sample", type=int, default=200, help="executives who get a new session")
    parser.add_argument("--db", help="database file (default: a temporary one)")
    parser.add_argument("--forget-executives", type=int, default=10_000,
                        help="executives in the database forget is timed on (0: skip)")
    parser.add_argument("--forget-sample", type=int, default=20, help="executives forgotten")
    parser.add_argument("--without-fk-indexes", action="store_true",
                        help="drop the foreign-key indexes first (the schema before migration m004)")
    args = parser.parse_args()

    rng = random.Random(7)
    directory = tempfile.mkdtemp(prefix="coachbot-bench-")
    path = Path(args.db or os.path.join(directory, "bench.db"))
    store = Store(path)
    t0 = time.perf_counter()
    seed(store, args.executives, args.sessions, rng)
    seeded = time.perf_counter() - t0
    counts = {t: store.db[t].count for t in ("executives", "sessions", "messages", "observations", "experiments")}

    coach = Coach(store)
    when = datetime(2026, 11, 23, 9, tzinfo=UTC)
    # The first turn of a process loads the belief model; a server pays that once.
    t = time.perf_counter()
    warm = Who("T-WARM", "warm-up", "slack")
    coach.start(warm, when)
    coach.reply(warm, LINES[1], when)
    cold = (time.perf_counter() - t) * 1000
    turns: list[float] = []
    openings: list[float] = []
    users = rng.sample(range(args.executives), min(args.sample, args.executives))
    for i in users:
        who = Who(TENANTS[i % len(TENANTS)], f"U{i:05d}", "slack")
        t = time.perf_counter()
        coach.start(who, when, fresh=True)
        openings.append((time.perf_counter() - t) * 1000)
        for line in LINES:
            t = time.perf_counter()
            coach.reply(who, line, when)
            turns.append((time.perf_counter() - t) * 1000)
        coach.end_session(who, when)

    size_mb = path.stat().st_size / 1e6
    print(f"database: {counts['executives']:,} executives, {counts['sessions']:,} sessions, "
          f"{counts['messages']:,} messages, {counts['observations']:,} observations "
          f"({size_mb:.0f} MB, seeded in {seeded:.1f} s)")
    print(f"engine turn (Coach.reply), {len(turns):,} turns: p50 {statistics.median(turns):.2f} ms, "
          f"p99 {percentile(turns, 99):.2f} ms, max {max(turns):.2f} ms")
    print(f"session opening (Coach.start), {len(openings):,} sessions: p50 {statistics.median(openings):.2f} ms, "
          f"p99 {percentile(openings, 99):.2f} ms")
    print(f"first turn of the process (loads the belief model, untimed above): {cold:.0f} ms")
    if args.forget_executives:
        time_forget(Path(directory) / "forget.db", args, rng)
    print(f"python {sys.version.split()[0]}, one process, one thread")
    return 0


if __name__ == "__main__":
    sys.exit(main())

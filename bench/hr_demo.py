"""A realistic cohort for trying the HR dashboard (and for its screenshots).

Twelve executives over the last six weeks, on Slack and Teams in three regions: real
coaching sessions through the engine (so beliefs are detected as in production),
weekly check-ins with readiness ratings, experiments done or not, and a roster with
every status. Some early weeks have fewer than five people taking part, so the privacy
floor shows on the pages.

    python bench/hr_demo.py --db demo.db --email hr@example.com   # password on stdin
    COACHBOT_DB=demo.db coachbot serve --no-scheduler              # then open /hr/
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta

from coachbot.cohorts import accounts, cohort, enrol, reports
from coachbot.engine import Coach
from coachbot.models import Who
from coachbot.store import Store

TENANT = "T0DEMO01"
COHORT = "Spring leadership circle"
WEEKS = 6

PEOPLE = [  # platform, user, name, timezone, eagerness (0..1), first week taking part
    ("slack", "U01ANA", "Ana Ruiz", "Europe/Madrid", 0.9, 1),
    ("slack", "U01BEN", "Ben Okafor", "Europe/London", 0.7, 1),
    ("slack", "U01CHE", "Chen Li", "Asia/Singapore", 0.8, 1),
    ("teams", "29:1DANA", "Dana Weiss", "Europe/Berlin", 0.6, 1),
    ("slack", "U01EMI", "Emil Lund", "Europe/Stockholm", 0.5, 2),
    ("teams", "29:1FAY", "Fay Morgan", "America/New_York", 0.75, 2),
    ("slack", "U01GUS", "Gustavo Pires", "America/Sao_Paulo", 0.4, 2),
    ("teams", "29:1HAN", "Hana Sato", "Asia/Tokyo", 0.85, 2),
    ("slack", "U01IVO", "Ivo Marek", "Europe/Prague", 0.3, 2),
    ("teams", "29:1JUL", "Julia Brandt", "Europe/Berlin", 0.6, 1),  # goes quiet after week 2
    ("slack", "U01KAI", "Kai Jensen", "Europe/Copenhagen", 0.5, 1),  # stops after week 2
    ("teams", "29:1LEA", "Lea Novak", "Europe/Ljubljana", 0.5, 99),  # invited, never started
]
QUIET, STOPPED = "29:1JUL", "U01KAI"

# One way each belief dimension sounds at either pole (the detector recognises each).
SAYS: dict[str, tuple[str, str]] = {
    "social_purpose": ("Social media is a marketing channel for us.",
                       "Honestly social is how we work with customers now, not a channel."),
    "success_measure": ("Success for us is reach and impressions.",
                        "What matters is the trust we build with the people who matter, not follower counts."),
    "network_focus": ("We need to grow our followers first.",
                      "Depth with the few people who matter beats a big audience."),
    "ownership": ("Our comms team handles all of that.",
                  "Every team that meets customers should take part, not just marketing."),
    "leader_participation": ("I'm too busy to post myself; my assistant does it.",
                             "I want to be there myself and listen to our engineers."),
    "voice_and_control": ("We must control the message and stay on script.",
                          "We should listen to what people say about us when we're not in the room."),
    "beliefs_before_strategy": ("We need a solid business case before anything changes.",
                                "The mindset has to change before any plan will work."),
    "value_creation": ("We create the value in-house and push it out to customers.",
                       "Value gets made together with our partners and customers."),
}
COMMITMENTS = [
    "I'll ask two engineers what customers tell them, on Thursday.",
    "I will reply to three posts in our internal community by Friday.",
    "I'll join the partner forum thread as a listener on Wednesday.",
]


def monday_weeks_ago(now: datetime, weeks: int) -> datetime:
    start = (now - timedelta(weeks=weeks)).replace(hour=9, minute=0, second=0, microsecond=0)
    return start - timedelta(days=start.weekday())


def seed(store: Store, now: datetime | None = None, *, tenant: str = TENANT, name: str = COHORT) -> cohort.Cohort:
    """Create the demo cohort and its six weeks of activity; returns the cohort."""
    now = now or datetime.now(UTC)
    rng = random.Random(7)
    coach = Coach(store)
    start = monday_weeks_ago(now, WEEKS - 1)
    made = cohort.create(store, tenant, name, start - timedelta(days=2), start=start.date(), weekday=0, time="09:00")
    rows = "platform,tenant,user,name,timezone\n" + "".join(
        f"{p},{tenant},{u},{n},{tz}\n" for p, u, n, tz, _, _ in PEOPLE
    )
    enrol.enrol(store, made, rows, start - timedelta(days=2))
    for week in range(1, WEEKS + 1):
        monday = start + timedelta(weeks=week - 1)
        for index, (platform, user, _, _, eager, first) in enumerate(PEOPLE):
            if week < first or (user in (QUIET, STOPPED) and week > 2):
                continue
            who = Who(tenant, user, platform)
            at = monday + timedelta(days=1, hours=index % 5)
            if at > now:
                continue
            answered = rng.random() < 0.55 + eager * 0.45
            with store.write() as db:
                exe = db.execute("select id from executives where tenant = ? and user_id = ?",
                                 [tenant, user]).fetchone()
                db["checkin_deliveries"].insert({
                    "tenant": tenant, "executive_id": exe[0], "week": reports.iso_week(monday.date()),
                    "due_at": monday.isoformat(), "status": "answered" if answered else "sent",
                    "sent_at": monday.isoformat(), "answered_at": at.isoformat() if answered else None,
                }, alter=False)
            if answered:
                lean = min(1.0, eager * week / WEEKS + 0.2)
                coach.record_checkin(who, "importance", min(10, round(4 + 5 * lean + rng.uniform(-1, 1))), at)
                coach.record_checkin(who, "confidence", min(10, round(3 + 4 * lean + rng.uniform(-1, 1))), at)
                if week > first:
                    outcome = "done" if rng.random() < eager else rng.choice(["partly", "not_done"])
                    coach.record_checkin(who, "experiment", outcome, at)
            if week == first or rng.random() < 0.35 + eager * 0.6:
                talk = at + timedelta(hours=2)
                coach.start(who, talk, fresh=True)
                share_new = min(0.95, eager * (week - first + 1) / WEEKS + 0.1)
                # The first conversation touches every belief; later ones a few.
                topics = list(SAYS) if week == first else rng.sample(list(SAYS), 3)
                for dimension in topics:
                    coach.reply(who, SAYS[dimension][rng.random() < share_new], talk)
                if rng.random() < 0.4 + eager * 0.5:
                    coach.reply(who, rng.choice(COMMITMENTS), talk)
                coach.end_session(who, talk + timedelta(minutes=12))
    with store.write() as db:
        db.execute(
            "update cohort_members set status = 'stopped' where cohort_id = ? and executive_id = "
            "(select id from executives where tenant = ? and user_id = ?)", [made.id, tenant, STOPPED])
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--email", help="also create an HR account (password on standard input)")
    args = parser.parse_args()
    store = Store(args.db)
    made = seed(store)
    print(f"cohort {made.name!r} (id {made.id}) in tenant {made.tenant}")
    if args.email:
        password = sys.stdin.readline().rstrip("\n")
        accounts.create_admin(store, made.tenant, args.email, password, datetime.now(UTC))
        print(f"HR account {args.email}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

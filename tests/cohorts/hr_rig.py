"""Helpers shared by the HR tests: cohorts with members who take part in given weeks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coachbot.cohorts import cohort, enrol
from coachbot.engine import Coach
from coachbot.models import Who
from coachbot.store import Store

START = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)  # a Monday: week 1 of the test cohorts
NOW = START + timedelta(weeks=4, days=2)  # the Wednesday of week 5


def week_of(n: int) -> datetime:
    """Tuesday 10:00 UTC of programme week n."""
    return START + timedelta(weeks=n - 1, days=1, hours=1)


def make_cohort(store: Store, tenant: str = "T-ACME", name: str = "Leaders") -> cohort.Cohort:
    return cohort.create(store, tenant, name, START - timedelta(days=3), start=START.date())


def enrol_people(store: Store, made: cohort.Cohort, users: list[str], *, platform: str = "slack",
                 timezone: str = "Europe/Berlin") -> list[Who]:
    rows = "platform,tenant,user,name,timezone\n" + "".join(
        f"{platform},{made.tenant},{u},Person {u},{timezone}\n" for u in users)
    report = enrol.enrol(store, made, rows, START - timedelta(days=1))
    assert report.count("enrolled") == len(users), report
    return [Who(made.tenant, u, platform) for u in users]


def rate(coach: Coach, people: list[Who], week: int, value: int = 7, item: str = "importance") -> None:
    for who in people:
        coach.record_checkin(who, item, value, week_of(week))


def talk(coach: Coach, who: Who, week: int, lines: list[str]) -> None:
    at = week_of(week)
    coach.start(who, at, fresh=True)
    for line in lines:
        coach.reply(who, line, at)
    coach.end_session(who, at + timedelta(minutes=10))

"""When a check-in is due: the executive's own wall clock, across DST, in both hemispheres."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coachbot.checkins import schedule
from coachbot.checkins.schedule import Schedule, due_at, due_now, next_due, resolve


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize("timezone, before, after", [
    # Europe springs forward on 29 March 2026: 09:00 Berlin is 08:00 UTC before, 07:00 after.
    ("Europe/Berlin", ("2026-W13", "2026-03-23T08:00"), ("2026-W14", "2026-03-30T07:00")),
    # ...and falls back on 25 October 2026.
    ("Europe/Berlin", ("2026-W43", "2026-10-19T07:00"), ("2026-W44", "2026-10-26T08:00")),
    # The US changes on other dates (8 March 2026).
    ("America/New_York", ("2026-W10", "2026-03-02T14:00"), ("2026-W11", "2026-03-09T13:00")),
    # Sydney, southern hemisphere: summer time ends 5 April 2026 and starts 4 October 2026.
    ("Australia/Sydney", ("2026-W14", "2026-03-29T22:00"), ("2026-W15", "2026-04-05T23:00")),
    ("Australia/Sydney", ("2026-W40", "2026-09-27T23:00"), ("2026-W41", "2026-10-04T22:00")),
    # Santiago, southern hemisphere, with its own dates (5 April / 6 September 2026).
    ("America/Santiago", ("2026-W14", "2026-03-30T12:00"), ("2026-W15", "2026-04-06T13:00")),
])
def test_monday_nine_stays_nine_local_across_daylight_saving(timezone, before, after):
    plan = Schedule(timezone=timezone)
    for week, instant in (before, after):
        due = due_at(plan, week)
        assert due == utc(instant), (timezone, week)
        assert due.astimezone(plan.tz).strftime("%a %H:%M") == "Mon 09:00"


def test_a_time_skipped_by_the_spring_change_runs_just_after_it_and_once():
    # 02:30 does not exist in Berlin on Sunday 29 March 2026; the check-in goes at 03:30 local.
    plan = Schedule(weekday=6, time="02:30", timezone="Europe/Berlin", quiet_hours="off")
    due = due_at(plan, "2026-W13")
    assert due.astimezone(plan.tz).strftime("%H:%M") == "03:30"
    # A time that happens twice in autumn (02:30 on 25 October) is due at the first one only.
    autumn = due_at(plan, "2026-W43")
    assert autumn == utc("2026-10-25T00:30")
    assert due_now(plan, utc("2026-10-25T01:30")).due_at == autumn  # the second 02:30: same week, same due


def test_nothing_is_due_in_quiet_hours_and_a_night_time_moves_to_the_morning():
    plan = Schedule(time="03:00", timezone="Asia/Tokyo")  # default quiet hours 21:00-07:00
    due = due_at(plan, "2026-W48")
    assert due.astimezone(plan.tz).strftime("%a %H:%M") == "Mon 07:00"
    # A server that comes back at 23:30 Tokyo on Monday waits for the morning, then sends.
    late_night = utc("2026-11-23T14:30")
    assert due_now(plan, late_night) is None
    assert due_now(plan, utc("2026-11-23T22:05")).week == "2026-W48"


def test_a_check_in_missed_by_two_days_is_dropped_not_sent_on_sunday():
    plan = Schedule(timezone="Europe/London")
    assert due_now(plan, utc("2026-11-24T10:00")).week == "2026-W48"  # a day late: still sent
    assert due_now(plan, utc("2026-11-26T10:00")) is None


def test_the_executives_own_time_beats_the_cohorts_and_the_cohort_beats_the_default():
    cohort = {"checkin_weekday": 2, "checkin_time": "14:00"}
    assert (resolve({}, cohort).weekday, resolve({}, cohort).time) == (2, "14:00")
    own = resolve({"schedule_own": 1, "checkin_weekday": 4, "checkin_time": "08:30"}, cohort)
    assert (own.weekday, own.time) == (4, "08:30")
    assert (resolve({}, None).weekday, resolve({}, None).time) == (0, "09:00")


def test_a_time_zone_change_moves_the_due_instant_but_keeps_the_week():
    berlin, new_york = Schedule(timezone="Europe/Berlin"), Schedule(timezone="America/New_York")
    assert due_at(berlin, "2026-W48") == utc("2026-11-23T08:00")
    assert due_at(new_york, "2026-W48") == utc("2026-11-23T14:00")
    assert schedule.week_of(utc("2026-11-23T14:00"), "America/New_York") == "2026-W48"


def test_away_until_skips_the_weeks_up_to_that_date_only():
    plan = Schedule(away_until="2026-12-02")  # away until Wednesday 2 December
    assert schedule.is_away(plan, "2026-W48") and schedule.is_away(plan, "2026-W49")  # Mondays 23 and 30 Nov
    assert not schedule.is_away(plan, "2026-W50")  # Monday 7 December


def test_next_due_is_always_ahead():
    plan = Schedule(weekday=4, time="16:00", timezone="Pacific/Auckland")
    now = utc("2026-11-23T09:00")
    upcoming = next_due(plan, now)
    assert upcoming.due_at > now and upcoming.due_at.astimezone(plan.tz).strftime("%a %H:%M") == "Fri 16:00"

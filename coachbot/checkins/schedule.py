"""When an executive's weekly check-in is due: pure date arithmetic, no I/O.

Everything is computed in the executive's own time zone with :mod:`zoneinfo`, so a
Monday 09:00 check-in stays at 09:00 local across daylight-saving changes in either
hemisphere (its UTC instant moves instead). A week is the ISO week of the executive's
local calendar (``2026-W48``): the outbox keeps one delivery per executive per such week.

Rules, in order:

* the weekday and time are the executive's own, else their cohort's, else Monday 09:00;
* a local time that does not exist (the hour skipped in spring) runs at the same wall
  time read with the offset from before the jump (02:30 becomes 03:30); a time that
  happens twice (autumn) runs at the first one;
* nothing is sent inside quiet hours (default 21:00-07:00 local): a due time, a snooze
  or a reminder that falls inside them waits until they end;
* a check-in that could not go out on time (the server was down) is still sent within
  ``LATE_LIMIT`` of its due time, never later (a Monday check-in does not arrive on Sunday);
* a week whose check-in day is on or before the executive's "away until" date is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_WEEKDAY = 0  # Monday
DEFAULT_TIME = "09:00"
DEFAULT_QUIET_HOURS = "21:00-07:00"
LATE_LIMIT = timedelta(hours=48)


@lru_cache(maxsize=1024)  # ZoneInfo's own cache keeps only a few zones; a run asks 10,000 times
def zone(name: str | None) -> ZoneInfo:
    """The IANA zone ``name``, or UTC when it is empty or unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@lru_cache(maxsize=4096)
def parse_hhmm(text: str | None, default: str = DEFAULT_TIME) -> time:
    try:
        return datetime.strptime((text or default).strip(), "%H:%M").time()
    except ValueError:
        return datetime.strptime(default, "%H:%M").time()


@lru_cache(maxsize=1024)
def parse_quiet_hours(text: str | None) -> tuple[time, time] | None:
    """``"21:00-07:00"`` -> (21:00, 07:00); ``"off"`` or ``""`` -> None (no quiet hours)."""
    if text is None:
        text = DEFAULT_QUIET_HOURS
    text = text.strip().lower()
    if text in ("", "off", "none"):
        return None
    start, sep, end = text.partition("-")
    try:
        if not sep:
            raise ValueError
        return (datetime.strptime(start.strip(), "%H:%M").time(), datetime.strptime(end.strip(), "%H:%M").time())
    except ValueError:
        raise ValueError("Quiet hours look like 21:00-07:00 (or off).") from None


@dataclass(frozen=True)
class Schedule:
    """One executive's resolved check-in schedule."""

    weekday: int = DEFAULT_WEEKDAY  # 0 = Monday
    time: str = DEFAULT_TIME  # HH:MM local
    timezone: str = "UTC"
    quiet_hours: str | None = DEFAULT_QUIET_HOURS
    away_until: str | None = None  # YYYY-MM-DD, inclusive

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.timezone)


def resolve(executive: dict, cohort: dict | None = None) -> Schedule:
    """The executive's own weekday and time if they set one, else the cohort's, else Monday 09:00."""
    own = bool(executive.get("schedule_own"))
    source = executive if own or cohort is None else cohort
    weekday = source.get("checkin_weekday")
    quiet = executive.get("quiet_hours")
    return Schedule(
        weekday=int(weekday) if weekday is not None else DEFAULT_WEEKDAY,
        time=source.get("checkin_time") or DEFAULT_TIME,
        timezone=executive.get("timezone") or "UTC",
        quiet_hours=DEFAULT_QUIET_HOURS if quiet is None else quiet,
        away_until=executive.get("away_until") or None,
    )


def week_of(now: datetime, timezone: str | None) -> str:
    """The ISO week (``2026-W48``) of ``now`` in the given time zone."""
    year, week, _ = now.astimezone(zone(timezone)).isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> date:
    """The Monday of an ISO week."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def shift_week(week: str, weeks: int) -> str:
    year, number, _ = (week_start(week) + timedelta(weeks=weeks)).isocalendar()
    return f"{year}-W{number:02d}"


def week_index(week: str) -> int:
    """A running number for ISO weeks (consecutive weeks differ by one)."""
    return week_start(week).toordinal() // 7


def wall_clock(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant at which a wall clock in ``tz`` shows ``day`` ``at``."""
    return datetime.combine(day, at).replace(tzinfo=tz, fold=0).astimezone(UTC)


def in_quiet_hours(instant: datetime, schedule: Schedule) -> bool:
    quiet = parse_quiet_hours(schedule.quiet_hours)
    if quiet is None:
        return False
    start, end = quiet
    wall = instant.astimezone(schedule.tz).time()
    if start <= end:
        return start <= wall < end
    return wall >= start or wall < end


def after_quiet_hours(instant: datetime, schedule: Schedule) -> datetime:
    """``instant``, or the end of the quiet hours it falls in (in UTC)."""
    instant = instant.astimezone(UTC)
    if not in_quiet_hours(instant, schedule):
        return instant
    hours = parse_quiet_hours(schedule.quiet_hours)
    assert hours is not None, "in_quiet_hours found quiet hours"
    _, end = hours
    wall = instant.astimezone(schedule.tz)
    day = wall.date() if wall.time() < end else wall.date() + timedelta(days=1)
    return wall_clock(day, end, schedule.tz)


def due_day(schedule: Schedule, week: str) -> date:
    return week_start(week) + timedelta(days=schedule.weekday % 7)


def due_at(schedule: Schedule, week: str) -> datetime:
    """When the check-in of ``week`` is due (UTC), quiet hours taken into account."""
    return after_quiet_hours(wall_clock(due_day(schedule, week), parse_hhmm(schedule.time), schedule.tz), schedule)


def is_away(schedule: Schedule, week: str) -> bool:
    """Whether the executive said they are away on that week's check-in day."""
    if not schedule.away_until:
        return False
    try:
        until = date.fromisoformat(schedule.away_until)
    except ValueError:
        return False
    return due_day(schedule, week) <= until


@dataclass(frozen=True)
class Due:
    week: str
    due_at: datetime


def due_now(schedule: Schedule, now: datetime) -> Due | None:
    """This week's (or last week's, still within ``LATE_LIMIT``) check-in, if due at ``now``.

    None when nothing is due, when ``now`` is inside quiet hours, or when it is too late.
    """
    if in_quiet_hours(now, schedule):
        return None
    this_week = week_of(now, schedule.timezone)
    for week in (this_week, shift_week(this_week, -1)):
        at = due_at(schedule, week)
        if at <= now < at + LATE_LIMIT:
            return Due(week, at)
    return None


def next_due(schedule: Schedule, now: datetime) -> Due:
    """The first due time after ``now`` (for status and for the scheduler's sleep)."""
    week = week_of(now, schedule.timezone)
    for offset in range(0, 4):
        candidate = shift_week(week, offset)
        at = due_at(schedule, candidate)
        if at > now:
            return Due(candidate, at)
    raise AssertionError("a weekly schedule is always due within four weeks")


def later(now: datetime, hours: float, schedule: Schedule) -> datetime:
    """``hours`` from now, moved out of quiet hours."""
    return after_quiet_hours(now + timedelta(hours=hours), schedule)

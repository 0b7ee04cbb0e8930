"""The aggregates HR sees about a cohort, behind the privacy floor.

Every number HR can see is a *cell*: one measure, one week, one group of executives.
The rules (the people-analytics convention HR already trusts, see BRIEF.md):

1. **Minimum group.** A cell over fewer than ``MIN_GROUP`` (5) executives is not
   shown; the page says "not enough people yet" instead of the value, its spread or
   its head count.
2. **No subtraction.** HR can compare the cohort's regions (one split, and only one:
   two splits could be combined into a small group no page shows). When a region's
   cell is hidden, it could still be worked out as the cohort's figure minus the shown
   regions, so the next-smallest shown regions are hidden too, until the hidden regions
   together hold no one or at least ``MIN_GROUP`` people. Belief positions carry over
   from week to week, so for them a cell is also hidden when its group differs from a
   cell shown in another week by one to four people.
3. **No filter gets under the floor.** Every cell is decided over the whole timeline and
   both views at once, never by the filters: a week range only chooses which weeks are
   listed, the split is a fixed choice, and nothing sums cells across weeks. No
   combination of query parameters can therefore make a smaller group. Only completed
   weeks are listed, so a figure does not change from one day to the next.
4. **Content never leaves.** Cells are computed from statuses, counts, ratings and
   positions; no text (messages, evidence, commitments, experiment wording), no safety
   marker and no named person's value is ever put in a report. Sessions that ended in a
   safety reply are left out of the coaching-quality measure so that even their count
   cannot show.

:func:`counted_in` answers the executive's question "which of these include me?" from
the same cells, so what they are shown is exactly what HR can see.
"""

from __future__ import annotations

import contextlib
import functools
import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import sqlite_utils

from coachbot import journey
from coachbot.cohorts.cohort import Cohort
from coachbot.cohorts.roster import Member, members
from coachbot.models import DIMENSIONS

MIN_GROUP = 5
NOT_ENOUGH = "not enough people yet"
MAX_WEEKS = 52
DELIVERED = ("sent", "answered", "skipped", "snoozed")
ANSWER_ITEMS = ("importance", "confidence", "experiment")

Kind = Literal["rate", "count", "mean", "position"]


@dataclass(frozen=True)
class Cell:
    """One aggregate. ``people`` is who is counted in it; it never leaves the domain."""

    people: frozenset[int]
    value: float | None = None
    spread: float | None = None
    shown: bool = False

    def hidden(self) -> Cell:
        return Cell(self.people)


@dataclass(frozen=True)
class Week:
    iso: str  # e.g. 2026-W48
    number: int | None  # the programme week, counted from the cohort's start
    theme: str | None

    @property
    def label(self) -> str:
        return f"Week {self.number}" if self.number else self.iso


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    kind: Kind
    group: str | None  # None: the whole cohort; else the split group's label
    cells: tuple[Cell, ...]  # one per report week


@dataclass(frozen=True)
class Report:
    cohort: Cohort
    weeks: tuple[Week, ...]
    series: tuple[Series, ...]
    split: str | None = None
    groups: tuple[str, ...] = field(default_factory=tuple)

    def of(self, key: str, group: str | None = None) -> Series | None:
        return next((s for s in self.series if s.key == key and s.group == group), None)


# --- titles ------------------------------------------------------------------------------
def series_titles() -> dict[str, tuple[str, Kind]]:
    titles: dict[str, tuple[str, Kind]] = {
        "response": ("Check-in response rate", "rate"),
        "experiments_proposed": ("Experiments agreed", "count"),
        "experiments_tried": ("Experiments tried (done or partly)", "count"),
        "experiments_completed": ("Experiments completed", "count"),
        "importance": ("Readiness: how important (0-10)", "mean"),
        "confidence": ("Readiness: how confident (0-10)", "mean"),
        "commitment": ("Sessions ending in the executive's own commitment", "rate"),
    }
    for d in DIMENSIONS:
        titles[f"belief:{d}"] = (f"Belief position: {d.replace('_', ' ')}", "position")
    return titles


# --- weeks -------------------------------------------------------------------------------
def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@functools.lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _local_week(at: str | None, timezone: str) -> str | None:
    if not at:
        return None
    try:
        instant = datetime.fromisoformat(at)
        zone = _zone(timezone or "UTC")
    except (ValueError, KeyError):
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=ZoneInfo("UTC"))
    return iso_week(instant.astimezone(zone).date())


def _complete(monday: date, now: datetime) -> bool:
    """True once the week is over in every time zone (UTC+14 to UTC-12): Tuesday 00:00 UTC after."""
    return datetime.combine(monday + timedelta(days=8), time(), UTC) <= now


def cohort_weeks(cohort: Cohort, people: list[Member], now: datetime) -> tuple[Week, ...]:
    """The cohort's completed weeks, from its start (or first enrolment), at most MAX_WEEKS.

    The week in progress is never listed: its figures would change from one day to the
    next, and Tuesday's figure minus Monday's would be the one person who answered in between.
    """
    if cohort.start_date:
        start = cohort.start_date
    else:
        enrolled = [m.enrolled_at[:10] for m in people if m.enrolled_at]
        start = date.fromisoformat(min(enrolled)) if enrolled else now.date()
    start -= timedelta(days=start.weekday())
    weeks: list[Week] = []
    day = start
    while _complete(day, now) and len(weeks) < MAX_WEEKS:
        number = len(weeks) + 1 if cohort.start_date else None
        theme = next((w.theme for w in cohort.programme if w.week == number), None) if number else None
        weeks.append(Week(iso_week(day), number, theme))
        day += timedelta(days=7)
    return tuple(weeks)


# --- raw measures per week ------------------------------------------------------------
_Raw = dict[str, dict[str, dict[int, list[float]]]]  # key -> week -> executive -> values


def _in(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def _raw(db: sqlite_utils.Database, cohort: Cohort, people: list[Member], weeks: tuple[Week, ...]) -> _Raw:
    raw: _Raw = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    ids = [m.executive_id for m in people]
    if not ids:
        return raw
    tz = {m.executive_id: m.timezone for m in people}
    week_set = {w.iso for w in weeks}
    args = [cohort.tenant, *ids]
    where = f"tenant = ? and executive_id in ({_in(ids)})"

    # Check-in response: delivered check-ins, and weeks with an answer.
    delivered: dict[str, set[int]] = defaultdict(set)
    answered: dict[str, set[int]] = defaultdict(set)
    deliveries = db.execute(f"select executive_id, week, status from checkin_deliveries where {where}", args)
    for exe, week, status in deliveries:
        if status in DELIVERED:
            delivered[week].add(exe)
        if status == "answered":
            answered[week].add(exe)
    for exe, week, item, value in db.execute(
        f"select executive_id, week, item, value from checkin_answers where {where}", args
    ):
        if item in ANSWER_ITEMS or item.startswith("belief:"):
            answered[week].add(exe)
        if item in ("importance", "confidence") and week in week_set:
            with contextlib.suppress(TypeError, ValueError):
                raw[item][week][exe].append(float(value))
    for week in week_set:
        for exe in delivered[week] | answered[week]:
            raw["response"][week][exe].append(1.0 if exe in answered[week] else 0.0)

    # Experiments, by the week they were agreed.
    for exe, proposed_at, status in db.execute(
        f"select executive_id, proposed_at, status from experiments where {where}", args
    ):
        week = _local_week(proposed_at, tz[exe])
        if week not in week_set:
            continue
        raw["experiments_proposed"][week][exe].append(1.0)
        raw["experiments_tried"][week][exe].append(1.0 if status in ("done", "partly") else 0.0)
        raw["experiments_completed"][week][exe].append(1.0 if status == "done" else 0.0)

    # Coaching quality: ended sessions, leaving out any with a safety marker.
    flagged = {r[0] for r in db.execute(
        f"select session_id from safety_markers where {where} and session_id is not null", args)}
    sessions_by_exe: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for sid, exe, number, started_at, ended_at, commitment, reason in db.execute(
        f"select id, executive_id, number, started_at, ended_at, commitment, end_reason from sessions where {where}",
        args,
    ):
        sessions_by_exe[exe].append((int(number), started_at or ""))
        if not ended_at or sid in flagged or reason == "safety":
            continue
        week = _local_week(ended_at, tz[exe])
        if week in week_set:
            raw["commitment"][week][exe].append(1.0 if (commitment or "").strip() else 0.0)

    # Belief positions as they stood at the end of each week (journey.py's weighting).
    observations: dict[int, list[dict]] = defaultdict(list)
    # The executives' own views only (reported ones are context), as journey.own_observations reads them.
    for exe, dimension, stance, confidence, number, at in db.execute(
        f"select executive_id, dimension, stance, confidence, session_number, at from observations "
        f"where {where} and coalesce(reported, 0) = 0 order by id", args,
    ):
        observations[exe].append({"dimension": dimension, "stance": stance, "confidence": confidence,
                                  "session_number": number, "week": _local_week(at, tz[exe]) or ""})
    for exe, found in observations.items():
        by_dimension: dict[str, list[dict]] = defaultdict(list)
        for obs in found:
            if obs["week"]:
                by_dimension[obs["dimension"]].append(obs)
        session_weeks = [(n, _local_week(at, tz[exe]) or "") for n, at in sessions_by_exe[exe]]
        for w in weeks:
            latest = max([n for n, wk in session_weeks if wk and wk <= w.iso] or [0])
            for dimension, said in by_dimension.items():
                pos = journey.position([o for o in said if o["week"] <= w.iso], latest)
                if pos is not None:
                    raw[f"belief:{dimension}"][w.iso][exe].append(pos)

    # A member counts from the week they were enrolled: enrolling someone who had talked
    # with the coach before must not change weeks HR has already seen.
    joined = {m.executive_id: _local_week(m.enrolled_at, "UTC") or "" for m in people}
    for weeks_of in raw.values():
        for week, by_exe in weeks_of.items():
            for exe in [e for e in by_exe if week < joined.get(e, "")]:
                del by_exe[exe]
    return raw


def _cell(kind: Kind, values: dict[int, list[float]], people: frozenset[int]) -> Cell:
    """The cell over ``people``; shown only when they are at least MIN_GROUP."""
    if len(people) < MIN_GROUP:
        return Cell(people)
    if kind == "count":
        return Cell(people, float(sum(sum(values[p]) for p in people)), None, True)
    if kind == "rate":
        flat = [v for p in people for v in values[p]]
        return Cell(people, sum(flat) / len(flat), None, True)
    per_person = [statistics.fmean(values[p]) for p in people]  # one voice each
    mean = statistics.fmean(per_person)
    # Population standard deviation in plain floats (statistics.pstdev works in fractions: slow).
    spread = math.sqrt(sum((v - mean) ** 2 for v in per_person) / len(per_person))
    return Cell(people, mean, spread, True)


def protect(total: frozenset[int], groups: dict[str, frozenset[int]]) -> set[str]:
    """The groups to hide in a partition of ``total`` whose total figure is shown.

    Every group under MIN_GROUP is hidden; then, while the hidden groups together hold
    between 1 and MIN_GROUP - 1 people (a figure one could derive by subtracting the
    shown groups from the total), the smallest shown group is hidden as well.
    """
    if len(total) < MIN_GROUP:
        return set(groups)
    hidden = {g for g, people in groups.items() if len(people) < MIN_GROUP}
    while True:
        held = set().union(*(groups[g] for g in hidden)) if hidden else set()
        if not held or len(held) >= MIN_GROUP:
            return hidden
        shown = sorted((len(groups[g]), g) for g in groups if g not in hidden)
        if not shown:
            return hidden
        hidden.add(shown[0][1])


def _region(m: Member) -> str:
    zone = m.timezone or "UTC"
    return zone.split("/")[0] if "/" in zone else "Other"


# One split only. Two splits shown side by side (say platform and region) could be
# combined, Slack + Europe - cohort, into a group no page shows and that may be small:
# with a single partition, everything derivable is a union of shown groups or the
# union of the hidden ones, which protect() keeps at zero or at least MIN_GROUP.
GROUPERS: dict[str, Callable[[Member], str]] = {"region": _region}
SPLITS: dict[str, str] = {"region": "region"}


def _apart(people: frozenset[int], shown: list[frozenset[int]]) -> bool:
    """True if ``people`` differs from every shown group by no one or by MIN_GROUP or more,
    each way, so that subtracting one figure from the other reveals no small group."""

    def safe(n: int) -> bool:
        return n == 0 or n >= MIN_GROUP

    return all(safe(len(people - other)) and safe(len(other - people)) for other in shown)


def build(
    db: sqlite_utils.Database,
    cohort: Cohort,
    now: datetime,
    *,
    split: str | None = None,
    first_week: str | None = None,
    last_week: str | None = None,
) -> Report:
    """The cohort's report. ``first_week`` / ``last_week`` only choose which weeks are listed.

    Every cell is decided over the whole timeline and both views (whole cohort and the
    split) at once, so no filter or view changes what any cell shows.

    Belief positions carry over from week to week (a position stands until new words move
    it), so one week's figure minus another's could isolate the few people who joined in
    between. For them, a cell is shown only if its group differs from every cell shown
    before it (any week, any group) by no one or by at least MIN_GROUP people.
    """
    if split is not None and split not in GROUPERS:
        raise ValueError(f"unknown split {split!r}")
    people = members(db, cohort)
    all_weeks = cohort_weeks(cohort, people, now)
    raw = _raw(db, cohort, people, all_weeks)
    by: dict[str, set[int]] = defaultdict(set)
    for m in people:
        by[_region(m)].add(m.executive_id)
    grouping = {g: frozenset(ids) for g, ids in sorted(by.items())}
    listed = [i for i, w in enumerate(all_weeks)
              if (not first_week or w.iso >= first_week) and (not last_week or w.iso <= last_week)]
    series: list[Series] = []
    for key, (title, kind) in series_titles().items():
        carries_over = key.startswith("belief:")
        shown_groups: list[frozenset[int]] = []
        totals: list[Cell] = []
        per_group: dict[str, list[Cell]] = {g: [] for g in grouping}
        for w in all_weeks:
            values = raw[key][w.iso]
            counted = frozenset(p for p, v in values.items() if v)
            total = _cell(kind, values, counted)
            if carries_over and total.shown:
                if _apart(counted, shown_groups):
                    shown_groups.append(counted)
                else:
                    total = total.hidden()
            totals.append(total)
            parts = {g: counted & ids for g, ids in grouping.items()}
            hide = protect(counted, parts) if total.shown else set(parts)
            for g, part in parts.items():
                c = Cell(part) if g in hide else _cell(kind, values, part)
                if carries_over and c.shown:
                    # Hiding one more group keeps protect()'s promise: the hidden union only grows.
                    if _apart(part, shown_groups):
                        shown_groups.append(part)
                    else:
                        c = c.hidden()
                per_group[g].append(c)
        series.append(Series(key, title, kind, None, tuple(totals[i] for i in listed)))
        if split:
            for g, cells in per_group.items():
                series.append(Series(key, title, kind, g, tuple(cells[i] for i in listed)))
    weeks = tuple(all_weeks[i] for i in listed)
    return Report(cohort, weeks, tuple(series), split, tuple(grouping) if split else ())


# --- what the executive is counted in ----------------------------------------------
@dataclass(frozen=True)
class Mention:
    """A series HR sees that counts this executive, and the weeks it does."""

    title: str
    group: str | None  # the split group they are counted in, if any
    weeks: tuple[str, ...]


def counted_in(db: sqlite_utils.Database, cohort: Cohort, executive_id: int, now: datetime) -> tuple[Mention, ...]:
    """Every shown series of every view of the cohort (whole and by region) that includes
    this executive. One build with the split holds both views' cells."""
    report = build(db, cohort, now, split="region")
    found: list[Mention] = []
    for s in sorted(report.series, key=lambda s: s.group is not None):  # the whole cohort's first
        weeks = tuple(w.label for w, c in zip(report.weeks, s.cells, strict=True)
                      if c.shown and executive_id in c.people)
        if weeks:
            found.append(Mention(s.title, s.group and f"{SPLITS['region']}: {s.group}", weeks))
    return tuple(found)


# --- the tables a page shows (and its CSV export writes) -------------------------------
@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def fmt(kind: Kind, cell: Cell) -> tuple[str, str, str]:
    """(value, spread, people) as shown: the floor's wording for a hidden cell."""
    if not cell.shown or cell.value is None:
        return (NOT_ENOUGH, "", "")
    people = str(len(cell.people))
    if kind == "rate":
        return (f"{cell.value * 100:.0f}%", "", people)
    if kind == "count":
        return (f"{cell.value:.0f}", "", people)
    digits = 2 if kind == "position" else 1
    spread = f"±{cell.spread:.{digits}f}" if cell.spread is not None else ""
    return (f"{cell.value:+.{digits}f}" if kind == "position" else f"{cell.value:.1f}", spread, people)


def tables(report: Report) -> tuple[Table, ...]:
    """One table per series (and group), weeks as rows: what the progress page lists."""
    found = []
    for s in report.series:
        rows = []
        for w, cell in zip(report.weeks, s.cells, strict=True):
            value, spread, people = fmt(s.kind, cell)
            rows.append((w.iso, w.label, w.theme or "", value, spread, people))
        title = s.title if s.group is None else f"{s.title} — {s.group}"
        found.append(Table(title, ("iso_week", "week", "theme", "value", "spread", "people"), tuple(rows)))
    return tuple(found)

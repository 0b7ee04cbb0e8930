"""The roster: each member's name and programme status, and nothing else.

Status is derived from when the executive last took part (a coaching session or a
check-in answer), never from what they said:

- *invited*: enrolled, has not taken part yet;
- *started*: has taken part, in one week so far;
- *active*: has taken part in two or more weeks, the last within 14 days;
- *quiet for N weeks*: took part, but not in the last N (two or more) weeks;
- *stopped*: left the programme (or paused their check-ins).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from coachbot.cohorts.cohort import Cohort

QUIET_AFTER = timedelta(days=14)
STATUSES = ("invited", "started", "active", "quiet", "stopped")


@dataclass(frozen=True)
class Member:
    """A member as the reports need them (the id never leaves the domain)."""

    executive_id: int
    name: str  # how HR knows them: name, else email, else user id
    platform: str
    timezone: str
    status: str  # invited | stopped, as stored
    paused: bool
    enrolled_at: str


@dataclass(frozen=True)
class RosterEntry:
    name: str
    status: str  # one of STATUSES
    quiet_weeks: int = 0

    @property
    def label(self) -> str:
        return f"quiet for {self.quiet_weeks} weeks" if self.status == "quiet" else self.status


def members(db: sqlite_utils.Database, cohort: Cohort) -> list[Member]:
    rows = db.execute(
        "select e.id, coalesce(nullif(e.name, ''), nullif(e.email, ''), e.user_id), e.platform, "
        "coalesce(e.timezone, 'UTC'), m.status, coalesce(e.paused, 0), m.enrolled_at "
        "from cohort_members m join executives e on e.id = m.executive_id and e.tenant = m.tenant "
        "where m.tenant = ? and m.cohort_id = ? order by 2 collate nocase",
        [cohort.tenant, cohort.id],
    ).fetchall()
    return [Member(r[0], r[1], r[2] or "", r[3], r[4] or "invited", bool(r[5]), r[6] or "") for r in rows]


def _activity(db: sqlite_utils.Database, tenant: str, ids: list[int]) -> dict[int, list[str]]:
    """Instants each executive took part: sessions started and check-in answers given."""
    found: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ",".join("?" * len(ids))
    for sql in (
        f"select executive_id, started_at from sessions where tenant = ? and executive_id in ({marks})",
        f"select executive_id, at from checkin_answers where tenant = ? and executive_id in ({marks})",
    ):
        for exe, at in db.execute(sql, [tenant, *ids]):
            if at:
                found[exe].append(at)
    return found


def _parse(at: str) -> datetime:
    return datetime.fromisoformat(at)


def roster(db: sqlite_utils.Database, cohort: Cohort, now: datetime) -> list[RosterEntry]:
    """Every member with their status, ordered by name."""
    people = members(db, cohort)
    activity = _activity(db, cohort.tenant, [m.executive_id for m in people])
    entries = []
    for m in people:
        instants = sorted(_parse(a) for a in activity[m.executive_id])
        if m.status == "stopped" or m.paused:
            entries.append(RosterEntry(m.name, "stopped"))
        elif not instants:
            entries.append(RosterEntry(m.name, "invited"))
        elif now - instants[-1] >= QUIET_AFTER:
            entries.append(RosterEntry(m.name, "quiet", (now - instants[-1]).days // 7))
        elif len({i.isocalendar()[:2] for i in instants}) >= 2:
            entries.append(RosterEntry(m.name, "active"))
        else:
            entries.append(RosterEntry(m.name, "started"))
    return entries

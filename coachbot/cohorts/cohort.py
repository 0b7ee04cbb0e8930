"""Cohorts: a named group of executives with a start date, a weekly check-in schedule
and a programme of weekly themes, each tied to strategic questions."""

from __future__ import annotations

import importlib.resources
import json
from dataclasses import dataclass
from datetime import date, datetime

import sqlite_utils
import yaml

from coachbot import executives
from coachbot.models import QUESTIONS, WEEKDAYS
from coachbot.store import Store

MAX_NAME_CHARS = 80
MAX_THEME_CHARS = 120
MAX_WEEKS = 52


class CohortError(ValueError):
    """A readable reason a cohort could not be created or changed."""


@dataclass(frozen=True)
class ProgrammeWeek:
    week: int
    theme: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Cohort:
    id: int
    tenant: str
    name: str
    start_date: date | None
    checkin_weekday: int  # 0 = Monday
    checkin_time: str  # HH:MM in each member's own time zone
    programme: tuple[ProgrammeWeek, ...]
    created_at: str

    @property
    def weekday_name(self) -> str:
        return WEEKDAYS[self.checkin_weekday]


def default_programme() -> tuple[ProgrammeWeek, ...]:
    """The programme shipped in ``prompts/programme.yaml``."""
    text = importlib.resources.files("coachbot.prompts").joinpath("programme.yaml").read_text(encoding="utf-8")
    return validate_programme(yaml.safe_load(text)["programme"])


def validate_programme(weeks: list[dict]) -> tuple[ProgrammeWeek, ...]:
    """Checked, ordered and numbered 1..N; raises CohortError naming the week at fault."""
    if not isinstance(weeks, list) or not weeks:
        raise CohortError("a programme needs at least one week")
    if len(weeks) > MAX_WEEKS:
        raise CohortError(f"a programme has at most {MAX_WEEKS} weeks")
    ordered = sorted(weeks, key=lambda w: int(w.get("week") or 0))
    result = []
    for number, week in enumerate(ordered, start=1):
        theme = " ".join(str(week.get("theme") or "").split())
        questions = tuple(dict.fromkeys(str(q) for q in week.get("questions") or ()))
        if not theme:
            raise CohortError(f"week {number} needs a theme")
        if len(theme) > MAX_THEME_CHARS:
            raise CohortError(f"week {number}'s theme is longer than {MAX_THEME_CHARS} characters")
        if not questions:
            raise CohortError(f"week {number} needs at least one strategic question")
        unknown = [q for q in questions if q not in QUESTIONS]
        if unknown:
            raise CohortError(f"week {number}: unknown question {unknown[0]!r}")
        result.append(ProgrammeWeek(number, theme, questions))
    return tuple(result)


def programme_json(programme: tuple[ProgrammeWeek, ...]) -> str:
    return json.dumps([{"week": w.week, "theme": w.theme, "questions": list(w.questions)} for w in programme])


def parse_weekday(text: str | int) -> int:
    if isinstance(text, int) or str(text).isdigit():
        value = int(text)
        if 0 <= value <= 6:
            return value
    key = str(text).strip().lower()[:3]
    if key in WEEKDAYS:
        return WEEKDAYS.index(key)
    raise CohortError(f"{text!r} is not a weekday (mon, tue, ... sun)")


def parse_start(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise CohortError(f"{text!r} is not a date like 2026-12-07") from None


def _cohort(row: dict) -> Cohort:
    try:
        programme = validate_programme(json.loads(row["programme"] or "[]"))
    except (CohortError, ValueError, TypeError):
        programme = default_programme()
    return Cohort(
        id=row["id"],
        tenant=row["tenant"],
        name=row["name"],
        start_date=date.fromisoformat(row["start_date"]) if row["start_date"] else None,
        checkin_weekday=int(row["checkin_weekday"] or 0),
        checkin_time=row["checkin_time"] or "09:00",
        programme=programme,
        created_at=row["created_at"] or "",
    )


def create(
    store: Store,
    tenant: str,
    name: str,
    now: datetime,
    *,
    start: date | None = None,
    weekday: int = 0,
    time: str = "09:00",
    programme: tuple[ProgrammeWeek, ...] | None = None,
) -> Cohort:
    """A new cohort with the default programme unless one is given."""
    name = " ".join((name or "").split())
    if not name:
        raise CohortError("a cohort needs a name")
    if len(name) > MAX_NAME_CHARS:
        raise CohortError(f"a cohort name has at most {MAX_NAME_CHARS} characters")
    if not executives.valid_time(time):
        raise CohortError(f"{time!r} is not a time like 09:00")
    if not 0 <= weekday <= 6:
        raise CohortError("the weekday must be Monday to Sunday")
    with store.write() as db:
        if by_name(db, tenant, name) is not None:
            raise CohortError(f"a cohort called {name!r} already exists")
        db.table("cohorts").insert(
            {
                "tenant": tenant,
                "name": name,
                "start_date": start.isoformat() if start else None,
                "checkin_weekday": weekday,
                "checkin_time": time,
                "programme": programme_json(programme or default_programme()),
                "created_at": now.isoformat(),
            }
        )
        created = by_name(db, tenant, name)
        assert created is not None, "inserted just above, in this transaction"
        return created


def get(db: sqlite_utils.Database, tenant: str, cohort_id: int) -> Cohort | None:
    """The cohort with this id in this tenant; None for another tenant's cohort."""
    rows = list(db["cohorts"].rows_where("tenant = ? and id = ?", [tenant, cohort_id]))
    return _cohort(rows[0]) if rows else None


def by_name(db: sqlite_utils.Database, tenant: str, name: str) -> Cohort | None:
    rows = list(db["cohorts"].rows_where("tenant = ? and name = ? collate nocase", [tenant, name]))
    return _cohort(rows[0]) if rows else None


def named_anywhere(db: sqlite_utils.Database, name: str) -> list[Cohort]:
    """Cohorts with this name in any tenant (the command line's lookup without --tenant)."""
    return [_cohort(r) for r in db["cohorts"].rows_where("name = ? collate nocase", [name], order_by="id")]


def all_of(db: sqlite_utils.Database, tenant: str) -> list[Cohort]:
    return [_cohort(r) for r in db["cohorts"].rows_where("tenant = ?", [tenant], order_by="start_date, name")]


def set_programme(store: Store, cohort: Cohort, programme: tuple[ProgrammeWeek, ...]) -> Cohort:
    with store.write() as db:
        db.execute(
            "update cohorts set programme = ? where tenant = ? and id = ?",
            [programme_json(programme), cohort.tenant, cohort.id],
        )
        updated = get(db, cohort.tenant, cohort.id)
        assert updated is not None, "updated just above, in this transaction"
        return updated


def known_tenants(db: sqlite_utils.Database) -> list[str]:
    """Every tenant this database has seen, for defaulting ``--tenant`` on one-workspace installs."""
    found: set[str] = set()
    for table in ("executives", "cohorts", "admin_accounts"):
        if db[table].exists():
            found.update(r[0] for r in db.execute(f"select distinct tenant from [{table}]"))
    return sorted(t for t in found if t)

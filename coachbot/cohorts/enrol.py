"""Enrolment from a CSV file (CONTRACTS.md columns): a report line for every row.

Each row is *enrolled*, *skipped* (already a member, listed twice, or stopped by the
executive) or *invalid* (with the reason). Rows are checked first, then every good row
is written in one transaction: a failure half-way leaves nobody half-enrolled.

A row with an email but no user id is resolved through the platform where that is
possible (an executive already known by that address, else the resolver a caller
passes in, e.g. Slack's ``users.lookupByEmail``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from coachbot import executives
from coachbot.cohorts.accounts import normalise_email, valid_email
from coachbot.cohorts.cohort import Cohort
from coachbot.models import Who
from coachbot.store import Store

PLATFORMS = ("slack", "teams")
COLUMNS = ("platform", "tenant", "user", "email", "name", "timezone")
MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024

# (platform, tenant, email) -> the platform's user id, or None when not found.
EmailResolver = Callable[[str, str, str], str | None]
Outcome = Literal["enrolled", "skipped", "invalid"]


class EnrolError(ValueError):
    """The file as a whole cannot be read (no header, wrong columns, too large)."""


@dataclass(frozen=True)
class RowResult:
    line: int  # line number in the file, the header being line 1
    outcome: Outcome
    who: str  # how HR recognises the row: name, email or user id
    reason: str = ""


@dataclass(frozen=True)
class EnrolReport:
    cohort: Cohort
    rows: tuple[RowResult, ...] = field(default_factory=tuple)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)


@dataclass(frozen=True)
class _Good:
    line: int
    who: Who
    label: str
    email: str
    name: str
    timezone: str


def read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs with lower-case column names; EnrolError if unreadable."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise EnrolError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise EnrolError(f"the file is empty: it needs a header row ({','.join(COLUMNS)})") from None
    except csv.Error as exc:
        raise EnrolError(f"the file is not CSV: {exc}") from None
    if "user" not in header and "email" not in header:
        raise EnrolError("the header row must name a 'user' or an 'email' column "
                         "(columns: platform,tenant,user,email,name,timezone)")
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise EnrolError(f"unknown column {unknown[0]!r} (columns: {','.join(COLUMNS)})")
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_ROWS:
                raise EnrolError(f"the file has more than {MAX_ROWS} rows")
            values = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header) if h}
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise EnrolError(f"line {reader.line_num}: {exc}") from None
    return rows


def _known_by_email(store: Store, tenant: str, platform: str, email: str) -> str | None:
    row = store.db.execute(
        "select user_id from executives where tenant = ? and platform = ? and lower(email) = ? limit 1",
        [tenant, platform, email],
    ).fetchone()
    return row[0] if row else None


def _check(store: Store, cohort: Cohort, line: int, row: dict[str, str],
           resolver: EmailResolver | None) -> _Good | RowResult:
    platform = row.get("platform", "").lower()
    tenant = row.get("tenant", "") or cohort.tenant
    user = row.get("user", "")
    email = normalise_email(row.get("email", ""))
    name = " ".join(row.get("name", "").split())[:200]
    timezone = row.get("timezone", "")
    label = name or email or user or f"line {line}"
    if platform not in PLATFORMS:
        return RowResult(line, "invalid", label, "platform must be slack or teams")
    if tenant != cohort.tenant:
        return RowResult(line, "invalid", label,
                         f"tenant {tenant} is not this cohort's workspace ({cohort.tenant})")
    if email and not valid_email(email):
        return RowResult(line, "invalid", label, f"{email!r} is not an email address")
    if timezone and not executives.valid_timezone(timezone):
        return RowResult(line, "invalid", label, f"{timezone!r} is not a time zone (try Europe/Berlin)")
    if not user:
        if not email:
            return RowResult(line, "invalid", label, "needs a user id or an email")
        user = _known_by_email(store, tenant, platform, email) or ""
        if not user and resolver is not None:
            try:
                user = resolver(platform, tenant, email) or ""
            except Exception as exc:  # a platform outage: this row waits, the others go on
                return RowResult(line, "invalid", label, f"could not ask {platform} about {email}: {exc}")
        if not user:
            how = "no one with that email was found" if resolver else f"cannot look up emails on {platform} here"
            return RowResult(line, "invalid", label, f"{how}: add the {platform} user id")
    if len(user) > 200:
        return RowResult(line, "invalid", label, "the user id is too long")
    return _Good(line, Who(tenant=tenant, user=user, platform=platform), label, email, name, timezone)


def enrol(store: Store, cohort: Cohort, text: str, now: datetime,
          resolver: EmailResolver | None = None) -> EnrolReport:
    """Enrol every good row of a CSV file into the cohort; a result for every row."""
    rows = read_rows(text)
    results: dict[int, RowResult] = {}
    good: list[_Good] = []
    seen: set[tuple[str, str, str]] = set()
    for line, row in rows:
        checked = _check(store, cohort, line, row, resolver)
        if isinstance(checked, RowResult):
            results[line] = checked
            continue
        key = (checked.who.tenant, checked.who.platform, checked.who.user)
        if key in seen:
            results[line] = RowResult(line, "skipped", checked.label, "listed twice in this file")
            continue
        seen.add(key)
        good.append(checked)
    with store.write() as db:
        for g in good:
            exe = executives.find(db, g.who)
            created = exe is None
            if exe is not None:
                member = db.execute(
                    "select status from cohort_members where tenant = ? and cohort_id = ? and executive_id = ?",
                    [cohort.tenant, cohort.id, exe["id"]],
                ).fetchone()
                if member is not None:
                    reason = "stopped the programme; not re-enrolled" if member[0] == "stopped" else "already enrolled"
                    results[g.line] = RowResult(g.line, "skipped", g.label, reason)
                    continue
            else:
                exe = executives.get_or_create(db, g.who, now)
            changes: dict = {}
            # Fill in what the platform has not told us yet; never overwrite the executive's own settings.
            if g.name and not exe.get("name"):
                changes["name"] = g.name
            if g.email and not exe.get("email"):
                changes["email"] = g.email
            if created:
                changes.update(checkin_weekday=cohort.checkin_weekday, checkin_time=cohort.checkin_time)
                if g.timezone:
                    changes["timezone"] = g.timezone
            if changes:
                db.table("executives").update(exe["id"], changes)
            db.table("cohort_members").insert(
                {"tenant": cohort.tenant, "cohort_id": cohort.id, "executive_id": exe["id"],
                 "status": "invited", "enrolled_at": now.isoformat()}
            )
            results[g.line] = RowResult(g.line, "enrolled", g.label)
    return EnrolReport(cohort, tuple(results[line] for line, _ in rows))

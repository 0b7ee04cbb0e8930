"""``coachbot checkins status``: what is due, sent, answered, snoozed and failed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from . import outbox, schedule

if TYPE_CHECKING:  # the engine imports this package
    from coachbot.engine import Coach

PLATFORMS = ("slack", "teams")


def report(coach: Coach, platforms: Iterable[str] = PLATFORMS, now: datetime | None = None, weeks: int = 4) -> dict:
    """Counts for the executives' current local weeks, the last ``weeks`` weeks, and problems."""
    from .runner import active_executives, cohorts_by_executive

    assert now is not None
    db = coach.store.db
    executives = active_executives(db, platforms)
    cohorts = cohorts_by_executive(db)
    current = {schedule.week_of(now, e.get("timezone")) for e in executives} or {schedule.week_of(now, "UTC")}
    rows = {(r["tenant"], r["executive_id"], r["week"]): r for r in db["checkin_deliveries"].rows}
    due = upcoming = 0
    for executive in executives:
        plan = schedule.resolve(executive, cohorts.get(executive["id"]))
        found = schedule.due_now(plan, now)
        row = rows.get((executive["tenant"], executive["id"], found.week)) if found else None
        if found and (row is None or (row["status"] == "claimed" and outbox.stale(row, now))):
            due += 1
        if not found:
            ahead = schedule.next_due(plan, now)
            if ahead.due_at <= now + timedelta(hours=24) and (
                    executive["tenant"], executive["id"], ahead.week) not in rows:
                upcoming += 1
    this_week = Counter(r["status"] for key, r in rows.items() if key[2] in current)
    recent = sorted({key[2] for key in rows}, reverse=True)[:weeks]
    by_week = {week: dict(Counter(r["status"] for key, r in rows.items() if key[2] == week)) for week in recent}
    problems = [
        {"tenant": r["tenant"], "executive_id": r["executive_id"], "week": r["week"], "status": r["status"],
         "attempts": r["attempts"], "error": r["error"]}
        for key, r in rows.items() if key[2] in current and r["status"] in ("failed", "undeliverable")
    ]
    result = {"now": now.isoformat(), "weeks": sorted(current), "executives": len(executives), "due": due,
              "upcoming_24h": upcoming}
    for status in outbox.STATUSES:
        result[status] = this_week.get(status, 0)
    result["by_week"] = by_week
    result["problems"] = problems[:50]
    return result


def render(data: dict) -> str:
    lines = [f"Check-ins at {data['now']} (weeks {', '.join(data['weeks'])}), {data['executives']} executives",
             f"  due now: {data['due']}   due in the next 24 h: {data['upcoming_24h']}"]
    lines.append("  this week: " + ", ".join(f"{s} {data[s]}" for s in outbox.STATUSES))
    for week, counts in data["by_week"].items():
        lines.append(f"  {week}: " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())))
    for problem in data["problems"]:
        lines.append(f"  ! {problem['tenant']}/{problem['executive_id']} {problem['week']} {problem['status']}: "
                     f"{problem['error'] or ''}")
    return "\n".join(lines)

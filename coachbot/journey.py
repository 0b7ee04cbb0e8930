"""Where an executive's beliefs stand, and where they moved.

A dimension's *position* runs from -1 (fully the old pole) to +1 (fully the new pole):
the confidence-weighted mean of the executive's own observations, each session back
counting half as much as the one after it, so recent words weigh more. Views the
executive only reported ("my board wants ...") are context, not their stance, and do
not move the position.

A *shift* is recorded at a session whose own observations on a dimension lean to the
other pole than the last earlier session that had any: the evidence of that session
supports the move.
"""

from __future__ import annotations

from collections import defaultdict

import sqlite_utils

from coachbot import executives
from coachbot.models import DIMENSIONS, Who

DECAY_PER_SESSION = 0.5


def _sign(stance: str) -> int:
    return 1 if stance == "new" else -1


def position(observations: list[dict], latest_session: int) -> float | None:
    """Weighted position in -1..1 of a dimension's observations, or None if there are none."""
    total = weight_sum = 0.0
    for obs in observations:
        age = max(0, latest_session - int(obs["session_number"] or latest_session))
        weight = float(obs["confidence"] or 0.5) * (DECAY_PER_SESSION**age)
        total += weight * _sign(obs["stance"])
        weight_sum += weight
    if weight_sum == 0:
        return None
    return round(total / weight_sum, 3)


def session_leanings(observations: list[dict]) -> list[tuple[int, str]]:
    """(session number, 'old'|'new') for each session whose observations lean one way."""
    net: dict[int, float] = defaultdict(float)
    for obs in observations:
        net[int(obs["session_number"])] += float(obs["confidence"] or 0.5) * _sign(obs["stance"])
    return [(n, "new" if v > 0 else "old") for n, v in sorted(net.items()) if v != 0]


def shifts_of(observations: list[dict]) -> list[dict]:
    """Moves between sessions, oldest first: [{'from', 'to', 'session'}]."""
    found = []
    leanings = session_leanings(observations)
    for (_, before), (session, after) in zip(leanings, leanings[1:], strict=False):
        if before != after:
            found.append({"from": before, "to": after, "session": session})
    return found


def own_observations(db: sqlite_utils.Database, tenant: str, executive_id: int) -> list[dict]:
    return list(
        db["observations"].rows_where(
            "tenant = ? and executive_id = ? and coalesce(reported, 0) = 0",
            [tenant, executive_id],
            order_by="id",
        )
    )


def journey(db: sqlite_utils.Database, who: Who) -> dict:
    """The journey in the shape CONTRACTS.md gives for ``coachbot journey --json``."""
    row = executives.find(db, who)
    result: dict = {
        "user": who.user,
        "sessions": 0,
        "stage": None,
        "dimensions": {d: {"position": None, "observations": []} for d in DIMENSIONS},
        "shifts": [],
        "checkins": [],
    }
    if row is None:
        return result
    result["checkins"] = checkin_numbers(db, who.tenant, row["id"])
    result["stage"] = row["stage"]
    result["sessions"] = db.execute(
        "select count(*) from sessions where tenant = ? and executive_id = ?",
        [who.tenant, row["id"]],
    ).fetchone()[0]
    by_dimension: dict[str, list[dict]] = defaultdict(list)
    for obs in own_observations(db, who.tenant, row["id"]):
        by_dimension[obs["dimension"]].append(obs)
    latest = result["sessions"]
    for dimension in DIMENSIONS:
        observations = by_dimension.get(dimension, [])
        result["dimensions"][dimension] = {
            "position": position(observations, latest),
            "observations": [
                {
                    "stance": o["stance"],
                    "session": o["session_number"],
                    "evidence": o["evidence"],
                    "confidence": o["confidence"],
                    "source": o["source"],
                    "at": o["at"],
                }
                for o in observations
            ],
        }
        for shift in shifts_of(observations):
            result["shifts"].append({"dimension": dimension, **shift})
    result["shifts"].sort(key=lambda s: (s["session"], DIMENSIONS.index(s["dimension"])))
    return result


def checkin_numbers(db: sqlite_utils.Database, tenant: str, executive_id: int) -> list[dict]:
    """The weekly check-in answers as numbers, oldest week first.

    ``[{"week": "2026-W48", "ratings": {"importance": 7, "belief:ownership": 5}, "experiment": "done"}]``;
    controls (snooze, skip, talk) are not answers and are left out.
    """
    weeks: dict[str, dict] = {}
    for answer in db["checkin_answers"].rows_where(
            "tenant = ? and executive_id = ?", [tenant, executive_id], order_by="week, id"):
        item, value = answer["item"], answer["value"]
        entry = weeks.setdefault(answer["week"], {"week": answer["week"], "ratings": {}, "experiment": None})
        if item in ("importance", "confidence") or item.startswith("belief:"):
            try:
                entry["ratings"][item] = int(value)
            except (TypeError, ValueError):
                continue
        elif item == "experiment":
            entry["experiment"] = value
    return [entry for entry in weeks.values() if entry["ratings"] or entry["experiment"]]


def checkins_summary(checkins: list[dict]) -> str:
    """One line for the text journey: weeks answered, and each rating's first and latest value."""
    if not checkins:
        return "Check-ins: none answered yet."
    series: dict[str, list[int]] = defaultdict(list)
    for week in checkins:
        for item, value in week["ratings"].items():
            series[item].append(value)
    parts = []
    for item, values in series.items():
        name = item.removeprefix("belief:")
        parts.append(f"{name} {values[0]}" if len(values) == 1 else f"{name} {values[0]} → {values[-1]}")
    done = sum(1 for week in checkins if week["experiment"] in ("done", "partly"))
    tried = sum(1 for week in checkins if week["experiment"])
    line = f"Check-ins: {len(checkins)} week(s) answered"
    if parts:
        line += "; " + ", ".join(parts)
    if tried:
        line += f"; experiments tried {done} of {tried}"
    return line + "."

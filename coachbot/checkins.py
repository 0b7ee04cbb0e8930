"""The weekly check-in: what it asks, and what happens to the answers.

Belief ratings from a check-in are kept as answers, not as belief observations: the
journey's evidence is always the executive's own words.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from coachbot import executives, experiments
from coachbot.models import DIMENSIONS, CheckinPrompt, Reply, ScaleItem, Who
from coachbot.store import Store
from coachbot.wording import Prompts

if TYPE_CHECKING:
    from coachbot.engine import Coach

ACTIONS = ("snooze", "skip", "talk")


def local_week(now: datetime, timezone: str) -> str:
    """The ISO week (``2026-W48``) of ``now`` in the executive's own time zone."""
    year, week, _ = now.astimezone(ZoneInfo(timezone or "UTC")).isocalendar()
    return f"{year}-W{week:02d}"


def belief_dimension_for(week: str) -> str:
    """The dimension this week's 7-point item asks about: each in turn, week by week."""
    year, number = week.split("-W")
    return DIMENSIONS[(int(year) * 53 + int(number)) % len(DIMENSIONS)]


def prompt_for(store: Store, prompts: Prompts, who: Who, now: datetime) -> CheckinPrompt:
    with store.write() as db:
        row = executives.get_or_create(db, who, now)
    week = local_week(now, row["timezone"])
    experiment = experiments.latest(store.db, who.tenant, row["id"])
    dimension = belief_dimension_for(week)
    answered = tuple(
        r["item"]
        for r in store.db["checkin_answers"].rows_where(
            "tenant = ? and executive_id = ? and week = ?", [who.tenant, row["id"], week]
        )
    )
    scales = (
        ScaleItem("importance", prompts.text("checkin.importance"), 0, 10,
                  prompts.text("checkin.importance_low"), prompts.text("checkin.importance_high")),
        ScaleItem("confidence", prompts.text("checkin.confidence"), 0, 10,
                  prompts.text("checkin.confidence_low"), prompts.text("checkin.confidence_high")),
        ScaleItem(f"belief:{dimension}", prompts.text(f"checkin.belief_items.{dimension}"), 1, 7,
                  prompts.text("checkin.agree_low"), prompts.text("checkin.agree_high")),
    )
    return CheckinPrompt(
        week=week,
        greeting=prompts.pick("checkin.greeting", seed=week),
        experiment=experiment["text"] if experiment else None,
        experiment_question=prompts.text("checkin.experiment_question") if experiment else None,
        scales=scales,
        answered=answered,
    )


def _number(value: str | int, low: int, high: int) -> str:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError("That answer is not a number.") from None
    if not low <= number <= high:
        raise ValueError(f"Pick a number from {low} to {high}.")
    return str(number)


def _validate(item: str, value: str | int) -> str:
    if item in ("importance", "confidence"):
        return _number(value, 0, 10)
    if item.startswith("belief:"):
        if item.removeprefix("belief:") not in DIMENSIONS:
            raise ValueError(f"Unknown belief item {item!r}.")
        return _number(value, 1, 7)
    if item == "experiment":
        if str(value) not in experiments.OUTCOMES:
            raise ValueError("The experiment answer is done, partly or not_done.")
        return str(value)
    if item in ACTIONS:
        return str(value or "")[:200]
    raise ValueError(f"Unknown check-in item {item!r}.")


def record(coach: Coach, who: Who, item: str, value: str | int, now: datetime) -> list[Reply]:
    clean = _validate(item, value)
    prompts = coach.prompts
    with coach.store.write() as db:
        row = executives.get_or_create(db, who, now)
        week = local_week(now, row["timezone"])
        db.execute(
            "delete from checkin_answers where tenant = ? and executive_id = ? and week = ? and item = ?",
            [who.tenant, row["id"], week, item],
        )
        db["checkin_answers"].insert(
            {"tenant": who.tenant, "executive_id": row["id"], "week": week, "item": item,
             "value": clean, "at": now.isoformat()}
        )
        if item == "experiment":
            experiments.report(db, row, clean, now)
    if item == "talk":
        return coach.dialogue.open(who, now)
    if item in ("snooze", "skip"):
        return [Reply(prompts.text(f"checkin.{item}_reply"), "info")]
    if item == "experiment":
        return [Reply(prompts.text(f"checkin.experiment_{clean}"), "info")]
    return [Reply(prompts.text("checkin.thanks"), "info")]

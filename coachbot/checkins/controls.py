"""Answers and the executive's controls over their check-in, the same from every platform.

Each control is a plain function returning the :class:`Reply` to show; the ``Coach``
methods of the same names call them, Slack and Teams wire them to the check-in's
buttons, and the chat's plain-words parser can call the ``Coach`` methods.

* ``snooze``: the check-in comes back in a few hours (a fresh copy; that is its one reminder);
* ``later``: keep it, and get the one gentle reminder at a chosen time instead of tomorrow;
* ``skip_week``: nothing more about this week's check-in;
* ``away_until``: skip every week until a date (holiday, leave) without stopping;
* ``stop`` / ``restart``: no check-ins at all, until restarted;
* ``quiet_hours``: when nothing is ever sent.

Answers (``record``) are kept as numbers per week; any answer settles the week's
delivery as ``answered``, so no reminder follows it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import sqlite_utils

from coachbot import executives, experiments
from coachbot.models import DIMENSIONS, Reply, Who

from . import content, outbox, schedule

if TYPE_CHECKING:
    from coachbot.engine import Coach

ACTIONS = ("snooze", "skip", "talk", "later", "stop")
SNOOZE_HOURS = 3.0
LATER_HOURS = 4.0
MAX_SNOOZE_HOURS = 72.0
ANSWER_ITEMS = ("importance", "confidence", "experiment")


def _number(value: str | int, low: int, high: int) -> str:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValueError("That answer is not a number.") from None
    if not low <= number <= high:
        raise ValueError(f"Pick a number from {low} to {high}.")
    return str(number)


def validate(item: str, value: str | int) -> str:
    """The stored form of an answer; ValueError with a readable message if it is not one."""
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


def _settle_week(db: sqlite_utils.Database, executive: dict, week: str, status: str, now: datetime,
                 **extra: str | None) -> None:
    """Move this week's delivery to ``status`` (creating the row if the check-in was not sent yet)."""
    values = {"status": status, **extra}
    row = outbox.week_row(db, executive["tenant"], executive["id"], week)
    if row is None:
        db.table("checkin_deliveries").insert({"tenant": executive["tenant"], "executive_id": executive["id"],
                                               "week": week, "claimed_at": now.isoformat(), "attempts": 0, **values})
        return
    if row["status"] in ("undeliverable",):
        return
    if status == "answered" and row["status"] == "claimed":
        values["status"] = "claimed"  # the sender still owns it; mark_sent keeps the answer
    db.table("checkin_deliveries").update(row["id"], values)


def record(coach: Coach, who: Who, item: str, value: str | int, now: datetime) -> list[Reply]:
    """Store one check-in answer or button and say what happens next."""
    clean = validate(item, value)
    if item == "stop":
        return [stop(coach, who, now)]
    control = {"snooze": snooze, "later": later, "skip": skip_week}.get(item)
    reply = control(coach, who, now) if control is not None else None
    prompts = coach.prompts
    with coach.store.write() as db:
        row = executives.get_or_create(db, who, now)
        week = content.answering_week(db, row, now)
        db.execute(
            "delete from checkin_answers where tenant = ? and executive_id = ? and week = ? and item = ?",
            [who.tenant, row["id"], week, item],
        )
        db.table("checkin_answers").insert(
            {"tenant": who.tenant, "executive_id": row["id"], "week": week, "item": item,
             "value": clean, "at": now.isoformat()}
        )
        if item == "experiment":
            experiments.report(db, row, clean, now)
        if item not in ("skip", "snooze", "later"):
            _settle_week(db, row, week, "answered", now, answered_at=now.isoformat())
    if reply is not None:
        return [reply]
    if item == "talk":
        return coach.dialogue.open(who, now)
    if item == "experiment":
        return [Reply(prompts.text(f"checkin.experiment_{clean}"), "info")]
    return [Reply(prompts.text("checkin.thanks"), "info")]


def _executive(coach: Coach, db: sqlite_utils.Database, who: Who, now: datetime) -> dict:
    return executives.get_or_create(db, who, now)


def snooze(coach: Coach, who: Who, now: datetime, hours: float = SNOOZE_HOURS) -> Reply:
    """Bring this week's check-in back in ``hours`` (outside quiet hours)."""
    hours = float(hours)
    if not 0 < hours <= MAX_SNOOZE_HOURS:
        raise ValueError(f"Snooze for between a few minutes and {int(MAX_SNOOZE_HOURS)} hours.")
    with coach.store.write() as db:
        row = _executive(coach, db, who, now)
        week = content.answering_week(db, row, now)
        until = schedule.later(now, hours, schedule.resolve(row))
        _settle_week(db, row, week, "snoozed", now, snoozed_until=until.isoformat())
    local = until.astimezone(schedule.zone(row.get("timezone")))
    return Reply(coach.prompts.text("checkin.snooze_reply", when=local.strftime("%H:%M")), "info")


def later(coach: Coach, who: Who, now: datetime, hours: float = LATER_HOURS) -> Reply:
    """Keep the check-in; the one reminder comes in ``hours`` instead of tomorrow."""
    with coach.store.write() as db:
        row = _executive(coach, db, who, now)
        week = content.answering_week(db, row, now)
        existing = outbox.week_row(db, who.tenant, row["id"], week)
        if existing is not None and existing.get("reminder_sent_at"):
            return Reply(coach.prompts.text("checkin.later_no_reminder"), "info")
        until = schedule.later(now, float(hours), schedule.resolve(row))
        if existing is not None and existing["status"] in ("sent", "snoozed"):
            db.table("checkin_deliveries").update(
                existing["id"], {"status": "sent", "snoozed_until": until.isoformat()}
            )
    local = until.astimezone(schedule.zone(row.get("timezone")))
    return Reply(coach.prompts.text("checkin.later_reply", when=local.strftime("%H:%M")), "info")


def skip_week(coach: Coach, who: Who, now: datetime) -> Reply:
    """No more about this week's check-in (and none sent, if it has not gone out yet)."""
    with coach.store.write() as db:
        row = _executive(coach, db, who, now)
        sent = outbox.current(db, who.tenant, row["id"], now)
        week = sent["week"] if sent else _week_to_skip(row, now)
        _settle_week(db, row, week, "skipped", now, error="skipped by the executive")
    return Reply(coach.prompts.text("checkin.skip_reply"), "info")


def _week_to_skip(row: dict, now: datetime) -> str:
    """With nothing sent lately: this week if its check-in is still ahead, else next week's."""
    plan = schedule.resolve(row)
    this_week = schedule.week_of(now, plan.timezone)
    if schedule.due_at(plan, this_week) > now:
        return this_week
    return schedule.next_due(plan, now).week


def away_until(coach: Coach, who: Who, until: date | str | None, now: datetime) -> Reply:
    """Skip every week whose check-in day is on or before ``until``; None clears it."""
    if until is None or until == "":
        value = None
    else:
        try:
            day = until if isinstance(until, date) else date.fromisoformat(str(until).strip())
        except ValueError:
            raise ValueError("Give the date you are back as YYYY-MM-DD, e.g. 2026-12-31.") from None
        if day < now.date() - timedelta(days=1):
            raise ValueError("That date is in the past.")
        if day > now.date() + timedelta(days=366):
            raise ValueError("That is more than a year away; stop check-ins instead, and restart them any time.")
        value = day.isoformat()
    with coach.store.write() as db:
        row = _executive(coach, db, who, now)
        db.table("executives").update(row["id"], {"away_until": value})
    if value is None:
        return Reply(coach.prompts.text("checkin.back_reply"), "info")
    return Reply(coach.prompts.text("checkin.away_reply", date=value), "info")


def stop(coach: Coach, who: Who, now: datetime) -> Reply:
    """No more check-ins (or reminders) until the executive restarts them."""
    with coach.store.write() as db:
        row = _executive(coach, db, who, now)
        db.table("executives").update(row["id"], {"paused": 1})
    return Reply(coach.prompts.text("checkin.stop_reply"), "info")


def restart(coach: Coach, who: Who, now: datetime) -> Reply:
    with coach.store.write() as db:
        row = _executive(coach, db, who, now)
        db.table("executives").update(row["id"], {"paused": 0, "away_until": None})
        plan = schedule.resolve({**row, "away_until": None})
    when = schedule.next_due(plan, now).due_at.astimezone(plan.tz)
    return Reply(coach.prompts.text("checkin.restart_reply", when=when.strftime("%A %H:%M")), "info")


def quiet_hours(coach: Coach, who: Who, hours: str, now: datetime) -> Reply:
    """Set the hours nothing is sent (``22:00-07:00``, or ``off``)."""
    parsed = schedule.parse_quiet_hours(hours)
    value = "off" if parsed is None else f"{parsed[0]:%H:%M}-{parsed[1]:%H:%M}"
    with coach.store.write() as db:
        row = _executive(coach, db, who, now)
        db.table("executives").update(row["id"], {"quiet_hours": value})
    return Reply(coach.prompts.text("checkin.quiet_reply", hours=value), "info")

"""Answers to the cards' buttons (``Action.Submit``: a message whose value is a dict).

Each answer first claims its card (open -> answered, once); a second click on the same
card, or on an old copy of it, gets a short note instead of a second answer. A typo
that the engine rejects (a time zone it does not know) gives the card back.
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard

from microsoft_agents.hosting.core import TurnContext

from coachbot.models import ExecSettings, Who

from . import cards, storage
from .turns import Teams, now, replace_card, run, send_replies, text_activity

CHECKIN_ACTIONS = ("answer", "talk", "snooze", "later", "skip", "stop")
ALREADY_ANSWERED = "That card was already answered."
UNREADABLE = "I couldn't read that button. Type help to see what I can do."


def is_card_action(value: object) -> TypeGuard[dict[str, Any]]:
    return isinstance(value, dict) and isinstance(value.get(cards.MARKER), str)


async def handle_card_action(teams: Teams, context: TurnContext, who: Who, value: dict) -> None:
    kind, action, card_id = value.get(cards.MARKER), value.get("action"), value.get("card")
    if not isinstance(card_id, str) or not isinstance(action, str):
        await context.send_activity(text_activity(UNREADABLE))
        return
    if kind == "checkin" and action in CHECKIN_ACTIONS:
        await _checkin(teams, context, who, card_id, action, value)
    elif kind == "settings" and action == "save":
        await _settings(teams, context, who, card_id, value)
    elif kind == "forget" and action in ("confirm", "cancel"):
        await _forget(teams, context, who, card_id, action)
    else:
        await context.send_activity(text_activity(UNREADABLE))


async def _claim(
    teams: Teams, context: TurnContext, who: Who, card_id: str, kind: str
) -> dict | None:
    card = await run(storage.claim_card, teams.coach.store, who, card_id, kind, now())
    if card is None:
        await context.send_activity(text_activity(ALREADY_ANSWERED))
        await replace_card(context, cards.closed_card(ALREADY_ANSWERED))
    return card


# --- check-in ---------------------------------------------------------------------------
def _checkin_answers(value: dict) -> dict[str, str]:
    """The rulers and experiment answer picked on the card, in the engine's item names."""
    answers = {}
    for key, raw in value.items():
        if key in ("importance", "confidence", "experiment") or key.startswith("belief:"):
            text = str(raw).strip() if raw is not None else ""
            if text:
                answers[key] = text
    return answers


async def _checkin(
    teams: Teams, context: TurnContext, who: Who, card_id: str, action: str, value: dict
) -> None:
    coach = teams.coach
    answers = _checkin_answers(value) if action == "answer" else {}
    if action == "answer" and not answers:
        await context.send_activity(
            text_activity("Pick an answer first, or choose Talk now, Snooze, Answer later or Skip.")
        )
        return
    card = await _claim(teams, context, who, card_id, "checkin")
    if card is None:
        return
    replies = []
    try:
        if action == "answer":
            for item, answer in answers.items():
                replies = await run(coach.record_checkin, who, item, answer)
        else:
            replies = await run(coach.record_checkin, who, action, "teams")
    except ValueError as exc:
        await run(storage.reopen_card, coach.store, who, card_id)
        await context.send_activity(text_activity(str(exc)))
        return
    prompt = await run(coach.checkin, who)
    shown = {cards.item_label(item): answer for item, answer in answers.items()}
    done = cards.checkin_done_card(prompt.greeting, shown, action)
    await replace_card(context, done, card.get("activity_id"))
    await send_replies(context, replies)


# --- settings ---------------------------------------------------------------------------
def _settings_changes(value: dict) -> dict:
    changes: dict = {}
    weekday = str(value.get("weekday", "")).strip()
    if weekday:
        if not weekday.isdigit():
            raise ValueError("The weekday must be Monday to Sunday.")
        changes["weekday"] = int(weekday)
    time = str(value.get("time", "")).strip()
    if time:
        # Some Teams clients send seconds (09:00:00); the engine keeps HH:MM.
        changes["time"] = time[:5] if re.fullmatch(r"\d\d:\d\d:\d\d", time) else time
    timezone = str(value.get("timezone", "")).strip()
    if timezone:
        changes["timezone"] = timezone
    if "paused" in value:
        changes["paused"] = str(value["paused"]).strip().lower() == "true"
    return changes


async def _settings(teams: Teams, context: TurnContext, who: Who, card_id: str, value: dict) -> None:
    coach = teams.coach
    card = await _claim(teams, context, who, card_id, "settings")
    if card is None:
        return
    try:
        settings = await run(coach.update_settings, who, **_settings_changes(value))
    except ValueError as exc:
        # Give the card back with the error and what was typed, so one fix is enough.
        await run(storage.reopen_card, coach.store, who, card_id)
        current = await run(coach.settings, who)
        shown = ExecSettings(
            weekday=int(value["weekday"]) if str(value.get("weekday", "")).isdigit() else current.weekday,
            time=str(value.get("time") or current.time),
            timezone=str(value.get("timezone") or current.timezone),
            paused=str(value.get("paused", "")).lower() == "true",
        )
        again = cards.settings_card(shown, card_id, error=str(exc))
        await replace_card(context, again, card.get("activity_id"))
        await context.send_activity(text_activity(str(exc)))
        return
    await replace_card(context, cards.settings_done_card(settings), card.get("activity_id"))


# --- forget -----------------------------------------------------------------------------
async def _forget(teams: Teams, context: TurnContext, who: Who, card_id: str, action: str) -> None:
    card = await _claim(teams, context, who, card_id, "forget")
    if card is None:
        return
    deleted = await run(teams.coach.forget, who) if action == "confirm" else None
    await replace_card(context, cards.forget_done_card(deleted), card.get("activity_id"))

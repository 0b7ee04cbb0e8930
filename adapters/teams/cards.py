"""Adaptive Cards for Teams: check-in, settings, forget, export.

Cards are plain dicts (Adaptive Card 1.5, what Teams renders on desktop, web and
mobile). Every button is an ``Action.Submit`` whose data names the card kind, the
card id and the action; Teams merges the form inputs into that data and sends it
back as a message whose ``value`` is the dict. After an answer the card is replaced
with one that has no inputs or buttons (see :mod:`coachbot.adapters.teams.actions`).
"""

from __future__ import annotations

from typing import Any

from coachbot.models import CheckinPrompt, ExecSettings, ScaleItem
from coachbot.privacy import HrView, hr_view_lines

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MARKER = "coachbot"  # the key in Action.Submit data that marks our own buttons

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EXPERIMENT_CHOICES = (("done", "Done"), ("partly", "Partly"), ("not_done", "Didn't happen"))
ITEM_LABELS = {"importance": "Importance", "confidence": "Confidence", "experiment": "Experiment"}


def attachment(card: dict) -> dict:
    return {"contentType": CONTENT_TYPE, "content": card}


def _card(body: list[dict], actions: list[dict] | None = None) -> dict:
    card: dict[str, Any] = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body}
    if actions:
        card["actions"] = actions
    return card


def _text(text: str, **style: Any) -> dict:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _submit(title: str, kind: str, card_id: str, action: str, **style: Any) -> dict:
    data = {MARKER: kind, "card": card_id, "action": action}
    return {"type": "Action.Submit", "title": title, "data": data, **style}


def _scale_choices(scale: ScaleItem) -> list[dict]:
    choices = []
    for number in range(scale.low, scale.high + 1):
        title = str(number)
        if number == scale.low:
            title += f" — {scale.low_label}"
        elif number == scale.high:
            title += f" — {scale.high_label}"
        choices.append({"title": title, "value": str(number)})
    return choices


def item_label(item: str) -> str:
    if item.startswith("belief:"):
        return "Statement"
    return ITEM_LABELS.get(item, item.capitalize())


# --- check-in ---------------------------------------------------------------------------
def checkin_card(prompt: CheckinPrompt, card_id: str) -> dict:
    """This week's check-in: last week's experiment, the rulers, then talk / snooze / skip."""
    body: list[dict] = [_text(prompt.greeting, weight="Bolder", size="Medium")]
    if prompt.theme:
        body.append(_text(prompt.theme, isSubtle=True))
    if prompt.experiment and "experiment" not in prompt.answered:
        body.append(_text(f"Last week's experiment: {prompt.experiment}", isSubtle=True))
        body.append({
            "type": "Input.ChoiceSet", "id": "experiment", "label": prompt.experiment_question or "",
            "style": "expanded",
            "choices": [{"title": title, "value": value} for value, title in EXPERIMENT_CHOICES],
        })
    for scale in prompt.scales:
        if scale.item in prompt.answered:
            continue
        body.append({
            "type": "Input.ChoiceSet", "id": scale.item, "label": scale.prompt, "style": "compact",
            "placeholder": f"{scale.low}–{scale.high}", "choices": _scale_choices(scale),
        })
    asks = any(element["type"].startswith("Input.") for element in body)
    actions = [_submit("Send", "checkin", card_id, "answer", style="positive")] if asks else []
    actions += [
        _submit("Talk now", "checkin", card_id, "talk"),
        _submit("Snooze 3 h", "checkin", card_id, "snooze"),
        _submit("Answer later", "checkin", card_id, "later"),
        _submit("Skip this week", "checkin", card_id, "skip"),
        _submit("Stop check-ins", "checkin", card_id, "stop"),
    ]
    return _card(body, actions)


def checkin_done_card(greeting: str, answers: dict[str, str], action: str) -> dict:
    """The check-in after it was answered: what was chosen, and no buttons left."""
    outcome = {
        "answer": "Answered — thank you.",
        "talk": "You chose to talk now.",
        "snooze": "Snoozed for a few hours.",
        "later": "Left for later.",
        "skip": "Skipped this week.",
        "stop": "Check-ins stopped.",
    }[action]
    body = [_text(greeting, weight="Bolder", size="Medium")]
    if answers:
        body.append({
            "type": "FactSet",
            "facts": [{"title": item_label(item), "value": value} for item, value in answers.items()],
        })
    body.append(_text(outcome, isSubtle=True))
    return _card(body)


# --- settings ---------------------------------------------------------------------------
def settings_card(settings: ExecSettings, card_id: str, error: str | None = None) -> dict:
    body: list[dict] = [_text("Your weekly check-in", weight="Bolder", size="Medium")]
    if error:
        body.append(_text(error, color="Attention"))
    body += [
        {
            "type": "Input.ChoiceSet", "id": "weekday", "label": "Day", "style": "compact",
            "value": str(settings.weekday),
            "choices": [{"title": name, "value": str(i)} for i, name in enumerate(WEEKDAY_NAMES)],
        },
        {"type": "Input.Time", "id": "time", "label": "Time (your local time)", "value": settings.time},
        {
            "type": "Input.Text", "id": "timezone", "label": "Time zone (e.g. Europe/Berlin)",
            "value": settings.timezone, "maxLength": 64,
        },
        {
            "type": "Input.Toggle", "id": "paused", "title": "Pause weekly check-ins",
            "value": "true" if settings.paused else "false", "valueOn": "true", "valueOff": "false",
        },
    ]
    return _card(body, [_submit("Save", "settings", card_id, "save", style="positive")])


def settings_done_card(settings: ExecSettings) -> dict:
    when = f"{WEEKDAY_NAMES[settings.weekday]}s at {settings.time} ({settings.timezone})"
    state = "paused" if settings.paused else "on"
    return _card([
        _text("Your weekly check-in", weight="Bolder", size="Medium"),
        {"type": "FactSet", "facts": [{"title": "When", "value": when},
                                      {"title": "Check-ins", "value": state}]},
        _text("Saved. Type settings to change it again.", isSubtle=True),
    ])


# --- forget -----------------------------------------------------------------------------
def forget_card(card_id: str) -> dict:
    return _card(
        [
            _text("Delete everything?", weight="Bolder", size="Medium"),
            _text("This deletes every conversation, note, check-in answer and setting I hold about "
                  "you. It cannot be undone. Type export first if you want a copy."),
        ],
        [
            _submit("Delete everything", "forget", card_id, "confirm", style="destructive"),
            _submit("Keep my data", "forget", card_id, "cancel"),
        ],
    )


def forget_done_card(deleted: int | None) -> dict:
    if deleted is None:
        text = "Nothing was deleted."
    else:
        text = f"Deleted: {deleted} records. If you write again, we start from a blank page."
    return _card([_text("Delete everything?", weight="Bolder", size="Medium"), _text(text, isSubtle=True)])


# --- export -----------------------------------------------------------------------------
def export_card(url: str, minutes: int) -> dict:
    return _card(
        [
            _text("Your data", weight="Bolder", size="Medium"),
            _text(f"Everything I hold about you, as one JSON file. The download works once, within "
                  f"{minutes} minutes."),
        ],
        [{"type": "Action.OpenUrl", "title": "Download (JSON)", "url": url}],
    )


# --- what HR sees --------------------------------------------------------------------------
def hr_view_card(view: HrView) -> dict:
    """The same facts as the Slack Home tab's "What HR sees about me"."""
    body = [_text("What HR sees about me", weight="Bolder", size="Medium")]
    cohorts = hr_view_lines(view)
    if not cohorts:
        body.append(_text("You are in no cohort, so HR sees nothing about you."))
    for name, lines in cohorts:
        body.append(_text(f"Cohort {name}", weight="Bolder"))
        body.append(_text("\n".join(f"- {line}" for line in lines)))
    body.append(_text("HR never sees", weight="Bolder"))
    body.append(_text("\n".join(f"- {item}" for item in view.never_visible)))
    body.append(_text(f"Numbers are shown to HR only for groups of {view.minimum_group_size} or more people.",
                      isSubtle=True))
    return _card(body)


def closed_card(text: str) -> dict:
    """What an old copy of a card turns into when someone answers it again."""
    return _card([_text(text, isSubtle=True)])

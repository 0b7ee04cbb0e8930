"""Turning this executive's words into a model's input, as data and never as instructions.

Every piece of executive text goes into the prompt JSON-encoded, inside a block the
system prompt names as data: no delimiter the executive types can close it early, and
no other executive's words are ever within reach (the caller passes this session only).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from coachbot.safety import safety_topic

MAX_TURNS = 8  # the newest messages of the session the model sees
MAX_CHARS_PER_MESSAGE = 1500


def as_data(value: object) -> str:
    """``value`` as JSON, the one form executive text ever takes in a prompt."""
    return json.dumps(value, ensure_ascii=False)


def conversation(recent: Iterable[tuple[str, str]], max_turns: int = MAX_TURNS) -> str:
    """The session's newest messages as a JSON list of {role, text}."""
    items = [
        {"role": "executive" if role == "executive" else "coach", "text": text[:MAX_CHARS_PER_MESSAGE]}
        for role, text in recent
    ]
    return as_data(items[-max_turns:])


def any_flagged(recent: Iterable[tuple[str, str]]) -> bool:
    """Whether any executive message here touches a safety topic: such text never goes to a model."""
    return any(role == "executive" and safety_topic(text) for role, text in recent)


def turn_of(tenant: str, recent: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """What names a turn for the budget: the tenant and the executive's latest message.

    (One thread serves one turn at a time, so this cannot mix two executives' turns.)
    """
    latest = next((text for role, text in reversed(list(recent)) if role == "executive"), "")
    return (tenant, latest)

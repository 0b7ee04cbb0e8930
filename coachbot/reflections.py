"""Reflections: saying back what the executive said, and what it seems to mean.

Motivational interviewing counts a *complex* reflection (one that adds meaning: the
belief underneath, the wish to change, the two sides of an ambivalence) as better
practice than a *simple* one (repeating the words). The composer tries the complex
kinds first and falls back to an echo of the executive's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coachbot.intents import change_talk_match, mentions_broadcasting
from coachbot.models import Belief
from coachbot.text import echo_clause, second_person
from coachbot.wording import Prompts

if TYPE_CHECKING:
    from coachbot.dialogue import State

_WHOSE = re.compile(
    r"\b(?:my|our|the)\s+((?:board|ceo|boss|cfo|cmo|chair(?:man|woman)?|investors|shareholders|"
    r"marketing team|team|manager|owners|founders?|agency|leadership team|sales team|executive team))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reflection:
    text: str
    complex: bool
    question: str | None = None  # set when the reflection needs a question of its own


class Reflector:
    def __init__(self, prompts: Prompts):
        self.prompts = prompts

    def reflect(
        self, text: str, beliefs: list[Belief], change_clause: str | None, state: State, seed: str
    ) -> Reflection:
        p = self.prompts
        own = [b for b in beliefs if not b.reported]
        reported = [b for b in beliefs if b.reported]
        if reported and not own:
            match = _WHOSE.search(reported[0].evidence or text)
            if match:
                whose = "your " + match.group(1).lower() + "'s"
                if whose.endswith("s's"):
                    whose = whose[:-1]
                return Reflection(
                    p.text("reflections.reported", whose=whose), True, p.pick("reflections.reported_question", seed)
                )
        if change_clause and state.sustain and not _same_text(state.sustain[-1], text):
            sustain = echo_clause(state.sustain[-1], max_words=10)
            if sustain and not mentions_broadcasting(sustain):
                return Reflection(
                    p.text("reflections.double_sided", sustain=sustain, change=second_person(change_clause)), True
                )
        if change_clause and not mentions_broadcasting(change_clause):
            match = change_talk_match(text)
            key = "reflections.change_talk" if match is None or match[1] else "reflections.change_talk_others"
            return Reflection(p.pick(key, seed, clause=second_person(change_clause)), True)
        if own:
            top = max(own, key=lambda b: b.confidence)
            return Reflection(p.pick(f"reflections.beliefs.{top.dimension}.{top.stance}", seed), True)
        if mentions_broadcasting(text):
            # Never say broadcasting advice back, not even as their words.
            return Reflection(p.pick("reflections.broadcast_pressure", seed), True)
        if state.sustain and _same_text(state.sustain[-1], text):
            clause = echo_clause(text, max_words=10)
            if clause:
                return Reflection(p.pick("reflections.sustain_talk", seed, Clause=_capital(clause)), True)
        clause = echo_clause(text, max_words=12)
        if clause:
            return Reflection(p.pick("reflections.echo", seed, clause=clause), False)
        return Reflection(p.pick("reflections.plain", seed), False)

    def echo(self, text: str, seed: str) -> str:
        """A simple reflection of ``text`` (used to confirm a commitment)."""
        clause = echo_clause(text, max_words=20)
        if clause and not mentions_broadcasting(clause):
            return self.prompts.pick("reflections.echo", seed, clause=clause)
        return self.prompts.pick("reflections.plain", seed)


def _same_text(a: str, b: str) -> bool:
    return a.strip() == b.strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

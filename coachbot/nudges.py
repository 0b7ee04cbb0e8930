"""Choosing the week's participation experiment.

The experiment is sized to the executive's stage of change (first they listen, then
they converse, then they lead) and aimed at the belief they hold most firmly at the old
pole, so the act itself is what can move it. Recently given experiments are not repeated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from coachbot.wording import Prompts

SIZE_FOR_STAGE = {
    "precontemplation": "listen",
    "contemplation": "listen",
    "preparation": "converse",
    "action": "lead",
    "maintenance": "lead",
}


@dataclass(frozen=True)
class Nudge:
    id: str
    size: str
    focus: tuple[str, ...]
    text: str

    @property
    def what(self) -> str:
        """The act itself, without the 'you'll know it went well' sentence (in any of the
        languages the coach speaks)."""
        return act_of(self.text)


def act_of(text: str) -> str:
    """An experiment's text up to its 'you'll know it went well' sentence."""
    for marker in _success_markers():
        if marker in text:
            return text.split(marker)[0]
    return text


@lru_cache(maxsize=1)
def _success_markers() -> tuple[str, ...]:
    from coachbot.wording import load_prompts

    prompts = load_prompts()
    return tuple(dict.fromkeys(prompts.in_language(code).get("nudge_success_marker") for code in prompts.languages))


def all_nudges(prompts: Prompts) -> list[Nudge]:
    """Every experiment, worded in the prompts' language where a translation exists."""
    translated: dict[str, str] = prompts.data.get("nudge_texts") or {}
    return [
        Nudge(n["id"], n["size"], tuple(n.get("focus", ())), " ".join(translated.get(n["id"], n["text"]).split()))
        for n in prompts.get("nudges")
    ]


def choose(
    prompts: Prompts,
    stage: str,
    focus: list[str],
    recent: set[str],
    seed: str,
) -> Nudge:
    """The best experiment for this stage and these focus dimensions (most important first)."""
    size = SIZE_FOR_STAGE.get(stage, "listen")

    def score(nudge: Nudge) -> tuple:
        fit = sum(len(focus) - i for i, d in enumerate(focus) if d in nudge.focus)
        tiebreak = hashlib.blake2b(f"{seed}|{nudge.id}".encode(), digest_size=4).hexdigest()
        return (nudge.id not in recent, nudge.size == size, fit, tiebreak)

    return max(all_nudges(prompts), key=score)


def by_id(prompts: Prompts, nudge_id: str) -> Nudge | None:
    return next((n for n in all_nudges(prompts) if n.id == nudge_id), None)

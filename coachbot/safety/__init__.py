"""Topics that need a person rather than a coach, and the caring pointer to one.

``assess(messages)`` reads the executive's last few messages and says whether one of six
categories is present (self-harm, threats of violence, domestic abuse, harassment and
discrimination, medical and substance use, legal and HR grievances). It is recall-first: a
broad multilingual lexicon of direct and indirect phrasings whose strong cues flag on their
own, plus a trained classifier (pure-Python inference, ``model.json`` rebuilt by
``python -m coachbot.safety.train``) for everything the lexicon does not list. Business
idioms ("commercial suicide", "killing us") lower the classifier's score, never a strong cue.

``pointer(flag)`` gives the caring reply for a flag, in the flag's language where we have
wording (``prompts/safety.yaml``), with the tenant's or locale's crisis and EAP contacts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coachbot.safety.data import CATEGORIES
from coachbot.safety.detect import flagged, risk, score_window
from coachbot.safety.detect import imminent as _imminent
from coachbot.safety.language import guess
from coachbot.safety.model import load
from coachbot.wording import Prompts

__all__ = ["CATEGORIES", "SafetyFlag", "assess", "on_topic", "pointer", "safety_topic"]

_URGENT_FIRST = ("self_harm", "violence", "domestic_abuse", "medical", "harassment", "legal_hr")


@dataclass(frozen=True)
class SafetyFlag:
    category: str  # one of CATEGORIES
    score: float  # 0..1, the risk that any category is present
    imminent: bool  # risk sounds like now / a plan / means at hand
    language: str  # ISO 639-1 guess of the text ('en' default)


def assess(messages: Sequence[str]) -> SafetyFlag | None:
    """The executive's recent messages, oldest first, the last being the current one (up to ~4).

    Returns the most likely category when the risk (the category scores summed) reaches the
    model's threshold, else None.
    """
    if isinstance(messages, str):
        messages = [messages]
    window = score_window(messages)
    model = load()
    category = max(CATEGORIES, key=lambda c: (window.scores[c], -_URGENT_FIRST.index(c)))
    score = risk(window.scores)
    if score < min(model.topic_threshold, model.threshold):
        return None  # most messages: no need to look for signs of "now"
    now = _imminent(messages)
    if not flagged(window, model, now):
        return None
    texts = [m for m in messages if m and m.strip()]
    language = window.other_language or guess(texts[-1] if texts else "")
    if language == "en" and len(texts) > 1 and len(texts[-1].split()) < 4:
        language = guess(" ".join(texts[-3:]))
    return SafetyFlag(category, score, now, language)


def on_topic(flag_category: str, messages: Sequence[str]) -> bool:
    """Whether a later message stays on the flagged topic (a looser threshold than ``assess``)."""
    if isinstance(messages, str):
        messages = [messages]
    window = score_window(messages)
    return window.scores.get(flag_category, 0.0) >= load().topic_threshold


def pointer(flag: SafetyFlag, *, tenant: str = "", locale: str | None = None, prompts: Prompts | None = None) -> str:
    """The caring reply for the flag, in the flag's language where we have wording, with the
    tenant's / locale's crisis and EAP contacts (defaults: international)."""
    from coachbot.safety.replies import render

    return render(flag, tenant=tenant, locale=locale, prompts=prompts)


def safety_topic(text: str) -> str | None:
    """The category of one message, or None (the older single-message interface)."""
    flag = assess([text])
    return flag.category if flag else None

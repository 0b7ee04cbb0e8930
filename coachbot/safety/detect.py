"""Scoring a short run of the executive's messages: the classifier, the lexicon, and context.

The current message is scored on its own; when it leans towards a category at all, the last
few messages are scored together as well (a disclosure is often spread over two or three
messages: "things at home are bad" / "he did it again last night"), and the higher score
counts. A strong lexicon cue lifts a score to at least ``strong_score``; a business idiom
with no strong cue beside it scales the classifier's score down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from coachbot.safety.data import CATEGORIES
from coachbot.safety.featurize import message_features
from coachbot.safety.lexicon import cues, sounds_imminent
from coachbot.safety.model import Model, load
from coachbot.safety.normalize import fold

WINDOW = 4  # messages looked at: the current one and up to three before it
SENTENCE_WORDS = 3  # a sentence this long or longer is also scored on its own
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\s*\n+\s*")


def sentences(text: str) -> tuple[str, ...]:
    """The sentences of a message worth scoring on their own (none when it has only one):
    a disclosure buried in a long business message is not diluted by the business words."""
    parts = [p for p in _SENTENCE.split(text.strip()) if len(p.split()) >= SENTENCE_WORDS]
    return tuple(parts) if len(parts) > 1 else ()


@dataclass(frozen=True)
class Scores:
    """Per-category scores (0..1) of a window of messages, and what the lexicon saw."""

    scores: dict[str, float]
    strong: frozenset[str]
    other_language: str | None


@lru_cache(maxsize=1 << 14)
def _message(text: str) -> tuple[frozenset[str], frozenset[str], bool, str | None]:
    """(features, strong categories, idiom present, other-language hit) of one message."""
    strong, _weak, idiom, other = cues(fold(text))
    return message_features(text), strong, idiom, other


@lru_cache(maxsize=1 << 14)
def _probabilities(text: str) -> tuple[float, ...]:
    """The shipped model's class probabilities for one message (per category, the highest of
    the whole message and of each of its sentences)."""
    return _sentence_max(load(), text, message_features(text))


def _sentence_max(model: Model, text: str, feats: frozenset[str]) -> tuple[float, ...]:
    probs = model.probabilities(feats)
    if not model.sentences:
        return tuple(probs)
    for sentence in sentences(text):
        for i, p in enumerate(model.probabilities(message_features(sentence))):
            if i and p > probs[i]:
                probs[i] = p
    return tuple(probs)


def score_window(messages: Sequence[str], model: Model | None = None) -> Scores:
    """Scores of the last :data:`WINDOW` non-empty messages (``model``: another model than
    the shipped one, as the trainer uses for its folds)."""
    shipped = model is None
    model = model or load()
    recent = [m for m in messages if m and m.strip()][-WINDOW:]
    if not recent:
        return Scores({c: 0.0 for c in CATEGORIES}, frozenset(), None)
    per = []
    for m in recent:
        feats, s, idiom, other = _message(m)
        probs = _probabilities(m) if shipped else _sentence_max(model, m, feats)
        per.append((feats, probs, s, idiom, other))
    *context, current = per
    strong_now = current[2]
    strong_before = frozenset().union(*(p[2] for p in context)) if context else frozenset()
    other = current[4] or next((p[4] for p in context if p[4]), None)
    factor = model.idiom_factor if current[3] and not strong_now else 1.0
    now = [current[1][i + 1] * factor for i in range(len(CATEGORIES))]
    leaning = max(now) >= model.context_gate  # the current message leans towards some topic
    together: list[float] = []
    scores = {}
    # Earlier messages that lean towards a topic themselves join the current one: ordinary
    # talk around a hint adds words, not evidence.
    joined = [p for p in context if p[2] or max(p[1][1:]) >= model.context_gate] + [current]
    for i, c in enumerate(CATEGORIES):
        v = now[i]
        if context and (leaning or c in strong_now):
            if not together:  # scored only when some category calls for it
                union = frozenset().union(*(p[0] for p in joined))
                idiom = any(p[3] for p in joined) and not (strong_now or strong_before)
                together = [x * (model.idiom_factor if idiom else 1.0) for x in model.probabilities(union)[1:]]
            # The current message leans towards a topic: earlier messages may complete it
            # ("te comenté lo de mi marido" / "anoche otra vez"). A current message with no
            # sign of the topic is judged on its own ("...the low-end product line, I mean").
            v = max(v, together[i])
            if c in strong_before:
                v = max(v, model.strong_score * 0.9)
        if c in strong_now:
            v = model.strong_score + (1 - model.strong_score) * v
        scores[c] = round(v, 4)
    return Scores(scores, strong_now, other)


def risk(scores: dict[str, float]) -> float:
    """How likely the window holds any of the categories: the category scores summed (capped
    at 1). A message that sits between two categories (harassment or an HR grievance?) is
    still a disclosure, though neither category alone may reach the threshold."""
    return min(1.0, sum(scores.values()))


def flagged(window: Scores, model: Model, sounds_like_now: bool = False) -> bool:
    """Whether the window is routed to help: its risk reaches the threshold.

    A window that sounds like now (:func:`imminent`) needs only the looser topic threshold:
    a missed disclosure costs most there, and business talk rarely pairs the two."""
    score = risk(window.scores)
    return score >= (min(model.topic_threshold, model.threshold) if sounds_like_now else model.threshold)


def imminent(messages: Sequence[str]) -> bool:
    """Whether the last two messages sound like now: a time, a plan, means at hand."""
    recent = [m for m in messages if m and m.strip()][-2:]
    return any(sounds_imminent(fold(m)) for m in recent)

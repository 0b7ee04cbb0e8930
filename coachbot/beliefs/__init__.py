"""Belief detection: which belief dimensions a text expresses, and at which pole.

``detect(text)`` is the whole interface: a list of :class:`coachbot.models.Belief`, empty
when the text expresses no belief.
"""

from __future__ import annotations

from coachbot.models import Belief

# Placeholder until the trained detector lands (issue 3); the interface is stable.
_KEYWORDS = {
    ("social_purpose", "old"): ("marketing channel", "megaphone", "promotional"),
    ("success_measure", "old"): ("followers", "likes", "impressions"),
    ("leader_participation", "old"): ("ghost-write", "don't have time", "my assistant"),
    ("leader_participation", "new"): ("show up myself", "personally"),
    ("voice_and_control", "new"): ("not in the room", "listen"),
    ("value_creation", "new"): ("co-design", "together", "ecosystem"),
}


def detect(text: str) -> list[Belief]:
    """Beliefs expressed in ``text`` (placeholder keyword matcher)."""
    lowered = text.lower()
    found = []
    for (dimension, stance), words in _KEYWORDS.items():
        if any(w in lowered for w in words):
            found.append(Belief(dimension, stance, 0.6, text.strip()))  # type: ignore[arg-type]
    return found

"""Folded text -> sparse binary features, shared by the trainer and the runtime.

Pure stdlib (the runtime must stay light). Per message:

- words and word bigrams, plus five-letter word prefixes (a cheap stand-in for inflection in
  six languages: "suicidal/suicide", "schlägt/schlagen" after folding);
- character 4-grams inside words, so that a typo ("killng", "suicde") still shares most of
  its pieces with the spelling the model learned;
- lexicon cues (``S:category`` strong, ``W:category`` weak, ``@idiom``) and whether the
  writer speaks in the first person.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coachbot.safety.lexicon import cues
from coachbot.safety.normalize import fold

PREFIX = 5
CHARGRAM = 4
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_FIRST_PERSON_WORDS = (
    "i i'm i've i'd me my myself mine yo mi conmigo ich mich mir mein meine meinen meinem "
    "je j'ai moi m'a mon ma mes eu meu minha comigo io mio mia sono ho"
)
_FIRST_PERSON = frozenset(_FIRST_PERSON_WORDS.split())


@lru_cache(maxsize=1 << 14)
def message_features(text: str) -> frozenset[str]:
    """The feature set of one message (any language)."""
    folded = fold(text)
    return features_of_folded(folded)


def features_of_folded(folded: str) -> frozenset[str]:
    words = _WORD.findall(folded)
    feats: set[str] = {"^bias"}
    prev = "^"
    for w in words:
        feats.add("w:" + w)
        feats.add("b:" + prev + " " + w)
        if len(w) > PREFIX:
            feats.add("p:" + w[:PREFIX])
        if len(w) >= CHARGRAM - 1:
            padded = "<" + w + ">"
            for i in range(len(padded) - CHARGRAM + 1):
                feats.add("c:" + padded[i : i + CHARGRAM])
        prev = w
    strong, weak, idiom, _ = cues(folded)
    feats.update("S:" + c for c in strong)
    feats.update("W:" + c for c in weak)
    if idiom:
        feats.add("@idiom")
    if any(w in _FIRST_PERSON for w in words):
        feats.add("@first_person")
    return frozenset(feats)

"""Folded text -> sparse binary features, shared by the trainer and the runtime.

Pure stdlib (the runtime must stay light). Per message:

- words and word bigrams, plus five-letter word prefixes (a cheap stand-in for inflection in
  six languages: "suicidal/suicide", "schlägt/schlagen" after folding);
- character 4-grams inside words of five letters or more, so that a typo ("killng",
  "suicde") still shares most of its pieces with the spelling the model learned;
- lexicon cues (``S:category`` strong, ``W:category`` weak, ``@idiom``).

Function words are left out as single words (they would only learn the language or the voice
of the training texts) but stay inside bigrams.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from coachbot.safety.lexicon import cues
from coachbot.safety.normalize import fold

PREFIX = 5
CHARGRAM = 4
CHARGRAM_FROM = 5  # words this long get character grams: typos matter in the longer words
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# Function words carry no topic; as single-word features they only learn which language or
# which voice ("I" in disclosures, "we" in business talk) the training texts happened to use.
# They still take part in bigrams ("hit me", "me pega").
_FUNCTION_WORDS = (
    "a an the and or but if so to of in on at for with from by as is are was were be been am i me my "
    "we us our you your he him his she her it its they them their this that these those not no do does "
    "did have has had will would can could just now then than there here what how why when "
    "i'm i've i'd i'll it's that's there's we're we've we'll they're you're he's she's "
    "don't can't won't didn't isn't wasn't doesn't aren't haven't "
    "y o el la los las lo le les un una unos de del al en con por para que se mi mis me te su sus es "
    "der die das den dem des ein eine einen und oder ich mich mir mein meine du er sie es wir ihr zu im "
    "ist bin war mit von auf fur nicht dass "
    "le la les un une des et ou je moi mon ma mes tu il elle nous vous de du au aux en est suis pas ne qui "
    "o os as um uma e eu meu minha me de do da dos das no na em com por para que se nao "
    "il lo gli i un una e o io mio mia mi ti di del della in con per che non sono ho"
)
_STOP = frozenset(_FUNCTION_WORDS.split())
# Whether the first word of a message is a feature of its own ("b:^ un"). Off: in the authored
# texts it mostly learned how their writers open a sentence ("Un abrazo, hasta la próxima."
# scored as violence), not what the sentence is about.
START_BIGRAMS = False


@lru_cache(maxsize=1 << 14)
def message_features(text: str) -> frozenset[str]:
    """The feature set of one message (any language)."""
    folded = fold(text)
    return features_of_folded(folded)


@lru_cache(maxsize=1 << 16)
def word_features(w: str) -> tuple[str, ...]:
    """The features one word gives on its own: itself (unless a function word), its prefix
    and its character grams. Words repeat across messages, so they are worked out once."""
    feats = [] if w in _STOP else ["w:" + w]
    if len(w) > PREFIX:
        feats.append("p:" + w[:PREFIX])
    if len(w) >= CHARGRAM_FROM:
        padded = "<" + w + ">"
        feats.extend(["c:" + padded[i : i + CHARGRAM] for i in range(len(padded) - CHARGRAM + 1)])
    return tuple(feats)


def features_of_folded(folded: str) -> frozenset[str]:
    words = _WORD.findall(folded)
    feats: set[str] = {"^bias"}
    feats.update(chain.from_iterable(map(word_features, set(words))))
    pairs = zip(["^", *words], words, strict=False) if START_BIGRAMS else zip(words, words[1:], strict=False)
    feats.update([f"b:{a} {b}" for a, b in pairs])
    strong, weak, idiom, _ = cues(folded)
    feats.update("S:" + c for c in strong)
    feats.update("W:" + c for c in weak)
    if idiom:
        feats.add("@idiom")
    return frozenset(feats)

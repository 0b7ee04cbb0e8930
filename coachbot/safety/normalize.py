"""Text folding shared by the lexicon, the features and the trainer.

Safety cues must survive the way people type in a hurry: capitals, missing accents,
stretched letters ("soooo tired"), curly apostrophes, chat shorthand ("kms", "wanna").
:func:`fold` maps all of those onto one plain lower-case form so that one pattern or one
feature covers every spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_SPACES = re.compile(r"\s+")
# Chat shorthand whose meaning matters here (English is where it is most common).
_SHORTHAND = {
    "kms": "kill myself",
    "kys": "kill yourself",
    "unalive": "kill",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "cant": "can't",
    "dont": "don't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "ive": "i've",
    "u": "you",
    "ur": "your",
    "bc": "because",
    "cuz": "because",
    "tbh": "to be honest",
    "idk": "i don't know",
    "rn": "right now",
}
_SHORTHAND_RX = re.compile(r"\b(?:" + "|".join(sorted(_SHORTHAND, key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes unified, letter runs of three or more cut to two,
    chat shorthand expanded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _REPEATS.sub(r"\1\1", text)
    text = _SHORTHAND_RX.sub(lambda m: _SHORTHAND[m.group()], text)
    return _SPACES.sub(" ", text).strip()

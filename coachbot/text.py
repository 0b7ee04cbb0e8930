"""Plain-text handling: cleaning what arrives, and saying the executive's words back.

Reflections in motivational interviewing turn "I" into "you": :func:`second_person`
does that word by word, so a reflection stays in the executive's own vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# Bidirectional overrides and zero-width characters can disguise text; drop them. The
# zero-width joiner stays: emoji sequences (👩‍🔧) are built with it.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


@dataclass(frozen=True)
class CleanText:
    text: str
    truncated: bool
    original_length: int


def clean_input(raw: str | bytes, limit: int) -> CleanText:
    """Normalise a message: valid UTF-8, NFC, no control characters, at most ``limit`` chars.

    Newlines and tabs survive; other control characters become spaces. Text past
    ``limit`` is cut at the last word boundary before it.
    """
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" or ch == "\u200d" else " "
        for ch in text
    )
    text = text.replace("\r", "")
    original = len(text)
    truncated = original > limit
    if truncated:
        cut = text[:limit]
        space = cut.rfind(" ", max(0, limit - 200))
        text = cut[:space] if space > 0 else cut
    return CleanText(text.strip(), truncated, original)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """Sentences of ``text``, stripped, in order."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def statements(text: str) -> str:
    """``text`` without its questions, when anything else is left (a quote must not ask)."""
    kept = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s and not s.endswith("?")]
    return " ".join(kept) or text


def word_set(text: str) -> frozenset[str]:
    """The space-separated words of a hand-written list, as a set (for word lists kept as prose)."""
    return frozenset(text.split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'’-]*", text.lower())


_PRONOUNS = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
    "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
    "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
    "am": "are", "was": "were",
}
_LEADING_FILLER = re.compile(
    r"^(?:(?:well|so|yeah|yes|no|look|honestly|frankly|ok|okay|hmm|um|right|and|but|"
    r"to be honest|to be fair|i think|i guess|i suppose|i feel like|i mean|the thing is|i'd say|i would say|"
    r"i'd argue|i would argue|i must say|i have to say|i should say(?: upfront)?|in my view|personally|"
    r"(?:it )?turns out|apparently|actually)[,\s]+)+",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[A-Za-z’']+|[^A-Za-z’']+")


def second_person(clause: str) -> str:
    """``clause`` with first-person words turned to second person ("I run" -> "you run")."""
    out = []
    previous = ""
    for token in _TOKEN.findall(clause):
        key = token.lower().replace("’", "'")
        if key in _PRONOUNS and not (key == "was" and previous not in ("i", "we")):
            if key == "am" and previous != "i":
                out.append(token)
            else:
                out.append(_PRONOUNS[key])
        else:
            out.append(token)
        if token.strip():
            previous = key
    return "".join(out)


def echo_clause(text: str, max_words: int = 14, accept: Callable[[str], bool] | None = None) -> str | None:
    """A short clause of ``text`` fit to say back, in second person, or None.

    Prefers a whole sentence; a long one is cut at a comma, semicolon or "but". A
    clause that addresses the coach ("you") is not echoed, since swapping it would
    garble who is who. ``accept`` (a check on the second-person clause) picks the
    longest clause that passes it rather than the longest of all.
    """
    candidates: list[str] = []
    for sentence in sentences(text):
        if sentence.endswith("?"):
            continue
        parts = [sentence] if len(sentence.split()) <= max_words else re.split(
            r"[,;:—–]\s*|\s+but\s+|\s+because\s+", sentence
        )
        candidates.extend(p for p in parts if p)
    clauses = []
    for candidate in candidates:
        clause = _LEADING_FILLER.sub("", candidate.strip()).strip(" .!…\"'“”")
        n = len(clause.split())
        if 3 <= n <= max_words and not re.search(r"\byou(r|rs|'re|’re)?\b", clause, re.I):
            clauses.append(clause)
    for clause in sorted(clauses, key=lambda c: -len(c.split())):  # stable: earlier first among equals
        swapped = _said_back(clause, text)
        if accept is None or accept(swapped):
            return swapped
    return None


def _said_back(clause: str, text: str) -> str:
    swapped = second_person(clause)
    first = swapped.split()[0]
    # Lower-case the opening word unless it looks like a name or an acronym: one that
    # is capitalised elsewhere in the message too, or written in capitals.
    elsewhere = re.search(rf"(?<=[a-z,;] ){re.escape(first)}\b", text)
    if first[:1].isupper() and not first.isupper() and not elsewhere:
        swapped = swapped[0].lower() + swapped[1:]
    return swapped


def has_time_words(text: str) -> bool:
    """Whether ``text`` says when (a day, a date, a time, 'this week', 'tomorrow')."""
    return bool(
        re.search(
            r"\b(today|tonight|tomorrow|this (?:week|month|afternoon|morning|evening)|next "
            r"(?:week|month)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"mon|tue|wed|thu|fri|weekend|morning|afternoon|by (?:the )?end|before|after|within|"
            r"\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}:\d\d|\d+ (?:days?|weeks?)|asap|right away|"
            r"first thing|end of|(?:on|by) the \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th))\b",
            text,
            re.IGNORECASE,
        )
    )

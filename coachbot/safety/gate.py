"""Fast regex search for large hand-written pattern lists.

Python's ``re`` tries every alternative at every position, so a few hundred patterns over a
long message cost milliseconds. Almost every pattern, though, can only match where one of a
few literal strings occurs ("myself", "suicid", "husband"). :func:`required_literals` reads
those strings off the pattern's parse tree; :class:`Gated` runs the regex only when the
text's character 3- and 4-grams (computed once per text) contain a piece of one of them, a
set test in C that skips nearly all patterns for a typical business message. A pattern has
several such sets when it is a sequence ("my" + partner + verb); all must be present.
A :class:`PatternSet` finds which of its patterns' key grams occur in a text in one pass of an
Aho-Corasick automaton (pyahocorasick, in C) rather than building every gram of the text:
about six times faster on a chat message.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import ahocorasick

MIN_LITERAL = 3  # shorter strings would gate nothing

_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}


def _candidates(items: list, shortest: int = MIN_LITERAL) -> list[set[str]]:
    """Sets of strings (each at least ``shortest`` long) such that every match of the parsed
    sequence ``items`` contains at least one string of each set."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= shortest:
            candidates.append({"".join(run)})
        run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        found: set[str] | None = None
        if op is C.SUBPATTERN:
            found = _required(list(av[-1]), shortest)
        elif op is C.BRANCH:
            subs = [_required(list(b), shortest) for b in av[1]]
            found = None if any(s is None for s in subs) else set().union(*subs)  # type: ignore[arg-type]
        elif op in _REPEATS:
            lo, _hi, sub = av
            found = _required(list(sub), shortest) if lo >= 1 else None
        elif op is getattr(C, "ATOMIC_GROUP", None):
            found = _required(list(av), shortest)
        if found and min(map(len, found)) >= shortest:
            candidates.append(found)
    flush()
    return candidates


def _required(items: list, shortest: int = MIN_LITERAL) -> set[str] | None:
    """One set of strings every match of ``items`` contains one of (the most selective), or None."""
    candidates = _candidates(items, shortest)
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))


def required_literals(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of literal strings; every match of ``pattern`` contains one string of each set
    (an empty tuple: cannot tell, always run the pattern)."""
    found = _candidates(list(P.parse(pattern)))
    return tuple(sorted((frozenset(s) for s in found), key=lambda s: (-min(map(len, s)), len(s), sorted(s))))


Grams = tuple[set[str], set[str]]


_SLICES3: list[slice] = []
_SLICES4: list[slice] = []


def _slices(n: int) -> None:
    # Slice objects made once: map() then cuts every gram in C.
    for i in range(len(_SLICES3), n):
        _SLICES3.append(slice(i, i + 3))
        _SLICES4.append(slice(i, i + 4))


def grams(text: str) -> Grams:
    """The text's 3- and 4-character substrings, computed once and shared by every pattern."""
    n = len(text)
    if n > len(_SLICES3):
        _slices(n)
    get = text.__getitem__
    return set(map(get, _SLICES3[: max(n - 2, 0)])), set(map(get, _SLICES4[: max(n - 3, 0)]))


_COMMON = dict.fromkeys(" etaoinsrh'", 1.0) | dict.fromkeys("ldcumwfgyp", 0.5)


def _rarity(gram: str) -> float:
    """Lower for 4-grams made of rare letters: a cheap stand-in for corpus frequency."""
    return sum(_COMMON.get(c, 0.1) for c in gram)


def _key(literal: str) -> tuple[int, str]:
    # A literal can only occur where each of its 4-grams occurs; index it by its rarest one.
    if len(literal) < 4:
        return (0, literal)
    grams4 = sorted({literal[i : i + 4] for i in range(len(literal) - 3)})
    return (1, min(grams4, key=lambda g: (_rarity(g), g)))


class Gated:
    """A compiled pattern that is only run when its required literals can be present."""

    __slots__ = ("keys", "literals", "regex")

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)
        self.literals = required_literals(pattern)
        # Per required set: the 3-grams and the 4-grams, one of which must be in the text.
        self.keys = tuple(
            (
                frozenset(k for n, k in map(_key, group) if n == 0),
                frozenset(k for n, k in map(_key, group) if n == 1),
            )
            for group in self.literals
        )

    def open(self, g: Grams) -> bool:
        """Whether the pattern can match a text with these grams (a set test in C per group)."""
        return all(not (k3.isdisjoint(g[0]) and k4.isdisjoint(g[1])) for k3, k4 in self.keys)

    def search(self, text: str, g: Grams | None = None) -> re.Match[str] | None:
        if self.keys and not self.open(g or grams(text)):
            return None
        return self.regex.search(text)

    def finditer(self, text: str, g: Grams | None = None):
        if self.keys and not self.open(g or grams(text)):
            return iter(())
        return self.regex.finditer(text)


def _needs_non_ascii(pattern: str) -> bool:
    """Whether every match of ``pattern`` contains a character outside ASCII: its required
    parts (each a set of literals, see :func:`required_literals`, here down to one
    character) include a set whose strings all have one."""
    found = _candidates(list(P.parse(pattern)), shortest=1)
    return any(all(not lit.isascii() for lit in group) for group in found)


class PatternSet:
    """Many gated patterns checked together: one pass over the text's grams finds the few
    patterns whose literals can be present (an inverted index from grams to patterns)."""

    def __init__(self, patterns: list[str]) -> None:
        self.gated = [Gated(p) for p in patterns]
        self.need = [len(g.keys) for g in self.gated]
        self.always = tuple(i for i, n in enumerate(self.need) if n == 0)
        # Patterns gated on nothing (short words in other scripts: 殺す, 自殺) whose every
        # match needs a character outside ASCII: skipped for ASCII text (most folded text).
        self.always_ascii = tuple(i for i in self.always if not _needs_non_ascii(patterns[i]))
        index3: dict[str, set[tuple[int, int]]] = {}
        index4: dict[str, set[tuple[int, int]]] = {}
        for i, g in enumerate(self.gated):
            for j, (k3, k4) in enumerate(g.keys):
                for k in k3:
                    index3.setdefault(k, set()).add((i, j))
                for k in k4:
                    index4.setdefault(k, set()).add((i, j))
        self.keys3 = frozenset(index3)
        self.keys4 = frozenset(index4)
        # Patterns with one required set are candidates as soon as one key is present (a set
        # union in C); patterns with several sets need every set, counted per pattern.
        single: dict[str, set[int]] = {}
        multi: dict[str, set[tuple[int, int]]] = {}
        for index in (index3, index4):
            for k, pairs in index.items():
                for i, j in pairs:
                    if self.need[i] == 1:
                        single.setdefault(k, set()).add(i)
                    else:
                        multi.setdefault(k, set()).add((i, j))
        self.single = {k: frozenset(v) for k, v in single.items()}
        self.multi = {k: frozenset(v) for k, v in multi.items()}
        self.multi_keys = bool(multi)
        self.automaton = ahocorasick.Automaton()
        for size, keys in ((0, self.keys3), (1, self.keys4)):
            for k in keys:
                self.automaton.add_word(k, (size, k))
        if len(self.automaton):
            self.automaton.make_automaton()

    def present(self, text: str) -> Grams:
        """The set's key 3- and 4-grams that occur in ``text``: what :meth:`candidates` and
        :meth:`Gated.open` need of :func:`grams`, found in one pass."""
        found: Grams = (set(), set())
        if len(self.automaton):
            for _end, (size, key) in self.automaton.iter(text):
                found[size].add(key)
        return found

    def candidates(self, g: Grams, ascii_text: bool = False) -> list[int]:
        """Indexes of the patterns that can match a text with these grams (``ascii_text``:
        the text is plain ASCII, so patterns that need another script cannot match)."""
        found3 = self.keys3.intersection(g[0])
        found4 = self.keys4.intersection(g[1])
        single = self.single
        out = set(self.always_ascii if ascii_text else self.always)
        out.update(*[single[k] for k in found3 if k in single], *[single[k] for k in found4 if k in single])
        if self.multi_keys:
            groups: set[tuple[int, int]] = set()
            multi = self.multi
            groups.update(*[multi[k] for k in found3 | found4 if k in multi])
            count: dict[int, int] = {}
            for i, _ in groups:
                count[i] = count.get(i, 0) + 1
            out.update(i for i, n in count.items() if n == self.need[i])
        return sorted(out)

"""Belief detection: which belief dimensions a text expresses, and at which pole.

``detect(text)`` is the whole interface: a list of :class:`coachbot.models.Belief`, empty
when the text expresses no belief. It runs a small linear model (``model.json``, rebuilt by
``python -m coachbot.beliefs.train``) over each sentence, in pure Python, then applies three
rules a bag of words cannot learn from a few hundred examples:

- a question is usually not a stated belief, so it is skipped (a rhetorical one, "why would a
  CEO waste time on Twitter?", reads as the statement it is);
- a view the executive attributes to someone else ("my board wants ...") is still returned,
  with ``reported=True`` and a lower confidence, so the engine can keep it out of the
  executive's own position;
- a belief the executive says they used to hold is not their position now;
- an idea the executive dismisses ("pretending we control what's said about us is rubbish",
  "the strategy document can wait") states the other pole: the idea is scored alone and its
  stance turned over;
- one dimension gets one stance per text, the more confident one; most messages state one
  belief at most, so a second dimension needs a higher confidence than the first.
"""

from __future__ import annotations

import re

from coachbot.beliefs.featurize import features, features_of_normalised, normalise
from coachbot.beliefs.model import Model, decide, load
from coachbot.models import Belief

__all__ = ["detect"]

MAX_UNITS = 400  # a 100 KB paste is scored on its first few hundred sentences
MAX_UNIT_CHARS = 1000  # a run-on "sentence" is read, and quoted as evidence, from its start
WHOLE_TEXT_UNITS = 4  # short messages are also scored whole, for context across sentences
WHOLE_TEXT_CHARS = 2000

_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+|\n|$)")
# A sentence splits into clauses where the speaker turns to their own view after a report:
# "My CMO says likes are what count, but I care about trust" / "...; we ..."
_CLAUSE = re.compile(r"\s*;\s*|,?\s+but\s+(?=(?:i|we|personally|honestly|my|our|to me)\b)", re.IGNORECASE)
_CLOSERS = " \t\r\n\"'”’)]*_~"
# Chat users often drop the "?": "should we post more" is still a question.
_AUX_QUESTION = re.compile(
    r"^(?:so |and |but |ok |okay )?(?:should|do|does|is|are|can|could|would|will|shall)"
    r"\s+(?:i|we|you|they|it|our|my|this|that|there)\b"
)
# Rhetorical questions state a view ("Why would a CEO waste time on Twitter?"): read as statements.
_RHETORICAL = re.compile(
    r"^(?:so |and |but |honestly,? |seriously,? )?(?:why (?:would|should|on earth|do|does|bother)|who cares|"
    r"what(?: is|'s| s) the point|since when|is not it|are not we|do not we|does not it|how could (?:we|i|anyone)|"
    r"what else (?:would|could|is|are|do)|who needs|who wants|why (?:is|are) (?:[\w-]+ ){0,4}?(?:the )?only)\b"
)
# A belief the executive says they held before ("I used to think...", "a year ago I'd have said...")
# is not their position now; unless the same clause says what changed, it is skipped.
_PAST = re.compile(
    r"^(?:(?:a|one|two|three|some|a few|many) (?:year|month|week)s? ago,? |years ago,? |back then,? |"
    r"in the past,? |once,? )?(?:i|we) (?:used to|once|previously|originally|would have|d have)"
    r" (?:think|thought|believe|believed|say|said|see|saw|assume|assumed|treat|treated|view|"
    r"viewed|insist|insisted|measure|measured|leave|left|feel|felt|been)\b"
)
_NOW = re.compile(r"\b(?:now|today|these days|anymore|any more|no longer|changed|wrong|mistake|but)\b")
_REPORTED = re.compile(
    r"^(?:(?:and|but|so|honestly|apparently|also|now)\W+)*"
    r"(?:i (?:think|guess|suspect|know|feel|hear)\s+(?:that\s+)?)?"
    r"(?!(?:let|lets|let s|make|get|ask|help|have|if|when|unless|i|we|maybe|perhaps)\b)"  # imperatives, own views
    r"(?:according to\b"
    r"|(?:(?:my|our|the|a|an|some|most|all|several|two|one of (?:my|our|the)|some of (?:my|our|the))\s+)?"
    r"(?:[\w&-]+\s+){0,3}?"
    r"(?:board|directors?|ceo|cfo|cmo|coo|cto|cio|chair(?:man|woman|person)?|boss|investors?|shareholders?|"
    r"analysts?|head|vp|lead|manager|partners|colleagues?|peers?|people|consultants?|agency|legal|counsel|"
    r"member|coach|mentor|everyone|everybody|he|she|they|team|owners?|founders?)\b"
    r"(?:\s+[\w&-]+){0,5}?\s+"
    r"(?:says?|said|thinks?|thought|believes?|believed|wants?|wanted|insists?|insisted|expects?|argues?|"
    r"argued|keeps? (?:telling|saying|asking|pushing)|tells? me|told me|told us|asks?|asked|asking|"
    r"assumes?|judges?|sees?|feels?|reckons?|demands?|is convinced|are convinced|would say|claims?)\b)"
)


# An idea dismissed as nonsense states the other pole ("pretending we control the message is a
# fantasy" is listening talk), in the languages we coach in. ``idea`` is scored on its own.
_VERDICT = (
    r"(?:just |all |complete |total |utter |pure |absolute |a bit of )?"
    r"(?:rubbish|nonsense|a (?:fantasy|myth|joke|fiction|delusion)|an illusion|pointless|naive|wishful thinking|"
    r"bs|bullshit|theatre|theater|vanity|a waste of time|a lie|"
    r"una tontería|una tonteria|una fantasía|un mito|quatsch|unsinn|eine illusion|ein märchen|n importe quoi|"
    r"une illusion|du pipeau|un mythe|bobagem|uma ilusão|uma fantasia|un illusione|una sciocchezza|una favola|onzin|"
    r"een illusie)"
)
_DISMISSED = re.compile(
    r"^(?:(?:but|and|so|honestly|look|clearly)\W+)*(?:pretending|thinking|believing|assuming|the idea that|to think|"
    r"fingir que|pensar que|creer que|so zu tun,? als|zu glauben,? dass|croire que|faire semblant de|"
    r"achar que|fingir que|pensare che|fare finta che|denken dat|doen alsof)?\s*(?P<idea>\w.{8,}?),?\s+"
    r"(?:is|are|was|es|son|ist|sind|est|c est|é|è|sono|is gewoon)\s+" + _VERDICT + r"\b"
)
# "The strategy document can wait": the plan does not come first.
_PLAN_WAITS = re.compile(
    r"^(?:(?:but|and|so|honestly|look|ok|okay)\W+)*(?:the |a |our |any |that |this )?(?:\w+ )?"
    r"(?:strategy|plan|business case|roadmap|deck|document|kpis|framework|estrategia|plan|strategie|stratégie|"
    r"estratégia|strategia)(?: \w+){0,3} (?:can wait|will have to wait|comes later|is not the point|"
    r"puede esperar|kann warten|peut attendre|pode esperar|può aspettare|kan wachten)\b"
)
# "I don't think we can leave social to comms": the idea after a denied "think" is turned over.
_DENIED_THOUGHT = re.compile(
    r"^(?:(?:but|and|so|honestly|look|no)\W+)*(?:i\s+)?(?:do not|did not|never) (?:really )?(?:think|believe|buy|agree)"
    r"(?: that)?\s+(?P<idea>\w.{8,})"
)
PLAN_WAITS_CONFIDENCE = 0.9


def _dismissal(lowered: str, probs: list[float], model: Model) -> list[float]:
    """``probs`` of a unit, with any pole of an idea it dismisses turned over (see _DISMISSED)."""
    if _PLAN_WAITS.match(lowered):
        out = list(probs)
        new = model.labels.index("beliefs_before_strategy:new")
        out[new] = max(out[new], PLAN_WAITS_CONFIDENCE)
        out[model.twins[new]] = 0.0
        return out
    m = _DISMISSED.match(lowered) or _DENIED_THOUGHT.match(lowered)
    if not m:
        return probs
    idea = model.probabilities(features_of_normalised(m.group("idea")))
    out = list(probs)
    for i in sorted(range(len(idea)), key=lambda i: -idea[i]):
        twin = model.twins[i]
        if idea[i] >= model.threshold and idea[i] >= idea[twin] and out[i] != 0.0:
            out[i] = 0.0  # the dismissed pole, and the pole it leaves, for that dimension
            out[twin] = max(out[twin], idea[i])
    return out


class Candidates:
    """Each label's best probability so far and the text span that gave it."""

    __slots__ = ("evidence", "probs")

    def __init__(self, n: int) -> None:
        self.probs = [0.0] * n
        self.evidence = [""] * n

    def offer(self, probs: list[float], evidence: str) -> None:
        for i, p in enumerate(probs):
            if p > self.probs[i]:
                self.probs[i] = p
                self.evidence[i] = evidence


def detect(text: str) -> list[Belief]:
    """Beliefs expressed in ``text``: at most one stance per dimension, most confident first."""
    if not isinstance(text, str) or not text.strip():
        return []
    model = load()
    own, others = candidates(text, model)
    return resolve(own, others, model)


def candidates(text: str, model: Model) -> tuple[Candidates, Candidates]:
    """Each label's best probability and evidence: (the executive's own, views reported from others).

    Split from :func:`resolve` so the trainer can tune thresholds on exactly what detect() sees.
    """
    own = Candidates(len(model.labels))
    others = Candidates(len(model.labels))
    units = _units(text)
    turned: set[int] = set()  # poles a dismissal turned over: the whole text must not bring them back
    for start, end, lowered, question, reported in units:
        if not question and not _is_past(lowered):
            plain = model.probabilities(features_of_normalised(lowered))
            probs = _dismissal(lowered, plain, model)
            turned.update(i for i, (a, b) in enumerate(zip(plain, probs, strict=True)) if b < a)
            evidence = text[start : min(end, start + MAX_UNIT_CHARS)].rstrip()
            (others if reported else own).offer(probs, evidence)
    statements = [u for u in units if not u[3]]
    # A short message is also read whole, from its first statement to its last, or from an
    # opening question the executive answers at once ("Me, on TikTok? Not a chance."): the
    # answer alone often carries no topic.
    start = units[0][0] if units and units[0][3] else (statements[0][0] if statements else 0)
    spanned = [u for u in units if start <= u[0] and statements and u[1] <= statements[-1][1]]
    if 1 < len(units) <= WHOLE_TEXT_UNITS and len(spanned) > 1 and not any(u[4] for u in units):
        whole = text[start : statements[-1][1]]
        if len(whole) <= WHOLE_TEXT_CHARS:
            probs = model.probabilities(features(whole))
            own.offer([0.0 if i in turned else p for i, p in enumerate(probs)], whole)
    return own, others


def _units(text: str) -> list[tuple[int, int, str, bool, bool]]:
    """(start, end, normalised text, is_question, is_reported) of each sentence or clause;
    start and end are offsets into ``text``."""
    units: list[tuple[int, int, str, bool, bool]] = []
    for start, end in _sentences(text):
        sentence = text[start:end]
        lowered = normalise(sentence[:MAX_UNIT_CHARS])
        question = _is_question(sentence, lowered)
        cuts = [start] + [c for m in _CLAUSE.finditer(sentence) for c in (start + m.start(), start + m.end())]
        cuts.append(end)
        for a, b in zip(cuts[::2], cuts[1::2], strict=True):
            piece = text[a:b]
            if len(cuts) > 2:
                lowered = normalise(piece[:MAX_UNIT_CHARS])
            if any(c.isalnum() for c in piece):
                units.append((a, b, lowered, question, bool(_REPORTED.match(lowered))))
        if len(units) >= MAX_UNITS:
            break
    return units


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence, stripped, as offsets into ``text``."""
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and any(c.isalnum() for c in text[start:end]):
            spans.append((start, end))
            if len(spans) >= MAX_UNITS:
                break
    return spans


def _is_past(lowered: str) -> bool:
    return bool(_PAST.match(lowered)) and not _NOW.search(lowered)


def _is_question(sentence: str, lowered: str) -> bool:
    if _RHETORICAL.match(lowered):
        return False
    return sentence.rstrip(_CLOSERS).endswith("?") or bool(_AUX_QUESTION.match(lowered))


def resolve(own: Candidates, others: Candidates, model: Model) -> list[Belief]:
    """Thresholds and one stance per dimension; the executive's own stance beats a reported one."""
    threshold = model.threshold
    probs = [max(a, b) for a, b in zip(own.probs, others.probs, strict=True)]
    if max(probs) < threshold:
        return []  # the common case: most messages state no belief
    for i, twin in enumerate(model.twins):
        if own.probs[twin] >= threshold and own.probs[i] < threshold:
            probs[i] = 0.0  # only someone else holds this stance; the executive holds the other
    out = []
    for i in decide(probs, model.labels, threshold, model.extra_threshold):
        dimension, stance = model.labels[i].split(":")
        if own.probs[i] >= threshold or own.probs[i] >= others.probs[i]:
            confidence = round(model.confidence(own.probs[i]), 4)
            out.append(Belief(dimension, stance, confidence, own.evidence[i], False))  # type: ignore[arg-type]
        else:
            confidence = round(model.confidence(others.probs[i]) * model.reported_factor, 4)
            out.append(Belief(dimension, stance, confidence, others.evidence[i], True))  # type: ignore[arg-type]
    return out

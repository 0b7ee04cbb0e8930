"""Belief detection: which belief dimensions a text expresses, and at which pole.

``detect(text)`` is the whole interface: a list of :class:`coachbot.models.Belief`, empty
when the text expresses no belief. It runs a small linear model (``model.json``, rebuilt by
``python -m coachbot.beliefs.train``) over each sentence, in pure Python, then applies three
rules a bag of words cannot learn from a few hundred examples:

- a question is usually not a stated belief, so its confidence is scaled down;
- a view the executive attributes to someone else ("my board wants ...") is still returned,
  with ``reported=True`` and a lower confidence, so the engine can keep it out of the
  executive's own position;
- one dimension gets one stance per text, the more confident one; most messages state one
  belief at most, so a second dimension needs a higher confidence than the first.
"""

from __future__ import annotations

import re

from coachbot.beliefs.features import features, normalise
from coachbot.beliefs.model import Model, decide, load
from coachbot.models import Belief

__all__ = ["detect"]

MAX_SENTENCES = 400  # a 100 KB paste is scored on its first few hundred sentences
MAX_SENTENCE_CHARS = 1000  # features of a run-on "sentence" come from its start
WHOLE_TEXT_SENTENCES = 4  # short messages are also scored whole, for context across sentences

_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+|\n|$)")
_CLOSERS = " \t\r\n\"'”’)]*_~"
_AUX_QUESTION = re.compile(
    r"^(?:so |and |but |ok |okay )?(?:should|do|does|did|is|are|can|could|would|will|shall|have|has|"
    r"what|how|why|who|where|which|when)\s+(?:i|we|you|they|it|our|my|the|this|that|there|a|an)\b"
)
_REPORTED = re.compile(
    r"^(?:(?:and|but|so|honestly|apparently|also|now)\W+)*"
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


def detect(text: str) -> list[Belief]:
    """Beliefs expressed in ``text``: at most one stance per dimension, most confident first."""
    if not isinstance(text, str) or not text.strip():
        return []
    model = load()
    spans = _sentences(text)
    if not spans:
        return []
    best: dict[str, tuple[float, str, bool]] = {}  # label -> (probability, evidence, reported)
    for start, end in spans:
        sentence = text[start:end]
        probs = model.probabilities(features(sentence[:MAX_SENTENCE_CHARS]))
        lowered = normalise(sentence)
        if _is_question(sentence, lowered):
            probs = [p * model.question_factor for p in probs]
        reported = bool(_REPORTED.match(lowered))
        _keep_best(best, model.labels, probs, sentence, reported)
    if 1 < len(spans) <= WHOLE_TEXT_SENTENCES:
        statements = [(s, e) for s, e in spans if not _is_question(text[s:e], normalise(text[s:e]))]
        if len(statements) > 1:
            whole = text[statements[0][0] : statements[-1][1]]
            probs = model.probabilities(features(whole))
            reported = any(_REPORTED.match(normalise(text[s:e])) for s, e in statements)
            _keep_best(best, model.labels, probs, whole, reported)
    return _resolve(best, model)


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
            if len(spans) >= MAX_SENTENCES:
                break
    return spans


def _is_question(sentence: str, lowered: str) -> bool:
    return sentence.rstrip(_CLOSERS).endswith("?") or bool(_AUX_QUESTION.match(lowered))


def _keep_best(
    best: dict[str, tuple[float, str, bool]],
    labels: list[str],
    probs: list[float],
    evidence: str,
    reported: bool,
) -> None:
    for label, p in zip(labels, probs, strict=True):
        if label not in best or p > best[label][0]:
            best[label] = (p, evidence, reported)


def _resolve(best: dict[str, tuple[float, str, bool]], model: Model) -> list[Belief]:
    labels = model.labels
    probs = [best[label][0] for label in labels]
    out = []
    for i in decide(probs, labels, model.threshold, model.extra_threshold):
        p, evidence, reported = best[labels[i]]
        dimension, stance = labels[i].split(":")
        confidence = p * model.reported_factor if reported else p
        out.append(Belief(dimension, stance, round(confidence, 4), evidence, reported))  # type: ignore[arg-type]
    return out

"""Understanding an executive's message: which dialogue acts it performs, and the words that matter.

``understand(text)`` is the interface the dialogue builds on. A small linear model
(``model.json``, rebuilt byte for byte by ``python -m coachbot.acts.train``) scores the twelve
acts in pure Python; a message can perform several ("Did it! Thanks, bye" is a report, small
talk and a goodbye). Rules in :mod:`coachbot.acts.extract` then take the verbatim spans: the
commitment clause (the executive's own first-person future action, trimmed to the action),
whether it says when, what happened in an experiment, feeling words and the question asked.

Context the engine knows shifts the model's prior, not its reading: when an experiment awaits
its report (``expecting_report``), "did it, they loved it" is more likely a report; when the
coach has just asked for a plan (``offered``), "Thursday, ask two nurses" is more likely a
commitment.

A plan can also be a pick among alternatives said earlier: ``options(text)`` lists the ones a
message lays out ("I could visit the plant or call the distributors"), and ``pick(text,
choices)`` says which one a later reply takes ("ok, the second one. Friday.").
"""

from __future__ import annotations

from dataclasses import dataclass

from coachbot.acts import extract
from coachbot.acts.data import ACTS
from coachbot.acts.extract import options, pick
from coachbot.acts.featurize import features
from coachbot.acts.model import Model, load, logit, sigmoid

__all__ = ["ACTS", "Act", "Report", "Understanding", "has", "options", "pick", "understand"]

MAX_CHARS = 4000  # a pasted document is read from its start; acts live in the first lines
# Log-odds added when the engine's context makes an act likelier (see the module docstring).
REPORT_PRIOR = 1.5
OFFER_PRIOR = 1.0
BOTH_QUESTION_MARGIN = 0.3
# Confidence given to a report heard from its opening words ("no.", "half", "Teilweise")
# while an experiment awaits its report.
LEAD_REPORT_CONFIDENCE = 0.8
_I = {name: i for i, name in enumerate(ACTS)}


@dataclass(frozen=True)
class Act:
    name: str
    confidence: float  # calibrated 0..1


@dataclass(frozen=True)
class Report:
    outcome: str  # done | partly | not_done
    learnt: str | None  # verbatim span of what happened / what they noticed, if said


@dataclass(frozen=True)
class Understanding:
    acts: tuple[Act, ...]  # above threshold, most confident first
    commitment: str | None  # verbatim clause: the executive's own first-person future action
    has_when: bool  # the commitment says when
    report: Report | None
    feelings: tuple[str, ...]  # verbatim feeling words/spans
    question: str | None  # the verbatim question to the coach, if any
    language: str  # ISO 639-1 guess

    def as_dict(self) -> dict:
        return {
            "acts": [{"name": a.name, "confidence": a.confidence} for a in self.acts],
            "commitment": self.commitment,
            "has_when": self.has_when,
            "report": None if self.report is None else {"outcome": self.report.outcome, "learnt": self.report.learnt},
            "feelings": list(self.feelings),
            "question": self.question,
            "language": self.language,
        }


EMPTY = Understanding((), None, False, None, (), None, "en")


NOT_DONE_WORDS = 40  # "...non le ho fatte" overrides the model's "done" in a short report only


def has(u: Understanding, name: str, threshold: float = 0.5) -> bool:
    """Whether ``u`` holds act ``name`` with at least ``threshold`` confidence."""
    if name not in _I:
        raise ValueError(f"unknown act {name!r}; acts are {', '.join(ACTS)}")
    return any(a.name == name and a.confidence >= threshold for a in u.acts)


def scores(
    text: str, *, expecting_report: bool = False, offered: bool = False, model: Model | None = None
) -> list[float]:
    """Every act's calibrated probability for ``text``, in :data:`ACTS` order."""
    model = model or load()
    return _context(model.probabilities(features(text[:MAX_CHARS])), expecting_report, offered)


def _context(probs: list[float], expecting_report: bool, offered: bool) -> list[float]:
    if expecting_report:
        probs[_I["report"]] = _shift(probs[_I["report"]], REPORT_PRIOR)
    if offered:
        probs[_I["commitment"]] = _shift(probs[_I["commitment"]], OFFER_PRIOR)
    return probs


def decide(probs: list[float], model: Model) -> list[int]:
    """Indexes of the acts to report, most confident first: every act over its own tuned
    threshold, and at least the single likeliest one (every message does something)."""
    chosen = [i for i, p in enumerate(probs) if p >= model.thresholds[i]]
    # "Should I blog?" asks for advice; it is a question to the coach as well only when the
    # model is much surer of that than of the advice request.
    q, adv = _I["question_to_coach"], _I["advice_request"]
    if q in chosen and adv in chosen:
        chosen.remove(q if probs[q] < probs[adv] + BOTH_QUESTION_MARGIN else adv)
    if not chosen:
        chosen = [max(range(len(probs)), key=probs.__getitem__)]
    return sorted(chosen, key=lambda i: (-probs[i], i))


def understand(text: str, *, expecting_report: bool = False, offered: bool = False) -> Understanding:
    """What ``text`` does and says. `expecting_report`: an experiment from last session awaits
    its report; `offered`: the coach has just offered / asked for a plan."""
    if not isinstance(text, str) or not any(c.isalnum() for c in text):
        return EMPTY
    text = text[:MAX_CHARS]
    model = load()
    feats = features(text)
    probs = _context(model.probabilities(feats), expecting_report, offered)
    chosen = decide(probs, model)
    names = {ACTS[i] for i in chosen}

    commitment = None
    if "commitment" in names:
        c = _I["commitment"]

        seen: dict[str, float] = {}

        def clause_score(clause: str) -> float:
            if clause not in seen:
                seen[clause] = model.probabilities(features(clause))[c]
            return seen[clause]

        span = extract.commitment_clause(text, clause_score) or extract.fallback_clause(text, clause_score)
        if span:
            commitment = text[span.start : span.end]
        else:  # the words are someone else's plan, or no action at all: not a commitment
            chosen = [i for i in chosen if i != c] or decide([0.0 if i == c else p for i, p in enumerate(probs)], model)
            names = {ACTS[i] for i in chosen}  # what the message does instead, if it was all plan

    report = None
    lead = extract.lead_outcome(text) if expecting_report or "report" in names else None
    if lead and expecting_report and "report" not in names:
        # "Nee, het is er niet van gekomen" while an experiment awaits its report: a report,
        # whatever else the model heard.
        r = _I["report"]
        probs[r] = max(probs[r], LEAD_REPORT_CONFIDENCE)
        chosen = sorted({*chosen, r}, key=lambda i: (-probs[i], i))
        names.add("report")
    if "report" in names:
        outcome = model.outcome(feats)
        said = outcome[0] if outcome else "done"
        if lead == "partly" or (
            lead == "not_done" and (said == "done" or (said == "partly" and not extract.did_some(text)))
        ):
            # A plain "half." or "no." at the start outweighs the rest's words (but "didn't
            # call them, but I did read the forum" stays partly).
            said = lead
        elif (said == "done" and lead != "done" and extract.says_not_done(text) and not extract.did_some(text)
              and len(text.split()) <= NOT_DONE_WORDS):
            said = "not_done"  # "devo confessare che le telefonate non le ho fatte"
        elif said == "done" and extract.cut_short(text):
            said = "partly"  # "Done! only 20 minutes instead of the hour"
        elif said == "partly" and (
            not extract.says_part(text) or (extract.says_more(text) and not extract.cut_short(text))
        ):
            # Partly only when they say they did part of it: "the best part of my week" or
            # "way more than five, I ended up doing eleven" is done.
            said = model.outcome_without(feats, "partly") or "done"
        learnt = extract.learnt_span(text)
        report = Report(said, text[learnt[0] : learnt[1]] if learnt else None)

    asked = None
    if names & {"question_to_coach", "advice_request"}:
        asked = extract.question(text)

    return Understanding(
        acts=tuple(Act(ACTS[i], round(probs[i], 4)) for i in chosen),
        commitment=commitment,
        has_when=extract.has_when(commitment),
        report=report,
        feelings=extract.feelings(text) if "feeling" in names else (),
        question=asked,
        language=extract.language(text),
    )


def _shift(p: float, log_odds: float) -> float:
    return sigmoid(logit(p) + log_odds)

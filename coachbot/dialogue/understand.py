"""*Understand*: everything the coach takes from one message, before deciding anything.

Each detector answers one question about the message (what kind of message is it,
which beliefs does it show, is there a plan of the executive's own in it, a report on
last week's experiment, a feeling, a question to the coach). The result is one plain
:class:`Heard` value the policy reads; nothing here writes to the database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from coachbot import acts, intents
from coachbot.acts import Report
from coachbot.beliefs import detect
from coachbot.models import Belief
from coachbot.text import has_time_words, word_set, words

if TYPE_CHECKING:
    from coachbot.llm import Extraction

# A model's reading counts for an act the built-in classifier missed, at this confidence.
MODEL_ACT_CONFIDENCE = 0.6


# Words that carry no topic of their own: never a "key noun".
_STOP = word_set(
    "the a an this that these those it its they them their there here what which who whom whose how "
    "when where why all any some much many more most other such own same so very just really also "
    "too quite thing things stuff lot lots bit way ways time times people one ones everything "
    "something nothing anything everyone someone day week year today tomorrow moment point idea "
    "sense kind sort part"
)
_KEY_NOUN = re.compile(
    r"\b(?:our|my|the)\s+((?:[a-z][a-z-]{2,}\s+){0,1}[a-z][a-z-]{3,})\b", re.IGNORECASE
)
_NOT_A_VERB = word_set("a an the some no our my their this that these those lunch dinner")
_LEADING_FILLER = re.compile(r"^\s*(?:(?:oh|ah|well|hmm+|um+|so|okay|ok|right|alright)\b[\s,.!]*)+", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|don'?t|doesn'?t|isn'?t|aren'?t|won'?t|can'?t|nobody|hardly)\b",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Heard:
    """What one message says, as far as the coach can tell."""

    text: str
    acts: Mapping[str, float]  # act name -> confidence, above the threshold only
    commitment: str | None  # the executive's own future action, verbatim
    has_when: bool
    report: Report | None
    feelings: tuple[str, ...]
    question: str | None  # a direct question to the coach, verbatim
    beliefs: tuple[Belief, ...]  # the executive's own, confident enough to record
    reported: tuple[Belief, ...]  # views the executive attributes to others
    broadcast_question: bool  # "should I blog / post more / hire an agency?"
    injection: bool
    foreign: str | None  # a language code when the message is not in English
    small_talk: str | None  # greeting | hurried | thanks | how_are_you | ack, for a whole-message pleasantry
    yes: bool
    no: bool
    nouns: tuple[str, ...]  # the executive's own key nouns, most specific first
    change_clause: str | None  # the executive's own reasons or wish to change, verbatim
    options: tuple[str, ...]  # two plans weighed in one message ("I could A, or I could B"), verbatim
    sustain: bool
    negated: bool

    def has(self, name: str) -> bool:
        return name in self.acts

    @property
    def substantive(self) -> bool:
        """An answer with content, not a pleasantry, a yes/no or a command."""
        if self.small_talk or (len(words(self.text)) <= 3 and (self.yes or self.no)):
            return False
        return self.has("answer") or self.has("change_talk") or self.has("objection") or bool(self.beliefs)


def understand(
    text: str,
    *,
    expecting_report: bool,
    offered: bool,
    act_threshold: float,
    belief_threshold: float,
) -> Heard:
    """Read ``text``: ``expecting_report`` when last week's experiment awaits its report,
    ``offered`` when the coach has just offered an idea or asked for a plan."""
    u = acts.understand(text, expecting_report=expecting_report, offered=offered)
    found = {a.name: a.confidence for a in u.acts if a.confidence >= act_threshold}
    if "goodbye" not in found and _closes(text):
        found["goodbye"] = 0.9  # a sign-off the act model has not learnt yet
    elif "goodbye" in found and "greeting" in found and not _closes(text) and not intents.is_goodbye(text):
        del found["goodbye"]  # "hey! 👋 let's go": a wave that opens, with no sign-off in it
    if "question_to_coach" in found and "objection" in found and intents.is_rhetorical(u.question or text):
        del found["question_to_coach"]  # "why would a CEO waste time on LinkedIn?" objects; it asks nothing
    commitment = u.commitment
    if commitment and _SUCCESS_CRITERION.search(commitment):
        # "I'll know it worked if..." says how they will judge a plan, not what they will do.
        commitment = None
        found.pop("commitment", None)
    beliefs = [b for b in detect(text) if b.confidence >= belief_threshold]
    small = intents.small_talk(text)
    change = intents.change_talk(text) if "change_talk" in found or "commitment" in found else None
    if change and change.split()[0].lower() in _NOT_A_VERB:
        change = None  # "we have lunch" is not a wish to change
    return Heard(
        text=text,
        acts=found,
        commitment=commitment,
        has_when=u.has_when or has_time_words(text),
        report=u.report,
        feelings=tuple(u.feelings),
        question=u.question,
        beliefs=tuple(b for b in beliefs if not b.reported),
        reported=tuple(b for b in beliefs if b.reported),
        broadcast_question=intents.asks_for_broadcast_advice(text),
        injection=intents.is_injection(text),
        foreign=intents.foreign_language(text),
        small_talk=small,
        yes=intents.is_yes(_without_filler(text)),
        no=intents.is_no(_without_filler(text)),
        nouns=key_nouns(text),
        change_clause=change,
        sustain="objection" in found or intents.sustain_talk(text),
        negated=bool(_NEGATION.search(text)),
        options=plan_options(text, commitment),
    )


# Sign-offs, as the last short sentence of a message ("Right, next meeting. Thanks.").
_SIGN_OFF = re.compile(
    r"\b(?:good ?night|good ?bye|bye|gotta (?:run|go)|got to (?:run|go)|(?:have|need) to (?:run|go|jump)|"
    r"must (?:run|go)|(?:we're|we are|i'm|i am) done|that's (?:all|it) for (?:today|now)|enough for (?:today|now)|"
    r"talk (?:soon|later|next week)|see you(?: next week| soon)?|until next (?:week|time)|next meeting|signing off|"
    r"ciao|adi[oó]s|hasta (?:luego|pronto|la pr[oó]xima|mañana|la semana(?: que viene)?)|"
    r"tsch[uü]ss?|bis (?:bald|dann|n[aä]chste woche)|auf wiedersehen|[aà] bient[oô]t|au revoir|"
    r"bonne (?:soir[ée]e|journ[ée]e)|a presto|arrivederci|at[ée] (?:logo|breve|mais|(?:para )?a (?:semana|pr[oó]xima))|"
    r"tchau|lala salama|kwaheri|have a (?:good|nice|great) (?:week|day|weekend|evening)|same time next week)"
    r"[\s!.,]*(?:thanks?(?: you)?|cheers|gracias|danke|merci|grazie|obrigad[oa])?[\s!.,]*$",
    re.IGNORECASE,
)
_BARE_SIGN_OFF = re.compile(r"^\W*(?:enough|that's enough|done|all good)\W+(?:thanks?(?: you)?|cheers)\W*$",
                            re.IGNORECASE)


def _closes(text: str) -> bool:
    """Whether the message ends with a sign-off: the last sentence, if short, says goodbye."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]
    if not sentences:
        return False
    tail = " ".join(sentences[-2:]) if len(sentences[-1].split()) <= 2 else sentences[-1]
    return (len(tail.split()) <= 9 and bool(_SIGN_OFF.search(tail))) or bool(_BARE_SIGN_OFF.match(text))


_SUCCESS_CRITERION = re.compile(
    r"\b(?:i(?:'ll| will|'d| would| shall) (?:know|call it|count it|consider it|judge|see that it)"
    r"|je saurai|je considérerai|sabré|saberé|lo sabré|saprò|saberei|werde ich wissen|weiß ich)\b",
    re.IGNORECASE,
)


_OR_ANOTHER_PLAN = re.compile(
    r"[,;]?\s+or\s+(?:else\s+)?(?:maybe\s+)?((?:i|we)\s*(?:could|can|might|would|will|'ll)\b[^.!?]*)", re.IGNORECASE
)


def plan_options(text: str, commitment: str | None) -> tuple[str, ...]:
    """Two plans weighed in one message: the first clause, and the one after "or I could"."""
    if not commitment:
        return ()
    after = text[text.find(commitment) + len(commitment):] if commitment in text else ""
    # The other plan follows the first closely ("…, or I could…"; "… about. Or I could…").
    match = next((m for m in _OR_ANOTHER_PLAN.finditer(after) if m.start() <= 40), None)
    if not match:
        return ()
    return (commitment, match.group(1).strip(" ,;"))


def _without_filler(text: str) -> str:
    """'oh yes' -> 'yes'; a message that is only filler ('okay') stays as it is."""
    return _LEADING_FILLER.sub("", text) or text


def key_nouns(text: str, limit: int = 3) -> tuple[str, ...]:
    """The executive's own key nouns ("our distributors" -> "your distributors")."""
    found: list[str] = []
    for match in _KEY_NOUN.finditer(text):
        phrase = match.group(1).lower()
        tokens = phrase.split()
        if any(t in _STOP for t in tokens) or tokens[-1].endswith(("ly", "ing")):
            continue
        owner = match.group(0).split()[0].lower()
        said = ("your " if owner in ("our", "my") else "the ") + phrase
        if said not in found:
            found.append(said)
    return tuple(found[:limit])


def merge(heard: Heard, extraction: Extraction | None, expecting_report: bool) -> Heard:
    """The built-in reading, completed by a model's where the built-in one found nothing.

    The built-in detectors stand where both speak (they are measured on outside sets);
    the model adds acts, a commitment, a report or beliefs the built-in reading missed.
    Everything the model quotes was already checked to be the executive's exact words.
    """
    if extraction is None:
        return heard
    acts = dict(heard.acts)
    for act in extraction.acts:
        acts.setdefault(act, MODEL_ACT_CONFIDENCE)
    commitment = heard.commitment
    if commitment is None and extraction.commitment and "commitment" in acts:
        commitment = extraction.commitment
    report = heard.report
    if report is None and expecting_report and extraction.report_outcome:
        report = Report(extraction.report_outcome, None)
    known = {b.dimension for b in (*heard.beliefs, *heard.reported)}
    beliefs = heard.beliefs + tuple(b for b in extraction.beliefs if b.dimension not in known and not b.reported)
    return replace(heard, acts=acts, commitment=commitment, report=report, beliefs=beliefs,
                   has_when=heard.has_when or bool(commitment and has_time_words(commitment)))

"""Reflections that hold up: saying back what the executive said, and what it means.

Motivational interviewing counts a *complex* reflection (the feeling, the belief
underneath, the wish to change, both sides of an ambivalence) above a *simple* one
(their words again). The composer tries the complex kinds first. Every reflection is
checked against the message: an echo must be a clean clause of theirs in second person,
a belief is only said back when it was not negated, and broadcasting talk is never said
back at all. When nothing passes, there is no reflection rather than a filler.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coachbot.dialogue.state import State
from coachbot.dialogue.understand import Heard
from coachbot.intents import change_talk_match, mentions_broadcasting
from coachbot.text import echo_clause, second_person, sentences, word_set

Say = Callable[..., str]  # say(wording_key, **slots) -> text

_WHOSE = re.compile(
    r"\b(?:my|our|the)\s+((?:board|ceo|boss|cfo|cmo|chair(?:man|woman)?|investors|shareholders|"
    r"marketing team|team|manager|owners|founders?|agency|leadership team|sales team|executive team))\b",
    re.IGNORECASE,
)
_FEELING_KINDS: dict[str, tuple[str, ...]] = {
    "frustrated": ("frustrat", "annoy", "fed up", "irritat", "angry", "pissed", "sick of", "tired of", "furious"),
    "worried": ("worr", "nervous", "anxious", "scared", "afraid", "uneasy", "concern", "stress", "overwhelm",
                "nerve-wrack", "terrif", "dread"),
    "tired": ("exhaust", "tired", "drained", "burnt", "stretched", "knackered", "worn out"),
    "awkward": ("awkward", "fraud", "uncomfortable", "cringe", "embarrass", "fake", "exposed", "vulnerable",
                "self-conscious", "weird"),
    "hopeful": ("excit", "hopeful", "energi", "optimis", "looking forward", "keen", "motivat", "inspir",
                "thrilled", "happy", "glad", "proud"),
    "sceptical": ("sceptic", "skeptic", "doubt", "unconvinced", "cynical", "not convinced"),
}
# Odd input is never said back: symbols, stretched letters, long numbers (a year is fine), shouting.
_ODD = re.compile(r"[^\w\s'’,.-]|(\w)\1{3,}|(?!(?:19|20)\d\d\b)\d{4,}|[A-Z]{5,}")


@dataclass(frozen=True)
class Reflection:
    text: str
    complex: bool
    question: str | None = None  # reported speech: ask where they stand themselves
    clause: str | None = None  # their own words it said back (second person), for a later summary


def feeling_kind(heard: Heard) -> str | None:
    """The kind of feeling the message states, if any."""
    source = " ".join(heard.feelings).lower() or (heard.text.lower() if heard.has("feeling") else "")
    if not source:
        return None
    for kind, cues in _FEELING_KINDS.items():
        if any(cue in source for cue in cues):
            return kind
    return "other" if heard.has("feeling") else None


def reflect(heard: Heard, state: State, say: Say, echo_max_words: int, belief_min: float = 0.7) -> Reflection | None:
    """The best reflection of ``heard`` that passes its checks, or None."""
    text = heard.text
    if heard.foreign:
        # Their own words are never turned into second person in a language whose grammar
        # the coach does not build; what a confident belief means can be said, in the
        # wording's language, and otherwise a clause of theirs is quoted as it stands.
        belief = _belief_reflection(heard, say, belief_min)
        if belief is not None or state.language != heard.foreign:
            return belief
        quote = quote_clause(text)
        return Reflection(say("reflections.quote", quote=quote), False) if quote else None
    feeling = feeling_kind(heard)
    if feeling and feeling != "other":
        return Reflection(say(f"listening.feelings.{feeling}"), True)
    if heard.reported and not heard.beliefs:
        match = _WHOSE.search(heard.reported[0].evidence or text)
        if match:
            whose = "your " + match.group(1).lower() + "'s"
            if whose.endswith("s's"):
                whose = whose[:-1]
            return Reflection(say("reflections.reported", whose=whose), True, say("reflections.reported_question"))
    clause = heard.change_clause
    if clause and not mentions_broadcasting(clause) and sound(clause):
        earlier = next((s for s in reversed(state.sustain) if s.strip() != text.strip()), None)
        sustain = echo_clause(earlier, max_words=10) if earlier else None
        if sustain and not mentions_broadcasting(sustain) and sound(sustain):
            return Reflection(say("reflections.double_sided", sustain=sustain, change=second_person(clause)), True)
        talk = change_talk_match(text)
        key = "reflections.change_talk" if talk is None or talk[1] else "reflections.change_talk_others"
        return Reflection(say(key, clause=second_person(clause)), True, clause="you'd like to " + second_person(clause)
                          if key == "reflections.change_talk" else None)
    belief = _belief_reflection(heard, say, belief_min)
    if belief is not None:
        return belief
    # Talk of reach and followers is pressure to broadcast only when they are not turning
    # away from it ("the 5k followers don't matter much, better to go deep").
    turning_away = heard.negated or _CONTRAST.search(text) or any(b.stance == "new" for b in heard.beliefs)
    if mentions_broadcasting(text) and not turning_away:
        # Followers named as the measure ("leads and follower count, the agency reports it")
        # are a scoreboard, not a push to post more.
        counted = next((b for b in heard.beliefs if b.dimension == "success_measure"), None)
        if counted is not None:
            return Reflection(say(f"reflections.beliefs.success_measure.{counted.stance}"), True)
        return Reflection(say("reflections.broadcast_pressure"), True)
    if heard.sustain:
        sustain_clause = with_subject(echo_clause(text, max_words=10))
        if sustain_clause and sound(sustain_clause) and has_subject(sustain_clause):
            return Reflection(say("reflections.sustain_talk", clause=_lower_first(sustain_clause)), True)
    if feeling == "other":
        return Reflection(say("listening.feelings.other"), True)
    answer = own_answer(text)
    if answer:
        return Reflection(say("reflections.own_answer", answer=answer), False, clause="what's yours is " + answer)
    echo = with_subject(echo_clause(text, max_words=echo_max_words, accept=_fit_to_echo))
    if echo and _fit_to_echo(echo):
        return Reflection(say("reflections.echo", clause=echo), False, clause=echo)
    fragment = terse_answer(text)
    if fragment and not heard.negated:
        return Reflection(say("reflections.fragment", fragment=fragment), False)
    return None


# "what's ours? the engineers who pick up at 2am": the question asked back, answered at once;
# the answer is what they mean, though it has no verb of its own.
_OWN_ANSWER = re.compile(
    r"\bwhat(?:'|’)?s (?:truly |really |actually )?(?:ours|our own|unique(?: about us)?)\s*\?+\s*"
    r"(?:(?:honestly|i'?d say|i think|probably|easy|well|hmm+|ha)\W+)*(?:(?:it|that)(?:'|’)?s |it is |that is )?"
    r"(?P<answer>[^?!.\n]{12,300})",
    re.IGNORECASE,
)
OWN_ANSWER_WORDS = 18
_SPEAKER = re.compile(r"(?:i|we|i'd|i'm|we're|you|you'd|maybe|perhaps|not sure|no idea|dunno)\b", re.IGNORECASE)


def own_answer(text: str) -> str | None:
    """Their answer to their own "what's ours?", in second person, or None: a long answer by
    its first clause, and only a thing they name ("the engineers who..."), not a view about
    answering ("I'd like to say expertise but...")."""
    own = _OWN_ANSWER.search(text)
    if not own:
        return None
    answer = own.group("answer")
    if len(answer.split()) > OWN_ANSWER_WORDS:
        answer = re.split(r"\s*[,;:—–]\s*", answer, maxsplit=1)[0]
    if not 3 <= len(answer.split()) <= OWN_ANSWER_WORDS or _SPEAKER.match(answer):
        return None
    return second_person(answer.strip(" ,;:-"))


_CLAUSE_BREAK = re.compile(r"\s*[,;:—–]\s*|\s+-\s+")
QUOTE_WORDS = (5, 12)


def quote_clause(text: str) -> str | None:
    """The longest clause of 5 to 12 words of ``text`` (the later one of equals), not a
    question and nothing odd in it, to quote back as it stands, or None."""
    best: str | None = None
    for sentence in sentences(text):
        if sentence.rstrip().endswith("?"):
            continue
        for part in _CLAUSE_BREAK.split(sentence):
            clause = part.strip(" .!…\"'“”«»„")
            n = len(clause.split())
            fits = QUOTE_WORDS[0] <= n <= QUOTE_WORDS[1] and not _ODD.search(clause) and "?" not in clause
            if fits and (best is None or n >= len(best.split())):
                best = clause
    return best


_EVERYDAY = word_set(
    "never always mostly often sometimes usually only just very quite really also too not no all some most "
    "the a an our my their lots little much more less zero one two three four five six seven eight nine ten"
)
_ECHOED_QUESTION = re.compile(r"^\s*[\w' -]{1,20}\?\s*")  # "Measure? On-time percentage."
_NOT_A_FRAGMENT = word_set(
    "i i'm i've i'd me we we're us you your yes no yeah nope ok okay fine sure maybe dunno don't know not "
    "thanks thank hi hello bye why how what who wow great cool lol hmm haha nice good bad same idk"
)


def terse_answer(text: str) -> str | None:
    """A one-line answer that is a phrase, not a sentence ("Reliability. Never late.",
    "Shippers, drivers, terminals."), as a phrase to say back ("reliability, never late"),
    or None. Said back inside a sentence about the question it answers, it reads as heard;
    a bare next question after it reads as a form being filled in."""
    body = _ECHOED_QUESTION.sub("", text.strip(), count=1)
    if "?" in body:
        return None
    parts = [p.strip(" .!…\"'“”") for p in re.split(r"[.;!]+\s*", body) if p.strip(" .!…\"'“”")]
    # A part keeps its capital (after "So:" it reads fine, and "Rotterdam" or "LinkedIn" must
    # not lose theirs) unless it opens with an everyday word ("Never late" -> "never late").
    def lowered(part: str) -> str:
        first = part.split()[0]
        everyday = first.lower() in _EVERYDAY or first.lower() in _VERB_FORMS
        return part[:1].lower() + part[1:] if first[1:].islower() and everyday else part

    phrase = ", ".join(lowered(p) for p in parts)
    words = phrase.lower().replace("’", "'").split()
    if not 1 <= len(words) <= 6 or len(parts) > 3 or has_verb(phrase) or _ODD.search(phrase):
        return None
    if any(w.strip(",") in _NOT_A_FRAGMENT for w in words) or not all(re.fullmatch(r"[\w'’-]+,?", w) for w in words):
        return None
    return second_person(phrase)


def _belief_reflection(heard: Heard, say: Say, belief_min: float) -> Reflection | None:
    # A belief's meaning is said back only when the detector is sure, and surer still when
    # the message has a negation in it (negations are where stance is most often misread).
    confident = [b for b in heard.beliefs if b.confidence >= (max(belief_min, 0.85) if heard.negated else belief_min)]
    if not confident:
        return None
    top = max(confident, key=lambda b: b.confidence)
    return Reflection(say(f"reflections.beliefs.{top.dimension}.{top.stance}"), True)


def _fit_to_echo(clause: str) -> bool:
    said = with_subject(clause)
    return said is not None and sound(said) and has_subject(said) and has_verb(said) and not _wh_fragment(said)


_WH = word_set("what which who where when why how")


def _wh_fragment(clause: str) -> bool:
    """ "what you did do": a wh-clause without its "is…" half is not a thought said back."""
    tokens = clause.lower().split()
    return tokens[0] in _WH and not any(t in ("is", "was", "are", "were", "'s") for t in tokens[1:])


_BASE_VERBS = (
    "be have do say get make go know take see come think look want give use find tell ask work seem feel try "
    "leave call keep let begin help talk turn start show hear play run move like live believe hold bring happen "
    "write provide sit stand lose pay meet include continue set learn change lead understand watch follow stop "
    "create speak read allow add spend grow open walk win offer remember love consider appear buy wait serve "
    "die send expect build stay fall cut reach kill remain suggest raise pass sell require report decide pull "
    "own handle complain trust care post answer reply listen sign hire fire manage miss matter need hate "
    "outsource contract deliver supply join visit worry cost drive check count treat share hope mean prefer "
    "fix ship sell approve review measure track run rely depend belong happen work earn fly"
)
_IRREGULAR = (
    "is are was were been am 's 're 've 'll 'd n't had has did does done said got gotten made went gone knew "
    "known took taken saw seen came thought gave given found told felt left kept let began begun held brought "
    "wrote written sat stood lost paid met led understood spoke spoken read spent grew grown won bought sent "
    "built fell cut sold can could will would should must may might shall ran hired"
)


def _verb_forms() -> frozenset[str]:
    forms = set(_IRREGULAR.split())
    for verb in _BASE_VERBS.split():
        stem = verb[:-1] if verb.endswith("e") else verb
        forms |= {verb, verb + "s", verb + "es", stem + "ed", verb + "d", stem + "ing", verb[:-1] + "ies"}
    return frozenset(forms)


_VERB_FORMS = _verb_forms()


def has_verb(clause: str) -> bool:
    """Whether the clause has a verb in it, so that "You're saying …" is followed by a clause,
    not a bare phrase ("140 outlets across the region")."""
    for token in clause.lower().replace("’", "'").split():
        token = token.strip(",.;:!?\"“”()")
        if token in _VERB_FORMS or any(token.endswith(c) for c in ("'s", "'re", "'ve", "'ll", "'d", "n't", "'m")):
            return True
    return False


def sound(clause: str) -> bool:
    """Whether a clause of theirs is fit to say back: plain words, no odd input, quotes closed."""
    tokens = clause.split()
    if clause.count("'") % 2 and not re.search(r"\w'\w", clause):
        return False
    if clause.count("\"") % 2 or clause.count("(") != clause.count(")"):
        return False
    return 2 <= len(tokens) <= 24 and not _ODD.search(clause) and sum(t.isalpha() for t in tokens) >= len(tokens) * 0.7


_SUBJECTS = word_set(
    "you your they their he she his her it its there this that these those the a an some most many all every "
    "no one two three four five six seven eight nine ten nobody everyone everybody people customers clients "
    "guests patients employees staff partners suppliers investors what that here nothing something "
    "everything"
)


# Chat drops the "I": "got pulled into a meeting", "don't know what they say". Said back,
# the dropped subject is "you".
_SUBJECTLESS_VERBS = word_set(
    "don't dont didn't didnt can't cant won't wont haven't havent got did went had have think thought feel felt "
    "know knew need needed want wanted tried spoke talked met called asked saw heard love like hate guess "
    "suppose spent made found learned learnt realised realized noticed wonder worry"
)


_CONTRAST = re.compile(r"\b(?:than|instead|rather|not about|doesn'?t matter|don'?t matter|forget (?:it|the)|"
                       r"irrelevant|vanity|meaningless|don'?t care about)\b",
                       re.IGNORECASE)
# "don't know what they say" drops the "I"; "Don't make a thing of it" is said to the coach.
_DROPPED_I_AFTER_DONT = word_set(
    "know think have care see like want need post read understand remember feel trust believe get do really "
    "usually always"
)


def with_subject(clause: str | None) -> str | None:
    """``clause`` with "you" put back where chat dropped the speaker, or None for an
    instruction to the coach ("don't make a thing of it")."""
    if not clause:
        return clause
    tokens = clause.lower().replace("’", "'").split()
    first = tokens[0]
    if first in ("don't", "dont") and (len(tokens) < 2 or tokens[1] not in _DROPPED_I_AFTER_DONT):
        return None
    return f"you {clause}" if first in _SUBJECTLESS_VERBS else clause


def has_subject(clause: str) -> bool:
    """Whether the clause starts with who or what it is about ("you run...", "the board wants...",
    "members talk to each other...").

    Chat drops subjects ("got pulled into a meeting", "don't know what they say"); said back
    after "So", such a fragment reads as broken English, so it is not said back.
    """
    tokens = clause.split()
    first = tokens[0]
    word = re.sub(r"['’](?:re|ve|d|ll|s|m)$", "", first.lower().strip("'\"“”"))
    if word in _SUBJECTS or first[:1].isupper() or first[:1].isdigit():
        return True
    # A plain plural noun followed by a verb: "payments run at 45 days", "relationships ... are".
    second = tokens[1].lower() if len(tokens) > 1 else ""
    nominal = word.endswith("s") and not word.endswith(("ss", "ous", "is")) and word not in _SUBJECTLESS_VERBS
    return nominal and word.isalpha() and (second in _VERBS_AFTER_NOUN or any(t in _BE for t in tokens[1:5]))


_VERBS_AFTER_NOUN = word_set(
    "are were have had do don't dont did didn't get got talk talked run ran want wanted need needed say said "
    "know knew think thought can can't will won't would should could must make made buy bought come came go went "
    "see saw use used pay paid hate hated love loved like liked own handle handled complain complained call called "
    "ask asked tell told trust trusted expect expected care cared keep kept feel felt sit sat work worked"
)
_BE = word_set("are were is was have has had")


def _lower_first(text: str) -> str:
    """Lower-case the first word unless it is a name or an acronym (capitalised mid-text too)."""
    first = text.split()[0]
    return text if first.isupper() or first in ("I",) else text[:1].lower() + text[1:]

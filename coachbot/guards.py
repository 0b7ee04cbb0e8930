"""The checks every coach message must pass before an executive sees it.

Whoever wrote the text (the built-in templates or an LLM), :func:`check` names each
rule it breaks; an empty list means it may go out. The rules are the product's
promises made countable: at most one question, shorter than what the executive wrote
(or not much longer than the built-in wording), no "go blog" advice and no advice the
executive did not ask for, no claim to be a person, nothing about anyone else's data,
and the executive's own language.

Some rules are absolute (advice to broadcast is never allowed); others are relative to
the built-in wording for the same move, which is always allowed: a reflection may not
ask a question, but a template that asks one makes asking one fine. That is why the
built-in text passes its own checks, and why an LLM's text is held to the built-in
standard.

Plain regular expressions: no platform, no LLM, a few microseconds a message.
"""

from __future__ import annotations

import re

from coachbot.intents import foreign_language, mentions_broadcasting
from coachbot.phrasing import PhraseRequest

# Violation names (stable: stored in usage records and printed by the bench).
TWO_QUESTIONS = "two_questions"
UNASKED_QUESTION = "unasked_question"
MISSING_QUESTION = "missing_question"
TOO_LONG = "too_long"
GO_BLOG = "go_blog_advice"
BROADCAST = "broadcast_talk"
ADVICE = "unrequested_advice"
HUMAN = "claims_human"
OTHER_PERSON = "other_person"
NEW_NAME = "new_name"
LANGUAGE = "language"
META = "meta_talk"
EMPTY = "empty"
MARKUP = "markup"

# Moves where a suggestion is what the executive asked for (after permission, or a
# direct question): advice markers are fine there.
ADVICE_MOVES = frozenset({"offer", "answer", "close", "info", "confirm_commitment"})

MAX_CHARS = 1000  # Teams' informative stream updates stop here; far past a coach's turn anyway
MAX_WORDS = 120


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_BROADCAST_ACT = (
    r"(?:start(?:ing)? (?:a |your (?:own )?)?(?:blog|podcast|newsletter|vlog|youtube channel)|blog(?:ging)?|"
    r"tweet(?:ing)?|post(?:ing)? (?:more|daily|every ?day|regularly|often|on (?:linkedin|twitter|x|instagram|"
    r"facebook|tiktok))|"
    r"(?:grow|build|increase|boost|gain|get more|buy) (?:your |more |a bigger |a larger )*(?:followers|following|"
    r"likes|audience|reach|personal brand)|"
    r"(?:hire|bring in|engage) an? (?:\w+ )?agency|go viral|content calendar|personal brand(?:ing)?|"
    r"(?:be|get) (?:more )?(?:active|visible) on (?:linkedin|twitter|x|instagram|facebook|tiktok|social media))"
)
# A recommendation of a broadcasting act: "start a blog", "you should post more", "try tweeting".
_GO_BLOG = _rx(
    r"(?:\b(?:you should|you could|you might|you need to|you must|you ought to|i(?:'d| would)? (?:recommend|suggest|"
    r"advise)|i recommend|consider|try|why not|make sure (?:to|you)|focus on|"
    r"the (?:best|first) (?:way|step) is(?: to)?|"
    r"it(?:'s| is) (?:worth|important|essential|key)(?: to)?|start by|begin by|don'?t forget to|"
    r"aim to|remember to)\b[^.?!]{0,40}?\b" + _BROADCAST_ACT + r")"
    # ...or an imperative at the start of a sentence or a list item: "Grow your followers."
    r"|(?:^|[.!?:;]\s+|\n\s*(?:[-•*]\s*)?)(?:so |just |simply |now |then |and |first,? )?" + _BROADCAST_ACT
)
# Advice the executive did not ask for: prescriptions rather than questions or reflections.
_ADVICE = _rx(
    r"\b(?:you should|you need to|you must|you ought to|you have to|i(?:'d| would) (?:recommend|suggest|advise)|"
    r"i recommend|i suggest|my (?:advice|recommendation|suggestion) (?:is|would be)|the best (?:way|thing|approach) "
    r"(?:is|would be)|make sure (?:to|you)|here(?:'s| is| are) (?:what|some|a few) (?:you|tips|steps|ideas)|"
    r"tips?:|steps?:|step \d)"
)
_HUMAN = _rx(
    r"\b(?:i(?:'m| am) (?:a |an )?(?:real |actual |living |fellow )?(?:human|person|man|woman|people person)\b|"
    r"i(?:'m| am) not (?:a |an )?(?:bot|ai|robot|machine|program|chatbot|language model|computer)\b|"
    r"as a (?:human|person|former (?:ceo|executive|cfo|coo|manager))\b|"
    r"(?:when|while) i (?:was|worked as) (?:a |an )?(?:ceo|executive|manager|director|leader|founder)\b|"
    r"in my (?:own )?(?:\d+ |many )?years (?:as|of) (?:a |an )?(?:coach|coaching|ceo|executive|leader)|"
    r"i(?:'ve| have) coached (?:many|hundreds|dozens|thousands)|my (?:wife|husband|kids|children|family|"
    r"body|childhood)\b|"
    r"human coach|real coach|flesh and blood)"
)
_OTHER_DATA = _rx(
    r"\b(?:other|another|fellow) (?:executives?|leaders?|users?|clients?|coachees?|participants?)\b|"
    r"\b(?:his|her|their|the ceo'?s|the cfo'?s|someone else'?s|everyone'?s|others'?|other people'?s|"
    r"your (?:colleague|boss|peer|ceo|manager)'?s) (?:answers?|responses?|sessions?|conversations?|data|"
    r"beliefs?|commitments?|check-?ins?|transcripts?|messages?|ratings?|scores?|experiments?)\b|"
    r"\b(?:in|from) (?:your|the|their) cohort\b|\bU-[A-Z0-9]{3,}\b|[\w.+-]+@[\w-]+\.[\w.]+"
)
_META = _rx(
    r"\b(?:system prompt|my (?:instructions|rules|guidelines|programming|prompt)|the (?:instructions|rules) "
    r"(?:i|you) (?:was|were) given|ignor(?:e|ing) (?:my|the|your|all|previous)|as an ai language model|"
    r"developer mode|jailbr\w+|dan mode|<\|?(?:im_start|im_end|system|assistant|user)\|?>|"
    r"executive_message|coach_guide|\bmove_kind\b)"
)
# Labels, placeholders, chat-template tokens, JSON or HTML entities: a prompt's scaffolding
# echoed back instead of a message.
_MARKUP = _rx(
    r"(?:^|\n)\s*(?:coach|assistant|system|user|executive|move|guide|conversation|message)\b[^:\n]{0,30}:|"
    r"\{[a-z_]+\}|<\|[a-z_]+\|>|\[/?INST\]|[\[{]\s*\"(?:role|text|content|acts)\"|&#\d+;|&[a-z]+;"
)
_QUESTIONS = re.compile(r"\?+")
# Capitalised words that are not names of people.
_COMMON_CAPS = frozenset(
    re.split(
        r"\s+",
        "i i'm i'd i'll i've monday tuesday wednesday thursday friday saturday sunday january february march april"
        " may june july august september october november december slack teams microsoft english okay ok",
    )
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;—–\"“(\n-]\s*)$")


def questions(text: str) -> int:
    """How many questions ``text`` asks (a run of question marks is one)."""
    return len(_QUESTIONS.findall(text))


def word_count(text: str) -> int:
    return len(text.split())


def last_executive_words(request: PhraseRequest) -> int:
    """Words in the executive's latest message of this session (0 if none)."""
    for role, text in reversed(request.recent):
        if role == "executive":
            return word_count(text)
    return 0


def word_limit(request: PhraseRequest) -> int:
    """The longest a message for ``request`` may be, in words.

    The brief's target is that the executive writes more than the coach, so the limit
    follows what they wrote; a short answer ("yes") still leaves room for the move,
    sized by its built-in wording.
    """
    guide = word_count(request.builtin_text)
    return max(guide + guide // 2 + 6, min(last_executive_words(request), MAX_WORDS))


def _language(text: str) -> str:
    return foreign_language(text) or "en"


def _names(text: str) -> set[str]:
    """Capitalised words not at a sentence start and not common capitals: likely names."""
    found = set()
    for match in re.finditer(r"\b[A-Z][a-z]+(?:'s)?\b", text):
        word = match.group(0).lower().removesuffix("'s")
        if word in _COMMON_CAPS or _SENTENCE_START.search(text[: match.start()]):
            continue
        found.add(word)
    return found


def check(text: str, request: PhraseRequest) -> list[str]:
    """Each rule ``text`` breaks as the coach's message for ``request``; empty if none."""
    builtin = request.builtin_text
    stripped = text.strip()
    if not stripped:
        return [EMPTY]
    violations: list[str] = []
    asked, allowed = questions(stripped), questions(builtin)
    if asked > max(1, allowed):
        violations.append(TWO_QUESTIONS)
    elif asked and not allowed and not request.move.asks_question:
        violations.append(UNASKED_QUESTION)
    if request.move.asks_question and allowed and not asked:
        violations.append(MISSING_QUESTION)
    if len(stripped) > max(MAX_CHARS, len(builtin)) or word_count(stripped) > word_limit(request):
        violations.append(TOO_LONG)
    if _GO_BLOG.search(stripped):
        violations.append(GO_BLOG)
    elif mentions_broadcasting(stripped) and not mentions_broadcasting(builtin):
        violations.append(BROADCAST)
    if request.move.kind not in ADVICE_MOVES and _ADVICE.search(stripped) and not _ADVICE.search(builtin):
        violations.append(ADVICE)
    if _HUMAN.search(stripped) and not _HUMAN.search(builtin):
        violations.append(HUMAN)
    if _OTHER_DATA.search(stripped) and not _OTHER_DATA.search(builtin):
        violations.append(OTHER_PERSON)
    said = " ".join(t for _, t in request.recent)
    known = _names(builtin) | {w.lower().removesuffix("'s") for w in re.findall(r"[\w']+", said)}
    if _names(stripped) - known:
        violations.append(NEW_NAME)
    if _language(stripped) not in {request.language or "en", _language(builtin)}:
        violations.append(LANGUAGE)
    if _META.search(stripped) and not _META.search(builtin):
        violations.append(META)
    if _MARKUP.search(stripped) and not _MARKUP.search(builtin):
        violations.append(MARKUP)
    return violations

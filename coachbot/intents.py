"""What kind of message this is, before any coaching happens.

Plain regular expressions over the cleaned text: cheap (the engine's turn budget is a
few milliseconds), predictable, and each one tested by the phrasings it must catch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachbot.text import words


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_HELP = _rx(r"^\s*(?:/?help|\?+|commands|menu|what can you do\??|how does this work\??)\s*[.!]?\s*$")
_RECAP = _rx(
    r"\b(what did we (?:talk|speak|chat) about|what did we (?:discuss|cover)|remind me what we|"
    r"last time we (?:talked|spoke)|recap|where did we leave (?:off|it)|what we talked about)\b"
)
_PAUSE = _rx(r"^\s*(?:/?(?:pause|stop|unsubscribe|stop check-?ins?|pause check-?ins?|no more check-?ins?))\s*[.!]?\s*$")
_RESUME = _rx(r"^\s*(?:/?(?:resume|unpause|restart check-?ins?|start check-?ins? again))\s*[.!]?\s*$")
_EXPORT = _rx(r"^\s*/?(?:export|export my data|download my data)\s*[.!]?\s*$")
_FORGET = _rx(r"^\s*/?(?:forget|forget me|delete my data|delete everything)\s*[.!]?\s*$")
_GOODBYE = _rx(
    r"^\s*(?:ok(?:ay)?[,. ]+|thanks?(?: you)?[,. !]+|great[,. ]+)*(?:bye|goodbye|good bye|bye for now|"
    r"see you|see ya|cheers,? bye|that'?s all(?: for (?:now|today))?|gotta go|got to go|i have to go|"
    r"i need to go|done for (?:now|today)|end|quit|exit|let'?s stop here|talk (?:soon|later|next week))"
    r"\s*[.!]*\s*$"
)
_GREETING = _rx(
    r"^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|morning|yo)(?: there| coach)?\s*[.!]*\s*$"
)
_THANKS = _rx(
    r"^\s*(?:thanks?|thank you|thx|cheers|ty)(?: (?:so much|a lot|very much))?[,.! ]*"
    r"(?:that'?s (?:helpful|great|useful))?[.!]*\s*$"
)
_HOW_ARE_YOU = _rx(r"^\s*(?:hi,? |hey,? )?how (?:are|r) (?:you|u)(?: doing)?(?: today)?\s*\??\s*$")
_ACK = _rx(r"^\s*(?:ok|okay|k|cool|sure|fine|got it|alright|right|lol|haha|hmm+|mm+)\s*[.!]*\s*$")
_YES = _rx(r"^\s*(?:y|yes|yeah|yep|sure|ok(?:ay)?|go on|go ahead|please|why not|absolutely|"
           r"of course|sounds good|definitely|i am|i'?m open|open to it)\b")
_NO = _rx(r"^\s*(?:n|no|nope|nah|not (?:now|really|today|this week)|i'?d rather not|rather not|"
          r"no thanks|pass|skip)\b")

# "Should I blog?" and its cousins: a request for broadcasting advice.
_BROADCAST_ACTS = (
    r"(?:blog\w*|tweet\w*|twitter|x\.com|post(?:ing|s)? (?:more|daily|every ?day|on|to)|post more|"
    r"linkedin|instagram|tiktok|facebook|youtube|podcast|newsletter|social media (?:manager|agency|presence)|"
    r"(?:hire|get|use|bring in) an? (?:social |digital |pr |content |marketing )*agency|"
    r"(?:grow|get|gain|increase|boost|buy) (?:my |our |more )*(?:followers|likes|audience|reach)|"
    r"go viral|influencer|content calendar|personal brand(?:ing)?)"
)
_BROADCAST_QUESTION = _rx(
    r"(?:\b(?:should|shall|must|do|would|could|can|is it|isn'?t it|need to|ought to|worth|"
    r"how (?:do|can|should|often)|what'?s the best way to|how many|tips|advice)\b.{0,80}" + _BROADCAST_ACTS
    + r"|" + _BROADCAST_ACTS + r".{0,60}\b(?:worth it|a good idea|should i|should we|or not)\b)"
)
_ASKING = _rx(r"\?|^\s*(?:should|shall|do|does|would|could|can|is|are|how|what|which|tell me|any)\b")
_INJECTION = _rx(
    r"(?:ignore (?:all |any |the |your )?(?:previous|prior|above|earlier|system)? ?(?:instructions|prompts?|rules)|"
    r"system prompt|developer mode|jailbreak|you are now|act as (?:a|an|my)\b|pretend (?:to be|you are)|"
    r"reveal (?:your|the) (?:prompt|instructions|rules)|disregard (?:your|the|all)|new instructions|"
    r"(?:show|give|print|dump) (?:me )?(?:the |all )?(?:database|other users|everyone'?s|all users)|"
    r"</?(?:system|assistant|instructions?)>)"
)
_CHANGE_TALK = _rx(
    r"\b(?:i|we)(?P<modal>'ll|’ll|'d like|’d like|'m going|’m going|'d love|’d love|\s+(?:want|wanna|would like|"
    r"would love|need|have|ought|should|could|can|might|will|am going|are going|plan|intend|hope|wish|mean))"
    r"\s+(?P<to>to\s+)?(?:really\s+|probably\s+|actually\s+|just\s+)?"
    r"(?P<clause>(?!not\b|be too\b)[a-z][^.!?;]{6,140})"
)
_SUSTAIN_TALK = _rx(
    r"\b(?:(?:i|we) (?:don'?t|do not|can'?t|cannot|won'?t) (?:have (?:the )?time|see the point|see why|"
    r"need (?:to|it)|want to|do that)|too busy|no time|waste of time|not for (?:me|us)|doesn'?t work|"
    r"won'?t work|pointless|not my job|prove (?:it|the roi)|show me the roi|not convinced|skeptic\w*|"
    r"sceptic\w*|i'?m not sure (?:it|this|that)|not worth)\b"
)
_DONE = _rx(r"\b(?:i did it|did it|done|went well|went great|i tried|tried it|i managed|it worked|happened|"
            r"went ahead|(?:i|we) did (?:both|all|the|that|this)|had the (?:call|chat|conversation|meeting)|"
            r"yes,? i|i had (?:the|a|two|three) (?:conversation|call|chat)|i (?:called|asked|read|replied|answered|"
            r"met|invited|shared|posted|joined)|surprisingly good)\b")
_PARTLY = _rx(r"\b(?:partly|partially|sort of|kind of|half|one of|started|some of|a bit|not all|once|"
              r"only (?:one|once|a few))\b")
_NOT_DONE = _rx(r"\b(?:didn'?t|did not|not yet|never|no time|forgot|never got|haven'?t|have not|couldn'?t|"
                r"no,|nope|too busy|skipped|wasn'?t able)\b")
_ADVICE_REQUEST = _rx(r"\b(?:what should i do|what do you (?:suggest|recommend)|any (?:advice|ideas|suggestions)|"
                      r"where do i start|tell me what to do|give me (?:some )?(?:advice|ideas))\b")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SCHEDULE = _rx(r"\bcheck-?ins?\b")
_TIME = _rx(r"\b(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ampm>am|pm)?\b")

_LANGUAGE_MARKERS: dict[str, set[str]] = {
    "es": {"el", "la", "los", "las", "que", "de", "y", "es", "no", "por", "para", "con", "una", "pero", "muy",
           "nuestro", "nuestros", "clientes", "creo", "hola", "gracias", "estoy", "tengo", "empresa"},
    "fr": {"le", "la", "les", "des", "est", "et", "que", "je", "nous", "pas", "pour", "avec", "une", "mais",
           "très", "nos", "clients", "bonjour", "merci", "suis", "entreprise", "c'est"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "ich", "wir", "mit", "für", "ein", "eine", "aber",
           "sehr", "unsere", "kunden", "hallo", "danke", "bin", "unternehmen", "auch"},
    "pt": {"o", "os", "as", "que", "de", "e", "não", "para", "com", "uma", "mas", "muito", "nossos",
           "clientes", "olá", "obrigado", "estou", "tenho", "empresa", "você"},
    "it": {"il", "lo", "gli", "che", "di", "e", "non", "per", "con", "una", "ma", "molto", "nostri",
           "clienti", "ciao", "grazie", "sono", "azienda", "anche"},
    "nl": {"de", "het", "een", "en", "is", "niet", "ik", "wij", "we", "met", "voor", "maar", "heel", "onze",
           "klanten", "hallo", "bedankt", "ben", "bedrijf", "ook"},
}
_ENGLISH = {"the", "a", "an", "and", "is", "are", "i", "we", "to", "of", "in", "it", "that", "our", "my",
            "you", "for", "with", "not", "but", "be", "this", "have", "do", "what", "how", "they", "on"}


@dataclass(frozen=True)
class Schedule:
    weekday: int | None
    time: str | None


def is_help(text: str) -> bool:
    return bool(_HELP.match(text))


def is_recap(text: str) -> bool:
    return bool(_RECAP.search(text))


def is_pause(text: str) -> bool:
    return bool(_PAUSE.match(text))


def is_resume(text: str) -> bool:
    return bool(_RESUME.match(text))


def is_export(text: str) -> bool:
    return bool(_EXPORT.match(text))


def is_forget(text: str) -> bool:
    return bool(_FORGET.match(text))


def is_goodbye(text: str) -> bool:
    return bool(_GOODBYE.match(text))


def small_talk(text: str) -> str | None:
    """'greeting', 'thanks', 'how_are_you', 'ack', or None for a substantive message."""
    if _GREETING.match(text):
        return "greeting"
    if _THANKS.match(text):
        return "thanks"
    if _HOW_ARE_YOU.match(text):
        return "how_are_you"
    if _ACK.match(text):
        return "ack"
    return None


def is_yes(text: str) -> bool:
    return bool(_YES.match(text)) and not _NO.match(text)


def is_no(text: str) -> bool:
    return bool(_NO.match(text))


def asks_for_broadcast_advice(text: str) -> bool:
    """Whether the executive asks if they should blog, tweet, post more, grow followers..."""
    return bool(_ASKING.search(text)) and bool(_BROADCAST_QUESTION.search(text))


_BROADCAST_MENTION = _rx(r"\b" + _BROADCAST_ACTS + r"|\b(?:start(?:ing)? a blog|followers|go(?:ing)? viral)\b")


def mentions_broadcasting(text: str) -> bool:
    """Whether ``text`` talks about blogging, posting, followers, agencies and the like."""
    return bool(_BROADCAST_MENTION.search(text))


def is_injection(text: str) -> bool:
    return bool(_INJECTION.search(text))


def asks_for_advice(text: str) -> bool:
    return bool(_ADVICE_REQUEST.search(text))


def change_talk(text: str) -> str | None:
    """The clause of the executive's own reasons or plans to change, if any."""
    match = change_talk_match(text)
    return match[0] if match else None


def change_talk_match(text: str) -> tuple[str, bool] | None:
    """(clause, starts_with_a_verb) for the executive's change talk, if any."""
    sustain = _SUSTAIN_TALK.search(text)
    sustain_span = sustain.span() if sustain else None
    for match in _CHANGE_TALK.finditer(text):
        if sustain_span and match.start() <= sustain_span[0] < match.end():
            continue
        clause = match.group("clause").strip().rstrip(",")
        clause = re.split(r",\s*(?:but|and|so)\b|\s+but\s+", clause)[0].strip()
        if len(clause.split()) < 2:
            continue
        modal = match.group("modal").strip().lower().replace("’", "'")
        wanting = modal.split()[0] in ("want", "wanna", "'d", "would", "need", "hope", "wish", "mean")
        return clause, not (wanting and not match.group("to"))
    return None


def sustain_talk(text: str) -> bool:
    return bool(_SUSTAIN_TALK.search(text))


def experiment_outcome(text: str) -> str | None:
    """'done', 'partly' or 'not_done' from a report on last week's experiment, if it says."""
    partly, not_done, done = _PARTLY.search(text), _NOT_DONE.search(text), _DONE.search(text)
    if partly and (done or not_done):
        return "partly"
    if not_done and not done:
        return "not_done"
    if done and not not_done:
        return "done"
    if partly:
        return "partly"
    if not_done:
        return "not_done"
    return None


def schedule_change(text: str) -> Schedule | None:
    """A request to move the check-in ("move my check-in to Tuesday at 10"), if any."""
    if not _SCHEDULE.search(text):
        return None
    lowered = text.lower()
    weekday = next((i for i, day in enumerate(_WEEKDAYS) if day in lowered), None)
    time = None
    match = _TIME.search(lowered)
    if match and (match.group("m") or match.group("ampm") or " at " in lowered):
        hour = int(match.group("h"))
        minute = int(match.group("m") or 0)
        if match.group("ampm") == "pm" and hour < 12:
            hour += 12
        if match.group("ampm") == "am" and hour == 12:
            hour = 0
        if 0 <= hour <= 23 and 0 <= minute <= 59:
            time = f"{hour:02d}:{minute:02d}"
    if weekday is None and time is None:
        return None
    return Schedule(weekday, time)


def foreign_language(text: str) -> str | None:
    """A language code when ``text`` is clearly not English ('other' for non-Latin scripts)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 4:
        non_latin = sum(1 for ch in letters if ord(ch) > 0x24F)
        if non_latin / len(letters) > 0.5:
            return "other"
    tokens = words(text)
    if len(tokens) < 3:
        return None
    english = sum(1 for t in tokens if t in _ENGLISH)
    best, best_hits = None, 0
    for code, markers in _LANGUAGE_MARKERS.items():
        hits = sum(1 for t in tokens if t in markers and t not in _ENGLISH)
        if hits > best_hits:
            best, best_hits = code, hits
    if best and best_hits >= 2 and best_hits > english * 1.5:
        return best
    return None

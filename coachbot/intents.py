"""What kind of message this is, before any coaching happens.

Plain regular expressions over the cleaned text: cheap (the engine's turn budget is a
few milliseconds), predictable, and each one tested by the phrasings it must catch.
"""

from __future__ import annotations

import re

from coachbot.safety.language import latin_scores


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


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
# "hi. short on time." / "I have about ten minutes only": a pleasantry that asks for brevity.
_HURRIED = _rx(
    r"^\s*(?:(?:hi|hello|hey|morning|good morning|hola|hallo|bonjour|ciao|oi|ol[aá])\W+)?"
    r"(?:sorry\W+)?(?:i'?m |i am |am )?(?:(?:very |really |a bit )?short (?:on|of) time|in a (?:rush|hurry)|"
    r"(?:i )?(?:only )?(?:have|got) (?:about |maybe |just |only )?(?:\d+|five|ten|fifteen|twenty) min(?:ute)?s?|"
    r"quick one|tengo poco tiempo|voy con prisa|ich habe (?:nur )?wenig zeit|(?:habe )?nur (?:kurz|\d+ minuten)|"
    r"j'?ai peu de temps|je suis press[ée]e?|tenho pouco tempo|ho poco tempo)"
    r"(?:[,\s]+(?:only|today|now|this time|sorry))*"
    # "..., HR made me do this": who sent them is no answer either
    r"(?:\s*[,.;]\s*(?:hr|my (?:boss|ceo|chair|assistant|board|team)|they) "
    r"(?:made|asked|told|signed (?:me )?up|wants?) (?:me )?[\w\s']{0,25})?\s*[.!]*\s*$"
)
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
_SPEECH = re.compile(r"(?:say|add|mention|admit|confess|note|stress|point out|tell you|be honest|be frank)\b",
                     re.IGNORECASE)
_SUSTAIN_TALK = _rx(
    r"\b(?:(?:i|we) (?:don'?t|do not|can'?t|cannot|won'?t) (?:have (?:the )?time|see the point|see why|"
    r"need (?:to|it)|want to|do that)|too busy|no time|waste of time|not for (?:me|us)|doesn'?t work|"
    r"won'?t work|pointless|not my job|prove (?:it|the roi)|show me the roi|not convinced|skeptic\w*|"
    r"sceptic\w*|i'?m not sure (?:it|this|that)|not worth)\b"
)
_LANGUAGE_MARKERS: dict[str, set[str]] = {
    "es": {"el", "la", "los", "las", "que", "de", "y", "es", "no", "por", "para", "con", "una", "pero", "muy",
           "nuestro", "nuestros", "clientes", "creo", "hola", "gracias", "estoy", "tengo", "empresa", "voy",
           "del", "al", "lo", "se", "mi", "yo", "son", "está", "hay", "también", "cuando", "porque"},
    "fr": {"le", "la", "les", "des", "est", "et", "que", "je", "nous", "pas", "pour", "avec", "une", "mais",
           "très", "nos", "clients", "bonjour", "merci", "suis", "entreprise", "c'est"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "ich", "wir", "mit", "für", "ein", "eine", "aber",
           "sehr", "unsere", "kunden", "hallo", "danke", "bin", "unternehmen", "auch"},
    "pt": {"o", "os", "as", "que", "de", "e", "não", "para", "com", "uma", "mas", "muito", "nossos",
           "clientes", "olá", "obrigado", "estou", "tenho", "empresa", "você"},
    "it": {"il", "lo", "gli", "che", "di", "e", "non", "per", "con", "una", "ma", "molto", "nostri",
           "clienti", "ciao", "grazie", "sono", "azienda", "anche", "un", "ed", "abbiamo", "nostro", "nostra",
           "mio", "mia", "della", "del", "questo", "buongiorno", "noi", "io", "perché", "più"},
    "nl": {"de", "het", "een", "en", "is", "niet", "ik", "wij", "we", "met", "voor", "maar", "heel", "onze",
           "klanten", "hallo", "bedankt", "ben", "bedrijf", "ook"},
}
_ENGLISH = {"the", "a", "an", "and", "is", "are", "i", "we", "to", "of", "in", "it", "that", "our", "my",
            "you", "for", "with", "not", "but", "be", "this", "have", "do", "what", "how", "they", "on"}



def is_goodbye(text: str) -> bool:
    return bool(_GOODBYE.match(text))


def small_talk(text: str) -> str | None:
    """'greeting', 'hurried', 'thanks', 'how_are_you', 'ack', or None for a substantive message."""
    if _HURRIED.match(text):
        return "hurried"
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


# "Why would a CEO waste time on LinkedIn?" asks nothing: it is an objection.
_RHETORICAL_BROADCAST = _rx(
    r"\b(?:why (?:would|should|on earth|the hell) (?:a|any|an|the|i|we|me|my|our)\b|who (?:has|even has) time|"
    r"what'?s the point of|waste (?:my |our |his |her |their )?time)"
)


# A question that states a view ("why would a CEO waste time on that?", "who cares?"):
# an objection to hear, not a question to answer.
_RHETORICAL = _rx(
    r"^\W*(?:(?:and|but|so|honestly|seriously|look|i mean)\W+)*(?:why (?:would|should|on earth|the hell|bother)|"
    r"who (?:cares|needs|has time)|what(?:'s| is) the point|since when|how could (?:anyone|a|we|i)|"
    r"who in their right mind)\b"
)


def is_rhetorical(question: str) -> bool:
    """Whether a question states a view rather than asks (see _RHETORICAL)."""
    return bool(_RHETORICAL.search(question))


def asks_for_broadcast_advice(text: str) -> bool:
    """Whether the executive asks if they should blog, tweet, post more, grow followers..."""
    return (
        bool(_ASKING.search(text)) and bool(_BROADCAST_QUESTION.search(text))
        and not _RHETORICAL_BROADCAST.search(text)
    )


_BROADCAST_MENTION = _rx(
    r"\b" + _BROADCAST_ACTS + r"|\b(?:start(?:ing)? a blog|followers?(?: count| numbers?| growth)?|go(?:ing)? viral)\b"
)


def mentions_broadcasting(text: str) -> bool:
    """Whether ``text`` talks about blogging, posting, followers, agencies and the like."""
    return bool(_BROADCAST_MENTION.search(text))


def is_injection(text: str) -> bool:
    return bool(_INJECTION.search(text))


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
        if modal == "have" and not match.group("to"):
            continue  # "I have been enrolled", "we have a plan": not "I have to…"
        if _SPEECH.match(clause):
            continue  # "I should say at the outset…", "I have to admit…": a way of speaking
        wanting = modal.split()[0] in ("want", "wanna", "'d", "would", "need", "hope", "wish", "mean")
        return clause, not (wanting and not match.group("to"))
    return None


def sustain_talk(text: str) -> bool:
    return bool(_SUSTAIN_TALK.search(text))


def looks_english(text: str) -> bool:
    """A sentence of English: five words or more, a third of them common English words."""
    tokens = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower())
    return len(tokens) >= 5 and sum(1 for t in tokens if t in _ENGLISH) >= max(2, len(tokens) // 4)


def foreign_language(text: str) -> str | None:
    """A language code when ``text`` is clearly not English ('other' for non-Latin scripts)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 4:
        non_latin = sum(1 for ch in letters if ord(ch) > 0x24F)
        if non_latin / len(letters) > 0.5:
            return "other"
    tokens = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower())  # "doña" is one word, not "do" + "a"
    if len(tokens) < 3:
        return None
    english = sum(1 for t in tokens if t in _ENGLISH)
    best, best_hits = None, 0
    for code, markers in _LANGUAGE_MARKERS.items():
        hits = sum(1 for t in tokens if t in markers and t not in _ENGLISH)
        if hits > best_hits:
            best, best_hits = code, hits
    if best and best_hits >= 2 and best_hits > english * 1.5:
        # The markers say "not English"; which language is read off all its function words
        # (Italian and Spanish share "la", "che/que", "con", "una").
        scores = latin_scores(text)
        named = max(scores, key=lambda k: scores[k])
        return named if named in _LANGUAGE_MARKERS and scores[named] > scores[best] else best
    return None

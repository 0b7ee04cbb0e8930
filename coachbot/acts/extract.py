"""Verbatim spans from a message whose acts the model has already read.

The classifier says *whether* a message holds a commitment, a report or a question; these
rules say *which words*. Every span is a substring of the original text, trimmed to the
action (no "ok so", no goodbye or thanks after it), so the engine can quote it back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coachbot.text import word_set

_FLAGS = re.IGNORECASE
_APOS = r"['’`´]"

# Where a message breaks into pieces that each hold one thought: after . ! ? ; or a line
# break, but not after a title or an abbreviation ("Mr. Keller", "St. James's", "e.g. the
# forum") nor inside a number ("2.5 days").
_BREAK = re.compile(r"[.!?;]+|\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|st|sr|sra|srta|jr|mt|vs|approx|dept|avda|dott|bzw|usw|ggf|evtl|"
    r"z\.b|d\.h|u\.a|e\.g|i\.e|p\.ex|cf)|(?-i:\b[B-HJ-Z]))$",
    _FLAGS,
)
# Inside a sentence, a clause after these is a different thought (a goodbye, a reason...).
_CLAUSE_END = re.compile(
    r"\s*(?:,\s*(?:but|so|because|though|although|which|thanks|thank you|cheers|bye|anyway)\b|"
    r"\s+but\s+|\s+(?:-|–|—)\s+|\s*\((?!\w+ (?:am|pm)\b)|,?\s+(?:thanks|thank you|cheers|bye|goodbye|"
    r"see you|talk soon|gotta go|got to go|have to (?:go|run|jump))\b|"
    r"\s+(?:and|so|then)\s+(?=(?:bye|goodbye|thanks|thank you|see you|talk (?:soon|later)|i have to go|"
    r"i need to go|gotta go|got to go)\b)|,\s*(?=(?:i think|i guess|i hope|hopefully|if i can|if that)\b)|"
    r"\s+(?:lol|haha|:\)|:-\)|🙂|😊)|"
    r"\s+and\s+(?:i\s*(?:['’]?\s*ll|\s+will)|will)\s+(?:tell|let|report|update|get\s+back|come\s+back|"
    r"share\s+with\s+you)\b|\s+and\s+(?:then\s+)?(?:tell|update|report\s+back\s+to|get\s+back\s+to)\s+(?:you|u)\b|"
    # Why, after the action: "...for last quarter's call reasons so I can size it".
    r"\s+so\s+(?:that\s+)?(?:i|we)\s+(?:can|could|know|have)\b|"
    # How they will judge it is not what they will do: "..., and I'll know it worked if...".
    r",?\s+(?:and\s+|so\s+)?(?:i\s*['’]?\s*ll|i\s+will|i\s*['’]?\s*d|i\s+would|je|yo|io|eu|ich)\s+(?:know|call\s+it|count\s+it|"
    r"consider\s+it|judge|saurai|considérerai|sabré|saprò|saberei|werde\s+wissen)\b|"
    r",?\s+(?:and\s+)?(?:it\s*['’]?\s*ll|it\s+will)\s+(?:have\s+)?(?:work(?:ed)?|be\s+a\s+success)\s+if\b)",
    _FLAGS,
)
# Past the action's first few words, a comma usually starts an aside ("..., door open, no
# agenda", "..., not the summary from HR", "..., and then ..."); "..., answering myself" goes on.
_ASIDE = re.compile(r",(?!\s*\w+ing\b)\s*")
_ASIDE_AFTER_WORDS = 4
# ...but a comma followed by the rest of the action is no aside: "reply myself, under my own
# name, to the thread", "ask Tom, our youngest engineer, to give me a tour", "read the forum,
# e.g. the delivery threads, every morning".
_GOES_ON = re.compile(
    r"(?:to|with|for|about|under|in|at|on|before|after|by|from|through|without|into|instead|using|via|"
    r"myself|personally|alone|face[\s-]to[\s-]face|e\.g\.?|i\.e\.?|like|including|especially|every|each|"
    r"this|next|once|twice|what|how|why|whether|con|para|por|mit|zu|für|avec|pour|com|per|mientras|"
    r"während|pendant|durante|was|wie|warum|ob|dass|qué|cómo|si|que|ce|o\s+que|cosa|come|perché)\b",
    _FLAGS,
)
_PARENTHESIS_WORDS = 8
_PARENTHESES = 2
# A comma, or an apposition between commas, followed by the plan's next action is no aside:
# "phone the engineer, thank him for the figures and ask...", "have coffee with Ms Okafor, the
# physiotherapist, and ask her...", "chiederò a mia nipote..., sceglierò...". An action is a
# common English verb followed by its object (so "work permitting" is not one), a first-person
# future in the other languages, or an infinitive after "I'm going to / je vais / voy a / vou /
# werde" ("appeler X, le remercier et lui demander", "fragen, mir die Beiträge zu zeigen").
_ACTION_VERBS = (
    r"ask|call|phone|ring|email|e-mail|text|message|ping|write|send|thank|invite|visit|meet|see|watch|"
    r"read|listen|talk|speak|tell|show|share|post|reply|respond|answer|join|sit|walk|go|come|bring|take|"
    r"give|get|find|pick|choose|book|schedule|set|block|put|try|test|start|open|hold|host|run|make|do|"
    r"have|spend|check|look|review|note|write\s+down|jot|record|note\s+down|follow|chase|thank|praise|"
    r"congratulate|introduce|offer|suggest|propose|explain|present|discuss|agree|plan|prepare|draft|"
    r"rewrite|sketch|list|collect|gather|count|compare|learn|hear|find\s+out|shadow|observe|interview|"
    r"survey|sample|try\s+out|sign\s+up|drop\s+in|drop\s+by|stop\s+by|pop\s+in|catch|grab|buy|"
    r"order|print|record|film|photograph|comment|follow\s+up|circle\s+back|brief|"
    r"debrief|stay|leave|keep|let|help|support|encourage|mention|include|add|ask\s+for|apologi[sz]e|"
    r"acknowledge|recognise|recognize|celebrate|welcome|greet|hand|pass|forward|copy|cc|reach\s+out|"
    r"connect|link|tag|publish|upload|film|join\s+in|spend|set\s+up|sit\s+down|sit\s+in|walk\s+around|stand|"
    r"load|unload|drive|ride|eat|serve|cook|taste|queue|wait|attend|chair|lead|facilitate|moderate|demo|"
    r"pilot|trial|time|measure|track|log|map|design|build|fix|repair|sort|decide|approve|sign|pin|circulate|"
    r"shortlist|select|mark|flag|highlight|bring\s+back|hand\s+out|write\s+up|type\s+up|sum\s+up|summari[sz]e"
)
_ACTION_OBJECT = (
    r"(?:him|her|them|it|me|us|each|every|both|all|some|one|two|three|four|five|the|a|an|my|our|his|"
    r"their|its|this|that|these|those|to|with|for|about|if|whether|what|how|why|who|when|where|back|out|up|"
    r"in|on|over|down|through|around|by|at|from|together|\d+|\w+['’]s|(?-i:[A-Z])\w*)\b"
)
_FUTURE_FORM = (
    r"\w+(?:erò|irò|arò|drò|rrò|vrò|trò)|\w*(?:aré|eré|iré|dré|rré|bré)|\w*(?:arei|erei|irei)|"
    r"(?:j['’]|je\s+)?\w+rai|(?:ich\s+)?werde"
)
_NEXT_ACTION = re.compile(
    # Words to the coach are not the plan: ", see you", ", have a good one", ", get back to you".
    r"(?!(?:\w+\s+)?(?:see|thank|tell|update|let|get\s+back\s+to|come\s+back\s+to|talk\s+to)\s+(?:you|u)\b|"
    r"(?:\w+\s+)?have\s+a\s+(?:good|nice|great|lovely)\b|(?:\w+\s+)?(?:get|come|report)\s+back\b)"
    r"(?:(?:and|then|and\s+then|also|and\s+also|y|e|et|und|puis|poi|luego|depois|dann|ed)\s+)?"
    r"(?:(?:i\s*['’]?\s*ll|i\s+will|i\s+am\s+going\s+to|i['’]m\s+going\s+to)\s+)?"
    r"(?:(?:personally|also|then|maybe|quickly)\s+)?"
    r"(?:(?:" + _ACTION_VERBS + r")\s+" + _ACTION_OBJECT + r"|"
    r"(?:(?:je|yo|io|eu|ich)\s+|j['’])?(?:(?:lo|la|li|le|gli|glielo|mi|ci|ne|les|lui|leur|me|se|lhe|lhes)\s+)*"
    r"(?:" + _FUTURE_FORM + r")\b|help\s+\w+)",
    _FLAGS,
)
# After "voy a / je vais / vou / vado a / ich werde", the next actions are infinitives, maybe
# behind a pronoun: "agradecerle", "le remercier", "lui demander", "ringraziarlo", "ihm danken".
_ROMANCE_INFINITIVE = re.compile(
    r"(?:(?:y|e|et|ed|puis|poi|luego|depois)\s+)?(?:(?:le|la|les|lui|leur|l['’]|me|m['’]|y|en|se|s['’]|gli|lo|li|"
    r"mi|ci|ne|lhe|lhes|o|a|os|as)\s*)*(?!(?:notre|votre|autre|entre|premier|dernier|lugar|mujer|hogar|taller|"
    r"mulher|jantar|mestiere|carattere|piacere|potere|sobre|siempre|sempre|mayor|mejor|peor|menor|nuestr\w*)\b)"
    r"[^\W\d_]{2,}(?:ar|er|ir|re|are|ere|ire|rre)(?:le|la|lo|les|los|las|me|se|nos|lhe|lo|li|gli|glielo|gliela|ne|ci|"
    r"mi|ti|vi)?\b",
    _FLAGS,
)
_GERMAN_INFINITIVE_PIECE = re.compile(
    r"(?:(?:und|dann)\s+)?(?:[^\W\d_]+\s+){0,7}?(?:zu\s+)?[^\W\d_]+(?:en|ern|eln)\s*(?:$|,|\bund\b)", _FLAGS
)
_DAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|"
    r"lunes|martes|miércoles|miercoles|jueves|viernes|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"lundi|mardi|mercredi|jeudi|vendredi|segunda(?:-feira)?|terça(?:-feira)?|quarta(?:-feira)?|"
    r"quinta(?:-feira)?|sexta(?:-feira)?|lunedì|martedì|mercoledì|giovedì|venerdì|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag)"
)
_WHEN_RX = (
    r"(?:today|tonight|tomorrow|tmrw|tmr|tomorow|tommorow|2moro|(?:this|next|nxt) wk|nxt (?:week|month|" + _DAY + r")|"
    r"this (?:week|month|afternoon|morning|evening|"
    r"weekend|quarter|" + _DAY + r")|next (?:week|month|quarter|time|" + _DAY + r")|(?:on |by |before |this )?"
    + _DAY + r"(?:\s+(?:morning|afternoon|evening|night))?|weekend|end of (?:the )?(?:week|month|day|quarter)|"
    r"by (?:the )?(?:end|eow|eod)|eow|eod|before (?:the |our |my )?\w+|after (?:the |our |my )?\w+|"
    r"within (?:a|the|two|three|\d+) \w+|in (?:a|two|three|a few|\d+) (?:days?|weeks?)|first thing|asap|"
    r"\d{1,2}(?::\d\d)?\s*(?:am|pm|h)\b|\d{1,2}:\d\d|\d{1,2}(?:st|nd|rd|th)\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\s+\d{1,2}|"
    r"pasado mañana|übermorgen|depois de amanhã|après-demain|dopodomani|the day after tomorrow|"
    r"mañana|manana|hoy|la semana que viene|la próxima semana|esta semana|"
    r"(?:el )?" + _DAY + r" que viene|el (?:" + _DAY + r")|(?:na|no|nesta|neste|na próxima|no próximo) " + _DAY + r"|"
    r"this coming " + _DAY + r"|"
    r"morgen|heute|nächste woche|naechste woche|diese woche|am " + _DAY + r"|(?:nächsten|kommenden) " + _DAY + r"|"
    r"(?:el )?próximo " + _DAY + r"|" + _DAY + r" prochain|" + _DAY + r" prossimo|"
    r"demain|aujourd'hui|la semaine prochaine|cette semaine|"
    r"amanhã|amanha|hoje|na próxima semana|semana que vem|esta semana|"
    r"domani|oggi|la prossima settimana|settimana prossima|questa settimana|"
    r"vandaag|volgende week|deze week)"
)
_WHEN = re.compile(r"\b" + _WHEN_RX + r"\b", _FLAGS)
_ONLY_WHEN = re.compile(r"(?:(?:every|each|on|from|this|next|by|before|after|the|morning|evening|afternoon)\s+)*"
                        + _WHEN_RX + r"(?:\s+(?:morning|afternoon|evening|night))?", _FLAGS)
# A piece after a comma that only says when, with a clock time or what it comes before:
# "..., Thursday at 2 before the afternoon check-ins".
_WHEN_PIECE = re.compile(
    _ONLY_WHEN.pattern + r"(?:\s+at\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|h)?)?"
    r"(?:\s+(?:before|after|during)\s+(?:[\w-]+\s+){0,4}[\w-]+)?",
    _FLAGS,
)

# First-person future: the executive's own next action, in six languages. Each trigger has a
# strength; the strongest clause wins when a message holds several.
_SUBJ_I = r"\b(?:i|I)"
_TRIGGERS: tuple[tuple[float, re.Pattern[str]], ...] = tuple(
    (s, re.compile(p, _FLAGS))
    for s, p in (
        (3.0, r"\bi\s*" + _APOS + r"?\s*ll\b(?!\s+(?:never|not)\b)"),
        (3.0, r"\bi\s+(?:will|shall)\b(?!\s+(?:never|not)\b)"),
        (3.0, r"\bill\s+(?=(?:call|ask|try|do|send|go|talk|book|set|write|read|reply|start|spend|sit|join|"
              r"reach|check|look|make|get|have|share|block|take|find|invite|meet|visit|listen|run|bring|speak|"
              r"email|text|ping|grab|host|schedule|tell|walk|open|answer|respond|follow|pick|plan)\b)"),
        (3.0, r"\bi\s*(?:" + _APOS + r"?\s*m|\s+am)\s+(?:going\s+to|gonna|planning\s+to|committing\s+to|"
              r"(?:definitely\s+|really\s+)?going\s+to)\b"),
        (2.8, r"\bi\s+(?:plan|intend|aim|promise|commit|have\s+decided|decided|(?:have\s+)?committed)\s+to\b"),
        (2.6, r"\bmy\s+(?:plan|commitment|experiment|goal|next\s+step|homework)(?:\s+(?:for|this)\s+(?:the\s+)?"
              r"week)?\s+(?:is|will\s+be)\b"),
        (2.6, r"\blet\s+me\b"),
        (2.4, r"(?:^|(?<=[.!?,;:]\s)|(?<=\bok\s)|(?<=\bso\s)|(?<=\byes\s))(?:going\s+to|gonna|will)\s+(?!be\b)"),
        (2.0, r"\bwe\s*(?:" + _APOS + r"?\s*ll|\s+will|\s*" + _APOS + r"?\s*re\s+going\s+to|\s+are\s+going\s+to)\b"
              r"(?!\s+(?:never|not)\b)"),
        (1.8, r"\bi\s+(?:could|might|may|can)\b(?!\s+(?:not|never|see|imagine|understand|tell|say)\b)"),
        (1.6, r"\bi\s*(?:" + _APOS + r"?\s*d|\s+would)\s+(?:like|love)\s+to\b"),
        (1.5, r"\bi\s+(?:want|need|hope|wanna)\s+to\b"),
        (1.4, r"\bi\s+(?:should|ought\s+to)\b(?!\s+(?:not|never|have)\b)"),
        (1.3, r"\bmaybe\s+i\b"),
        # Spanish, Portuguese, French, German, Italian.
        (3.0, r"\b(?:voy|vamos)\s+a\b|\bme\s+comprometo\b|\b\w*(?:aré|eré|iré|dré|bré|rré)\b"),  # iré, tendré
        (3.0, r"\b(?:eu\s+)?vou\s+\w+|\b\w*(?:arei|erei|irei)\b"),
        (3.0, r"\bje\s+vais\b|\bj" + _APOS + r"\w+rai\b|\bje\s+\w+rai\b|\bje\s+m" + _APOS + r"engage\b"),
        (3.0, r"\bich\s+werde\b|\bwerde\s+ich\b|\bich\s+nehme\s+mir\s+vor\b"),
        (3.0, r"\bvado\s+a\b|\bmi\s+impegno\b|\b\w+(?:erò|irò|arò|drò|rrò|vrò|trò)\b"),  # andrò, vedrò, potrò
        (3.0, r"\bik\s+(?:ga|zal)\b|\b(?:ga|zal)\s+ik\b"),  # Dutch
    )
)
_PRESENT_STRENGTH = 1.2
# A hedge ("I should", "I could", "I want to") taken back straight after is no plan.
_FIRM = 2.0
_TAKEN_BACK = re.compile(
    r"\W*(?:\w+\W+){0,3}?(?:but|though|however|pero|aber|mais|ma|mas)\b.{0,50}?(?:\b(?:won['’]?t|can['’]?t|cannot|"
    r"not\s+(?:now|yet|until|before|this\s+(?:week|month|year))|no\s+time|don['’]?t\s+have\s+(?:the\s+)?time|"
    r"not\s+going\s+to|never)\b)",
    _FLAGS | re.DOTALL,
)
_JOINED_AFTER_WORDS = 6  # "venerdì passo in magazzino e chiedo cosa non va" stays one plan
_JOINED_VERB = re.compile(r"\s+(?:und|y|e|et|ed)\s+(?=\w)", _FLAGS)
# A time said just before the subject belongs to the clause: "next Tuesday I could go...".
_WHEN_LEAD = re.compile(r"(?:\b(?:and|so|ok|okay|then)\s+)?\b(" + _WHEN_RX + r")\s*,?\s*$", _FLAGS)
# Present tense for the future, where the time says it: "Morgen rufe ich ... an", "mañana llamo".
_WHEN_PRESENT = re.compile(
    r"\b(?:" + _WHEN_RX + r")\s*,?\s+"
    # ...but a state is no action: "el lunes tengo consejo", "Tuesday I have the board", "oggi sono in fabbrica".
    r"(?!(?:i\s+(?:have|am|need|know|think|feel|got)|(?:habe|bin|hat|ist|gibt)\s+ich|tengo|estoy|soy|hay|"
    r"sono|ho|tenho|estou|sou|je\s+suis|j" + _APOS + r"ai|ik\s+(?:heb|ben))\b)"
    r"(?:i\s+\w+|\w+\s+ich|\w+\s+ik|je\s+\w+|j" + _APOS + r"\w+|"
    r"(?!(?:no|so|to|do|go|too)\b)\w+o\b)",
    _FLAGS,
)
_NOT_MINE = re.compile(
    r"^(?:\w+\W+){0,2}?(?:i|we)\b\W*(?:(?:will|shall|would|could|should|can|might|may|am|m|'m|’m)\s+)?"
    r"(?:not|never|no\s+longer|n't)\b|^i\s+(?:was|were)\s+going\s+to|^i\s+used\s+to|^i\s+would\s+have|"
    r"^i\s+could\s+have|^i\s+should\s+have|^i\s+might\s+have|"
    # an obligation or a wish to know is no plan: "I'll have to explain that", "I'd like to know where..."
    r"^i\s*(?:" + _APOS + r"?\s*ll|\s+will)\s+have\s+to\b|"
    r"^i\s*(?:(?:" + _APOS + r"?\s*d|\s+would)\s+(?:like|love)|\s+(?:want|need|wanna))\s+to\s+"
    r"(?:know|understand|hear\s+from)\b",
    _FLAGS,
)
_LEADING = re.compile(
    r"^(?:(?:ok(?:ay)?|so|and|yes|yeah|yep|sure|right|well|alright|fine|then|also|anyway|great|good|cool|"
    r"hmm+|um+|honestly|actually|look|fair enough|sounds good|deal|promise)\b[\s,.:!-]*)+",
    _FLAGS,
)
_TRAILING = re.compile(
    r"(?:[\s,]+(?:i\s+think|i\s+guess|i\s+hope|hopefully|maybe|probably|for\s+sure|then|too|anyway|lol|haha|"
    r"if\s+i\s+can|if\s+possible|promise|:\)|:-\)|🙂|😊|👍))+\s*$|(?:[^\w%]|_)+$",  # and any emoji: "...myself 🙏"
    _FLAGS,
)
# Not actions: "I'll think about it", "I will try", "I'll let you know", goodbyes.
_EMPTY_ACTION = re.compile(
    r"^(?:\w+\W+){0,2}?(?:think\s+about\s+it|try(?:\s+my\s+best)?|see|let\s+you\s+know|do\s+my\s+best|"
    r"be\s+(?:back|off|in\s+touch)|talk\s+(?:to\s+you\s+)?(?:soon|later|next\s+week)|see\s+you|"
    r"come\s+back(?:\s+to\s+you)?|get\s+back\s+to\s+you|go\s+now|have\s+to\s+go|sign\s+off|"
    r"leave\s+it\s+(?:there|here)|stop\s+(?:here|there|now)|call\s+it\s+a\s+day|wrap\s+(?:up|it\s+up))"
    r"\W*$",
    _FLAGS,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    score: float


def _pieces(text: str) -> list[tuple[int, int]]:
    """Raw (start, end) of each sentence, its closing punctuation included."""
    out = []
    start = 0
    for m in _BREAK.finditer(text):
        if m.group() == ".":
            before = text[max(start, m.start() - 8) : m.start()]
            after = text[m.end() : m.end() + 1]
            if (after.isalnum() and before[-1:].isalnum()) or (
                after == " " and _ABBREVIATION.search(before) and text[m.end() :].strip()
            ):
                continue  # "Mr. Keller", "2.5", "e.g. the": not the end of a sentence
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence, whitespace-trimmed."""
    out = []
    for a, b in _pieces(text):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and any(c.isalnum() for c in text[a:b]):
            out.append((a, b))
    return out


def has_when(clause: str | None) -> bool:
    """Whether a clause says when: a day, a date, 'tomorrow', 'this week', 'after the board'."""
    return bool(clause) and bool(_WHEN.search(clause or ""))


def _continues(text: str, pos: int, end: int) -> bool:
    """Whether the words at ``pos`` (just after a comma) carry on the plan rather than add an
    aside: a preposition or object ("to the thread", "e.g. the forum") or the plan's next
    action ("thank him for...", "and ask her...", "sceglierò...", "le remercier...")."""
    while pos < end and text[pos].isspace():
        pos += 1
    if _GOES_ON.match(text, pos, end) or _NEXT_ACTION.match(text, pos, end):
        return True
    lang = language(text)
    if lang in ("es", "fr", "pt", "it"):
        return bool(_ROMANCE_INFINITIVE.match(text, pos, end))
    if lang == "de":
        piece_end = text.find(",", pos, end)
        return bool(_GERMAN_INFINITIVE_PIECE.match(text, pos, end if piece_end < 0 else piece_end))
    return False


def _after_parentheses(text: str, pos: int, end: int) -> int | None:
    """Where the action goes on after up to :data:`_PARENTHESES` short asides between commas
    that start at ``pos``, or None when it does not."""
    for _ in range(_PARENTHESES):
        close = text.find(",", pos, end)
        if close < 0 or len(text[pos:close].split()) > _PARENTHESIS_WORDS:
            return None
        pos = close + 1
        while pos < end and text[pos].isspace():
            pos += 1
        if _continues(text, pos, end):
            return pos
    return None


def _trim(text: str, a: int, b: int, action: int | None = None) -> tuple[int, int]:
    """Shrink [a, b) to the action: no leading 'ok so', no trailing goodbye, aside, hedge or
    punctuation. ``action`` is where the action itself starts (after a leading time)."""
    lead = _LEADING.match(text, a, b)
    if lead and lead.end() < b:
        a = lead.end()
    action = a if action is None else max(action, a)
    cut = _CLAUSE_END.search(text, action, b)
    while cut and cut.start() - action < 3:  # a break right at the start: look further
        cut = _CLAUSE_END.search(text, cut.end(), b)
    if cut:
        b = cut.start()
    skip_to = -1
    for comma in _ASIDE.finditer(text, action, b):
        if comma.start() < skip_to:
            continue
        before = text[action : comma.start()]
        if len(before.split()) <= _ASIDE_AFTER_WORDS or _ONLY_WHEN.fullmatch(before.strip()):
            continue
        if _continues(text, comma.end(), b):
            continue
        piece_end = text.find(",", comma.end(), b)
        if _WHEN_PIECE.fullmatch(text[comma.end() : b if piece_end < 0 else piece_end].strip(" .!")):
            continue  # "..., thursday": when, part of the plan
        # A parenthesis between two commas (or two in a row: "Mama W., the farmer who has
        # supplied us longest, since 1998, and ask her..."), after which the action goes on.
        after = _after_parentheses(text, comma.end(), b)
        if after is not None:
            skip_to = after
            continue
        b = comma.start()
        break
    while True:
        tail = _TRAILING.search(text[a:b])
        if not tail or tail.start() == 0:
            break
        b = a + tail.start()
    return a, b


# Where and when, said before the subject, belong to the plan: "Before the board meeting I'll
# call...", "At the member day in Leiden on Tuesday I'll ask...", "el jueves en Oaxaca voy a...",
# "From Monday I'll...". A lead-in is a few words after any "ok" or "My plan:", opening with a
# preposition or holding a time, with no subject or verb of its own.
_LEAD_IN_START = re.compile(
    r"(?:on|at|in|from|before|after|by|during|over|until|starting|around|el|la|los|las|am|im|um|ab|bis|nach|vor|"
    r"le|au|à|dès|après|avant|il|nel|nella|al|alla|dopo|prima|entro|da|en|tras|desde|antes|después|na|no|nos|"
    r"depois|a\s+partir)\b",
    _FLAGS,
)
_NOT_LEAD_IN = re.compile(
    r"\b(?:i|we|you|he|she|they|ich|wir|je|nous|yo|io|eu|is|are|was|were|es|ist|est|è|é|said|says|told|think|"
    r"thought|guess|but|because|if|so)\b|[?!;\"]",
    _FLAGS,
)
_LEAD_IN_WORDS = 8


def _lead_in(text: str, s_start: int, start: int) -> int:
    """Where the clause starts once a lead-in of place and time before ``start`` is taken in."""
    piece = max(s_start, text.rfind(":", s_start, start) + 1)
    filler = _LEADING.match(text, piece, start)
    if filler:
        piece = filler.end()
    while piece < start and text[piece].isspace():
        piece += 1
    before = text[piece:start]
    if not before.strip() or len(before.split()) > _LEAD_IN_WORDS or _NOT_LEAD_IN.search(before):
        return start
    if _LEAD_IN_START.match(before) or _WHEN.search(before):
        return piece
    return start


def commitment_clause(text: str, score: Callable[[str], float] | None = None) -> Span | None:
    """The executive's own first-person future action in ``text``, as a trimmed span.

    ``score`` (a clause's commitment probability from the model) breaks ties between
    candidate clauses; the trigger's strength and a stated time count too.
    """
    best: Span | None = None
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        if sentence.rstrip().endswith("?"):
            continue  # "should I call them?" asks, it does not commit
        candidates: list[tuple[float, int]] = []
        for strength, rx in _TRIGGERS:
            for m in rx.finditer(sentence):
                candidates.append((strength, m.start()))
        for m in _WHEN_PRESENT.finditer(sentence):
            candidates.append((_PRESENT_STRENGTH, m.start()))
        for strength, pos in candidates:
            if _RELATIVE.search(sentence, 0, pos) and strength < 3.0:
                continue
            if _WHETHER.search(sentence, 0, pos):
                continue  # "people asked si vamos a cerrar la tienda": a question reported, no plan
            start = s_start + pos
            lead = _WHEN_LEAD.search(text, s_start, start)
            if lead:
                start = lead.start(1)
            start = _lead_in(text, s_start, start)
            # The clause runs from the subject to the end of its sentence piece.
            a, b = _trim(text, start, s_end, s_start + pos)
            if strength == _PRESENT_STRENGTH:
                # "Am Dienstag fahre ich ins Werk und spreche mit...": the plan is the first
                # verb's; what follows "und / y / e / et" is what they will do there.
                joined = _JOINED_VERB.search(text, s_start + pos, b)
                if joined and len(text[a : joined.start()].split()) >= _JOINED_AFTER_WORDS:
                    b = joined.start()
            clause = text[a:b]
            if len(clause.split()) < 2 or _NOT_MINE.match(text[s_start + pos : s_end]):
                continue
            if _EMPTY_ACTION.match(clause) or _JUDGED.match(clause):
                continue
            if strength < _FIRM and _TAKEN_BACK.match(text, b, min(len(text), b + 80)):
                continue  # "I should do it myself. but I won't have time until after the audit"
            value = strength + (0.8 if has_when(clause) else 0.0) + min(len(clause.split()), 12) * 0.02
            if score is not None:
                value += 2.0 * score(clause)
            if best is None or value > best.score:
                best = Span(a, b, value)
    return best


_NEGATED = re.compile(r"\b(?:not|never|no|nope|nah|won['’]?t|don['’]?t|can['’]?t|cannot|didn['’]?t|nicht|jamais|nunca|"
                      r"non|não|nao|pas)\b", _FLAGS)
# Not a plan of one's own: a goodbye, a request to the coach, a proposal for the group.
_GOODBYE_START = re.compile(
    r"^(?:talk|speak|see\s+you|catch\s+you|bye|until|till|have\s+a|give\s+me|tell\s+me|show\s+me|help\s+me|"
    r"send\s+me|let\s+me\s+know|we|you|they)\b",
    _FLAGS,
)
# "asking si vamos a cerrar", "whether we'll close": a reported question, not a plan.
_WHETHER = re.compile(r"\b(?:si|whether|ob|se)\s*$", _FLAGS)
# "one thing I can do", "what I could try": the subject sits in a relative clause, not a plan.
_RELATIVE = re.compile(r"\b(?:thing|things|something|anything|what|which|that|where|how)\s*$", _FLAGS)
# Someone else's plan: "my COO will...", "they're going to...", "the board plans to...".
_OTHER_SUBJECT = re.compile(
    r"^(?i:(?:ok|so|and|but|well|also)\W+)?(?:(?i:he|she|they|it|you|(?:my|our|the|his|her|their|your)\s+[\w-]+"
    r"(?:\s+[\w-]+)?)|(?!(?:" + _DAY + r")\b)(?-i:[A-Z][a-z]+))\s*"
    r"(?i:['’]ll|\s+will|\s+won['’]?t|\s+shall|\s+is\s+going\s+to|\s+are\s+going\s+to|"
    r"\s+plans?\s+to|\s+is\s+planning\s+to|\s+wants?\s+to|\s+has\s+to|\s+needs?\s+to|\s+\w+s\b)",
    _FLAGS,
)


_FALLBACK_MIN = 0.3
_ASKED_WHETHER = re.compile(
    r"\b(?:si|whether|ob|se)\s+(?:vamos|voy|vou|vamos|we|i|wir|ich|on|nous|je|andiamo|vado|eu)\b", _FLAGS
)
_CONDITION = re.compile(
    r"^(?:(?:but|and|mais|et|pero|y|ma|e|aber|und|mas)\s+)?(?:if|si|se|wenn|falls|when|quand|cuando|quando|unless)\b",
    _FLAGS,
)
_JUDGED_ANYWHERE = re.compile(
    r"\b(?:i\s*['’]?\s*ll|i\s+will|i\s*['’]?\s*d|i\s+would)\s+(?:call\s+it|count\s+it|consider\s+it)\s+(?:a\s+)?"
    r"(?:win|success|good|done)|\b(?:it\s+)?(?:worked|works)\s+if\b",
    _FLAGS,
)
# How they will judge a plan, not the plan: "I'll know it worked if...", "sabré que funcionó".
_JUDGED = re.compile(
    r"^(?:i\s*['’]?\s*ll|i\s+will|i\s*['’]?\s*d|i\s+would|je|yo|io|eu|ich)?\s*(?:know|call\s+it|count\s+it|"
    r"consider\s+it|judge|saurai|considérerai|sabré|saprò|saberei|werde\s+(?:ich\s+)?wissen)\b",
    _FLAGS,
)
# A description of how things are is not a plan, in any language: "I clienti sono i
# distributori esteri", "our customers are the installers", "Unsere Kunden sind...". A copula
# within the clause's first words, unless it names the plan ("the plan is: ...").
_DESCRIPTION = re.compile(
    r"^(?!.*\b(?:plan|plans|step|idea|experiment|commitment|goal|homework|piano|plano|projet|vorhaben|"
    r"objetivo|obiettivo|objectif|ziel)\b\s*(?:is|are|è|es|ist|est|é)\b)(?:[\w'’-]+\s+){0,5}?"
    r"(?:is|are|was|were|sono|è|era|erano|son|es|está|están|eran|sind|ist|war|waren|sont|est|était|étaient|"
    r"c['’]est|suis|sommes|j['’]ai|avons|tengo|tenemos|tiene|estoy|estamos|tenho|temos|estou|bin|habe|haben|"
    r"ho|abbiamo|have|has|(?:i\s+am|i['’]m)(?!\s+\w+ing\b)|"
    r"são|é|estão|eram|foi|zijn|hay|c['’]è|ci\s+sono|il\s+y\s+a|gibt\s+es|es\s+gibt|há)\b",
    _FLAGS,
)
# What happened, in the past tense: "It took thirty minutes", "they told me", "I did the
# reviews", "ho parlato", "hablé", "j'ai appelé", "ich habe ... gefragt", "falei".
_PAST = re.compile(
    # ("was" but not German "..., was sie stört")
    r"\b(?:(?<!,\s)was(?!\s+(?:sie|er|es|ich|wir|ihr|du|man|die|der|das|den|dem|ein|eine|mich|mir|uns)\b)|"
    r"were|did|didn['’]?t|went|took|told|said|came|saw|met|spoke|wrote|sent|thought|felt|heard|gave|"
    r"knew|kept|began|brought|bought|caught|chose|drove|fell|forgot|grew|held|led|lost|paid|rang|sold|showed|"
    r"stood|taught|threw|woke|ended\s+up|turned\s+out|got\s+(?:back|through|to)|(?:i|we|they|he|she|it|you|people)\s+(?:\w+\s+)?"
    r"(?:had|\w{2,}ed)|"
    r"(?:ho|abbiamo|hanno|ha|he|hemos|han|ha)\s+(?:\w+\s+)?\w+(?:ato|uto|ito|tto|sto|ado|ido)|"
    r"(?:mi|ci)\s+ha(?:nno)?\s+\w+|sono\s+(?:andat|stat|venut|tornat)\w|"
    r"(?:habe|haben|hat|hatte|hatten)\b(?:\s+\w+){0,5}?\s+ge\w+(?:t|en)|war|waren|"
    r"(?:j['’]ai|nous\s+avons|ils\s+ont|on\s+a|il\s+a|elle\s+a)\s+(?:\w+\s+)?\w+(?:é|ée|és|i|u|is|it)|"
    r"c['’]était|était|étaient|"
    r"fui|fue|fueron|hice|hicimos|dijo|dijeron|tardó|duró|hablé|llamé|pregunté|visité|estuve|"
    r"\w+(?:aron|ieron)|fiz|fizemos|fomos|foi|foram|disse|disseram|levou|demorou|falei|liguei|perguntei|"
    r"visitei|conversei|passei|mandei|escrevi)\b",
    _FLAGS,
)
# Chat drops the "I": "phoned two on monday and then...", but "booked Tuesday, 9am" is a plan made.
_PAST_START = re.compile(r"^(?!(?:booked|scheduled|planned|blocked|confirmed)\b)[^\W\d_]{2,}ed\b", _FLAGS)
# A future or a plan word: the clause looks ahead even if a story surrounds it.
_AHEAD = re.compile(
    r"\b(?:will|going\s+to|gonna|next|again|plan|tomorrow|this\s+(?:week|coming)|from\s+now|starting|"
    r"every|each)\b",
    _FLAGS,
)


def _story_follows(text: str, end: int) -> bool:
    """Whether the sentence after ``end`` tells what happened (past tense, no plan)."""
    for a, b in sentences(text[end:]):
        sentence = text[end + a : end + b]
        return bool(_PAST.search(sentence)) and not commitment_clause(sentence)
    return False


def fallback_clause(text: str, score: Callable[[str], float]) -> Span | None:
    """When the model hears a commitment but no trigger fits ("ok: ask 3 nurses on Friday"):
    the sentence the model likes best for it, trimmed; never a sentence whose subject is
    someone else."""
    best: Span | None = None
    for a, b in sentences(text):
        if text[a:b].rstrip().endswith("?"):
            continue
        a2, b2 = _trim(text, a, b)
        clause = text[a2:b2]
        if (len(clause.split()) < 3 or _EMPTY_ACTION.match(clause) or _OTHER_SUBJECT.match(clause)
                or _NEGATED.search(clause) or _NOT_MINE.match(clause) or _ONLY_WHEN.fullmatch(clause)
                or _GOODBYE_START.match(clause)):
            continue
        if (_CONDITION.match(clause) or _JUDGED_ANYWHERE.search(text[a:b]) or _ASKED_WHETHER.search(clause)
                or _TAKEN_BACK.match(text, b2, min(len(text), b2 + 80))):
            continue  # "if nobody insults me..., I'll call it a win": how it will be judged
        if _DESCRIPTION.match(clause):
            continue  # "I clienti sono i distributori esteri": how things are, not a plan
        if _PAST.search(clause) or _PAST_START.match(clause) or (not _AHEAD.search(clause) and _story_follows(text, b)):
            # "I did the reviews...", or "Two engineers, Tuesday, in the canteen. It took
            # thirty minutes.": the scene of a report, not a plan
            continue
        if max(score(clause), score(text[a:b])) < _FALLBACK_MIN:
            continue  # "everyone is fine" after a report: no plan, whatever the message as a whole
        value = score(clause) + (0.3 if has_when(clause) else 0.0)
        if best is None or value > best.score:
            best = Span(a2, b2, value)
    return best


# --- reports ----------------------------------------------------------------------------
_OUTCOME_ONLY = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|yup|no|nope|nah|well|so|ok|okay|honestly|sadly|sorry|partly|kind of|sort of|"
    r"mostly|half)\b\W*)*(?:i\s+)?(?:did\s+it|done|did\s+not|didn'?t|have\s+not|haven'?t|not\s+yet|"
    r"managed(?:\s+it)?|nailed\s+it|tried\s+it|half\s+done|sort\s+of|kind\s+of|partly|(?:it\s+)?went\s+"
    r"(?:well|ok|okay|fine|great|badly))\b[^a-z]*$",
    _FLAGS,
)
_SOCIAL = re.compile(
    r"^\W*(?:hi|hello|hey|good\s+(?:morning|afternoon|evening)|thanks?|thank\s+you|cheers|bye|goodbye|"
    r"see\s+you|talk\s+soon)\b",
    _FLAGS,
)


# How a report opens says its outcome before the model has to weigh the rest: "no.
# didn't happen", "a medias, ...", "Teilweise.", "nee, ..." (after any greeting).
_GREETING_LEAD = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|morning|good\s+(?:morning|afternoon|evening)|hola|buenas|buenos\s+días|hallo|"
    r"guten\s+(?:morgen|tag)|moin|bonjour|salut|olá|ola|oi|bom\s+dia|ciao|buongiorno|hoi|goedemorgen|"
    # and the interjections a report opens with: "Well! Partly.", "Hmm, not really"
    r"well(?!\s+done)|so|ok|okay|hmm+|um+|erm|ah|oh|right|honestly|bueno|pues|also|bon|eh|beh|allora|nou)\b"
    r"(?:\s+(?:coach|there|again|all))?[\s,.!:;-]*)+",
    _FLAGS,
)
# Words that open a report only when they stand alone ("no.", "half,", "mostly!"); "no pude",
# "not yet", "a medias" say it whatever follows. "mostly the farmers" answers something else.
_ALONE = r"\s*(?:[,.!;:…)\-–—]|$)"
_LEAD_OUTCOMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (outcome, re.compile(r"(?:(?:" + strong + r")\b|(?:" + alone + r")" + _ALONE + r")", _FLAGS))
    for outcome, strong, alone in (
        ("partly",
         r"partly|partially|half\s+(?:done|of\s+it|yes)|halfway|more\s+or\s+less|yes\s+and\s+no|in\s+part|"
         r"only\s+(?:part|half)|(?:one|1)\s+(?:of|out\s+of)\s+(?:the\s+)?(?:two|three|four|five|[2-9])|"
         r"(?:two|2)\s+(?:of|out\s+of)\s+(?:the\s+)?(?:three|four|five|[3-9])|"
         r"a\s+medias|más\s+o\s+menos|en\s+parte|solo\s+una\s+parte|teilweise|zum\s+teil|en\s+partie|"
         r"à\s+moitié|em\s+parte|mais\s+ou\s+menos|in\s+parte|a\s+metà|più\s+o\s+meno|deels|gedeeltelijk",
         r"half|halb|mostly|sort\s+of|kind\s+of|kinda"),
        ("not_done",
         r"not\s+(?:yet|done|this\s+(?:time|week))|sadly\s+(?:no|not)|unfortunately\s+(?:no|not)|didn['’]?t|"
         r"did\s+not|haven['’]?t|have\s+not|never\s+got|leider\s+(?:nicht|nein)|noch\s+nicht|"
         r"pas\s+(?:fait|encore|eu)|ainda\s+não|nog\s+niet|helaas\s+niet|todavía\s+no|aún\s+no|no\s+pude|"
         r"no\s+lo\s+hice|non\s+ancora|non\s+ci\s+sono\s+riuscit\w|non\s+ce\s+l['’]ho\s+fatta|niet\s+gelukt",
         r"no|nope|nah|not\s+really|nein|non|não|nao|nee"),
        ("done",
         r"(?:i\s+)?did\s+it|yes,?\s+(?:done|i\s+did)|all\s+done|nailed\s+it|lo\s+hice|ya\s+está|hab['’]?s\s+gemacht|"
         r"c['’]est\s+fait",
         r"done|i\s+did|hecho|gemacht|erledigt|geschafft|fait|feito|fiz|fatto|gedaan|gelukt"),
    )
)


# A report that says it was done, then says the experiment itself was cut: "Done! only 20
# minutes instead of the hour", "did it, but only talked to 2 of the 5".
_CUT_SHORT = re.compile(
    r"\b(?P<t1>\d+|ten|fifteen|twenty|thirty|forty|half\s+an?|an?|one|two|three)\s*(?P<u1>min(?:ute)?s?|hours?)\s+"
    r"(?:instead\s+of|not|rather\s+than)\s+(?P<t2>the|an?|\d+|ten|fifteen|twenty|thirty|forty|one|two|three)?\s*"
    r"(?P<u2>min(?:ute)?s?|hours?)?|\bonly\s+(?:managed|stayed|did|got\s+through|talked\s+to|spoke\s+to|went\s+to|visited|called|"
    r"asked|for\s+(?:\d+|ten|fifteen|twenty|thirty|half|an?)\b)|\bcut\s+(?:it\s+)?short\b|\bleft\s+early\b|"
    r"\b(?:talked\s+to|spoke\s+to|called|asked|met|visited|did|managed|read|saw)\s+(?:only\s+)?(?P<a>one|two|three|four|\d)\s+"
    r"(?:of|out\s+of)\s+(?:the\s+)?(?P<b>two|three|four|five|six|seven|eight|ten|\d+)\b(?!\s*%)",
    _FLAGS,
)


_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}


_MINUTES_IN = {"min": 1, "mins": 1, "minute": 1, "minutes": 1, "hour": 60, "hours": 60}


def _minutes(amount: str | None, unit: str | None) -> float | None:
    """'20' 'minutes' -> 20; 'the' 'hour' -> 60; None when the text does not say."""
    if not unit:
        return None
    amount = (amount or "").lower()
    if amount in ("", "the", "a", "an"):
        n: float = 1
    elif amount.startswith("half"):
        n = 0.5
    else:
        n = _NUMBER.get(amount) or _WORD_NUMBER.get(amount) or (int(amount) if amount.isdigit() else 1)
    return n * _MINUTES_IN[unit.lower()]


_WORD_NUMBER = {"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40}


def _fewer(m: re.Match[str]) -> bool:
    """A cut, unless it is a count of all ("3 out of 3") or more time than planned ("2 hours
    instead of 30 min")."""
    groups = m.groupdict()
    if groups.get("u1"):
        # "three hours not two": the plan's amount in the same unit
        second_unit = groups.get("u2") or (groups["u1"] if groups.get("t2") not in (None, "the", "a", "an") else None)
        spent, planned = _minutes(groups["t1"], groups["u1"]), _minutes(groups.get("t2"), second_unit)
        return planned is None or spent is None or spent < planned
    if groups.get("a") is None:
        return True
    a, b = (_NUMBER.get(x.lower()) or int(x) for x in (m.group("a"), m.group("b")))
    return a < b


# How a report says only part was done; without any of these, "partly" is a misreading of an
# enthusiastic "the best part of my week". Counts ("1 of 3", "one conversation, not three"),
# limits ("only", "just the first"), a cut ("left after 15 min", "then the week got away") or a
# part not done ("didn't call the second"), in the seven languages.
_PART = re.compile(
    r"\b(?:only|just|half|halfway|partly|partially|part\s+of\s+(?!my\b|the\s+(?:best|week|day|job)\b)|in\s+part|"
    r"some\s+of|not\s+all|not\s+(?:the|every|both|everything|quite|for|with|\d+|one|two|three|four|five)|"
    r"(?:one|two|three|four|\d+)\s+(?:\w+\s+)?(?:of|out\s+of|not)|no\s+\w+(?:\s+\w+)?,?\s+but|(?:called|asked|visited|met|talked\s+to|spoke\s+to|did)\s+(?:one|1)|"
    r"first|second|the\s+other|the\s+rest|bit|briefly|"
    r"but\s+not|didn['’]?t|did\s+not|couldn['’]?t|could\s+not|wasn['’]?t|never|no\s+time|ran\s+out|"
    r"instead\s+of|rather\s+than|short(?:er)?|less|fewer|except|left|cut|mostly|sort\s+of|kind\s+of|kinda|"
    r"a\s+bit|started|skipped|missed|postponed|cancel+ed|moved|got\s+(?:away|pulled|called)|fell\s+apart|"
    r"not\s+yet|yes\s+and\s+no|more\s+or\s+less|too\s+\w+|yes,?\s+but|interrupted|stopped|gave\s+up|pending|"
    r"still\s+(?:to|on|need|have|waiting)|remaining|unfinished|not\s+finished|a\s+few|a\s+couple|some|once|single|"
    r"had\s+to|haven['’]?t|have\s+not|hasn['’]?t|none|nobody|no\s+one|later|rescheduled|other\s+(?:one|two|half)|"
    r"then\s+(?:i\s+)?(?:got|had|was|the)|after\s+(?:\d+|ten|fifteen|twenty|half)|\d+\s*(?:min|mins|minutes)|"
    r"solo|sólo|nur|seulement|só|apenas|metà|medias|parte|teilweise|halb|moitié|partie|menos|weniger|moins|meno|"
    r"no\s+(?:pude|me|llegué|hice|tuve)|nicht\s+(?:alle|geschafft|gemacht|ganz)|pas\s+(?:tout|tous|toutes|pu|eu|fait)|"
    r"não\s+(?:consegui|deu|fiz|tudo|todos)|non\s+(?:sono|ce|ho|tutt\w)|niet\s+(?:alle|gelukt|gedaan)|deels|maar|alleen|slechts|una?\s+de|uno?\s+dei?|"
    r"eine[nm]?\s+von|l['’]une?|um\s+dos|uma\s+das|primer[oa]?|prim[oa]|premier|première|erste[nr]?|primeir[oa])\b|"
    r",\s*not\b",
    _FLAGS,
)
# ...and how it says more was done than planned: "way more than five, I ended up doing eleven".
_MORE = re.compile(
    r"\b(?:(?:way|even|much|far|a\s+lot|lots)\s+more|(?:way|well|far)\s+beyond|(?:ben\s+)?oltre\s+il\s+previsto|"
    r"más\s+de\s+lo\s+(?:previsto|planeado|que\s+dije)|more\s+than\s+(?:planned|i\s+(?:planned|said|promised|meant)|"
    r"\w+\s+(?:times|calls|people)?)|ended\s+up\s+(?:doing|calling|talking|reading|with|replying|writing|"
    r"meeting|spending)|and\s+more|(?:anche|e)\s+di\s+più|(?:aún|todavía|incluso)\s+más|y\s+más|"
    r"(?:sogar|noch)\s+mehr|mehr\s+als|et\s+même\s+plus|encore\s+plus|plus\s+que\s+prévu|ainda\s+mais|"
    r"e\s+mais|mais\s+do\s+que)\b",
    _FLAGS,
)


def says_part(text: str) -> bool:
    """Whether a report says anything that makes it partial (see ``_PART``)."""
    return bool(_PART.search(text))


_PLAINLY_PART = re.compile(
    r"\b(?:only|partly|partially|but\s+not|didn['’]?t|did\s+not|couldn['’]?t|could\s+not|not\s+all|"
    r"(?:one|two|three|\d+)\s+(?:\w+\s+)?(?:of|out\s+of))\b",
    _FLAGS,
)


# Words that a plain "no." report goes on to take back in part: "No, but I did ring one".
_DID_SOME = re.compile(
    r"\b(?:only|partly|partially|half|some\s+of|one\s+of|but\s+(?:i\s+)?(?:did|managed|went|called|rang)|"
    r"did\s+(?:one|the\s+first)|pero\s+sí|aber\s+(?:ich\s+)?(?:habe|war)|mais\s+j['’]ai|ma\s+ho|mas\s+(?:eu\s+)?fiz)\b",
    _FLAGS,
)


def did_some(text: str) -> bool:
    """Whether a report that opens with "no" says part of it was done after all."""
    return bool(_DID_SOME.search(text))


def says_more(text: str) -> bool:
    """Whether a report says more was done than planned ("way more than five", "e anche di
    più"), and says no part of it was left out."""
    longer = any(m.group("u1") and not _fewer(m) for m in _CUT_SHORT.finditer(text))  # "2 hours instead of 30 min"
    return (longer or bool(_MORE.search(text))) and not _PLAINLY_PART.search(text)


def cut_short(text: str) -> bool:
    """Whether a report says the experiment was done only in part (less time, fewer people)."""
    return any(_fewer(m) for m in _CUT_SHORT.finditer(text))


def lead_outcome(text: str) -> str | None:
    """The outcome a report states in its opening words, if it states one plainly (after any
    greeting, or after a short topic lead: "Zur Aufgabe: teilweise erledigt.")."""
    start = 0
    greeting = _GREETING_LEAD.match(text)
    if greeting and greeting.end() < len(text):
        start = greeting.end()
    starts = [start]
    topic = _TOPIC_LEAD.match(text, start)
    if topic:
        starts.append(topic.end())
    for at in starts:
        for outcome, rx in _LEAD_OUTCOMES:
            if rx.match(text, at):  # partly first: "half done", "yes and no"
                return outcome
    return None


# "About the experiment:", "Zur Aufgabe:", "Re the calls -": a few words that name the topic.
_TOPIC_LEAD = re.compile(r"(?:[^\W\d_]+\s+){0,3}[^\W\d_]+\s*[:–—-]\s*", _FLAGS)
# Not done, said plainly anywhere in a short report: "devo confessare che non le ho fatte".
_NOT_DONE = re.compile(
    r"\b(?:didn['’]?t\s+(?:do\s+(?:it|them|that|the\s+\w+)|manage\s+(?:it|to)|get\s+(?:to\s+it|round\s+to\s+it)|"
    r"make\s+it)|did\s+not\s+(?:do\s+(?:it|them|that|the\s+\w+)|manage)|"
    r"haven['’]?t\s+done|never\s+got\s+(?:to|round)|non\s+(?:l[oa]|li|le|l['’])\s*ho\s+fatt[oaie]|non\s+ho\s+fatto|"
    r"non\s+ci\s+sono\s+riuscit\w|no\s+lo\s+hice|no\s+lo\s+he\s+hecho|no\s+he\s+podido|nicht\s+geschafft|"
    r"nicht\s+gemacht|je\s+ne\s+l['’]ai\s+pas\s+fait|pas\s+pu\s+le\s+faire|não\s+fiz|não\s+consegui)\b",
    _FLAGS,
)


def says_not_done(text: str) -> bool:
    """Whether a report says plainly, anywhere in it, that the experiment was not done."""
    return bool(_NOT_DONE.search(text))


def learnt_span(text: str) -> tuple[int, int] | None:
    """What the executive says happened or what they noticed, from a report: the run of
    sentences after any bare outcome ("Did it!"), greeting or goodbye, and before any question."""
    kept: list[tuple[int, int]] = []
    for a, b in sentences(text):
        sentence = text[a:b]
        if _OUTCOME_ONLY.match(sentence) or _SOCIAL.match(sentence) or sentence.rstrip().endswith("?"):
            if kept:
                break
            continue
        if commitment_clause(sentence) and not re.search(r"\b(?:did|was|were|went|had|said|told)\b", sentence, _FLAGS):
            if kept:
                break
            continue
        kept.append((a, b))
    if not kept:
        return None
    a, b = kept[0][0], kept[-1][1]
    while b > a and text[b - 1] in " ,;:":
        b -= 1
    return (a, b) if len(text[a:b].split()) >= 3 else None


# --- feelings, questions ----------------------------------------------------------------
_FEELING = re.compile(
    r"\b(?:(?:a\s+(?:bit|little)|quite|really|very|so|pretty|super|slightly|somewhat|totally|completely|"
    r"kind\s+of|kinda|sort\s+of|a\s+tad|rather|honestly|genuinely|bit)\s+)?"
    r"(?:nervous|anxious|excited|frustrated|annoyed|worried|scared|afraid|overwhelmed|tired|exhausted|"
    r"proud|happy|glad|relieved|embarrassed|awkward|uncomfortable|stressed(?:\s+out)?|stuck|sad|angry|upset|"
    r"fed\s+up|burnt\s+out|burned\s+out|thrilled|delighted|hopeful|energi[sz]ed|confused|guilty|ashamed|"
    r"lonely|grateful|disappointed|irritated|uneasy|terrified|bored|pumped|motivated|drained|insecure|"
    r"vulnerable|exposed|out\s+of\s+my\s+depth|on\s+edge|intimidated|defensive|impatient|discouraged|"
    r"demotivated|encouraged|optimistic|pessimistic|cynical|hesitant|reluctant|curious|torn|"
    r"cansad[oa]|nervios[oa]|preocupad[oa]|frustrad[oa]|contento|contenta|agotad[oa]|müde|nervös|"
    r"frustriert|gestresst|froh|besorgt|fatigué(?:e)?|nerveux|nerveuse|inquiète?|épuisé(?:e)?|stressé(?:e)?|"
    r"stanc[oa]|nervos[oa]|preoccupat[oa]|ansios[oa]|preocupad[oa]|esgotad[oa]|humbling|humbled|surprised|"
    r"grumpy|stressing\s+me\s+out|scared|embarrass(?:ed|ing)|worries\s+me|bugs\s+me|bothers\s+me|gutted|"
    r"dreading|sheepish|shattered|knackered|moved|touched|vergüenza|miedo|ridícul[oa]|ridicule|ridicol[oa]|"
    r"agobiad[oa]|peinlich|gestresst|genervt|gêné(?:e)?|honte|peur|vergonha|medo|imbarazzat[oa]|paura)\b",
    _FLAGS,
)


def feelings(text: str) -> tuple[str, ...]:
    """Feeling words as written, with their intensifier ("a bit nervous")."""
    return tuple(dict.fromkeys(m.group(0) for m in _FEELING.finditer(text)))


_AUX_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay|also|hmm|well)\W+)?(?:should|shall|do|does|did|is|are|can|could|would|will|"
    r"what|how|why|which|who|where|when|any)\b",
    _FLAGS,
)


def question(text: str) -> str | None:
    """The question the executive puts to the coach: the last sentence ending in '?', else one
    phrased as a question without the mark."""
    spans = sentences(text)
    asked = [(a, b) for a, b in spans if text[a:b].rstrip().endswith("?")]
    if not asked:
        asked = [(a, b) for a, b in spans if _AUX_QUESTION.match(text[a:b])]
    if not asked:
        return None
    a, b = asked[-1]
    lead = _LEADING.match(text, a, b)
    if lead and lead.end() < b and text[a:b].rstrip().endswith("?"):
        a = lead.end()
    return text[a:b].strip()


# --- language ---------------------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LANG_WORDS: dict[str, frozenset[str]] = {
    "es": _words(
        "el la los las que de y es no por para con una un pero muy nuestro nuestros clientes creo hola "
        "gracias estoy tengo empresa voy semana mañana hice hablé llamé también adiós hasta luego equipo "
        "porque cómo qué debería hacer esta este lo me mi yo sí pude tuve fui hice tiempo nada todavía del al "
    ),
    "fr": _words(
        "le la les des est et que je nous pas pour avec une un mais très nos clients bonjour merci suis "
        "entreprise c'est vais semaine demain j'ai fait au revoir bientôt équipe parce comment quoi dois "
        "faire cette ce mon moi oui du sur semaine bonne journée sommes pas "
    ),
    "de": _words(
        "der die das und ist nicht ich wir mit für ein eine aber sehr unsere kunden hallo danke bin "
        "unternehmen auch werde woche morgen habe gemacht tschüss bis bald team weil wie was soll machen "
        "diese mein mir ja zu den dem nein leider noch war "
    ),
    "pt": _words(
        "o os as que de e não para com uma um mas muito nossos clientes olá obrigado obrigada estou tenho "
        "empresa vou semana amanhã fiz falei liguei também tchau até logo equipe porque como devo fazer esta "
        "este eu sim meu minha você feito fiz nosso nossa ainda valeu pena "
    ),
    "it": _words(
        "il lo gli che di e non per con una un ma molto nostri clienti ciao grazie sono azienda anche vado "
        "settimana domani ho fatto parlato chiamato arrivederci presto squadra perché come cosa dovrei fare "
        "questa questo mio mia io sì bene della dei sede fatto "
    ),
    "nl": _words(
        "het een en is niet ik wij we met voor maar heel onze klanten hallo bedankt ben bedrijf ook ga "
        "morgen heb gedaan gelukt doei tot ziens omdat hoe wat moet doen deze dit mijn ja nee er van "
        "naar geen wel nog zijn dat "
    ),
}
_EN_WORDS = _words(
    "the a an and is are i we to of in it that our my you for with not but be this have do what how they "
    "on will just so was did me yes no ok "
)
_LANG_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def language(text: str) -> str:
    """An ISO 639-1 guess among en, es, fr, de, pt, it, nl (English when unsure)."""
    toks = _LANG_WORD.findall(text.lower().replace("’", "'"))
    if not toks:
        return "en"
    english = sum(t in _EN_WORDS for t in toks)
    scores = {code: sum(t in words and t not in _EN_WORDS for t in toks) for code, words in _LANG_WORDS.items()}
    lowered = text.lower()
    for code, marks in (("es", "ñ¿¡"), ("de", "ßäöü"), ("pt", "ãõç"), ("fr", "çèêàâœ"), ("it", "ìòù")):
        if any(m in lowered for m in marks):
            scores[code] += 1
    best = max(scores, key=lambda c: (scores[c], c == "es"))
    if scores[best] >= 1 and scores[best] > english:
        ties = [c for c, v in scores.items() if v == scores[best]]
        return best if len(ties) == 1 else _tiebreak(ties, toks)
    return "en"


_STRONG = {
    "es": {"hola", "gracias", "adiós", "hasta", "voy", "hice", "mañana", "muy", "pero", "estoy", "qué", "cómo"},
    "fr": {"bonjour", "merci", "je", "nous", "vais", "demain", "très", "mais", "suis", "c'est", "j'ai"},
    "de": {"hallo", "danke", "ich", "wir", "werde", "morgen", "sehr", "aber", "bin", "tschüss", "nicht"},
    "pt": {"olá", "obrigado", "obrigada", "vou", "amanhã", "muito", "mas", "estou", "não", "tchau", "você"},
    "it": {"ciao", "grazie", "sono", "vado", "domani", "molto", "ma", "non", "perché", "arrivederci", "ho"},
    "nl": {"het", "niet", "ik", "nee", "bedankt", "gedaan", "gelukt", "geen", "ook", "heel", "naar", "doei"},
}


def _tiebreak(codes: list[str], toks: list[str]) -> str:
    return max(codes, key=lambda c: (sum(t in _STRONG[c] for t in toks), -codes.index(c)))


# --- choosing between options -------------------------------------------------------------
# "I could visit the plant or call the distributors" ... later "ok, the second one. Friday.":
# the options an executive (or the coach) laid out, and which one a later message picks.
_OPTION_LEAD = re.compile(
    r"\b(?:i|we)\s+(?:could|might|can|may)\s+(?:either\s+)?|\beither\s+|\b(?:maybe|perhaps)\s+(?:i\s+(?:could|can)\s+)?|"
    r"\b(?:podría|podria|puedo|könnte|kann\s+ich|ich\s+kann|pourrais|peux|poderia|posso|potrei|kan\s+ik|ik\s+kan)\s+",
    _FLAGS,
)
_OR = re.compile(
    r"\s*,?\s+(?:or|o|oder|ou|oppure|of)\s+(?:else\s+)?(?:(?:maybe|perhaps)\s+)?(?:(?:i|we)\s+(?:could|might|can)\s+)?"
    r"|\s*,\s*(?:maybe|perhaps)\s+(?:(?:i|we)\s+(?:could|might|can)\s+)?",
    _FLAGS,
)
_LISTED = re.compile(r"(?:^|\n)\s*(?:\d[.):]|[-•*]|\(?[abc]\)|option\s+\d\s*[:.)-]?)\s*([^\n]+)", _FLAGS)


def options(text: str) -> tuple[str, ...]:
    """The alternatives laid out in ``text``, verbatim and trimmed ("visit the Lyon plant",
    "call the three distributors"), in the order given; empty when it offers no choice."""
    listed = [m.group(1).strip() for m in _LISTED.finditer(text)]
    if len(listed) >= 2:
        return tuple(_TRAILING.sub("", item) or item for item in listed)
    for a, b in sentences(text):
        lead = _OPTION_LEAD.search(text, a, b)
        if not lead:
            continue
        parts, start = [], lead.end()
        for m in _OR.finditer(text, start, b):
            parts.append((start, m.start()))
            start = m.end()
        parts.append((start, b))
        found = []
        for p, q in parts:
            p, q = _trim(text, p, q)
            if len(text[p:q].split()) >= 1 and any(c.isalnum() for c in text[p:q]):
                found.append(text[p:q])
        if len(found) >= 2:
            return tuple(found)
    return ()


_ORDINALS: tuple[tuple[int, str], ...] = (
    (0, r"first|1st|one|1|a|former|primer[oa]?|erste[nr]?|premi[eè]re?|primeir[oa]|prim[oa]|eerste"),
    (1, r"second|2nd|two|2|b|segund[oa]|zweite[nr]?|deuxième|second[oa]|tweede"),
    (2, r"third|3rd|three|3|c|tercer[oa]?|dritte[nr]?|troisième|terceir[oa]|terz[oa]|derde"),
)
_PICK_WORDS = r"(?:one|option|idea|thing|uno|una|opción|option|opção|opzione|variante|idee|optie)"
_LAST = re.compile(r"\b(?:the\s+)?(?:latter|last\s+" + _PICK_WORDS + r"|last)\b", _FLAGS)
_CONTENT = re.compile(r"[^\W\d_]{4,}")
_COMMON = word_set(
    "that this with then them they will would could should about just maybe option first second okay "
    "yeah sure fine good great sounds idea thing week friday monday tuesday wednesday thursday"
)


def pick(text: str, choices: tuple[str, ...] | list[str]) -> int | None:
    """Which of ``choices`` (see :func:`options`) ``text`` picks: by position ("the second
    one", "option B", "the latter", "el primero") or by its words ("the distributors");
    None when it picks none, or several."""
    if len(choices) < 2:
        return None
    short = len(text.split()) <= 6
    for index, words in _ORDINALS:
        if index >= len(choices):
            continue
        named = re.search(
            r"\b(?:(?:the|el|la|die|der|das|le|la|o|a|il|lo|de|het)\s+)?(?:" + words + r")\s+" + _PICK_WORDS + r"\b|"
            r"\b(?:option|opción|opção|opzione|variante|optie)\s+(?:" + words + r")\b",
            text,
            _FLAGS,
        )
        bare = short and re.search(r"^\W*(?:(?:ok(?:ay)?|so|yes|yeah|fine|then|let'?s\s+(?:do|go\s+with))\W+)*"
                                   r"(?:(?:the|el|la|die|der|das|le|o|a|il|lo|de|het)\s+)?(?:" + words + r")\b"
                                   r"(?!\s+(?:of|or|and)\b)", text, _FLAGS)
        if named or bare:
            if index == 0 and re.search(r"\bone\s+(?:of|or)\b", text, _FLAGS):
                continue
            return index
    if _LAST.search(text):
        return len(choices) - 1
    said = {stem_word(w) for w in _CONTENT.findall(text.lower())} - _COMMON
    overlaps = [len(said & ({stem_word(w) for w in _CONTENT.findall(c.lower())} - _COMMON)) for c in choices]
    best = max(overlaps)
    if best and overlaps.count(best) == 1:
        return overlaps.index(best)
    return None


def stem_word(word: str) -> str:
    """A crude stem for comparing words across messages ("distributors" ~ "distributor")."""
    for suffix in ("ing", "ers", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word

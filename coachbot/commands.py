"""The one command parser: what the executive asks the bot to *do*, in any channel.

The terminal, Slack DMs and Teams chats all pass the executive's text through
:func:`parse`. A command is either a whole message naming it ("help", "/checkin",
"settings") or a request in plain words ("move my check-in to Tuesday at 10", "skip this
week", "I'm away until 5 January"). Anything else is coaching, so "help me think about
our partners" is never taken for "help".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

NAMES = (
    "help", "checkin", "settings", "pause", "resume", "export", "forget", "recap",
    "schedule", "snooze", "skip_week", "away", "stop_checkins", "hr",
)

# Whole-message commands, with the words people type for them.
_WHOLE: dict[str, str] = {
    "help": "help", "?": "help", "commands": "help", "menu": "help", "what can you do": "help",
    "how does this work": "help",
    "checkin": "checkin", "check-in": "checkin", "check in": "checkin", "weekly check-in": "checkin",
    "settings": "settings", "my settings": "settings", "preferences": "settings",
    "pause": "pause", "pause check-ins": "pause", "pause checkins": "pause", "pause my check-ins": "pause",
    "resume": "resume", "unpause": "resume", "resume check-ins": "resume", "restart check-ins": "resume",
    "start check-ins again": "resume",
    "export": "export", "export my data": "export", "download my data": "export",
    "forget": "forget", "forget me": "forget", "delete my data": "forget", "delete everything": "forget",
    "recap": "recap",
    "hr": "hr", "what hr sees": "hr", "what does hr see": "hr", "what can hr see": "hr",
    "snooze": "snooze", "later": "snooze", "remind me later": "snooze", "ask me later": "snooze",
    "skip": "skip_week", "skip this week": "skip_week", "skip this week's check-in": "skip_week",
    "stop": "stop_checkins", "stop check-ins": "stop_checkins", "stop checkins": "stop_checkins",
    "no more check-ins": "stop_checkins", "unsubscribe": "stop_checkins",
}

_RECAP = re.compile(
    r"\b(what did we (?:talk|speak|chat) about|what did we (?:discuss|cover)|remind me what we|"
    r"where did we leave (?:off|it)|what we talked about|recap (?:of )?last time)\b",
    re.IGNORECASE,
)
_CHECKIN_WORDS = re.compile(r"\bcheck[- ]?ins?\b", re.IGNORECASE)
_MOVE = re.compile(r"\b(?:move|change|switch|shift|reschedule|set|put)\b", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"\b(?P<h>\d{1,2})(?:[:.h](?P<m>\d\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?(?![\d/-])", re.IGNORECASE)
_SNOOZE = re.compile(
    r"^\s*(?:please\s+)?(?:snooze(?: (?:it|this|the check-?in))?|remind me (?:later|in (?P<n>\d{1,2}) hours?)|"
    r"ask me (?:again )?later|not now,? later)(?: please)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
_SKIP = re.compile(r"\bskip (?:this|the) week(?:'s)?(?: check-?in)?\b|\bno check-?in this week\b", re.IGNORECASE)
_AWAY = re.compile(
    r"\b(?:i'?m|i am|i'll be|i will be)\s+(?:away|off|out of (?:the )?office|on (?:holiday|vacation|leave|"
    r"parental leave|sabbatical))\s+(?:until|till|til|through|to)\s+(?P<when>[^.,;!?]+)",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"^\s*(?:please\s+)?(?:stop|end|cancel|turn off)\s+(?:the |my |all |sending (?:me )?)?(?:weekly )?"
    r"check-?ins?(?: for good| altogether| please)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")


@dataclass(frozen=True)
class Command:
    """A command and what it carries (a weekday, a time, a date, hours)."""

    name: str
    weekday: int | None = None  # 0 = Monday
    time: str | None = None  # HH:MM
    until: date | None = None
    hours: int | None = None


def parse(text: str, today: date | None = None) -> Command | None:
    """The command ``text`` asks for, or None when it is something to coach."""
    whole = " ".join(text.strip().lower().split()).strip(" .!?").removeprefix("/") or text.strip()
    whole = whole.replace("’", "'")
    if whole in _WHOLE:
        return Command(_WHOLE[whole])
    if len(whole) > 200:  # a long message is a conversation, whatever words it contains
        return None
    if _RECAP.search(whole):
        return Command("recap")
    snooze = _SNOOZE.match(whole)
    if snooze:
        return Command("snooze", hours=int(snooze.group("n")) if snooze.group("n") else None)
    if _STOP.match(whole):
        return Command("stop_checkins")
    if _SKIP.search(whole):
        return Command("skip_week")
    away = _AWAY.search(whole)
    if away:
        until = parse_date(away.group("when"), today or date.today())
        if until is not None:
            return Command("away", until=until)
    # "move my check-in to Tuesday", or a short "check-in at 4pm please"; a longer message
    # that merely mentions check-ins and a day is coaching.
    if _CHECKIN_WORDS.search(whole) and (_MOVE.search(whole) or len(whole.split()) <= 8):
        weekday, time = _weekday(whole), _time(whole)
        if weekday is not None or time is not None:
            return Command("schedule", weekday=weekday, time=time)
    return None


def _weekday(text: str) -> int | None:
    for index, day in enumerate(_WEEKDAYS):
        if re.search(rf"\b{day[:3]}(?:{day[3:]})?\b", text):
            return index
    return None


def _time(text: str) -> str | None:
    for match in _TIME.finditer(text):
        ampm = (match.group("ampm") or "").replace(".", "").lower()
        if not (match.group("m") or ampm or re.search(rf"\b(?:at|@)\s*{re.escape(match.group(0))}", text)):
            continue
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        if ampm == "pm" and hour < 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
        if 0 <= hour <= 23 and 0 <= minute <= 59:
            return f"{hour:02d}:{minute:02d}"
    return None


def parse_date(text: str, today: date) -> date | None:
    """A date in plain words: 2026-12-03, 3 December, Dec 3rd, 3/12 is not guessed (ambiguous)."""
    text = text.strip().lower()
    try:
        return datetime.strptime(text[:10], "%Y-%m-%d").date()
    except ValueError:
        pass
    day_match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text)
    month = next((i for i, m in enumerate(_MONTHS, 1) if re.search(rf"\b{m[:3]}(?:{m[3:]})?\b", text)), None)
    if day_match and month:
        day = int(day_match.group(1))
        for year in (today.year, today.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                return None
            if candidate >= today:
                return candidate
    if "next week" in text:
        return date.fromordinal(today.toordinal() + 7)
    return None

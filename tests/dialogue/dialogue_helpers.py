"""Shared by the dialogue tests: run a scripted session as an executive would."""

from __future__ import annotations

from datetime import timedelta

from coachbot.engine import Coach
from coachbot.models import Reply, Who
from coachbot.wording import load_prompts

PROMPTS = load_prompts()


def talk(coach: Coach, who: Who, lines: list[str], start, fresh: bool = True) -> list[Reply]:
    """One session: the coach opens, each line is answered until a close, end of input closes."""
    now = start
    transcript = list(coach.start(who, now, fresh=fresh))
    for line in lines:
        now += timedelta(minutes=1)
        replies = coach.reply(who, line, now)
        transcript += replies
        if any(r.kind == "close" for r in replies):
            return transcript
    transcript += coach.end_session(who, now + timedelta(minutes=1))
    return transcript


def question_texts(qid: str) -> set[str]:
    return set(PROMPTS.get(f"questions.{qid}.ask")) | set(PROMPTS.get(f"questions.{qid}.follow_up"))


def asks(reply: Reply, texts: set[str] | list[str]) -> bool:
    """Whether ``reply`` ends by asking one of ``texts``."""
    return any(reply.text.endswith(t) for t in texts)

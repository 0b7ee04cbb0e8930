"""Small helpers every Teams turn uses: the executive, the clock, sending cards."""

from __future__ import annotations

import asyncio
import html
import re
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ParamSpec, TypeVar

from microsoft_agents.activity import Activity, ActivityTypes, TextFormatTypes
from microsoft_agents.hosting.core import CardFactory, MessageFactory, TurnContext

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.models import Reply, Who

from . import identity, storage
from .wiring import Sdk

# The address this server was reached at, set per request by the endpoint; export links
# use it when COACHBOT_PUBLIC_URL is not configured (local development).
REQUEST_BASE_URL: ContextVar[str] = ContextVar("coachbot_teams_base_url", default="")


@dataclass(frozen=True)
class Teams:
    """Everything a Teams handler needs, passed around instead of globals."""

    coach: Coach
    config: Config
    sdk: Sdk
    owner: str = field(default_factory=lambda: uuid.uuid4().hex)  # this server, in the inbox (inbox.py)

    def who(self, context: TurnContext) -> Who:
        return identity.who_of(context.activity, dev_mode=self.sdk.dev_mode)

    def base_url(self) -> str:
        return (self.config.public_url or REQUEST_BASE_URL.get()).rstrip("/")


P = ParamSpec("P")
T = TypeVar("T")


def now() -> datetime:
    return datetime.now(UTC)


async def run(func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """The engine is synchronous (SQLite, maybe an LLM call): keep it off the event loop."""
    return await asyncio.to_thread(func, *args, **kwargs)


LIST_ITEM = re.compile(r"^\s*(?:[•\-*–]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Undo the hard wrapping of prose in the wording files, keep lists and paragraphs.

    A line break inside a paragraph is a soft wrap unless the next line is a list item.
    """
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        joined = lines[:1]
        for line in lines[1:]:
            if LIST_ITEM.match(line):
                joined.append(line)
            else:
                joined[-1] = f"{joined[-1]} {line}"
        paragraphs.append("\n".join(joined))
    return "\n\n".join(paragraphs)


def text_activity(text: str) -> Activity:
    """The coach's plain text as Teams shows it: lists kept, nothing read as markup.

    Teams' "plain" and "markdown" formats both fold single line breaks into spaces (the
    help text's list would run together), and markdown would turn a stray asterisk
    into emphasis; "xml" with the text escaped and <br> for each break shows it as written.
    """
    escaped = html.escape(reflow(text.replace("\r\n", "\n")), quote=False).replace("\n", "<br>")
    activity = MessageFactory.text(escaped)
    activity.text_format = TextFormatTypes.xml
    return activity


def card_activity(card: dict) -> Activity:
    return MessageFactory.attachment(CardFactory.adaptive_card(card))


async def send_replies(context: TurnContext, replies: Iterable[Reply]) -> None:
    for reply in replies:
        if reply.text.strip():
            await context.send_activity(text_activity(reply.text))


async def send_card(teams: Teams, context: TurnContext, who: Who, kind: str,
                    build: Callable[[str], dict]) -> str:
    """Register a card, send it, and remember the message id so the card can be updated.

    ``build(card_id)`` returns the card dict.
    """
    card_id = await run(storage.new_card, teams.coach.store, who, kind, now())
    response = await context.send_activity(card_activity(build(card_id)))
    await run(storage.card_sent, teams.coach.store, who, card_id, getattr(response, "id", None))
    return card_id


async def replace_card(context: TurnContext, card: dict, fallback_id: str | None = None) -> None:
    """Swap the card the executive just clicked for ``card`` (one with no buttons).

    Teams says which message was clicked in ``replyToId``; the id saved when the card
    was sent covers clients that leave it out.
    """
    activity_id = context.activity.reply_to_id or fallback_id
    if not activity_id:
        return  # a client that does not say which message was clicked: nothing to update
    update = Activity(type=ActivityTypes.message, id=activity_id,
                      attachments=[CardFactory.adaptive_card(card)])
    await context.update_activity(update)

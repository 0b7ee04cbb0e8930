"""Teams streaming in a personal chat: an informative update while an LLM works, then the answer.

Teams' streaming protocol (1:1 chats only) shows a typing activity carrying a
``streaminfo`` entity as a live, replaceable message; the activity id Teams returns is
the stream's id, and a ``message`` with ``streamType: final`` and that id ends the
stream in place. The coach's text exists only once it has passed the guards, so the
one thing streamed before it is the informative update ("Thinking about what you
said…"); the first reply ends the stream, the rest follow as ordinary messages.

Without an LLM, or outside a personal chat, or when Teams refuses the update, it is the
plain typing indicator and ordinary messages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from microsoft_agents.activity import Activity, ActivityTypes, StreamInfo
from microsoft_agents.hosting.core import TurnContext

from coachbot.engine import Coach
from coachbot.models import Reply

from .turns import text_activity

log = logging.getLogger("coachbot.teams")

INFORMATIVE_LIMIT = 1000  # characters Teams allows in an informative update


def llm_enabled(coach: Coach) -> bool:
    """Whether an LLM may be working on answers (then an informative update is worth showing)."""
    phraser = getattr(getattr(coach, "dialogue", None), "phraser", None)
    return phraser is not None and type(phraser).__name__ != "BuiltinPhraser"


async def begin(coach: Coach, context: TurnContext, personal: bool = True) -> str | None:
    """Show that the coach is working; returns the stream id when a stream was started."""
    if not (personal and llm_enabled(coach)):
        await context.send_activity(Activity(type=ActivityTypes.typing))
        return None
    text = coach.prompts.text("teams_stream.informative")[:INFORMATIVE_LIMIT]
    update = Activity(type=ActivityTypes.typing, text=text,
                      entities=[StreamInfo(stream_type="informative", stream_sequence=1)])
    try:
        response = await context.send_activity(update)
    except Exception as exc:  # a client or connector that will not stream: dots, then messages
        log.info("Teams would not start a stream (%s); sending plain messages", type(exc).__name__)
        return None
    return getattr(response, "id", None) or None


async def finish(context: TurnContext, stream_id: str | None, replies: Iterable[Reply]) -> None:
    """Send the replies; the first one ends the stream ``stream_id`` (if any) in place."""
    texts = [reply.text for reply in replies if reply.text.strip()]
    if stream_id and not texts:
        texts = ["…"]  # a started stream must be ended, even by a turn with nothing to say
    for index, text in enumerate(texts):
        activity = text_activity(text)
        if stream_id and index == 0:
            activity.entities = [StreamInfo(stream_type="final", stream_id=stream_id)]
            activity.channel_data = {"streamId": stream_id, "streamType": "final"}
        await context.send_activity(activity)

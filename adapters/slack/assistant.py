"""Slack's AI-app surface: the coach in assistant threads, as well as in the plain DM.

Bolt's ``AsyncAssistant`` middleware answers ``assistant_thread_started`` with a short
greeting and suggested prompts ("Prepare for a customer conversation"...), and ignores
``assistant_thread_context_changed`` (the coach does not follow which channel the
executive is looking at). A message in the thread reaches the ordinary DM listener
(conversation.py), which calls the helpers here:

- :func:`working` shows a status ("is thinking…") while an LLM works on the answer and
  gives the thread a title from the executive's first words;
- :func:`deliver` sends the replies: a reply the LLM wrote is streamed
  (``chat.startStream`` / ``appendStream`` / ``stopStream``) where there is a thread to
  stream into, everything else is posted as usual. Only text that has already passed the
  guards exists here, so nothing unchecked is ever streamed.

Status, title and stream calls need the ``assistant:write`` scope and the app's "Agents &
AI Apps" feature; where Slack refuses them the coach carries on without them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Iterable
from typing import TYPE_CHECKING

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.middleware.assistant.async_assistant import AsyncAssistant
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from coachbot.models import Reply

from . import mrkdwn
from .errors import describe, error_code

if TYPE_CHECKING:
    from .app import SlackAdapter

log = logging.getLogger("coachbot.slack.assistant")

STREAM_CHUNK_WORDS = 8  # words per appendStream call: a few calls a message, well within Tier 4
TITLE_WORDS = 4
MAX_TITLE_CHARS = 60


def llm_enabled(adapter: SlackAdapter) -> bool:
    """Whether an LLM may be working on answers (then a status is worth showing)."""
    phraser = getattr(getattr(adapter.coach, "dialogue", None), "phraser", None)
    return phraser is not None and type(phraser).__name__ != "BuiltinPhraser"


def register(adapter: SlackAdapter) -> None:
    assistant = AsyncAssistant(logger=log)
    prompts = adapter.coach.prompts

    async def thread_started(event: dict, context: AsyncBoltContext) -> None:
        thread = event.get("assistant_thread") or {}
        channel, thread_ts = thread.get("channel_id"), thread.get("thread_ts")
        if not channel or not thread_ts:
            return
        client = adapter.api(context)
        await adapter.post(client, channel, [Reply(prompts.text("assistant.greeting"), "info")], thread_ts=thread_ts)
        suggestions = [{"title": p["title"], "message": p["message"]}
                       for p in prompts.get("assistant.suggested_prompts")][:4]
        await _quietly(client.assistant_threads_setSuggestedPrompts(
            channel_id=channel, thread_ts=thread_ts, prompts=suggestions))

    async def context_changed() -> None:
        """Which channel the executive is viewing is none of the coach's business: kept nowhere."""

    assistant.thread_started(thread_started)
    assistant.thread_context_changed(context_changed)
    adapter.bolt.assistant(assistant)


async def working(adapter: SlackAdapter, client: AsyncWebClient, event: dict, text: str) -> None:
    """Before the coach answers a DM: a status while an LLM works, a title for a new thread."""
    thread_ts = event.get("thread_ts")
    channel = event.get("channel")
    if not channel or event.get("channel_type") != "im":
        return  # statuses and titles belong to the DM (the assistant pane and the Messages tab)
    anchor = thread_ts or event.get("ts")
    if llm_enabled(adapter) and anchor:
        # In a plain DM the status hangs on the executive's message, as Bolt's own set_status does.
        await _quietly(client.assistant_threads_setStatus(
            channel_id=channel, thread_ts=anchor,
            status=adapter.coach.prompts.text("assistant.status")))
    if not thread_ts:
        return
    key = (channel, thread_ts)
    if key not in adapter.titled and text:
        adapter.titled.add(key)
        words = " ".join(text.split()[:TITLE_WORDS])
        title = adapter.coach.prompts.text("assistant.title", words=words)[:MAX_TITLE_CHARS]
        await _quietly(client.assistant_threads_setTitle(channel_id=channel, thread_ts=thread_ts, title=title))


async def deliver(adapter: SlackAdapter, client: AsyncWebClient, event: dict, replies: Iterable[Reply | str],
                  thread_ts: str | None) -> None:
    """Send the coach's replies in order: the LLM's streamed where a thread allows, the rest posted."""
    channel = event["channel"]
    for reply in replies:
        if (isinstance(reply, Reply) and getattr(reply, "path", "builtin") == "llm" and thread_ts
                and event.get("channel_type") == "im"
                and await _stream(client, channel, thread_ts, event, reply.text)):
            continue
        await adapter.post(client, channel, [reply], thread_ts=thread_ts)
    if llm_enabled(adapter) and event.get("channel_type") == "im" and not thread_ts and event.get("ts"):
        # A reply in the thread clears a status by itself; a top-level reply does not.
        await _quietly(client.assistant_threads_setStatus(channel_id=channel, thread_ts=event["ts"], status=""))


async def _stream(client: AsyncWebClient, channel: str, thread_ts: str, event: dict, text: str) -> bool:
    """Stream ``text`` (already guarded) into the thread; False if Slack would not stream."""
    words = mrkdwn.escape(text).split(" ")
    try:
        streamer = await client.chat_stream(channel=channel, thread_ts=thread_ts,
                                            recipient_team_id=event.get("team"), recipient_user_id=event.get("user"),
                                            buffer_size=1)
        for start in range(0, len(words), STREAM_CHUNK_WORDS):
            chunk = " ".join(words[start:start + STREAM_CHUNK_WORDS])
            await streamer.append(markdown_text=chunk if start == 0 else " " + chunk)
        await streamer.stop()
        return True
    except SlackApiError as exc:
        code = error_code(exc)  # None: a proxy or an outage answered, not Slack
        if code in (None, "unknown_method", "not_allowed_token_type", "missing_scope",
                    "method_deprecated", "invalid_arguments", "not_in_channel"):
            log.info("Slack would not stream (%s); posting instead", describe(exc))
            return False
        raise


async def _quietly(call: Awaitable[object]) -> None:
    """Status, title and prompts are extras: a refusal (no assistant:write scope) costs nothing."""
    with contextlib.suppress(SlackApiError):
        await call

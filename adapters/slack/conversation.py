"""Conversation: direct messages and @mentions go to the coach; answers come back in place.

A DM is answered in the DM (in its thread if it was written in one); a mention in a
channel is answered in that message's thread, so the channel itself stays quiet. Each
message goes through the inbox (inbox.py), so one acknowledged before a restart is still
answered after it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from coachbot.models import Reply, Who

from . import assistant, checkin, data, mrkdwn
from .dedupe import event_key
from .inbox import Message, Pending
from .settings import settings_message

if TYPE_CHECKING:
    from .app import SlackAdapter

log = logging.getLogger("coachbot.slack")

TRY_AGAIN = "Sorry, I could not answer that just now. Please write to me again in a minute."

# Message subtypes that are still a person writing; every other subtype (edits, deletes,
# joins, bot_message...) is not something to answer.
HUMAN_SUBTYPES = {None, "file_share", "thread_broadcast"}


def is_from_a_person(event: dict, context: AsyncBoltContext) -> bool:
    """Messages from bots, from this app, and system notices are never answered."""
    return (
        not event.get("bot_id")
        and not event.get("app_id")
        and event.get("subtype") in HUMAN_SUBTYPES
        and bool(event.get("user"))
        and event.get("user") != context.bot_user_id
    )


async def respond(adapter: SlackAdapter, client: AsyncWebClient, who: Who, event: dict, text: str,
                  thread_ts: str | None, key: tuple[str, str] | None, saved: list[str] | None = None) -> None:
    """The coach's answer to one message, delivered, with the inbox row moved along as it goes.
    The caller holds the executive's lock (``adapter.lock``), so answers keep their order."""
    coach = adapter.coach
    replies: list[Reply | str]
    if saved is None:
        await assistant.working(adapter, client, event, text)
        try:
            replies = list(await adapter.run(coach.reply, who, text)) if text else [coach.help_text()]
        except Exception:
            # The executive wrote and must not be left without an answer (an LLM outage,
            # a bug): say so plainly; the details go to the log.
            log.exception("The coach failed to answer %s/%s", who.tenant, who.user)
            replies = [TRY_AGAIN]
        if key is not None:
            texts = [r.text if isinstance(r, Reply) else r for r in replies]
            await adapter.run(adapter.inbox.replied, *key, texts)
    else:
        replies = list(saved)
    replies = await show_actions(adapter, client, who, event["channel"], thread_ts, replies)
    await assistant.deliver(adapter, client, event, replies, thread_ts)
    if key is not None:
        await adapter.run(adapter.inbox.answered, *key)


async def show_actions(adapter: SlackAdapter, client: AsyncWebClient, who: Who, channel: str,
                       thread_ts: str | None, replies: list) -> list:
    """Commands typed in a DM ("checkin", "settings", "export") get Slack's own surfaces:
    the check-in card, the settings blocks, the export file. The rest is posted as text."""
    rest = []
    for reply in replies:
        action = reply.action if isinstance(reply, Reply) else None
        if action == "show_checkin":
            await checkin.send_checkin(adapter, client, who)
        elif action == "show_settings":
            settings = await adapter.run(adapter.coach.settings, who)
            await client.chat_postMessage(channel=channel, thread_ts=thread_ts, text="Your check-in settings",
                                          blocks=settings_message(settings))
        elif action == "export":
            await data.send_export(adapter, client, who)
        else:
            rest.append(reply)
    return rest


async def answer_pending(adapter: SlackAdapter, pending: Pending) -> None:
    """Answer a message an earlier process acknowledged but did not answer."""
    client = await adapter.client_for(pending.tenant)
    who = Who(pending.tenant, pending.user, "slack")
    event = {"channel": pending.channel, "user": pending.user, "team": pending.tenant}
    async with adapter.lock(who):
        await respond(adapter, client, who, event, pending.text, pending.thread_ts,
                      (pending.tenant, pending.event_id), saved=pending.replies)


def register(adapter: SlackAdapter) -> None:
    app = adapter.bolt

    async def answer(body: dict, context: AsyncBoltContext, event: dict, text: str,
                     thread_ts: str | None) -> None:
        client = adapter.api(context)
        await adapter.gate.wait()
        message = Message(user=event["user"], channel=event["channel"], thread_ts=thread_ts, text=text)
        who = adapter.who(context, event["user"])
        # The lock is taken before the claim: claims commit in batches, and a later message
        # whose batch committed first must not be answered before an earlier one.
        async with adapter.lock(who):
            if not await adapter.first_delivery(body, context, message):
                return
            await respond(adapter, client, who, event, text, thread_ts,
                          event_key(body, context.team_id, context.enterprise_id))
        await adapter.sync_profile(client, who)

    async def on_direct_message(body: dict, event: dict, context: AsyncBoltContext) -> None:
        # message.im only; channel messages that mention the bot arrive as app_mention.
        if event.get("channel_type") != "im" or not is_from_a_person(event, context):
            return
        text = mrkdwn.unescape(event.get("text") or "").strip()
        await answer(body, context, event, text, thread_ts=event.get("thread_ts"))

    async def on_mention(body: dict, event: dict, context: AsyncBoltContext) -> None:
        if not is_from_a_person(event, context):
            return
        text = mrkdwn.strip_mentions(mrkdwn.unescape(event.get("text") or ""))
        await answer(body, context, event, text, thread_ts=event.get("thread_ts") or event.get("ts"))

    # Bolt acknowledges an event before it runs the listener, and runs the listener as its
    # own task: the answer never holds up the acknowledgement. Plain listeners rather than
    # lazy ones here, because Bolt deep-copies each request for a lazy listener on the
    # acknowledgement's path, and messages are the traffic that comes in bursts.
    app.event("message")(on_direct_message)
    app.event("app_mention")(on_mention)

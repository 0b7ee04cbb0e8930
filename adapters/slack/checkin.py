"""The weekly check-in message: readiness and belief ratings, experiment follow-up, talk / snooze / skip.

``send_checkin`` sends it to one executive; ``/coach checkin`` uses it today and the
weekly scheduler will later. Each button is acknowledged at once; the answer is stored
and the message updated in a lazy listener.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from coachbot.models import Who

from . import blocks, home

if TYPE_CHECKING:
    from .app import SlackAdapter

ACTIONS_WITHOUT_VALUE = {"talk", "snooze", "skip", "later", "stop"}


def parse_action(action_id: str) -> tuple[str, str]:
    """``checkin:belief:ownership:5`` -> (``belief:ownership``, ``5``); ``checkin:skip`` -> (``skip``, '')."""
    rest = action_id.removeprefix("checkin:")
    if rest in ACTIONS_WITHOUT_VALUE:
        return rest, ""
    item, _, value = rest.rpartition(":")
    return item, value


async def send_checkin(adapter: SlackAdapter, client: AsyncWebClient, who: Who) -> dict:
    """Post this week's check-in in the executive's DM; returns ``{"channel", "ts"}``."""
    prompt = await adapter.run(adapter.coach.checkin, who)
    channel = await adapter.dm_channel(client, who.user)
    response = await client.chat_postMessage(
        channel=channel, text=blocks.checkin_fallback_text(prompt), blocks=blocks.checkin_blocks(prompt)
    )
    return {"channel": response["channel"], "ts": response["ts"]}


def register(adapter: SlackAdapter) -> None:
    coach = adapter.coach

    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    async def on_answer(body: dict, action: dict, context: AsyncBoltContext) -> None:
        client = adapter.api(context)
        who = adapter.who(context, body["user"]["id"])
        item, value = parse_action(action["action_id"])
        channel = (body.get("channel") or body.get("container") or {}).get("id") or \
            (body.get("container") or {}).get("channel_id")
        message = body.get("message") or {}
        try:
            replies = await adapter.run(coach.record_checkin, who, item, value)
        except ValueError as exc:
            if channel:
                await client.chat_postMessage(channel=channel, text=str(exc))
            return
        if not channel:
            return  # nowhere to answer (a click on a message always names its conversation)
        if item == "talk":
            # The conversation starts below the check-in, like any DM.
            await adapter.post(client, channel, replies)
            note = None
        else:
            note = " ".join(r.text for r in replies)
        if message.get("ts"):
            await client.chat_update(
                channel=channel,
                ts=message["ts"],
                text=message.get("text") or "Weekly check-in",
                blocks=blocks.mark_answer(message.get("blocks") or [], action["action_id"], note),
            )
        if item == "experiment":
            await home.publish(adapter, client, who)

    adapter.bolt.action(re.compile(r"^checkin:"))(ack=acknowledge, lazy=[on_answer])

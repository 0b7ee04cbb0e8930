"""The executive's data: export it as a JSON file in their DM, or delete it after a confirmation."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from coachbot.models import Who

from . import blocks

if TYPE_CHECKING:
    from .app import SlackAdapter


async def send_export(adapter: SlackAdapter, client: AsyncWebClient, who: Who) -> str:
    """Upload everything the coach keeps about this executive to their DM; returns the channel."""
    data = await adapter.run(adapter.coach.export, who)
    channel = await adapter.dm_channel(client, who.user)
    await client.files_upload_v2(
        channel=channel,
        content=json.dumps(data, indent=2, ensure_ascii=False, default=str),
        filename="coachbot-export.json",
        title="Your coachbot data",
        initial_comment="Here is everything I keep about you, as a JSON file. Only you can see this DM.",
    )
    return channel


async def ask_to_forget(client: AsyncWebClient, trigger_id: str) -> None:
    """The confirmation modal; nothing is deleted until the executive submits it."""
    await client.views_open(trigger_id=trigger_id, view=blocks.forget_modal())


async def forget(adapter: SlackAdapter, client: AsyncWebClient, who: Who) -> int:
    deleted = await adapter.run(adapter.coach.forget, who)
    await client.views_publish(user_id=who.user, view=blocks.forgotten_home_view())
    channel = await adapter.dm_channel(client, who.user)
    await client.chat_postMessage(
        channel=channel,
        text=f"Done: I deleted everything I kept about you ({deleted} records). "
        "Write to me any time to start again.",
    )
    return deleted


def register(adapter: SlackAdapter) -> None:
    app = adapter.bolt

    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    async def on_export(body: dict, context: AsyncBoltContext) -> None:
        client = adapter.api(context)
        await send_export(adapter, client, adapter.who(context, body["user"]["id"]))

    async def on_forget_button(body: dict, context: AsyncBoltContext) -> None:
        client = adapter.api(context)
        await ask_to_forget(client, body["trigger_id"])

    async def on_forget_confirmed(body: dict, context: AsyncBoltContext) -> None:
        client = adapter.api(context)
        await forget(adapter, client, adapter.who(context, body["user"]["id"]))

    app.action("data:export")(ack=acknowledge, lazy=[on_export])
    app.action("data:forget")(ack=acknowledge, lazy=[on_forget_button])
    app.view(blocks.FORGET_CALLBACK)(ack=acknowledge, lazy=[on_forget_confirmed])

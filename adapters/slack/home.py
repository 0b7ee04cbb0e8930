"""The Home tab: the executive's journey, experiment, settings, what HR sees, and their data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from coachbot.engine import Coach
from coachbot.models import Who

from . import blocks

if TYPE_CHECKING:
    from .app import SlackAdapter


def home_view(coach: Coach, who: Who) -> dict:
    """Everything on the Home tab, read in one worker-thread call."""
    return blocks.home_view(
        journey=coach.journey(who),
        experiment=coach.last_experiment(who),
        settings=coach.settings(who),
        hr_view=coach.hr_view(who),
    )


async def publish(adapter: SlackAdapter, client: AsyncWebClient, who: Who) -> None:
    view = await adapter.run(home_view, adapter.coach, who)
    await client.views_publish(user_id=who.user, view=view)


def register(adapter: SlackAdapter) -> None:
    async def on_home_opened(body: dict, event: dict, context: AsyncBoltContext) -> None:
        client = adapter.api(context)
        if event.get("tab", "home") != "home":
            return  # the Messages tab: nothing to draw
        await adapter.gate.wait()
        if not await adapter.first_delivery(body, context):
            return
        who = adapter.who(context, event.get("user"))
        await adapter.sync_profile(client, who)
        await publish(adapter, client, who)

    # An event: Bolt acknowledges it before running the listener (see conversation.py).
    adapter.bolt.event("app_home_opened")(on_home_opened)

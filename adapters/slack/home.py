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


def last_experiment(coach: Coach, who: Who) -> dict | None:
    """The newest experiment proposed to this executive, with its status.

    Read straight from the engine's table until the engine offers it (asked for in the
    issue report); the tenant is in both joins, so it never reads another workspace.
    """
    row = coach.store.db.execute(
        """
        select e.text, e.status, e.proposed_at, e.reported_at
        from experiments e join executives x on x.id = e.executive_id and x.tenant = e.tenant
        where e.tenant = ? and x.user_id = ?
        order by e.id desc limit 1
        """,
        [who.tenant, who.user],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("text", "status", "proposed_at", "reported_at"), row, strict=True))


def home_view(coach: Coach, who: Who) -> dict:
    """Everything on the Home tab, read in one worker-thread call."""
    return blocks.home_view(
        journey=coach.journey(who),
        experiment=last_experiment(coach, who),
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

"""Check-in settings from the Home tab or the ``/coach settings`` message: weekday, time, pause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from coachbot.models import WEEKDAYS, ExecSettings, Who

from . import blocks, home

if TYPE_CHECKING:
    from .app import SlackAdapter

WEEKDAY_NAMES = {name: i for i, name in enumerate(WEEKDAYS)}


def parse_settings(words: list[str]) -> dict:
    """``tue 08:30`` / ``tuesday`` / ``8:30`` -> keyword arguments for ``Coach.update_settings``.

    Raises ValueError with a readable message for anything else. The time zone is not
    set here: it follows the executive's Slack profile.
    """
    changes: dict = {}
    for word in words:
        lowered = word.lower().rstrip(",")
        if lowered[:3] in WEEKDAY_NAMES and lowered.isalpha():
            changes["weekday"] = WEEKDAY_NAMES[lowered[:3]]
        elif ":" in lowered and lowered.replace(":", "").isdigit():
            hours, _, minutes = lowered.partition(":")
            changes["time"] = f"{int(hours):02d}:{minutes}"
        else:
            raise ValueError(f"I did not understand {word!r}. Try `/coach settings tue 08:30`.")
    return changes


def settings_message(settings: ExecSettings) -> list[dict]:
    return [*blocks.settings_blocks(settings),
            blocks.context("Or type `/coach settings tue 08:30`. Your time zone follows your Slack profile.")]


async def show_changed(adapter: SlackAdapter, client: AsyncWebClient, who: Who, settings: ExecSettings,
                       respond: AsyncRespond | None) -> None:
    """Redraw wherever the settings are shown: the Home tab, and the message they were changed in."""
    if respond is not None:
        await respond(replace_original=True, response_type="ephemeral",
                      text=blocks.settings_summary(settings), blocks=settings_message(settings))
    await home.publish(adapter, client, who)


def register(adapter: SlackAdapter) -> None:
    coach = adapter.coach

    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    async def on_change(body: dict, action: dict, context: AsyncBoltContext,
                        respond: AsyncRespond) -> None:
        client = adapter.api(context)
        who = adapter.who(context, body["user"]["id"])
        action_id = action["action_id"]
        changes: dict = {}
        if action_id == "settings:weekday":
            changes["weekday"] = int(action["selected_option"]["value"])
        elif action_id == "settings:time":
            changes["time"] = action["selected_time"]
        else:
            changes["paused"] = action_id == "settings:pause"
        try:
            settings = await adapter.run(coach.update_settings, who, **changes)
        except ValueError as exc:
            await client.chat_postEphemeral(channel=(body.get("channel") or {}).get("id") or who.user,
                                            user=who.user, text=str(exc))
            return
        from_message = (body.get("container") or {}).get("type") == "message" and body.get("response_url")
        await show_changed(adapter, client, who, settings, respond if from_message else None)

    for action_id in ("settings:weekday", "settings:time", "settings:pause", "settings:resume"):
        adapter.bolt.action(action_id)(ack=acknowledge, lazy=[on_change])

"""``/coach``: help, checkin, settings, export, forget, pause, resume. Anything else gets help.

Every answer is ephemeral (only the executive sees it), wherever the command was typed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from coachbot.models import Who

from . import checkin, data, home, mrkdwn
from .settings import parse_settings, settings_message

if TYPE_CHECKING:
    from .app import SlackAdapter

log = logging.getLogger("coachbot.slack")

SUBCOMMANDS = ("help", "checkin", "settings", "export", "forget", "pause", "resume")


def register(adapter: SlackAdapter) -> None:
    coach = adapter.coach

    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    async def say_privately(respond: AsyncRespond, text: str, **extra: Any) -> None:
        await respond(text=mrkdwn.escape(text), response_type="ephemeral", **extra)

    async def run_command(command: dict, context: AsyncBoltContext,
                          respond: AsyncRespond) -> None:
        client = adapter.api(context)
        who = adapter.who(context, command["user_id"])
        words = (command.get("text") or "").split()
        name = words[0].lower() if words else "help"
        try:
            await adapter.sync_profile(client, who)
            await run(name, words, who, command, client, respond)
        except Exception:
            log.exception("/coach %s failed for %s/%s", name, who.tenant, who.user)
            await say_privately(respond, "Sorry, that did not work just now. Please try again in a minute.")

    async def run(name: str, words: list[str], who: Who, command: dict, client: AsyncWebClient,
                  respond: AsyncRespond) -> None:
        if name == "checkin":
            sent = await checkin.send_checkin(adapter, client, who)
            if sent["channel"] != command.get("channel_id"):
                await say_privately(respond, "I sent this week's check-in to our direct messages.")
        elif name == "settings":
            if len(words) > 1:
                try:
                    settings = await adapter.run(coach.update_settings, who, **parse_settings(words[1:]))
                except ValueError as exc:
                    await say_privately(respond, str(exc))
                    return
                await home.publish(adapter, client, who)
            else:
                settings = await adapter.run(coach.settings, who)
            await respond(response_type="ephemeral", text="Your check-in settings",
                          blocks=settings_message(settings))
        elif name == "export":
            await data.send_export(adapter, client, who)
            await say_privately(respond, "I sent your data as a JSON file to our direct messages.")
        elif name == "forget":
            await data.ask_to_forget(client, command["trigger_id"])
        elif name in ("pause", "resume"):
            reply = await adapter.run(coach.pause if name == "pause" else coach.resume, who)
            await say_privately(respond, reply.text)
            await home.publish(adapter, client, who)
        else:
            await say_privately(respond, coach.help_text())

    adapter.bolt.command("/coach")(ack=acknowledge, lazy=[run_command])

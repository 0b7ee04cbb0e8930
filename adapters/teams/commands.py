"""The same commands as Slack, typed as text (and listed in the manifest's command menu)."""

from __future__ import annotations

from microsoft_agents.hosting.core import TurnContext

from coachbot import commands as engine_commands
from coachbot.models import Who

from . import cards, storage
from .turns import Teams, card_activity, now, run, send_card, text_activity

COMMANDS = ("help", "checkin", "settings", "export", "forget", "hr", "pause", "resume")


def command_of(text: str | None) -> str | None:
    """The command a whole message names, or None: "help me think" is coaching, not help.

    The engine's one parser decides; the commands Teams shows as cards are run here, the
    rest (recap, moving the check-in, snooze...) are answered by the engine in words.
    """
    if not text:
        return None
    command = engine_commands.parse(text)
    return command.name if command is not None and command.name in COMMANDS else None


async def run_command(teams: Teams, context: TurnContext, who: Who, command: str) -> None:
    coach = teams.coach
    if command == "help":
        await context.send_activity(text_activity(coach.help_text()))
    elif command == "pause":
        await context.send_activity(text_activity((await run(coach.pause, who)).text))
    elif command == "resume":
        await context.send_activity(text_activity((await run(coach.resume, who)).text))
    elif command == "checkin":
        prompt = await run(coach.checkin, who)
        await send_card(teams, context, who, "checkin", lambda card: cards.checkin_card(prompt, card))
    elif command == "settings":
        settings = await run(coach.settings, who)
        await send_card(teams, context, who, "settings", lambda card: cards.settings_card(settings, card))
    elif command == "forget":
        await send_card(teams, context, who, "forget", cards.forget_card)
    elif command == "export":
        await send_export_link(teams, context, who)
    elif command == "hr":
        view = await run(coach.hr_view, who)
        await context.send_activity(card_activity(cards.hr_view_card(view)))


async def send_export_link(teams: Teams, context: TurnContext, who: Who) -> None:
    """A one-time link to the JSON export, served by this same process.

    Teams cannot take a file from a bot in a personal chat without the OneDrive
    file-consent dance; a short-lived link works in every Teams client and in the
    Agents Playground.
    """
    token = await run(storage.new_export_token, teams.coach.store, who, now())
    url = f"{teams.base_url()}/api/teams/export/{token}"
    minutes = int(storage.EXPORT_LINK_LIFETIME.total_seconds() // 60)
    await context.send_activity(card_activity(cards.export_card(url, minutes)))

"""The coach as an Agents SDK ``AgentApplication``: which Activity goes where."""

from __future__ import annotations

import logging

from microsoft_agents.activity import ActivityTypes
from microsoft_agents.hosting.core import AgentApplication, MemoryStorage, TurnContext, TurnState

from coachbot.checkins.profiles import platform_timezone

from . import actions, commands, identity, inbox, storage, streaming
from .endpoint import ANSWERED_TYPES
from .turns import Teams, now, run, send_replies, text_activity

log = logging.getLogger("coachbot.teams")

PRIVATE_ONLY = "I only coach in a private chat. Open a chat with me to talk; what you say there stays between us."


def build_agent(teams: Teams) -> AgentApplication[TurnState]:
    # The SDK wants a turn-state store; coachbot keeps nothing in it (everything lives
    # in SQLite), so memory is enough and nothing is lost on restart.
    app = AgentApplication[TurnState](storage=MemoryStorage(), connection_manager=teams.sdk.connections)

    async def remember_conversation(context: TurnContext, state: TurnState) -> bool:
        """Save the personal chat's reference on every contact: a later check-in needs it.

        A group chat or channel is never saved, so a check-in can only ever go to the
        executive's private chat. Only the Activities the coach answers (already checked
        by the endpoint) save one: a typing indicator or a reaction never moves it.
        """
        if context.activity.type not in ANSWERED_TYPES or not is_personal(context):
            return True
        try:
            who = teams.who(context)
        except identity.NotAnExecutive:
            return True  # e.g. a typing indicator without a sender: nothing to remember
        reference = context.activity.get_conversation_reference().model_dump(
            mode="json", by_alias=True, exclude_none=True)
        first = await run(storage.save_reference, teams.coach.store, who, reference, now())
        # Teams tells us the client's time zone: the weekly check-in follows it.
        await run(platform_timezone, teams.coach.store, who, context.activity.local_timezone, now())
        sender = context.activity.from_property
        if first and sender and sender.name:
            await run(teams.coach.update_settings, who, name=sender.name)
        return True

    app.before_turn(remember_conversation)

    async def on_message(context: TurnContext, state: TurnState) -> None:
        if not is_personal(context):
            # Coaching is private: never answer (or store) it where others can read.
            await context.send_activity(text_activity(PRIVATE_ONLY))
            return
        who = teams.who(context)
        activity_id = context.activity.id
        value = context.activity.value
        command = commands.command_of(context.activity.text)
        # A message for the coach goes into the inbox (inbox.py) until it is answered.
        for_coach = None if actions.is_card_action(value) or command else context.activity.text or ""
        if not await run(storage.first_delivery, teams.coach.store, who, activity_id, now(), for_coach,
                         teams.owner):
            log.info("Teams: ignored a redelivery of activity %s", activity_id)
            return
        if actions.is_card_action(value):
            await actions.handle_card_action(teams, context, who, value)
            return
        if command:
            await commands.run_command(teams, context, who, command)
            return
        # The engine may call an LLM: typing dots, or Teams' informative stream update, meanwhile.
        assert for_coach is not None, "neither a card action nor a command"
        stream = await streaming.begin(teams.coach, context)
        replies = await run(teams.coach.reply, who, for_coach)
        await run(inbox.replied, teams.coach.store, who, activity_id, replies)
        await streaming.finish(context, stream, replies)
        await run(inbox.answered, teams.coach.store, who, activity_id)

    async def on_members_added(context: TurnContext, state: TurnState) -> None:
        # In a personal chat, anyone joining (the bot on install, or the user in the
        # Playground) means the chat just began; claim_welcome keeps it to one welcome.
        if context.activity.members_added:
            await welcome(context)

    async def on_installation_update(context: TurnContext, state: TurnState) -> None:
        if (context.activity.action or "add").lower().startswith("add"):
            await welcome(context)

    async def welcome(context: TurnContext) -> None:
        if not is_personal(context):
            return
        who = teams.who(context)
        if await run(storage.claim_welcome, teams.coach.store, who, now()):
            # The engine's welcome, said once: the first conversation won't repeat it.
            replies = await run(teams.coach.welcome, who)
            if replies:
                await send_replies(context, replies)

    app.activity(ActivityTypes.message)(on_message)
    app.conversation_update("membersAdded")(on_members_added)
    app.activity(ActivityTypes.installation_update)(on_installation_update)

    @app.error
    async def on_error(context: TurnContext, error: Exception) -> None:
        log.error("Teams turn failed: %s", error, exc_info=error)
        await context.send_activity(
            text_activity("Sorry, something went wrong on my side. Please try again in a moment."))

    return app


def is_personal(context: TurnContext) -> bool:
    """A one-to-one chat with the bot (clients that leave conversationType out count as one)."""
    conversation = context.activity.conversation
    kind = (conversation.conversation_type if conversation else None) or "personal"
    return kind == "personal"

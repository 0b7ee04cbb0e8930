"""Microsoft Teams as a check-in :class:`~coachbot.checkins.channel.Channel`.

A check-in goes to the conversation reference saved when the executive first wrote to
the bot (Teams lets a bot write first only there); without one the person is not
reachable. Teams answers 403 when the user blocked or removed the app or an admin
disabled it, and 404 when the conversation is gone: those are :class:`Undeliverable`.
429 (and 412/502/504, which Microsoft says to retry) go back to the scheduler.

Teams cannot list a conversation's messages to a bot, so after a crash in the window
between Teams accepting a card and the outbox recording it, the card is sent again:
that window is the one place a duplicate can come from (see coachbot.checkins.outbox).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from microsoft_agents.activity import Activity, ActivityTypes, ConversationReference
from microsoft_agents.hosting.core import CardFactory, TurnContext

from coachbot.checkins.channel import (
    DeliveryFailed,
    Limits,
    Outgoing,
    Profile,
    RateLimited,
    Recipient,
    Sent,
    Undeliverable,
)
from coachbot.config import Config
from coachbot.engine import Coach

from . import cards, proactive, storage
from .turns import run, text_activity
from .wiring import Sdk, build_sdk

# Published: 7 messages a second per conversation, about 30 requests a second per app per tenant.
PER_TENANT = 30.0
PER_CONVERSATION = 7.0
RETRY_STATUSES = {429, 412, 502, 504}
GONE_STATUSES = {403, 404}


class TeamsChannel:
    platform = "teams"

    def __init__(self, coach: Coach, config: Config, sdk: Sdk | None = None):
        self.coach = coach
        self.config = config
        self._sdk = sdk
        self.limits = Limits(per_tenant=PER_TENANT, per_conversation=PER_CONVERSATION)

    @property
    def sdk(self) -> Sdk:
        if self._sdk is None:  # built on first use: a run with no Teams executive never needs it
            self._sdk = build_sdk(self.config)
        return self._sdk

    async def aclose(self) -> None:
        return None

    async def reachable(self, recipient: Recipient) -> bool:
        return await run(storage.load_reference, self.coach.store, recipient.who) is not None

    async def send(self, recipient: Recipient, checkin: Outgoing) -> Sent:
        prompt = checkin.prompt
        try:
            activity_id = await proactive.send_proactive(
                self.coach, self.config, recipient.who, lambda card_id: cards.checkin_card(prompt, card_id),
                kind="checkin", sdk=self.sdk)
        except proactive.NoConversation as exc:
            raise Undeliverable(f"no Teams conversation: {exc}") from None
        except proactive.NotDelivered as exc:
            raise _classify(exc.status, str(exc)) from None
        return Sent(activity_id or f"teams:{checkin.key}")

    async def update(self, recipient: Recipient, message_id: str, checkin: Outgoing, note: str) -> None:
        card = cards.closed_card(note)

        async def replace(context: TurnContext) -> None:
            update = Activity(type=ActivityTypes.message, id=message_id, attachments=[CardFactory.adaptive_card(card)])
            await context.update_activity(update)

        await self._continue(recipient, replace)

    async def remind(self, recipient: Recipient, message_id: str | None, text: str) -> None:
        async def say(context: TurnContext) -> None:
            await context.send_activity(text_activity(text))

        await self._continue(recipient, say)

    async def find_sent(self, recipient: Recipient, key: str, since: datetime) -> str | None:
        return None  # a bot cannot read a Teams conversation's history

    async def profile(self, recipient: Recipient) -> Profile | None:
        return None  # Teams sends localTimezone with each message; there is nothing to ask for

    async def _continue(self, recipient: Recipient, callback: Callable[[TurnContext], Awaitable[None]]) -> None:
        reference = await run(storage.load_reference, self.coach.store, recipient.who)
        if reference is None:
            raise Undeliverable("no Teams conversation")
        continuation = ConversationReference.model_validate(reference).get_continuation_activity()
        continuation.id = None
        failed: list[Exception] = []

        async def guarded(context: TurnContext) -> None:
            try:
                await callback(context)
            except Exception as exc:  # the SDK's turn-error handler would swallow it
                failed.append(exc)

        await self.sdk.continue_conversation(continuation, guarded)
        if failed:
            raise _classify(getattr(failed[0], "status", None), str(failed[0]))


def _classify(status: int | None, message: str) -> DeliveryFailed:
    if status in GONE_STATUSES:
        return Undeliverable(f"Teams {status}: {message}")
    if status in RETRY_STATUSES:
        return RateLimited(f"Teams {status}", 1.0) if status == 429 else DeliveryFailed(f"Teams {status}")
    return DeliveryFailed(message)

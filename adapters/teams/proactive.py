"""Writing to an executive first: the weekly check-in card, sent without a prompt.

Teams only lets a bot start talking in a conversation it has seen, so this uses the
conversation reference saved on the executive's first contact. The scheduler (a later
issue) calls :func:`send_checkin`; :func:`send_proactive` sends any card.
"""

from __future__ import annotations

from collections.abc import Callable

from microsoft_agents.activity import ConversationReference
from microsoft_agents.hosting.core import TurnContext

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.models import Who

from . import cards, storage
from .turns import card_activity, now, run
from .wiring import Sdk, build_sdk

CardOrBuilder = dict | Callable[[str], dict]


class NoConversation(LookupError):
    """The executive has never written to the bot in Teams, so it cannot write first."""


class NotDelivered(RuntimeError):
    """Teams refused the message (for example 403: the executive removed the app)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


async def send_proactive(
    coach: Coach, config: Config, who: Who, card: CardOrBuilder, *, kind: str = "checkin",
    sdk: Sdk | None = None,
) -> str | None:
    """Send an Adaptive Card to one executive unprompted; returns the new message's id.

    ``card`` is a card dict, or ``build(card_id)`` for a card with buttons, which is then
    registered as ``kind`` so it can be answered once. Pass ``sdk`` to reuse the
    server's adapter; without it one is built from ``config``. Raises
    :class:`NoConversation` if there is no saved conversation for ``who``.
    """
    reference = await run(storage.load_reference, coach.store, who)
    if reference is None:
        raise NoConversation(f"No Teams conversation saved for {who.user} in tenant {who.tenant}.")
    sdk = sdk or build_sdk(config)
    card_id = None
    if callable(card):
        card_id = await run(storage.new_card, coach.store, who, kind, now())
        card = card(card_id)
    continuation = ConversationReference.model_validate(reference).get_continuation_activity()
    # Without an id the card goes out as a new message (POST .../activities), not as a reply
    # to the made-up continuation event, which Teams has never seen.
    continuation.id = None
    sent: list[str | None] = []
    failed: list[Exception] = []

    async def deliver(context: TurnContext) -> None:
        # Caught here: the SDK would hand the error to its turn-error handler, which
        # swallows it, and the scheduler must know the check-in did not arrive.
        try:
            response = await context.send_activity(card_activity(card))
        except Exception as exc:
            failed.append(exc)
            return
        sent.append(getattr(response, "id", None))

    await sdk.continue_conversation(continuation, deliver)
    if failed:
        status = getattr(failed[0], "status", None)
        raise NotDelivered(f"Teams did not accept the card for {who.user} ({status or failed[0]}).",
                           status) from failed[0]
    activity_id = sent[0] if sent else None
    if card_id:
        await run(storage.card_sent, coach.store, who, card_id, activity_id)
    return activity_id


async def send_checkin(coach: Coach, config: Config, who: Who, *, sdk: Sdk | None = None) -> str | None:
    """This week's check-in card for one executive (what the weekly scheduler sends)."""
    prompt = await run(coach.checkin, who)
    return await send_proactive(
        coach, config, who, lambda card_id: cards.checkin_card(prompt, card_id), kind="checkin", sdk=sdk)

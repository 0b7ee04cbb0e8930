"""What the scheduler needs from a chat platform, and nothing more.

Slack and Teams each implement :class:`Channel` in their adapter
(``coachbot.adapters.slack.channel``, ``coachbot.adapters.teams.channel``); the
scheduler only ever sees this interface, so it knows no platform.

A channel raises :class:`Undeliverable` when the platform says the person cannot be
reached (Slack ``account_inactive``, Teams 403 blocked or uninstalled, 404): the
delivery is marked and not retried. :class:`RateLimited` (HTTP 429) carries the
platform's Retry-After; the message was not posted, and the scheduler pauses every send
to that workspace or tenant for that long. Any other :class:`DeliveryFailed` is retried
a few times with back-off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from coachbot.models import CheckinPrompt, Who


@dataclass(frozen=True)
class Recipient:
    """One executive as the scheduler addresses them."""

    who: Who
    executive_id: int
    name: str | None = None
    timezone: str = "UTC"
    address: str | None = None  # the cached direct-message channel / conversation id, if known


@dataclass(frozen=True)
class Outgoing:
    """A check-in to deliver: what it says, and the outbox row it belongs to."""

    prompt: CheckinPrompt
    delivery_id: int
    key: str  # stable across retries: lets a platform find a copy that was already posted


@dataclass(frozen=True)
class Sent:
    message_id: str
    address: str | None = None  # the conversation it went to, worth caching


@dataclass(frozen=True)
class Profile:
    timezone: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Limits:
    """The platform's published send rates, which the scheduler keeps to."""

    per_tenant: float  # messages a second to one workspace / tenant
    per_conversation: float = 1.0  # messages a second into one conversation


class DeliveryFailed(Exception):
    """The platform did not take the message; worth another try later."""


class Undeliverable(DeliveryFailed):
    """The person cannot be reached (deactivated, blocked the app, app removed): do not retry."""


class RateLimited(DeliveryFailed):
    """HTTP 429: nothing was posted; wait ``retry_after`` seconds before the next send."""

    def __init__(self, message: str, retry_after: float = 1.0):
        super().__init__(message)
        self.retry_after = retry_after


@runtime_checkable
class Channel(Protocol):
    """A chat platform as the check-in scheduler sees it."""

    platform: str  # the ``Who.platform`` it serves: slack | teams
    limits: Limits

    async def reachable(self, recipient: Recipient) -> bool:
        """Whether a message could be sent at all (installed, a conversation exists)."""
        ...

    async def send(self, recipient: Recipient, checkin: Outgoing) -> Sent:
        """Post the check-in; returns the platform's message id."""
        ...

    async def update(self, recipient: Recipient, message_id: str, checkin: Outgoing, note: str) -> None:
        """Redraw a posted check-in with a note (answered, skipped) and no buttons left."""
        ...

    async def remind(self, recipient: Recipient, message_id: str | None, text: str) -> None:
        """The one gentle reminder, next to the check-in it is about."""
        ...

    async def find_sent(self, recipient: Recipient, key: str, since: datetime) -> str | None:
        """After a crash: the id of a check-in with ``key`` already posted, or None.

        Platforms that cannot look (Teams) return None, and the check-in is posted again.
        """
        ...

    async def profile(self, recipient: Recipient) -> Profile | None:
        """The person's time zone and name from the platform, or None if unknown."""
        ...

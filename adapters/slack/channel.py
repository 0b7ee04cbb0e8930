"""Slack as a check-in :class:`~coachbot.checkins.channel.Channel`.

One Web API call per check-in: ``chat.postMessage`` with the user's id as the channel
posts into the app's direct messages and answers with the DM channel's id, which the
scheduler caches, so ``conversations.open`` (Tier 3) is never needed to send. Each
check-in carries its outbox key in the message metadata; after a crash,
``conversations.history`` finds a copy that was already posted, so it is not posted twice.
``users.info`` (Tier 4) is called only when the scheduler finds a profile stale.

Errors: 429 becomes :class:`RateLimited` with Slack's Retry-After (the scheduler pauses
the whole workspace); ``account_inactive``, ``channel_not_found`` and the like become
:class:`Undeliverable`; anything else is a :class:`DeliveryFailed` to retry later.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

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
from coachbot.store import Store

from . import blocks

METADATA_EVENT = "coachbot_checkin"
# The person (or the whole workspace's install) is gone: marking beats retrying.
UNDELIVERABLE = {
    "account_inactive", "channel_not_found", "user_not_found", "user_disabled", "is_archived",
    "cannot_dm_bot", "not_in_channel", "invalid_auth", "token_revoked", "not_authed", "team_not_found",
    "messages_tab_disabled", "restricted_action",
}
# Slack publishes about one message a second per channel and a workspace limit it does not
# publish; this is the workspace pace assumed until a 429 says otherwise.
DEFAULT_SENDS_PER_SECOND = 100.0


def sends_per_second() -> float:
    raw = os.environ.get("COACHBOT_SLACK_SENDS_PER_SECOND", "").strip()
    try:
        return float(raw) if raw else DEFAULT_SENDS_PER_SECOND
    except ValueError:
        raise ValueError(f"COACHBOT_SLACK_SENDS_PER_SECOND must be a number, not {raw!r}") from None


TokenLookup = Callable[[str], Awaitable[str | None]]


class SlackChannel:
    platform = "slack"

    def __init__(self, api_url: str, tokens: TokenLookup, *, per_second: float | None = None):
        from .app import api_base_url

        self.base_url = api_base_url(api_url)
        self.tokens = tokens
        self.limits = Limits(per_tenant=per_second or sends_per_second(), per_conversation=1.0)
        self._session: aiohttp.ClientSession | None = None
        self._clients: dict[str, AsyncWebClient] = {}

    @classmethod
    def from_config(cls, store: Store, config: Config, **kwargs: Any) -> SlackChannel:
        """The bot token of ``SLACK_BOT_TOKEN`` (one workspace), or of each OAuth installation."""
        if config.slack_client_id and config.slack_client_secret:
            from .oauth import SQLiteInstallationStore

            installations = SQLiteInstallationStore(store, config.slack_client_id)

            async def lookup(tenant: str) -> str | None:
                bot = await installations.async_find_bot(enterprise_id=tenant, team_id=tenant)
                return bot.bot_token if bot else None
        else:
            async def lookup(tenant: str) -> str | None:
                return config.slack_bot_token or None

        return cls(config.slack_api_url, lookup, **kwargs)

    async def _client(self, tenant: str) -> AsyncWebClient:
        client = self._clients.get(tenant)
        if client is None:
            token = await self.tokens(tenant)
            if not token:
                raise Undeliverable(f"coachbot is not installed in Slack workspace {tenant}")
            if self._session is None:
                self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64))
            # No retry handler: a 429 goes back to the scheduler, which pauses the whole workspace.
            client = self._clients[tenant] = AsyncWebClient(token=token, base_url=self.base_url,
                                                            session=self._session, timeout=30)
        return client

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        self._clients.clear()

    async def _call(self, tenant: str, method: str, **args: Any) -> AsyncSlackResponse:
        client = await self._client(tenant)
        try:
            return await getattr(client, method)(**args)
        except SlackApiError as exc:
            response = exc.response
            error = (response.data or {}).get("error", "") if isinstance(response.data, dict) else ""
            if response.status_code == 429:
                raise RateLimited(f"{method}: ratelimited", _retry_after(response.headers)) from None
            if error in UNDELIVERABLE:
                raise Undeliverable(error) from None
            raise DeliveryFailed(f"{method}: {error or response.status_code}") from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryFailed(f"{method}: {type(exc).__name__}: {exc}") from None

    # --- the Channel interface -----------------------------------------------------------
    async def reachable(self, recipient: Recipient) -> bool:
        return bool(await self.tokens(recipient.who.tenant))

    async def send(self, recipient: Recipient, checkin: Outgoing) -> Sent:
        response = await self._call(
            recipient.who.tenant, "chat_postMessage",
            channel=recipient.address or recipient.who.user,
            text=blocks.checkin_fallback_text(checkin.prompt),
            blocks=blocks.checkin_blocks(checkin.prompt),
            metadata={"event_type": METADATA_EVENT, "event_payload": {"key": checkin.key}},
            unfurl_links=False, unfurl_media=False,
        )
        return Sent(str(response["ts"]), response.get("channel"))

    async def update(self, recipient: Recipient, message_id: str, checkin: Outgoing, note: str) -> None:
        channel = await self._dm(recipient)
        await self._call(recipient.who.tenant, "chat_update", channel=channel, ts=message_id,
                         text=blocks.checkin_fallback_text(checkin.prompt),
                         blocks=blocks.checkin_closed_blocks(checkin.prompt, note))

    async def remind(self, recipient: Recipient, message_id: str | None, text: str) -> None:
        await self._call(recipient.who.tenant, "chat_postMessage", channel=recipient.address or recipient.who.user,
                         text=text, unfurl_links=False, unfurl_media=False)

    async def find_sent(self, recipient: Recipient, key: str, since: datetime) -> str | None:
        channel = await self._dm(recipient)
        response = await self._call(recipient.who.tenant, "conversations_history", channel=channel,
                                    oldest=f"{since.timestamp():.6f}", include_all_metadata=True, limit=50)
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT and \
                    (metadata.get("event_payload") or {}).get("key") == key:
                return str(message["ts"])
        return None

    async def profile(self, recipient: Recipient) -> Profile | None:
        response = await self._call(recipient.who.tenant, "users_info", user=recipient.who.user)
        user = response.get("user") or {}
        return Profile(timezone=user.get("tz"),
                       name=user.get("real_name") or (user.get("profile") or {}).get("real_name"))

    async def _dm(self, recipient: Recipient) -> str:
        """The DM channel id: cached by the scheduler, else opened (Tier 3, only in recovery)."""
        if recipient.address:
            return recipient.address
        response = await self._call(recipient.who.tenant, "conversations_open", users=recipient.who.user)
        return response["channel"]["id"]


def _retry_after(headers: Mapping[str, str] | None) -> float:
    try:
        return max(0.0, float((headers or {}).get("Retry-After", 1)))
    except (TypeError, ValueError):
        return 1.0

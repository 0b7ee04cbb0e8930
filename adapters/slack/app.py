"""The Slack adapter: one Bolt ``AsyncApp`` bound to the coach, and the helpers its listeners share.

Nothing waits for the coach before Slack is acknowledged: events are acknowledged by
Bolt before their listener runs; commands, buttons and modals acknowledge first and
work in lazy listeners. Every engine call runs in a worker thread (the engine is
synchronous and may wait on an LLM).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.models import Reply, Who

from . import assistant, checkin, commands, conversation, data, home, mrkdwn, settings
from .dedupe import EventClaims, event_key
from .errors import describe
from .inbox import Inbox, Message
from .lazy import AckGate, AcksFirstLazyRunner
from .oauth import BOT_SCOPES, SQLiteInstallationStore, SQLiteOAuthStateStore
from .storage import migrations

log = logging.getLogger("coachbot.slack")

T = TypeVar("T")

DEFAULT_API_URL = "https://slack.com/api/"
PROFILE_REFRESH_SECONDS = 3600  # how long a users.info answer (time zone, name) is trusted


def api_base_url(configured: str) -> str:
    """``SLACK_API_URL`` (or Slack's own), with the trailing slash the SDK needs."""
    url = (configured or DEFAULT_API_URL).strip()
    return url if url.endswith("/") else url + "/"


def web_client(config: Config, token: str | None = None) -> AsyncWebClient:
    """A Web API client for SLACK_API_URL that waits out 429s instead of dropping the call."""
    client = AsyncWebClient(token=token or None, base_url=api_base_url(config.slack_api_url))
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    return client


class SlackAdapter:
    """Everything the Slack listeners need: the coach, the Bolt app, and the workspace's client."""

    def __init__(self, coach: Coach, config: Config):
        self.coach = coach
        self.config = config
        coach.store.migrate(migrations)
        self.inbox = Inbox(coach.store)
        self.claims = EventClaims(coach.store, self.inbox)
        self.oauth = bool(config.slack_client_id and config.slack_client_secret)
        self.socket_mode = bool(config.slack_app_token)
        self.client = web_client(config, None if self.oauth else config.slack_bot_token)
        self.installations: SQLiteInstallationStore | None = None
        self.bolt = self._build_bolt_app()
        self.gate = AckGate()
        self.lazy_runner = AcksFirstLazyRunner(logging.getLogger("coachbot.slack.lazy"), self.gate)
        self.bolt.listener_runner.lazy_listener_runner = self.lazy_runner
        self.session: aiohttp.ClientSession | None = None  # opened with the server (start)
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}
        self._profiles: dict[tuple[str, str], float] = {}

        self._home: AsyncSlackResponse | None = None
        self._recovery: asyncio.Future | None = None
        self._foreign_logged = 0  # auth.test of the one workspace's token
        if not self.oauth:
            self.bolt.use(self._home_workspace_only)
        self.titled: set[tuple[str, str]] = set()  # assistant threads given a title (assistant.py)
        for module in (conversation, assistant, home, commands, checkin, settings, data):
            module.register(self)
        self._register_lifecycle()

    # --- construction -------------------------------------------------------------
    def _build_bolt_app(self) -> AsyncApp:
        config = self.config
        common: dict[str, Any] = {
            "name": "coachbot",
            "signing_secret": config.slack_signing_secret,
            "client": self.client,
            "logger": logging.getLogger("coachbot.slack.bolt"),
        }
        if not self.oauth:
            if not config.slack_bot_token:
                raise ValueError("Slack needs SLACK_BOT_TOKEN (one workspace) or "
                                 "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth, many workspaces).")
            bolt = AsyncApp(**common)
        else:
            self.installations = SQLiteInstallationStore(self.coach.store, config.slack_client_id)
            public = config.public_url.rstrip("/")
            redirect_uri = f"{public}/slack/oauth_redirect" if public else None
            settings = AsyncOAuthSettings(
                client_id=config.slack_client_id,
                client_secret=config.slack_client_secret,
                scopes=list(BOT_SCOPES),
                redirect_uri=redirect_uri,
                installation_store=self.installations,
                state_store=SQLiteOAuthStateStore(self.coach.store),
            )
            # Bolt's default authorize calls auth.test on every request; cache it per token
            # so OAuth mode acknowledges as fast as one-workspace mode.
            authorize = AsyncInstallationStoreAuthorize(
                installation_store=self.installations,
                client_id=config.slack_client_id,
                client_secret=config.slack_client_secret,
                logger=common["logger"],
                cache_enabled=True,
                client=self.client,
            )
            # Bolt uses an AsyncAuthorize instance as it is (an isinstance check), but annotates the
            # parameter for plain functions returning AuthorizeResult, not Optional[AuthorizeResult].
            bolt = AsyncApp(**common, oauth_settings=settings, authorize=authorize)  # type: ignore[arg-type]
        return bolt

    def _register_lifecycle(self) -> None:
        if self.oauth:
            # Built-in listeners delete the workspace's (or the revoked user's) tokens.
            self.bolt.enable_token_revocation_listeners()
            return

        async def token_gone(event: dict, context: AsyncBoltContext) -> None:
            log.warning("Slack workspace %s: %s; the configured SLACK_BOT_TOKEN no longer works",
                        context.team_id, event.get("type"))

        self.bolt.event("app_uninstalled")(token_gone)
        self.bolt.event("tokens_revoked")(token_gone)

    async def _home_workspace_only(self, context: AsyncBoltContext, next: Callable[[], Any]) -> Any:
        """One-workspace mode answers its own workspace only.

        The signing secret belongs to the app, not to a workspace: a request signed for
        another workspace must not create executives there or be answered with this
        workspace's token. Requests without a workspace (URL verification) pass.
        """
        team, enterprise = context.team_id, context.enterprise_id
        if not team and not enterprise:
            return await next()
        if self._home is None:
            self._home = await self.client.auth_test()
        home_team, home_enterprise = self._home.get("team_id"), self._home.get("enterprise_id")
        if (team and team == home_team) or (enterprise and enterprise == home_enterprise and not home_team):
            return await next()
        if self._foreign_logged < 10:  # a few lines, not one per request
            self._foreign_logged += 1
            log.warning("Slack: ignored a request from workspace %s; SLACK_BOT_TOKEN is for %s",
                        team or enterprise, home_team or home_enterprise)
        return BoltResponse(status=200, body="")

    # --- lifecycle ----------------------------------------------------------------
    async def start(self) -> None:
        self.session = aiohttp.ClientSession()
        # Messages acknowledged before a restart but never answered are answered now.
        self._recovery = asyncio.ensure_future(self._answer_unanswered())

    async def _answer_unanswered(self) -> None:
        pending = await self.run(self.inbox.take_unanswered)
        if pending:
            log.info("Slack: answering %d message(s) acknowledged before a restart", len(pending))
        for item in pending:
            try:
                await conversation.answer_pending(self, item)
            except Exception as exc:  # one workspace's trouble must not stop the others
                log.warning("Slack: could not answer message %s in %s after a restart: %s",
                            item.event_id, item.tenant, describe(exc))

    async def stop(self) -> None:
        if self._recovery is not None:
            await asyncio.wait([self._recovery], timeout=10)
        await self.lazy_runner.drain(timeout=10)  # answers under way are still sent
        if self.session is not None:
            await self.session.close()
            self.session = None
        self.claims.close()

    # --- helpers for listeners ------------------------------------------------------
    def api(self, context: AsyncBoltContext) -> AsyncWebClient:
        """A Web API client for this request's workspace, on pooled keep-alive connections.

        Bolt's own per-request client opens a new HTTP session (and connection) for every
        call, and cannot be given a shared one: Bolt deep-copies it for lazy listeners.
        A client built here, inside the listener, can.
        """
        if self.session is None:
            return context.client
        return self._pooled(context.bot_token or context.token)

    def _pooled(self, token: str | None) -> AsyncWebClient:
        return AsyncWebClient(token=token, base_url=self.client.base_url, session=self.session,
                              retry_handlers=list(self.client.retry_handlers), logger=self.client.logger)

    @staticmethod
    def who(context: AsyncBoltContext, user_id: str | None = None) -> Who:
        """The executive behind a request; the workspace is part of who they are."""
        tenant = context.team_id or context.enterprise_id or ""
        return Who(tenant, user_id or context.user_id or "", "slack")

    async def first_delivery(self, body: dict, context: AsyncBoltContext, message: Message | None = None) -> bool:
        """False when this event already ran (a retry from Slack, before or after a restart).

        Event listeners call this first, after Bolt has acknowledged the event; with
        ``message`` the event is also kept in the inbox until it is answered.
        """
        key = event_key(body, context.team_id, context.enterprise_id)
        if key is None or await self.claims.claim(*key, message):
            return True
        log.info("Slack event %s was already handled; ignoring the retry", key[1])
        return False

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call the synchronous engine without blocking the event loop."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    def lock(self, who: Who) -> asyncio.Lock:
        """One executive's messages are answered in the order they were written."""
        key = (who.tenant, who.user)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    @staticmethod
    async def dm_channel(client: AsyncWebClient, user_id: str) -> str:
        """The direct-message channel between the bot and this person."""
        response = await client.conversations_open(users=user_id)
        return response["channel"]["id"]

    @staticmethod
    async def post(
        client: AsyncWebClient, channel: str, replies: Iterable[Reply | str], thread_ts: str | None = None
    ) -> None:
        """The coach's messages, in order, as Slack mrkdwn within Slack's size limits."""
        for reply in replies:
            text = reply.text if isinstance(reply, Reply) else reply
            for part in mrkdwn.to_messages(text):
                await client.chat_postMessage(
                    channel=channel, text=part, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False
                )

    async def sync_profile(self, client: AsyncWebClient, who: Who) -> None:
        """Take the time zone (and name) from the Slack profile, at most once an hour per person."""
        key = (who.tenant, who.user)
        if time.monotonic() - self._profiles.get(key, -PROFILE_REFRESH_SECONDS) < PROFILE_REFRESH_SECONDS:
            return
        self._profiles[key] = time.monotonic()
        try:
            user = (await client.users_info(user=who.user))["user"]
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            # Best effort: the message or command it came with goes ahead regardless.
            log.warning("users.info failed for %s/%s: %s", who.tenant, who.user, describe(exc))
            return
        name = user.get("real_name") or (user.get("profile") or {}).get("real_name")
        timezone = user.get("tz")
        try:
            await self.run(self.coach.update_settings, who, timezone=timezone, name=name)
        except ValueError:  # a time zone Python does not know: keep the name, keep the old zone
            await self.run(self.coach.update_settings, who, name=name)

    async def client_for(self, tenant: str) -> AsyncWebClient:
        """A client holding this workspace's bot token (for messages nobody asked for)."""
        if not self.oauth:
            return self._pooled(self.config.slack_bot_token) if self.session else self.client
        assert self.installations is not None
        bot = await self.installations.async_find_bot(enterprise_id=tenant, team_id=tenant)
        if bot is None:
            raise LookupError(f"coachbot is not installed in Slack workspace {tenant}")
        return self._pooled(bot.bot_token) if self.session else web_client(self.config, bot.bot_token)

    async def send_checkin(self, who: Who) -> dict:
        """Send this week's check-in to one executive now; returns the message's channel and ts."""
        return await checkin.send_checkin(self, await self.client_for(who.tenant), who)


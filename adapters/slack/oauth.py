"""Many workspaces through OAuth: installations and OAuth states in the coachbot database.

slack_sdk ships SQLite stores, but they create tables without a ``tenant`` column and
write outside coachbot's ``BEGIN IMMEDIATE`` discipline; these two keep both rules.
Tokens are stored in plain text, as in slack_sdk's own stores: protect the database file.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from typing import Any

from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from coachbot.store import Store

log = logging.getLogger("coachbot.slack.oauth")

# What the bot needs; manifest.json lists the same scopes.
BOT_SCOPES = (
    "app_mentions:read",
    "assistant:write",  # the AI-app surface: status, title and suggested prompts (assistant.py)
    "chat:write",
    "commands",
    "files:write",
    "im:history",
    "im:read",
    "im:write",
    "users:read",
    "users:read.email",  # HR's enrolment resolves a row that gives only an email
)


def _tenant(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> str:
    """A workspace's key: its team id, or the enterprise id for an org-wide install."""
    if is_enterprise_install or not team_id:
        return enterprise_id or ""
    return team_id


class SQLiteInstallationStore(AsyncInstallationStore):
    """Installations of this Slack app, one row per install, newest wins."""

    def __init__(self, store: Store, client_id: str):
        self.store = store
        self.client_id = client_id

    @property
    def logger(self) -> logging.Logger:
        return log

    # --- writes -------------------------------------------------------------------
    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self._save, installation)

    def _save(self, installation: Installation) -> None:
        data = installation.to_dict_for_copying()
        data["installed_at"] = installation.installed_at  # a float, not a datetime, for JSON
        with self.store.write() as db:
            db.table("slack_installations").insert(
                {
                    "tenant": _tenant(installation.enterprise_id, installation.team_id,
                                      installation.is_enterprise_install),
                    "client_id": self.client_id,
                    "enterprise_id": installation.enterprise_id or "",
                    "team_id": installation.team_id or "",
                    "user_id": installation.user_id or "",
                    "installed_at": installation.installed_at,
                    "data": json.dumps(data),
                }
            )

    async def async_save_bot(self, bot: Bot) -> None:
        # Bots are saved as part of their installation (async_save); nothing else saves one.
        return None

    async def async_delete_installation(
        self, *, enterprise_id: str | None = None, team_id: str | None = None, user_id: str | None = None
    ) -> None:
        await asyncio.to_thread(self._delete, enterprise_id, team_id, user_id)

    async def async_delete_bot(self, *, enterprise_id: str | None = None, team_id: str | None = None) -> None:
        await asyncio.to_thread(self._delete, enterprise_id, team_id, None)

    async def async_delete_all(self, *, enterprise_id: str | None = None, team_id: str | None = None) -> None:
        await asyncio.to_thread(self._delete, enterprise_id, team_id, None)

    def _delete(self, enterprise_id: str | None, team_id: str | None, user_id: str | None) -> None:
        tenant = _tenant(enterprise_id, team_id, None)
        sql = "delete from slack_installations where client_id = ? and tenant = ?"
        args: list = [self.client_id, tenant]
        if user_id:
            sql += " and user_id = ?"
            args.append(user_id)
        with self.store.write() as db:
            db.execute(sql, args)

    # --- reads --------------------------------------------------------------------
    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return await asyncio.to_thread(self._find, enterprise_id, team_id, user_id, is_enterprise_install)

    async def async_find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        installation = await self.async_find_installation(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
        )
        if installation is None or not installation.bot_token:
            return None
        return installation.to_bot()

    def _find(
        self,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        is_enterprise_install: bool | None,
    ) -> Installation | None:
        tenant = _tenant(enterprise_id, team_id, is_enterprise_install)
        if not tenant:
            return None
        sql = "select data from slack_installations where client_id = ? and tenant = ?"
        args: list = [self.client_id, tenant]
        if user_id:
            sql += " and user_id = ?"
            args.append(user_id)
        row = self.store.db.execute(sql + " order by installed_at desc, id desc limit 1", args).fetchone()
        if row is None:
            return None
        latest = Installation(**json.loads(row[0]))
        if user_id is None:
            return latest
        # Asked for one user's installation: the bot token is always the newest one.
        bot = self._find(enterprise_id, team_id, None, is_enterprise_install)
        if bot is not None:
            latest.bot_token, latest.bot_id, latest.bot_user_id = bot.bot_token, bot.bot_id, bot.bot_user_id
            latest.bot_scopes = bot.bot_scopes
        return latest

    def tenants(self) -> list[str]:
        """Workspaces with an installation (for a scheduler that visits each)."""
        rows = self.store.db.execute(
            "select distinct tenant from slack_installations where client_id = ?", [self.client_id]
        )
        return [r[0] for r in rows]


class SQLiteOAuthStateStore(AsyncOAuthStateStore):
    """One-time ``state`` values that tie an OAuth redirect to the browser that started it."""

    def __init__(self, store: Store, expiration_seconds: int = 600):
        self.store = store
        self.expiration_seconds = expiration_seconds

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = secrets.token_urlsafe(24)
        await asyncio.to_thread(self._issue, state, time.time())
        return state

    def _issue(self, state: str, now: float) -> None:
        with self.store.write() as db:
            db.execute("delete from slack_oauth_states where expires_at < ?", [now])
            db.table("slack_oauth_states").insert(
                {"state": state, "tenant": "", "expires_at": now + self.expiration_seconds}
            )

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self._consume, state, time.time())

    def _consume(self, state: str, now: float) -> bool:
        with self.store.write() as db:
            cursor = db.execute(
                "delete from slack_oauth_states where state = ? and expires_at >= ?", [state, now]
            )
            return cursor.rowcount == 1

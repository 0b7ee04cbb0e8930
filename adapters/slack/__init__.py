"""Slack: slack-bolt AsyncApp in the shared aiohttp server.

``attach`` adds, depending on the settings:

- ``POST /slack/events`` (HTTP mode, signed with SLACK_SIGNING_SECRET), or a Socket Mode
  connection started with the server when SLACK_APP_TOKEN is set;
- ``GET /slack/install`` and ``GET /slack/oauth_redirect`` when SLACK_CLIENT_ID and
  SLACK_CLIENT_SECRET are set (many workspaces; otherwise SLACK_BOT_TOKEN, one workspace).

The adapter is kept on the aiohttp app under ``SLACK_KEY``; ``app[SLACK_KEY].send_checkin(who)``
sends one executive's check-in now (for the weekly scheduler).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from .app import SlackAdapter

if TYPE_CHECKING:
    from coachbot.config import Config
    from coachbot.engine import Coach

SLACK_KEY: web.AppKey[SlackAdapter] = web.AppKey("slack", SlackAdapter)

__all__ = ["SLACK_KEY", "SlackAdapter", "attach"]


def attach(app: web.Application, coach: Coach, config: Config) -> None:
    """Add /slack/events (and OAuth routes, Socket Mode hooks) to ``app``."""
    from . import http_mode, socket_mode

    adapter = SlackAdapter(coach, config)
    app[SLACK_KEY] = adapter

    async def start(app: web.Application) -> None:
        await adapter.start()

    async def stop(app: web.Application) -> None:
        await adapter.stop()

    # Start: the connection pool, then Socket Mode. Stop: Socket Mode first (no new
    # events), then let answers under way finish, then close the pool.
    app.on_startup.append(start)
    http_mode.attach(app, adapter, events=not adapter.socket_mode)
    if adapter.socket_mode:
        socket_mode.attach(app, adapter)
    app.on_cleanup.append(stop)

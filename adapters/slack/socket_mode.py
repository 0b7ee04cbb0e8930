"""Socket Mode: Slack's events over a websocket the server opens, for hosts Slack cannot reach.

The handler starts with the aiohttp server and stops with it, so ``coachbot serve``
stays one process whichever way Slack talks to it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

if TYPE_CHECKING:
    from .app import SlackAdapter

log = logging.getLogger("coachbot.slack.socket_mode")

HANDLER_KEY: web.AppKey[AsyncSocketModeHandler] = web.AppKey("slack_socket_mode", AsyncSocketModeHandler)


def attach(app: web.Application, adapter: SlackAdapter) -> None:
    async def start(app: web.Application) -> None:
        # apps.connections.open goes through the adapter's client, so SLACK_API_URL applies.
        handler = AsyncSocketModeHandler(adapter.bolt, app_token=adapter.config.slack_app_token,
                                         web_client=adapter.client)
        await handler.connect_async()
        app[HANDLER_KEY] = handler
        log.info("Slack Socket Mode connected")

    async def stop(app: web.Application) -> None:
        handler = app.get(HANDLER_KEY)
        if handler is not None:
            await handler.close_async()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)

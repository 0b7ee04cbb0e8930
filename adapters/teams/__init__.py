"""Microsoft Teams: the Microsoft 365 Agents SDK in the shared aiohttp server.

``attach`` adds ``POST /api/messages`` (Bot Framework Activities from Teams, or from
the Agents Playground in local development) and ``/api/teams/export/{token}`` (the
one-time download behind the ``export`` command: GET shows a page, POST downloads).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiohttp import web

RECOVERY_KEY: web.AppKey[asyncio.Future] = web.AppKey("coachbot_teams_recovery", asyncio.Future)

if TYPE_CHECKING:
    from coachbot.config import Config
    from coachbot.engine import Coach


def attach(app: web.Application, coach: Coach, config: Config) -> None:
    """Add the Teams routes to ``app``; the SDK is imported only when Teams is served.

    Teams is served with MICROSOFT_APP_ID, or in local development mode with
    COACHBOT_TEAMS_DEV=1; with neither, ``/api/messages`` does not exist.
    """
    if not config.teams_enabled:
        logging.getLogger("coachbot.teams").info(
            "Teams is off: set MICROSOFT_APP_ID (or COACHBOT_TEAMS_DEV=1 for local development)")
        return
    from . import endpoint, inbox, storage
    from .agent import build_agent
    from .turns import Teams
    from .wiring import build_sdk

    coach.store.migrate(storage.migrations)
    teams = Teams(coach=coach, config=config, sdk=build_sdk(config))
    app[endpoint.TEAMS_KEY] = teams
    app[endpoint.AGENT_KEY] = build_agent(teams)
    app.router.add_post("/api/messages", endpoint.messages)

    async def answer_left_over(app: web.Application) -> None:
        # Taken before the server accepts requests, answered in the background.
        pending = await asyncio.to_thread(inbox.take_unanswered, coach.store, teams.owner)
        app[RECOVERY_KEY] = asyncio.ensure_future(inbox.answer_unanswered(teams, pending))

    async def finish(app: web.Application) -> None:
        await asyncio.wait([app[RECOVERY_KEY]], timeout=10)

    app.on_startup.append(answer_left_over)
    app.on_cleanup.append(finish)
    app.router.add_get("/api/teams/export/{token}", endpoint.export_page)
    app.router.add_post("/api/teams/export/{token}", endpoint.export_download)

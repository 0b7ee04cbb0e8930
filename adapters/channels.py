"""The check-in channels for the configured platforms, and the scheduler inside ``serve``.

The engine's scheduler (:mod:`coachbot.checkins.runner`) knows no platform; this module
is where the platforms are named: Slack when a bot token or OAuth app is configured,
Teams when it is served (a Teams executive is reachable once they have written to the bot).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from typing import TYPE_CHECKING

from aiohttp import web

from coachbot.checkins.channel import Channel
from coachbot.checkins.runner import Runner, run_forever
from coachbot.config import Config
from coachbot.engine import Coach

if TYPE_CHECKING:  # the Teams SDK is imported only when Teams is served
    from .teams.wiring import Sdk

log = logging.getLogger("coachbot.checkins")

SCHEDULER_KEY: web.AppKey[asyncio.Task] = web.AppKey("checkin_scheduler", asyncio.Task)


def build_channels(coach: Coach, config: Config, teams_sdk: Sdk | None = None) -> list[Channel]:
    channels: list[Channel] = []
    if config.slack_bot_token or (config.slack_client_id and config.slack_client_secret):
        from coachbot.adapters.slack.channel import SlackChannel

        channels.append(SlackChannel.from_config(coach.store, config))
    if config.teams_enabled:
        from coachbot.adapters.teams import storage
        from coachbot.adapters.teams.channel import TeamsChannel

        coach.store.migrate(storage.migrations)
        channels.append(TeamsChannel(coach, config, sdk=teams_sdk))
    return channels


async def close_channels(channels: list[Channel]) -> None:
    for channel in channels:
        closer = getattr(channel, "aclose", None)
        if closer is not None:
            await closer()


def scheduler_interval() -> float:
    raw = os.environ.get("COACHBOT_CHECKIN_INTERVAL_SECONDS", "").strip()
    return float(raw) if raw else 60.0


def attach_scheduler(app: web.Application, coach: Coach, config: Config) -> None:
    """Run the weekly check-in scheduler with the server; stop it cleanly on shutdown."""
    state: dict = {}

    async def start(app: web.Application) -> None:
        from coachbot.adapters.teams.endpoint import TEAMS_KEY

        teams = app.get(TEAMS_KEY)
        channels = build_channels(coach, config, teams_sdk=teams.sdk if teams else None)
        runner = Runner(coach, channels)
        state.update(channels=channels, runner=runner)
        app[SCHEDULER_KEY] = asyncio.create_task(run_forever(runner, interval=scheduler_interval()))
        log.info("check-in scheduler started (%s)", ", ".join(c.platform for c in channels))

    async def stop(app: web.Application) -> None:
        runner: Runner | None = state.get("runner")
        if runner is None:
            return
        runner.stopping.set()  # no new sends; the ones under way finish and are recorded
        task = app.get(SCHEDULER_KEY)
        if task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=20)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        runner.close()
        await close_channels(state["channels"])
        log.info("check-in scheduler stopped")

    app.on_startup.append(start)
    app.on_shutdown.append(stop)

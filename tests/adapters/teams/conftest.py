"""Teams test rig: the real coachbot server on 127.0.0.1 and a stand-in Bot Framework connector.

The connector plays the part of Teams' side of the wire: the bot replies to an
Activity by calling ``{serviceUrl}/v3/conversations/{id}/activities[/{replyTo}]`` and
updates a card with ``PUT .../activities/{id}``; the stand-in records every call.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from teams_rig import APP_ID, Bot, Connector

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.server import build_app
from coachbot.store import Store


@pytest.fixture
async def connector() -> AsyncIterator[Connector]:
    stand_in = Connector()
    app = web.Application()
    base = "/v3/conversations/{conversation}/activities"
    app.router.add_post(base, stand_in.handle)
    app.router.add_post(base + "/{activity_id}", stand_in.handle)
    app.router.add_put(base + "/{activity_id}", stand_in.handle)
    app.router.add_route("*", "/{anything:.*}", stand_in.stray)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    stand_in.url = f"http://127.0.0.1:{port}/"
    yield stand_in
    await runner.cleanup()


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


def make_bot_fixture(name: str, app_id: str = ""):
    @pytest.fixture(name=name)
    async def fixture(tmp_path: Path, connector: Connector) -> AsyncIterator[Bot]:
        config = Config(db_path=tmp_path / "coachbot.db", microsoft_app_id=app_id,
                        microsoft_app_password="secret" if app_id else "", teams_dev=not app_id)
        store = Store(config.db_path)
        coach = Coach(store)
        runner, url = await _serve(build_app(config, coach))
        async with aiohttp.ClientSession() as session:
            yield Bot(url, connector, coach, session)
        await runner.cleanup()
        store.close()

    return fixture


bot = make_bot_fixture("bot")
secured_bot = make_bot_fixture("secured_bot", app_id=APP_ID)



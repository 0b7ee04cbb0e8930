"""A message Teams delivered is answered, even when the server restarts before answering."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from pathlib import Path

import aiohttp
from aiohttp import web
from teams_rig import Connector, activity, message

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.models import Who
from coachbot.server import build_app
from coachbot.store import Store

ALICE = Who("tenant-a", "aad-alice", "teams")
QUESTION = "Are we really listening to our customers?"


async def serve(db_path: Path, coach: Coach) -> tuple[web.AppRunner, str]:
    config = Config(db_path=db_path, teams_dev=True)
    runner = web.AppRunner(build_app(config, coach), shutdown_timeout=0.5)  # a stop does not wait long
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]


def hearing(coach: Coach) -> list[str]:
    heard: list[str] = []
    original = coach.reply

    def reply(who, text, now=None):
        heard.append(text)
        return original(who, text, now)

    coach.reply = reply  # type: ignore[method-assign]
    return heard


async def eventually(check, what: str) -> None:
    for _ in range(500):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


async def test_a_message_taken_before_a_restart_is_answered_after_it(tmp_path, connector: Connector):
    db_path = tmp_path / "coachbot.db"
    started, release = threading.Event(), threading.Event()
    first = Coach(Store(db_path))

    def stuck(who, text, now=None):  # the process stops while the coach is still thinking
        started.set()
        release.wait(30)
        raise asyncio.CancelledError

    first.reply = stuck  # type: ignore[method-assign]
    try:
        runner, url = await serve(db_path, first)
        async with aiohttp.ClientSession() as session:
            install = activity(connector, "installationUpdate", action="add")  # the chat exists
            async with session.post(f"{url}/api/messages", json=install) as response:
                assert response.status == 202
            connector.clear()
            posting = asyncio.ensure_future(session.post(f"{url}/api/messages", json=message(connector, QUESTION)))
            await eventually(started.is_set, "the first process starts answering")
            await runner.cleanup()  # restart
            with contextlib.suppress(Exception):
                await posting
        assert connector.texts() == []

        coach = Coach(Store(db_path))
        heard = hearing(coach)
        runner, _ = await serve(db_path, coach)
        await eventually(connector.texts, "the answer after the restart")
        assert heard == [QUESTION]
        assert {c.conversation for c in connector.sent()} == {"a:personal-tenant-a-alice"}
        await runner.cleanup()
    finally:
        release.set()

    # Answered once: a further restart does not answer it again.
    sent = connector.texts()
    again = Coach(Store(db_path))
    heard_again = hearing(again)
    runner, _ = await serve(db_path, again)
    await asyncio.sleep(0.5)
    await runner.cleanup()
    assert heard_again == [] and connector.texts() == sent

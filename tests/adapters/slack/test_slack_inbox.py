"""A message Slack was told we received is answered, even when the server restarts before answering."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from coachbot.engine import Coach
from coachbot.server import build_app
from coachbot.store import Store

QUESTION = "Are we really listening to our customers?"


class Servers:
    """Real coachbot servers on one database, started and stopped as a restart would."""

    def __init__(self, config, session: aiohttp.ClientSession, sender_class):
        self.config = config
        self.session = session
        self.sender_class = sender_class
        self.running: list[TestServer] = []

    async def start(self, coach: Coach):
        server = TestServer(build_app(self.config, coach), host="127.0.0.1")
        await server.start_server()
        self.running.append(server)
        return self.sender_class(str(server.make_url("")).rstrip("/"), self.session)

    async def stop(self) -> None:
        await self.running.pop().close()


@pytest.fixture
async def servers(slack_config, slack_api, slack_sender) -> AsyncIterator[Servers]:
    async with aiohttp.ClientSession() as session:
        servers = Servers(slack_config(), session, slack_sender)
        yield servers
        while servers.running:
            await servers.stop()


def stuck_coach(db_path, started: threading.Event, release: threading.Event) -> Coach:
    """A coach that starts answering and never finishes: the process stops under it."""
    coach = Coach(Store(db_path))

    def reply(who, text, now=None):
        started.set()
        release.wait(30)
        raise asyncio.CancelledError  # the process is gone; nothing after this runs

    coach.reply = reply  # type: ignore[method-assign]
    return coach


def dm_texts(slack_api) -> list[str]:
    return [c.args.get("text", "") for c in slack_api.of("chat.postMessage") if c.args.get("channel") == "D-U-ALICE"]


async def test_a_message_acknowledged_before_a_restart_is_answered_after_it(servers, slack_api, db_path,
                                                                              listen_to):
    started, release = threading.Event(), threading.Event()
    try:
        sender = await servers.start(stuck_coach(db_path, started, release))
        assert (await sender.dm(QUESTION)).status == 200  # Slack was told we have it
        await slack_api.eventually(started.is_set, "the first process starts answering")
        await servers.stop()  # restart: the answer was never sent
        assert dm_texts(slack_api) == []

        coach = Coach(Store(db_path))
        heard = listen_to(coach)
        await servers.start(coach)
        await slack_api.wait_for(lambda s: dm_texts(s), "the answer after the restart")
        assert heard == [("T-ONE", "U-ALICE", QUESTION)]
    finally:
        release.set()

    # Answered once: a further restart does not answer it again.
    await servers.stop()
    posted = dm_texts(slack_api)
    again = Coach(Store(db_path))
    heard_again = listen_to(again)
    await servers.start(again)
    await asyncio.sleep(0.5)
    assert heard_again == [] and dm_texts(slack_api) == posted


async def test_an_answer_worked_out_but_not_posted_is_posted_after_a_restart_without_a_second_turn(
        servers, slack_api, db_path, listen_to):
    slack_api.broken["chat.postMessage"] = (500, "Slack is having trouble")
    first = Coach(Store(db_path))
    heard_first = listen_to(first)
    sender = await servers.start(first)
    await sender.dm(QUESTION)
    await slack_api.wait_calls("chat.postMessage")  # tried, and failed
    await slack_api.eventually(lambda: heard_first, "the first process worked out the answer")
    await servers.stop()
    del slack_api.broken["chat.postMessage"]
    turns = first.store.db["messages"].count
    failed = dm_texts(slack_api)

    coach = Coach(Store(db_path))
    heard = listen_to(coach)
    await servers.start(coach)
    await slack_api.wait_for(lambda s: len(dm_texts(s)) > len(failed), "the saved answer is posted after the restart")
    assert dm_texts(slack_api)[len(failed)] == failed[0]  # the same answer, now delivered
    assert heard == []  # the turn was not run twice
    assert coach.store.db["messages"].count == turns

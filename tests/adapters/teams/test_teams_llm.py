"""Teams with an LLM behind the coach (the stand-in OpenAI-compatible server)."""

from __future__ import annotations

import time

import aiohttp
import pytest
from aiohttp import web
from llm_standin import NEEDS_PIPELINE, coach_takes_an_llm
from teams_rig import Bot, message

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.llm import coach_options
from coachbot.server import build_app
from coachbot.store import Store

pytestmark = pytest.mark.skipif(not coach_takes_an_llm(), reason=NEEDS_PIPELINE)

@pytest.fixture
async def llm_bot(tmp_path, connector, llm_env):
    config = Config(db_path=tmp_path / "coachbot.db", teams_dev=True)
    store = Store(config.db_path)
    coach = Coach(store, **coach_options(store))
    runner = web.AppRunner(build_app(config, coach))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    async with aiohttp.ClientSession() as session:
        yield Bot(f"http://127.0.0.1:{port}", connector, coach, session)
    await runner.cleanup()
    store.close()


async def test_the_llms_words_end_the_informative_stream(llm_bot):
    await llm_bot.post(message(llm_bot.connector, "We make software for regional banks and customers trust us."))
    first = llm_bot.connector.calls[0]
    assert first.body["type"] == "typing" and first.body["entities"][0]["streamType"] == "informative"
    final = llm_bot.connector.sent()[0]
    assert final.body["entities"][0] == {"type": "streaminfo", "streamType": "final", "streamId": first.new_id}
    assert any(text.startswith("I hear you.") for text in llm_bot.connector.texts())


async def test_a_failing_model_still_gets_the_executive_the_builtin_reply(llm_bot, llm_env):
    llm_env.always("server_error")
    started = time.monotonic()
    await llm_bot.post(message(llm_bot.connector, "We make software for regional banks and customers trust us."))
    assert time.monotonic() - started < 5
    texts = llm_bot.connector.texts()
    assert texts and not any(text.startswith("I hear you.") for text in texts)

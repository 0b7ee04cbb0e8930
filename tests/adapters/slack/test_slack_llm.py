"""Slack with an LLM behind the coach (the stand-in OpenAI-compatible server)."""

from __future__ import annotations

import time

import pytest
from llm_standin import NEEDS_PIPELINE, coach_takes_an_llm

from coachbot.engine import Coach
from coachbot.llm import coach_options

pytestmark = pytest.mark.skipif(not coach_takes_an_llm(), reason=NEEDS_PIPELINE)

THREAD = "1700000000.000888"


async def test_an_assistant_thread_gets_a_status_then_the_llms_words_streamed(
        start_coachbot, slack_config, slack_api, store, llm_env):
    running = await start_coachbot(slack_config(), Coach(store, **coach_options(store)))
    await running.sender.dm("We make software for regional banks and customers trust us.",
                            extra={"thread_ts": THREAD})
    await slack_api.wait_calls("chat.stopStream")
    methods = [c.method for c in slack_api.calls]
    assert methods.index("assistant.threads.setStatus") < methods.index("chat.startStream")
    streamed = "".join(chunk["text"] for c in slack_api.calls if c.method.startswith("chat.") and "Stream" in c.method
                       for chunk in c.args.get("chunks", []))
    assert streamed.startswith("I hear you.")  # the stand-in model's wording, after the guards


async def test_a_failing_model_still_answers_at_once_with_the_builtin_reply(
        start_coachbot, slack_config, slack_api, store, llm_env):
    llm_env.always("slow")
    running = await start_coachbot(slack_config(), Coach(store, **coach_options(store)))
    started = time.monotonic()
    response = await running.sender.dm("We make software for regional banks and customers trust us.")
    assert response.status == 200 and time.monotonic() - started < 1.5  # Slack's 3 s ack never waits on the LLM
    posts = await slack_api.wait_calls("chat.postMessage")
    assert time.monotonic() - started < 5  # llm_env's 2 s budget for the turn, plus slack
    assert posts[0].args["text"].strip()
    assert not slack_api.of("chat.startStream")
    stored = store.db.execute("select count(*) from messages where role = 'coach' and path = 'llm'").fetchone()[0]
    assert stored == 0

"""The coach as a Slack AI app: assistant threads, suggested prompts, a status, a title, streaming."""

from __future__ import annotations

from dataclasses import dataclass

from coachbot.models import Reply

THREAD = "1700000000.000777"


@dataclass(frozen=True)
class Said(Reply):
    """A reply with the path that wrote it (as the engine reports it)."""

    path: str = "builtin"


def with_an_llm(coach, replies):
    """The coach as it is with an LLM configured, answering ``replies``."""
    class Phraser:  # anything but the built-in phraser means an LLM may be working
        pass

    coach.dialogue.phraser = Phraser()
    coach.reply = lambda who, text, now=None: replies


async def test_a_new_assistant_thread_gets_a_greeting_and_suggested_prompts(coachbot, slack_api):
    await coachbot.sender.event({"type": "assistant_thread_started", "assistant_thread": {
        "user_id": "U-ALICE", "channel_id": "D-U-ALICE", "thread_ts": THREAD, "context": {}}})
    [prompts] = await slack_api.wait_calls("assistant.threads.setSuggestedPrompts")
    assert prompts.args["thread_ts"] == THREAD
    titles = [p["title"] for p in prompts.args["prompts"]]
    assert "Prepare for a customer conversation" in titles and len(titles) <= 4
    [greeting] = slack_api.of("chat.postMessage")
    assert greeting.args["thread_ts"] == THREAD and greeting.args["text"]


async def test_a_thread_shows_a_status_gets_a_title_and_streams_only_the_llms_guarded_text(
        coachbot, slack_api, coach):
    with_an_llm(coach, [Said("It sounds like trust is what keeps them with you.", "reflection", path="llm"),
                        Said("What builds that trust?", "question", path="llm_fallback")])
    await coachbot.sender.dm("Customers stay because they trust us", extra={"thread_ts": THREAD})
    await slack_api.wait_calls("chat.stopStream")
    await slack_api.wait_calls("chat.postMessage")
    methods = [c.method for c in slack_api.calls if c.method not in ("auth.test", "users.info")]
    assert methods.index("assistant.threads.setStatus") < methods.index("chat.startStream")
    [title] = slack_api.of("assistant.threads.setTitle")
    assert title.args["title"] == "Coaching: Customers stay because they"
    streamed = "".join(chunk["text"] for c in slack_api.calls
                       if c.method in ("chat.startStream", "chat.appendStream", "chat.stopStream")
                       for chunk in c.args.get("chunks", []) if chunk["type"] == "markdown_text")
    assert streamed == "It sounds like trust is what keeps them with you."
    # The built-in fallback is posted as a message, after the streamed one.
    [post] = slack_api.of("chat.postMessage")
    assert (post.args["text"], post.args["thread_ts"]) == ("What builds that trust?", THREAD)
    assert methods.index("chat.stopStream") < methods.index("chat.postMessage")

    await coachbot.sender.dm("And partners too", extra={"thread_ts": THREAD})
    await slack_api.wait_calls("chat.stopStream", 2)
    assert len(slack_api.of("assistant.threads.setTitle")) == 1  # one title per thread


async def test_without_an_llm_there_is_no_status_and_nothing_is_streamed(coachbot, slack_api):
    await coachbot.sender.dm("Customers stay because they trust us", extra={"thread_ts": THREAD})
    await slack_api.wait_calls("chat.postMessage")
    assert not slack_api.of("assistant.threads.setStatus")
    assert not slack_api.of("chat.startStream")


async def test_a_workspace_that_refuses_streaming_still_gets_the_answer(coachbot, slack_api, coach):
    with_an_llm(coach, [Said("It sounds like trust keeps them with you.", "reflection", path="llm")])
    slack_api.refuse = {"chat.startStream", "assistant.threads.setStatus", "assistant.threads.setTitle"}
    await coachbot.sender.dm("Customers stay because they trust us", extra={"thread_ts": THREAD})
    [post] = await slack_api.wait_calls("chat.postMessage")
    assert post.args["text"] == "It sounds like trust keeps them with you."


async def test_a_plain_dm_shows_the_status_on_the_message_and_posts_without_streaming(coachbot, slack_api, coach):
    with_an_llm(coach, [Said("It sounds like trust keeps them with you.", "reflection", path="llm")])
    await coachbot.sender.dm("Customers stay because they trust us")
    [post] = await slack_api.wait_calls("chat.postMessage")
    assert "thread_ts" not in post.args
    assert not slack_api.of("chat.startStream")
    shown, cleared = await slack_api.wait_calls("assistant.threads.setStatus", 2)
    assert shown.args["status"] and cleared.args["status"] == ""
    assert shown.args["thread_ts"] and shown.args["thread_ts"] == cleared.args["thread_ts"]  # her message
    assert not slack_api.of("assistant.threads.setTitle")

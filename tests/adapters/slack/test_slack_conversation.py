"""An executive talks to the coach in a DM or by @mentioning it, and gets answers in place."""

from __future__ import annotations

import asyncio
import threading

from coachbot.models import Reply, Who


async def test_a_direct_message_is_answered_in_the_same_dm(coachbot, slack_api):
    response = await coachbot.sender.dm("We are thinking about our social strategy.")
    assert response.status == 200
    post = (await slack_api.wait_calls("chat.postMessage"))[0]
    assert post.args["channel"] == "D-U-ALICE"
    assert post.args["text"].strip()
    assert "thread_ts" not in post.args


async def test_a_dm_written_in_a_thread_is_answered_in_that_thread(coachbot, slack_api):
    await coachbot.sender.dm("Still thinking.", extra={"thread_ts": "1700000000.000042"})
    post = (await slack_api.wait_calls("chat.postMessage"))[0]
    assert post.args["thread_ts"] == "1700000000.000042"


async def test_a_mention_is_answered_in_its_thread_without_the_mention(coachbot, slack_api, coach):
    seen: list[str] = []
    original = coach.reply

    def spy(who, text, now=None):
        seen.append(text)
        return original(who, text, now)

    coach.reply = spy
    mention = f"<@{slack_api.bot_user}> what should we measure?"
    await coachbot.sender.event({"type": "app_mention", "channel": "C-LEADERS", "user": "U-ALICE",
                                 "text": mention, "ts": "1700000300.000001"})
    post = (await slack_api.wait_calls("chat.postMessage"))[0]
    assert post.args["channel"] == "C-LEADERS"
    assert post.args["thread_ts"] == "1700000300.000001"
    assert seen == ["what should we measure?"]


async def test_the_coach_text_is_escaped_for_mrkdwn_and_long_answers_are_split(coachbot, slack_api, coach):
    long = "Customers & partners <matter>. " + "word " * 1500
    coach.reply = lambda who, text, now=None: [Reply(long, "reflection"), Reply("Which one?", "question")]
    await coachbot.sender.dm("hello")
    posts = await slack_api.wait_calls("chat.postMessage", 4)
    texts = [p.args["text"] for p in posts]
    assert texts[0].startswith("Customers &amp; partners &lt;matter&gt;.")
    assert all(len(t) <= 3000 for t in texts)
    assert texts[-1] == "Which one?"
    assert "".join(texts[:-1]).replace(" ", "") == long.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;").replace(" ", "")


async def test_a_slow_answer_does_not_hold_up_the_acknowledgement(coachbot, slack_api, coach):
    release = threading.Event()
    original = coach.reply

    def slow(who, text, now=None):
        release.wait(10)
        return original(who, text, now)

    coach.reply = slow
    response = await coachbot.sender.dm("This one takes the LLM a while.")
    assert response.status == 200
    assert slack_api.of("chat.postMessage") == []  # acknowledged while the coach is still thinking
    release.set()
    await slack_api.wait_calls("chat.postMessage")


async def test_messages_from_bots_and_from_the_app_itself_are_ignored(coachbot, slack_api, heard):
    sender = coachbot.sender
    await sender.dm("I am another bot", extra={"bot_id": "B-OTHER", "subtype": "bot_message"})
    await sender.dm("I am coachbot", user=slack_api.bot_user, extra={"bot_id": slack_api.bot_id})
    await sender.dm("edited", extra={"subtype": "message_changed"})
    await sender.dm("A person, finally.")
    await slack_api.wait_calls("chat.postMessage")
    await asyncio.sleep(0.2)  # give any wrongly handled event a chance to show up
    assert heard == [("T-ONE", "U-ALICE", "A person, finally.")]
    assert {p.args["channel"] for p in slack_api.of("chat.postMessage")} == {"D-U-ALICE"}


async def test_the_time_zone_comes_from_the_slack_profile(coachbot, slack_api, coach):
    slack_api.user_tz = "America/Chicago"
    await coachbot.sender.dm("hello")
    await slack_api.wait_calls("users.info")
    who = Who("T-ONE", "U-ALICE", "slack")
    await slack_api.eventually(lambda: coach.settings(who).timezone == "America/Chicago", "time zone saved")


async def test_one_executives_messages_are_answered_in_order(coachbot, slack_api, coach):
    order: list[str] = []
    original = coach.reply

    def record(who, text, now=None):
        order.append(text)
        return [Reply(f"about {text}", "reflection")]

    coach.reply = record
    await asyncio.gather(*(coachbot.sender.dm(f"m{i}") for i in range(5)))
    posts = await slack_api.wait_calls("chat.postMessage", 5)
    assert [p.args["text"] for p in posts] == [f"about {t}" for t in order]
    coach.reply = original


async def test_when_the_coach_fails_the_executive_is_asked_to_write_again(coachbot, slack_api, coach):
    def broken(who, text, now=None):
        raise RuntimeError("the LLM provider is down")

    coach.reply = broken
    await coachbot.sender.dm("hello?")
    post = (await slack_api.wait_calls("chat.postMessage"))[0]
    assert post.args["channel"] == "D-U-ALICE"
    assert "again" in post.args["text"]


async def test_checkin_typed_in_the_dm_brings_the_check_in_card_not_coaching(coachbot, slack_api, coach):
    await coachbot.sender.dm("checkin")
    post = (await slack_api.wait_calls("chat.postMessage"))[0]
    assert post.args.get("blocks"), post.args  # the card, with its buttons
    assert not list(coach.store.db["sessions"].rows)  # nothing was coached


async def test_settings_typed_in_the_dm_shows_the_settings(coachbot, slack_api, coach):
    await coachbot.sender.dm("settings")
    post = (await slack_api.wait_calls("chat.postMessage"))[0]
    assert post.args["text"] == "Your check-in settings" and post.args.get("blocks")

"""/slack/events accepts only Slack's signed requests, and runs each event once."""

from __future__ import annotations

import asyncio
import json
import time

from coachbot.engine import Coach
from coachbot.store import Store


async def test_a_bad_signature_is_refused_with_401(coachbot, slack_api):
    body = json.dumps({"type": "event_callback", "team_id": "T-ONE", "event_id": "Ev-forged",
                       "event": {"type": "message", "channel_type": "im", "user": "U-ALICE", "text": "hi"}})
    response = await coachbot.sender.post(body, "application/json", signature="v0=" + "0" * 64)
    assert response.status == 401
    await asyncio.sleep(0.2)
    assert slack_api.of("chat.postMessage") == []


async def test_a_request_signed_with_another_secret_is_refused_with_401(coachbot, slack_api):
    from slack_sdk.signature import SignatureVerifier

    body = json.dumps({"type": "url_verification", "challenge": "abc"})
    ts = str(int(time.time()))
    signature = SignatureVerifier("not-our-secret").generate_signature(timestamp=ts, body=body)
    response = await coachbot.sender.post(body, "application/json", timestamp=int(ts), signature=signature)
    assert response.status == 401


async def test_a_stale_timestamp_is_refused_with_401_even_when_correctly_signed(coachbot, slack_api):
    body = json.dumps({"type": "url_verification", "challenge": "abc"})
    response = await coachbot.sender.post(body, "application/json", timestamp=int(time.time()) - 10 * 60)
    assert response.status == 401


async def test_url_verification_echoes_the_challenge(coachbot):
    session = coachbot.sender.session
    body = json.dumps({"token": "legacy", "type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV"})
    response = await coachbot.sender.post(body, "application/json")
    assert response.status == 200
    ts = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": coachbot.sender.verifier.generate_signature(timestamp=ts, body=body)}
    async with session.post(coachbot.sender.url, data=body, headers=headers) as r:
        assert (await r.json()) == {"challenge": "3eZbrw1aBm2rZgRNFdxV"}


async def test_slack_retries_of_one_event_are_answered_once(coachbot, slack_api, heard):
    sender = coachbot.sender
    first = await sender.dm("Are we listening to customers?", event_id="Ev-RETRY-1")
    retries = [await sender.dm("Are we listening to customers?", event_id="Ev-RETRY-1",
                               headers={"X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"})
               for n in (1, 2)]
    assert [first.status] + [r.status for r in retries] == [200, 200, 200]
    await sender.dm("A different message", event_id="Ev-OTHER")
    await slack_api.eventually(lambda: len(heard) >= 2, "both messages reach the coach")
    await asyncio.sleep(0.3)  # a duplicate, if any, would have reached the coach by now
    assert [text for *_, text in heard] == ["Are we listening to customers?", "A different message"]


async def test_a_restart_does_not_forget_which_events_ran(start_coachbot, slack_config, slack_api, db_path,
                                                         heard, listen_to):
    first = await start_coachbot(slack_config())
    await first.sender.dm("hello", event_id="Ev-BEFORE-RESTART")
    await slack_api.eventually(lambda: heard, "the first message reaches the coach")
    # ...and is answered (a restart before that would rightly answer it again, from the inbox).
    await slack_api.eventually(
        lambda: Store(db_path).db.execute(
            "select status from slack_events where event_id = 'Ev-BEFORE-RESTART'").fetchone() == ("answered",),
        "the first message is answered")

    # A new process on the same database file receives Slack's retry of that event.
    restarted = Coach(Store(db_path))
    heard_after_restart = listen_to(restarted)
    second = await start_coachbot(slack_config(), restarted)
    await second.sender.dm("hello", event_id="Ev-BEFORE-RESTART", headers={"X-Slack-Retry-Num": "1"})
    await second.sender.dm("and now something new", event_id="Ev-AFTER-RESTART")
    await slack_api.eventually(lambda: heard_after_restart, "the new message reaches the coach")
    await asyncio.sleep(0.3)
    assert [text for *_, text in heard_after_restart] == ["and now something new"]


async def test_the_same_event_id_in_two_workspaces_is_two_events(coachbot, slack_api):
    # Bot tokens here are per team only in OAuth mode; the claim itself is per workspace.
    from coachbot.adapters.slack import SLACK_KEY

    claims = coachbot.app[SLACK_KEY].claims
    assert await claims.claim("T-ONE", "Ev-SAME")
    assert await claims.claim("T-TWO", "Ev-SAME")
    assert not await claims.claim("T-ONE", "Ev-SAME")


async def test_a_rate_limited_reply_is_retried_after_retry_after(coachbot, slack_api):
    slack_api.rate_limited["chat.postMessage"] = 1
    await coachbot.sender.dm("hello")
    await slack_api.wait_calls("chat.postMessage")
    refused, delivered = [c for c in slack_api.calls if c.method.startswith("chat.")][:2]
    assert (refused.method, delivered.method) == ("chat.postMessage:429", "chat.postMessage")
    assert delivered.args == refused.args  # the same message, sent again after Retry-After


async def test_all_web_api_calls_go_to_slack_api_url(coachbot, slack_api):
    await coachbot.sender.dm("hello")
    await slack_api.wait_calls("chat.postMessage")
    methods = {c.method for c in slack_api.calls}
    assert {"auth.test", "chat.postMessage"} <= methods

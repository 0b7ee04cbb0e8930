"""/slack/events under attack or abuse: verify first, refuse cleanly, log briefly, run each request once."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest

from coachbot.models import Who

ALICE = Who("T-ONE", "U-ALICE", "slack")
BIG = "confidential-words " * 50_000  # about 1 MB


def traceback_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]


# --- malformed or unsigned requests --------------------------------------------------------
UNSIGNED = {
    "bad json": ("{not json" + BIG, "application/json"),
    "json array": (json.dumps([BIG]), "application/json"),
    "invalid utf-8 form": (None, "application/x-www-form-urlencoded"),
    "payload not json": ("payload=notjson" + BIG, "application/x-www-form-urlencoded"),
}


@pytest.mark.parametrize("name", UNSIGNED)
async def test_an_unsigned_malformed_body_is_refused_with_401_and_never_logged(coachbot, caplog, name):
    text, content_type = UNSIGNED[name]
    raw = b"\xff\xfe=\xc3(" + BIG.encode() if text is None else text.encode()
    ts = str(int(time.time()))
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + "0" * 64}
    with caplog.at_level(logging.DEBUG):
        async with coachbot.sender.session.post(coachbot.sender.url, data=raw, headers=headers) as response:
            assert response.status == 401
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "confidential-words" not in logged
    assert traceback_records(caplog) == []


@pytest.mark.parametrize("timestamp", ["notanumber", "", "1e9", "-5"])
async def test_a_malformed_timestamp_header_is_a_401(coachbot, caplog, timestamp):
    body = json.dumps({"type": "url_verification", "challenge": "abc"})
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp,
               "X-Slack-Signature": "v0=" + "0" * 64}
    async with coachbot.sender.session.post(coachbot.sender.url, data=body, headers=headers) as response:
        assert response.status == 401
    assert traceback_records(caplog) == []


SIGNED_MALFORMED = {
    "bad json": ("{not json", "application/json"),
    "json array": ("[1, 2]", "application/json"),
    "json string": ('"hello"', "application/json"),
    "payload not json": ("payload=notjson", "application/x-www-form-urlencoded"),
    "payload a list": ("payload=%5B1%5D", "application/x-www-form-urlencoded"),
    "event is a string": (json.dumps({"type": "event_callback", "team_id": "T-ONE", "event_id": "Ev1",
                                      "event": "message"}), "application/json"),
    "event without a type": (json.dumps({"type": "event_callback", "team_id": "T-ONE", "event_id": "Ev2",
                                         "event": {"text": "hi"}}), "application/json"),
    "actions not a list": ("payload=" + json.dumps({"type": "block_actions", "team": {"id": "T-ONE"},
                                                    "user": {"id": "U-ALICE"}, "actions": "x"}),
                           "application/x-www-form-urlencoded"),
    "team is a number": (json.dumps({"type": "event_callback", "team_id": "T-ONE", "team": 5, "event_id": "Ev3",
                                     "event": {"type": "message"}}), "application/json"),
    "not a form": ("just some words", "application/x-www-form-urlencoded"),
    "another content type": ("<xml/>", "text/xml"),
}


@pytest.mark.parametrize("name", SIGNED_MALFORMED)
async def test_a_signed_malformed_body_is_a_400_without_a_traceback(coachbot, slack_api, caplog, name):
    body, content_type = SIGNED_MALFORMED[name]
    response = await coachbot.sender.post(body, content_type)
    assert response.status == 400
    assert traceback_records(caplog) == []
    await coachbot.sender.dm("Still there?")  # and the bot keeps working
    await slack_api.wait_calls("chat.postMessage")


async def test_signed_invalid_utf8_is_a_400(coachbot, caplog):
    raw = b"text=\xff\xfe"
    ts = str(int(time.time()))
    secret = coachbot.sender.verifier.signing_secret.encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": "v0=" + hmac.new(secret, f"v0:{ts}:".encode() + raw, hashlib.sha256).hexdigest()}
    async with coachbot.sender.session.post(coachbot.sender.url, data=raw, headers=headers) as response:
        assert response.status == 400
    assert traceback_records(caplog) == []


async def test_a_flood_of_bad_requests_writes_a_line_or_two_not_megabytes(coachbot, caplog):
    with caplog.at_level(logging.DEBUG):
        for _ in range(20):
            await coachbot.sender.post("{not json" + BIG, "application/json", signature="v0=" + "1" * 64)
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert 1 <= len(refusals) <= 2
    assert sum(len(r.getMessage()) for r in caplog.records) < 5_000


# --- replays -------------------------------------------------------------------------------------
async def test_a_replayed_slash_command_runs_once(coachbot, slack_api):
    form = urlencode({"token": "legacy", "team_id": "T-ONE", "channel_id": "C-GENERAL", "user_id": "U-ALICE",
                      "command": "/coach", "text": "export", "api_app_id": "A1",
                      "response_url": slack_api.response_url(), "trigger_id": "trigger-x"})
    ts = int(time.time())
    statuses = [(await coachbot.sender.post(form, "application/x-www-form-urlencoded", timestamp=ts)).status
                for _ in range(4)]
    assert statuses == [200] * 4
    await slack_api.wait_calls("files.completeUploadExternal")
    await asyncio.sleep(0.5)  # replays, if run, would have uploaded by now
    assert len(slack_api.of("files.completeUploadExternal")) == 1


async def test_a_replayed_button_click_runs_once(coachbot, slack_api):
    payload = {"type": "block_actions", "team": {"id": "T-ONE", "domain": "acme"},
               "user": {"id": "U-ALICE", "team_id": "T-ONE"}, "api_app_id": "A1", "token": "legacy",
               "trigger_id": "trigger-y", "view": {"id": "V1", "type": "home"},
               "container": {"type": "view", "view_id": "V1"},
               "actions": [{"action_id": "data:export", "action_ts": "1700000300.1", "block_id": "b",
                            "type": "button"}]}
    form = urlencode({"payload": json.dumps(payload)})
    ts = int(time.time())
    for _ in range(3):
        assert (await coachbot.sender.post(form, "application/x-www-form-urlencoded", timestamp=ts)).status == 200
    await slack_api.wait_calls("files.completeUploadExternal")
    await asyncio.sleep(0.5)
    assert len(slack_api.of("files.completeUploadExternal")) == 1


# --- one workspace means one workspace ---------------------------------------------------------------
async def test_one_workspace_mode_ignores_events_from_another_workspace(coachbot, slack_api, heard, coach):
    response = await coachbot.sender.dm("Hello from elsewhere", team="T-FOREIGN")
    assert response.status == 200
    await coachbot.sender.dm("Hello from home")
    await slack_api.eventually(lambda: heard, "the home workspace's message reaches the coach")
    await asyncio.sleep(0.3)
    assert [(tenant, text) for tenant, _, text in heard] == [("T-ONE", "Hello from home")]
    tenants = {row["tenant"] for row in coach.store.db["executives"].rows}
    assert tenants == {"T-ONE"}
    assert all(c.args.get("channel") != "D-U-ALICE" or c.team == "T-ONE" for c in slack_api.of("chat.postMessage"))


async def test_one_workspace_mode_ignores_commands_from_another_workspace(coachbot, slack_api, coach):
    await coachbot.sender.command("pause", team="T-FOREIGN", response_url=slack_api.response_url())
    await asyncio.sleep(0.5)
    assert coach.store.db["executives"].count == 0
    assert slack_api.of("users.info") == []


# --- a Slack API error that is not JSON ---------------------------------------------------------------
async def test_a_non_json_error_from_users_info_loses_nothing_and_logs_no_traceback(coachbot, slack_api, coach,
                                                                                     caplog):
    slack_api.broken["users.info"] = (502, "502 Bad Gateway")  # a proxy, not Slack, answered
    await coachbot.sender.command("settings tue 08:30", response_url=slack_api.response_url())
    await slack_api.eventually(lambda: coach.store.db["executives"].count, "the executive exists")
    await slack_api.eventually(lambda: coach.settings(ALICE).time == "08:30", "the new time is saved")
    assert coach.settings(ALICE).weekday == 1
    await coachbot.sender.dm("We make pumps.")
    await slack_api.wait_calls("chat.postMessage")
    assert traceback_records(caplog) == []


async def test_a_stream_refused_by_a_proxy_falls_back_to_a_plain_post(coachbot, slack_api, coach, caplog):
    from coachbot.models import Reply

    class Phraser:  # anything but the built-in phraser means an LLM may be working
        pass

    @dataclass(frozen=True)
    class Said(Reply):
        path: str = "llm"

    coach.dialogue.phraser = Phraser()
    coach.reply = lambda who, text, now=None: [Said("It sounds like trust keeps them with you.", "reflection")]
    slack_api.broken["chat.startStream"] = (502, "502 Bad Gateway")
    await coachbot.sender.dm("Customers stay because they trust us", extra={"thread_ts": "1700000000.000777"})
    [post] = await slack_api.wait_calls("chat.postMessage")
    assert post.args["text"] == "It sounds like trust keeps them with you."
    assert traceback_records(caplog) == []

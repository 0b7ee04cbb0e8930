"""Socket Mode: with SLACK_APP_TOKEN, coachbot opens the websocket itself and answers over it."""

from __future__ import annotations

import asyncio
import time

APP_TOKEN = "xapp-1-A1-test"


def envelope(envelope_id: str, event: dict, event_id: str) -> dict:
    return {
        "envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
        "retry_attempt": 0, "retry_reason": "",
        "payload": {"token": "legacy", "team_id": "T-ONE", "api_app_id": "A1", "type": "event_callback",
                    "event_id": event_id, "event_time": int(time.time()), "event": event},
    }


async def test_events_arrive_over_the_websocket_and_are_acknowledged_there(start_coachbot, slack_config,
                                                                           slack_api, heard):
    dm = {"type": "message", "channel_type": "im", "channel": "D-U-ALICE", "user": "U-ALICE",
          "text": "Hello over the socket", "ts": "1700000500.000001"}
    slack_api.socket_envelopes = [envelope("env-1", dm, "Ev-SOCKET-1"),
                                  envelope("env-2", dm, "Ev-SOCKET-1")]  # a redelivery of the same event
    running = await start_coachbot(slack_config(slack_app_token=APP_TOKEN, slack_signing_secret=""))

    [opened] = await slack_api.wait_calls("apps.connections.open")
    assert opened.token == APP_TOKEN
    await slack_api.wait_for(lambda s: {a.get("envelope_id") for a in s.socket_acks} >= {"env-1", "env-2"},
                             "both envelopes acknowledged")
    post = (await slack_api.wait_calls("chat.postMessage"))[0]
    assert post.args["channel"] == "D-U-ALICE" and post.args["text"].strip()
    await asyncio.sleep(0.2)  # the redelivery, if it were run, would have reached the coach by now
    assert heard == [("T-ONE", "U-ALICE", "Hello over the socket")]

    # In Socket Mode nothing listens for Slack over HTTP.
    async with running.sender.session.post(running.sender.url, data="{}") as response:
        assert response.status in (404, 405)

"""Slack as the scheduler's channel: real HTTP to the stand-in Web API on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coachbot.adapters.slack.channel import SlackChannel

from coachbot.checkins.runner import Runner
from coachbot.config import Config
from coachbot.models import Who

MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def channel_for(slack_api, coach) -> SlackChannel:
    config = Config(db_path=coach.store.path, slack_bot_token="xoxb-T-ONE", slack_api_url=slack_api.api_url)
    return SlackChannel.from_config(coach.store, config)


def enrol(coach, user: str, timezone: str = "UTC") -> Who:
    who = Who("T-ONE", user, "slack")
    coach.update_settings(who, timezone=timezone)
    with coach.store.write() as db:
        db.execute("update executives set profile_synced_at = ?, last_seen_at = ? where user_id = ?",
                   ["2026-11-20T00:00:00+00:00", "2026-11-01T00:00:00+00:00", user])
    return who


async def run(coach, channel, now) -> dict:
    runner = Runner(coach, [channel])
    try:
        return await runner.run_once(now)
    finally:
        runner.close()


async def test_a_check_in_costs_one_call_and_the_dm_channel_is_remembered(slack_api, coach):
    channel = channel_for(slack_api, coach)
    enrol(coach, "U-ALICE")
    assert (await run(coach, channel, MONDAY_9))["sent"] == 1
    assert (await run(coach, channel, MONDAY_9 + timedelta(weeks=1)))["sent"] == 1
    await channel.aclose()
    methods = [c.method for c in slack_api.calls]
    assert methods == ["chat.postMessage", "chat.postMessage"], "no conversations.open, no users.info"
    first, second = slack_api.of("chat.postMessage")
    assert first.args["channel"] == "U-ALICE" and second.args["channel"] == "D-U-ALICE"
    assert coach.store.db.execute("select dm_channel from executives").fetchone()[0] == "D-U-ALICE"
    assert any(b["type"] == "actions" for b in first.args["blocks"])


async def test_slack_429_pauses_and_the_check_in_still_goes_once(slack_api, coach):
    channel = channel_for(slack_api, coach)
    for n in range(3):
        enrol(coach, f"U-{n}")
    slack_api.rate_limited["chat.postMessage"] = 2
    counts = await run(coach, channel, MONDAY_9)
    await channel.aclose()
    assert counts["sent"] == 3 and counts["rate_limited"] >= 1
    assert sorted(c.args["channel"] for c in slack_api.of("chat.postMessage")) == ["U-0", "U-1", "U-2"]


async def test_a_deactivated_account_is_marked_undeliverable_and_not_tried_again(slack_api, coach):
    channel = channel_for(slack_api, coach)
    enrol(coach, "U-GONE")
    slack_api.inactive_users.add("U-GONE")
    assert (await run(coach, channel, MONDAY_9))["undeliverable"] == 1
    assert (await run(coach, channel, MONDAY_9 + timedelta(weeks=1)))["unreachable"] == 1
    await channel.aclose()
    assert len(slack_api.of("chat.postMessage")) == 1
    row = coach.store.db.execute("select status, error from checkin_deliveries order by id").fetchone()
    assert row == ("undeliverable", "account_inactive")


async def test_after_a_crash_slack_is_asked_before_posting_again(slack_api, coach):
    from coachbot.checkins import outbox

    channel = channel_for(slack_api, coach)
    enrol(coach, "U-ALICE")
    eid = coach.store.db.execute("select id from executives").fetchone()[0]
    claim = outbox.claim(coach.store, "T-ONE", eid, "2026-W48", MONDAY_9, "elsewhere:1:x", MONDAY_9)
    # The crashed sender had posted it: Slack has the message with its outbox key.
    await slack_api.record()
    slack_api.posted.append({"channel": "D-U-ALICE", "ts": "1700000000.999999", "text": "check-in",
                             "metadata": {"event_type": "coachbot_checkin",
                                          "event_payload": {"key": f"checkin:{claim.delivery_id}"}}})
    counts = await run(coach, channel, MONDAY_9 + outbox.LEASE + timedelta(minutes=1))
    await channel.aclose()
    assert counts["recovered"] == 1 and slack_api.of("chat.postMessage") == []
    assert coach.store.db.execute("select platform_message_id from checkin_deliveries").fetchone()[0] == \
        "1700000000.999999"


async def test_the_time_zone_comes_from_users_info_once(slack_api, coach):
    channel = channel_for(slack_api, coach)
    who = Who("T-ONE", "U-NEW", "slack")
    coach.settings(who)
    slack_api.user_tz = "Asia/Tokyo"
    await run(coach, channel, MONDAY_9 - timedelta(hours=9))
    await run(coach, channel, MONDAY_9 - timedelta(hours=8))
    await channel.aclose()
    assert len(slack_api.of("users.info")) == 1
    assert coach.settings(who).timezone == "Asia/Tokyo"
    assert len(slack_api.of("chat.postMessage")) == 1  # 09:00 in Tokyo is 00:00 UTC

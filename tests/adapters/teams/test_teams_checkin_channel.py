"""Teams as the scheduler's channel: real HTTP to the stand-in connector on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from coachbot.adapters.teams.channel import TeamsChannel
from teams_rig import message

from coachbot.checkins.runner import Runner
from coachbot.config import Config
from coachbot.models import Who

ALICE = Who("tenant-a", "aad-alice", "teams")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def channel(bot) -> TeamsChannel:
    return TeamsChannel(bot.coach, Config(db_path=bot.coach.store.path, teams_dev=True))


async def run(bot, channel, now) -> dict:
    runner = Runner(bot.coach, [channel], rate_limited_retries=2)
    try:
        return await runner.run_once(now)
    finally:
        runner.close()


async def said_hello(bot, user: str = "alice") -> None:
    await bot.post(message(bot.connector, "hello", user=user))
    with bot.coach.store.write() as db:  # their time zone was known; they wrote before the week began
        db.execute("update executives set profile_synced_at = ?, last_seen_at = ?",
                   ["2026-11-20T00:00:00+00:00", "2026-11-01T00:00:00+00:00"])
    bot.connector.clear()


async def test_the_weekly_card_reaches_the_executive_once(bot, channel):
    await said_hello(bot)
    assert (await run(bot, channel, MONDAY_9))["sent"] == 1
    assert (await run(bot, channel, MONDAY_9 + timedelta(hours=1)))["sent"] == 0
    [call] = bot.connector.sent()
    assert call.conversation == "a:personal-tenant-a-alice" and call.cards
    row = bot.coach.store.db.execute("select status, platform_message_id from checkin_deliveries").fetchone()
    assert row == ("sent", call.new_id)


@pytest.mark.parametrize("status", [403, 404])
async def test_a_blocked_or_removed_app_is_marked_undeliverable(bot, channel, status):
    await said_hello(bot)
    bot.connector.refuse_with = status
    assert (await run(bot, channel, MONDAY_9))["undeliverable"] == 1
    assert (await run(bot, channel, MONDAY_9 + timedelta(weeks=1)))["unreachable"] == 1
    assert len(bot.connector.calls) == 1, "not retried"


async def test_teams_429_is_waited_out(bot, channel):
    await said_hello(bot)
    bot.connector.refuse_with = 429
    counts = await run(bot, channel, MONDAY_9)
    assert counts["sent"] == 0 and counts["rate_limited"] >= 1
    bot.connector.refuse_with = None
    later = await run(bot, channel, MONDAY_9 + timedelta(minutes=15))
    assert later["sent"] == 1


async def test_someone_who_never_wrote_in_teams_is_not_reachable(bot, channel):
    bot.coach.settings(Who("tenant-a", "aad-bob", "teams"))
    counts = await run(bot, channel, MONDAY_9)
    assert counts["sent"] == 0 and counts["undeliverable"] == 1 and bot.connector.calls == []


async def test_the_one_reminder_arrives_in_the_same_chat(bot, channel):
    await said_hello(bot)
    await run(bot, channel, MONDAY_9)
    assert (await run(bot, channel, MONDAY_9 + timedelta(hours=24)))["reminded"] == 1
    assert "still waiting" in bot.connector.texts()[-1]


async def test_the_time_zone_follows_what_teams_reports(bot, channel):
    await bot.post(message(bot.connector, "hello", localTimezone="Asia/Tokyo"))
    assert bot.coach.settings(ALICE).timezone == "Asia/Tokyo"
    await bot.post(message(bot.connector, "hi again", localTimezone="Not/AZone"))
    assert bot.coach.settings(ALICE).timezone == "Asia/Tokyo"

"""Writing first: the weekly check-in reaches an executive who has talked to the bot before."""

from __future__ import annotations

import pytest
from coachbot.adapters.teams.proactive import NoConversation, NotDelivered, send_checkin, send_proactive
from teams_rig import activity, message, submit

from coachbot.config import Config
from coachbot.models import Who

ALICE = Who("tenant-a", "aad-alice", "teams")


@pytest.fixture
def config(bot) -> Config:
    return Config(db_path=bot.coach.store.path, teams_dev=True)


async def test_a_check_in_card_reaches_the_executive_unprompted(bot, config):
    await bot.post(activity(bot.connector, "installationUpdate", action="add"))
    bot.connector.clear()

    message_id = await send_checkin(bot.coach, config, ALICE)

    [call] = bot.connector.calls
    assert (call.method, call.conversation, call.activity_id) == ("POST", "a:personal-tenant-a-alice", None)
    assert call.body["recipient"]["id"] == "29:alice"
    [card] = call.cards
    assert [e for e in card["body"] if e["type"].startswith("Input.")]
    assert message_id == call.new_id


async def test_the_proactive_check_in_can_be_answered_once(bot, config):
    await bot.post(message(bot.connector, "hello"))
    await send_checkin(bot.coach, config, ALICE)
    [call] = [c for c in bot.connector.calls if c.cards]
    [rating] = [e["id"] for e in call.cards[0]["body"] if e["type"].startswith("Input.")]
    answer = {**call.cards[0]["actions"][0]["data"], rating: "6"}

    await bot.post(submit(bot.connector, answer, call.new_id))
    await bot.post(submit(bot.connector, {**answer, rating: "1"}, call.new_id))

    rows = bot.coach.export(ALICE)["tables"]["checkin_answers"]
    assert [(r["item"], r["value"]) for r in rows] == [(rating, "6")]
    assert [u.activity_id for u in bot.connector.updates()][0] == call.new_id


async def test_any_card_can_be_sent(bot, config):
    await bot.post(message(bot.connector, "hello"))
    bot.connector.clear()
    card = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Reminder"}]}
    await send_proactive(bot.coach, config, ALICE, card)
    assert bot.connector.cards() == [card]


async def test_someone_who_never_wrote_cannot_be_messaged(bot, config):
    with pytest.raises(NoConversation):
        await send_checkin(bot.coach, config, Who("tenant-a", "aad-bob", "teams"))
    assert bot.connector.calls == []


async def test_a_refused_delivery_is_reported_to_the_caller(bot, config):
    await bot.post(message(bot.connector, "hello"))
    bot.connector.clear()
    bot.connector.refuse_with = 403  # the executive removed the app

    with pytest.raises(NotDelivered) as refused:
        await send_checkin(bot.coach, config, ALICE)
    assert refused.value.status == 403
    assert len(bot.connector.calls) == 1, "no apology is sent into a conversation that refused the card"

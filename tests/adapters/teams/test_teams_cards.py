"""Answering cards: each card takes one answer, then turns into a record of it."""

from __future__ import annotations

from teams_rig import message, submit

from coachbot.models import Who

ALICE = Who("tenant-a", "aad-alice", "teams")


async def card_and_message_id(bot, command: str) -> tuple[dict, str]:
    await bot.post(message(bot.connector, command))
    [call] = [c for c in bot.connector.sent() if c.cards]
    bot.connector.clear()
    # Teams echoes the id of the message holding the card as replyToId on a click.
    return call.cards[0], call.new_id


def button(card: dict, action: str) -> dict:
    return next(a["data"] for a in card["actions"] if a["data"]["action"] == action)


def answers_this_week(bot) -> dict[str, str]:
    rows = bot.coach.export(ALICE)["tables"].get("checkin_answers", [])
    return {row["item"]: row["value"] for row in rows}


async def test_check_in_answers_are_recorded_and_the_card_closes(bot):
    card, message_id = await card_and_message_id(bot, "checkin")
    [rating] = [e["id"] for e in card["body"] if e["type"].startswith("Input.")]

    response = await bot.post(submit(bot.connector, {**button(card, "answer"), rating: "6"}, message_id))

    assert response.status == 202
    assert answers_this_week(bot) == {rating: "6"}
    [update] = bot.connector.updates()
    assert update.activity_id == message_id
    [closed] = update.cards
    assert "actions" not in closed
    assert not [e for e in closed["body"] if e["type"].startswith("Input.")]


async def test_a_check_in_card_cannot_be_answered_twice(bot):
    card, message_id = await card_and_message_id(bot, "checkin")
    [rating] = [e["id"] for e in card["body"] if e["type"].startswith("Input.")]
    await bot.post(submit(bot.connector, {**button(card, "answer"), rating: "6"}, message_id))
    bot.connector.clear()

    await bot.post(submit(bot.connector, {**button(card, "answer"), rating: "2"}, message_id))

    assert answers_this_week(bot)[rating] == "6"
    assert bot.connector.texts() == ["That card was already answered."]


async def test_talk_now_opens_a_conversation(bot):
    card, message_id = await card_and_message_id(bot, "checkin")
    await bot.post(submit(bot.connector, button(card, "talk"), message_id))
    assert bot.connector.texts()  # the coach's opening
    assert "talk" in answers_this_week(bot)
    assert len(bot.connector.updates()) == 1


async def test_snooze_and_skip_are_recorded(bot):
    for action in ("snooze", "skip"):
        card, message_id = await card_and_message_id(bot, "checkin")
        await bot.post(submit(bot.connector, button(card, action), message_id))
        assert action in answers_this_week(bot)
        assert bot.connector.texts(), f"{action} should be acknowledged"


async def test_sending_an_empty_check_in_asks_for_an_answer_and_keeps_the_card(bot):
    card, message_id = await card_and_message_id(bot, "checkin")
    await bot.post(submit(bot.connector, button(card, "answer"), message_id))
    assert bot.connector.updates() == []
    assert answers_this_week(bot) == {}
    [rating] = [e["id"] for e in card["body"] if e["type"].startswith("Input.")]
    await bot.post(submit(bot.connector, {**button(card, "answer"), rating: "5"}, message_id))
    assert answers_this_week(bot) == {rating: "5"}


async def test_settings_are_saved_from_the_card(bot):
    card, message_id = await card_and_message_id(bot, "settings")
    await bot.post(submit(bot.connector, {**button(card, "save"), "weekday": "3", "time": "07:45",
                                          "timezone": "America/Chicago", "paused": "true"}, message_id))
    settings = bot.coach.settings(ALICE)
    assert (settings.weekday, settings.time, settings.timezone, settings.paused) == (
        3, "07:45", "America/Chicago", True)
    [update] = bot.connector.updates()
    assert "actions" not in update.cards[0]


async def test_a_time_zone_typo_is_explained_and_the_card_can_be_fixed(bot):
    card, message_id = await card_and_message_id(bot, "settings")
    typo = {**button(card, "save"), "weekday": "1", "time": "09:00", "timezone": "Europe/Berlinn", "paused": "false"}
    await bot.post(submit(bot.connector, typo, message_id))

    assert bot.coach.settings(ALICE).timezone == "UTC"
    assert any("Europe/Berlinn" in text for text in bot.connector.texts())
    [again] = bot.connector.updates()[0].cards
    assert again["actions"], "the corrected card can still be sent"

    await bot.post(submit(bot.connector, {**typo, "timezone": "Europe/Berlin"}, message_id))
    assert bot.coach.settings(ALICE).timezone == "Europe/Berlin"


async def test_confirming_forget_deletes_everything(bot):
    await bot.post(message(bot.connector, "pause"))
    card, message_id = await card_and_message_id(bot, "forget")
    await bot.post(submit(bot.connector, button(card, "confirm"), message_id))

    assert bot.coach.export(ALICE)["executive"] is None
    [update] = bot.connector.updates()
    assert "actions" not in update.cards[0]


async def test_cancelling_forget_keeps_everything(bot):
    await bot.post(message(bot.connector, "pause"))
    card, message_id = await card_and_message_id(bot, "forget")
    await bot.post(submit(bot.connector, button(card, "cancel"), message_id))
    assert bot.coach.settings(ALICE).paused is True
    await bot.post(submit(bot.connector, button(card, "confirm"), message_id))
    assert bot.coach.settings(ALICE).paused is True, "a cancelled card cannot be confirmed later"


async def test_someone_else_cannot_answer_your_card(bot):
    card, message_id = await card_and_message_id(bot, "forget")
    await bot.post(submit(bot.connector, button(card, "confirm"), message_id, user="mallory"))
    assert bot.coach.export(ALICE)["executive"] is not None


async def test_last_weeks_experiment_is_asked_about_and_recorded(bot):
    await bot.post(message(bot.connector, "hello"))
    executive = bot.coach.export(ALICE)["executive"]
    with bot.coach.store.write() as db:  # the engine proposed an experiment in an earlier session
        db["experiments"].insert({"tenant": "tenant-a", "executive_id": executive["id"], "status": "proposed",
                                  "text": "Ask two front-line colleagues what customers say about us."})
    card, message_id = await card_and_message_id(bot, "checkin")
    [choice] = [e for e in card["body"] if e.get("id") == "experiment"]
    assert [c["value"] for c in choice["choices"]] == ["done", "partly", "not_done"]

    await bot.post(submit(bot.connector, {**button(card, "answer"), "experiment": "partly"}, message_id))

    assert answers_this_week(bot) == {"experiment": "partly"}
    [experiment] = bot.coach.export(ALICE)["tables"]["experiments"]
    assert experiment["status"] == "partly"


async def test_once_everything_is_answered_the_next_check_in_card_only_offers_talk_snooze_skip(bot):
    card, message_id = await card_and_message_id(bot, "checkin")
    answers = {e["id"]: e["choices"][-1]["value"] for e in card["body"] if e["type"] == "Input.ChoiceSet"}
    await bot.post(submit(bot.connector, {**button(card, "answer"), **answers}, message_id))
    bot.connector.clear()

    again, _ = await card_and_message_id(bot, "checkin")
    assert not [e for e in again["body"] if e["type"].startswith("Input.")]
    assert [a["data"]["action"] for a in again["actions"]] == ["talk", "snooze", "later", "skip", "stop"]

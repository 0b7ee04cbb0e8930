"""The check-in message: every button is stored as an answer and the message shows what was picked."""

from __future__ import annotations

import json

import pytest

from coachbot.models import Who

ALICE = Who("T-ONE", "U-ALICE", "slack")


async def send_checkin(coachbot, slack_api) -> dict:
    from coachbot.adapters.slack import SLACK_KEY

    sent = await coachbot.app[SLACK_KEY].send_checkin(ALICE)
    [post] = slack_api.of("chat.postMessage")
    return {"ts": sent["ts"], "channel": sent["channel"], "blocks": post.args["blocks"],
            "text": post.args["text"]}


def buttons(message: dict) -> dict[str, dict]:
    return {e["action_id"]: e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]}


def answers(coach) -> dict[str, str]:
    rows = coach.store.db.execute(
        "select item, value from checkin_answers where tenant = ? order by id", ["T-ONE"]).fetchall()
    return dict(rows)


async def click(coachbot, slack_api, message: dict, action_id: str, updates: int = 1):
    button = buttons(message)[action_id]
    action = {"type": "button", "action_id": action_id, "value": button["value"]}
    response = await coachbot.sender.click(action, message=message)
    assert response.status == 200
    return await slack_api.wait_calls("chat.update", updates)


CONTROLS = ("checkin:talk", "checkin:snooze", "checkin:later", "checkin:skip", "checkin:stop")


def rating(message: dict) -> tuple[str, list[int]]:
    """The week's one rating: its item and the numbers on its buttons."""
    ids = [i for i in buttons(message) if i not in CONTROLS and not i.startswith("checkin:experiment:")]
    items = {i.removeprefix("checkin:").rsplit(":", 1)[0] for i in ids}
    assert len(items) == 1, items
    return items.pop(), sorted(int(i.rsplit(":", 1)[1]) for i in ids)


async def test_the_checkin_can_be_sent_to_one_executive(coachbot, slack_api, coach):
    message = await send_checkin(coachbot, slack_api)
    assert message["channel"] == "D-U-ALICE"
    item, numbers = rating(message)
    if item in ("importance", "confidence"):
        assert numbers == list(range(11))
    else:
        assert item.startswith("belief:") and numbers == list(range(1, 8))
    assert set(CONTROLS) <= set(buttons(message))


@pytest.mark.parametrize("pick", ["low", "high", "middle"])
async def test_the_rating_button_is_stored_and_highlighted(coachbot, slack_api, coach, pick):
    message = await send_checkin(coachbot, slack_api)
    scale, numbers = rating(message)
    value = {"low": numbers[0], "high": numbers[-1], "middle": numbers[len(numbers) // 2]}[pick]
    [update] = await click(coachbot, slack_api, message, f"checkin:{scale}:{value}")
    assert answers(coach) == {scale: str(value)}
    assert update.args["ts"] == message["ts"] and update.args["channel"] == "D-U-ALICE"
    picked = buttons({"blocks": update.args["blocks"]})
    assert picked[f"checkin:{scale}:{value}"].get("style") == "primary"
    assert [k for k, b in picked.items() if b.get("style") == "primary"] == [f"checkin:{scale}:{value}"]
    assert any(b.get("block_id") == "checkin:note" for b in update.args["blocks"])


async def test_answers_accumulate_and_a_second_click_changes_the_answer(coachbot, slack_api, coach):
    coach.settings(ALICE)
    with coach.store.write() as db:
        executive_id = db.execute("select id from executives where user_id = 'U-ALICE'").fetchone()[0]
        db["experiments"].insert({"tenant": "T-ONE", "executive_id": executive_id,
                                  "text": "Reply once in the customer community.", "status": "proposed"})
    message = await send_checkin(coachbot, slack_api)
    item, _ = rating(message)
    [update] = await click(coachbot, slack_api, message, f"checkin:{item}:3")
    message = {**message, "blocks": update.args["blocks"]}
    updates = await click(coachbot, slack_api, message, "checkin:experiment:partly", updates=2)
    message = {**message, "blocks": updates[-1].args["blocks"]}
    updates = await click(coachbot, slack_api, message, f"checkin:{item}:5", updates=3)
    assert answers(coach) == {"experiment": "partly", item: "5"}
    styled = [k for k, b in buttons({"blocks": updates[-1].args["blocks"]}).items() if b.get("style")]
    assert set(styled) == {f"checkin:{item}:5", "checkin:experiment:partly"}
    notes = [b for b in updates[-1].args["blocks"] if b.get("block_id") == "checkin:note"]
    assert len(notes) == 1


@pytest.mark.parametrize("outcome", ["done", "partly", "not_done"])
async def test_the_experiment_buttons_record_how_it_went(coachbot, slack_api, coach, outcome):
    coach.settings(ALICE)
    with coach.store.write() as db:
        executive_id = db.execute("select id from executives where user_id = 'U-ALICE'").fetchone()[0]
        db["experiments"].insert({"tenant": "T-ONE", "executive_id": executive_id,
                                  "text": "Reply once in the customer community.", "status": "proposed"})
    message = await send_checkin(coachbot, slack_api)
    assert "Reply once in the customer community." in json.dumps(message["blocks"])
    await click(coachbot, slack_api, message, f"checkin:experiment:{outcome}")
    assert answers(coach) == {"experiment": outcome}
    status = coach.store.db.execute("select status from experiments").fetchone()[0]
    assert status == outcome
    await slack_api.wait_calls("views.publish")  # the Home tab shows the new status


@pytest.mark.parametrize("action, effect", [
    ("snooze", "select status from checkin_deliveries where snoozed_until is not null"),
    ("skip", "select status from checkin_deliveries where status = 'skipped'"),
    ("stop", "select paused from executives where paused = 1"),
    ("later", None),
])
async def test_the_check_in_controls_take_effect_and_are_acknowledged_in_the_message(
        coachbot, slack_api, coach, action, effect):
    message = await send_checkin(coachbot, slack_api)
    [update] = await click(coachbot, slack_api, message, f"checkin:{action}")
    if effect:
        assert coach.store.db.execute(effect).fetchone()
    [note] = [b for b in update.args["blocks"] if b.get("block_id") == "checkin:note"]
    expected = {"snooze": "bring it back", "skip": "skip this week", "stop": "stopped", "later": "nudge you once"}
    assert expected[action] in note["elements"][0]["text"]


async def test_talk_now_starts_a_conversation_in_the_dm(coachbot, slack_api, coach):
    message = await send_checkin(coachbot, slack_api)
    await click(coachbot, slack_api, message, "checkin:talk")
    assert "talk" in answers(coach)
    posts = slack_api.of("chat.postMessage")
    assert len(posts) >= 2 and posts[-1].args["channel"] == "D-U-ALICE"
    assert posts[-1].args["text"].strip()


async def test_checkin_buttons_are_acknowledged_before_the_answer_is_stored(coachbot, slack_api, coach):
    import threading

    release = threading.Event()
    original = coach.record_checkin

    def slow(*args, **kwargs):
        release.wait(10)
        return original(*args, **kwargs)

    coach.record_checkin = slow
    message = await send_checkin(coachbot, slack_api)
    item, _ = rating(message)
    response = await coachbot.sender.click({"type": "button", "action_id": f"checkin:{item}:4"},
                                           message=message)
    assert response.status == 200 and answers(coach) == {}
    release.set()
    await slack_api.wait_calls("chat.update")
    assert answers(coach) == {item: "4"}


async def test_every_rating_and_experiment_button_stores_its_own_value(coachbot, slack_api, coach):
    coach.settings(ALICE)
    with coach.store.write() as db:
        executive_id = db.execute("select id from executives where user_id = 'U-ALICE'").fetchone()[0]
        db["experiments"].insert({"tenant": "T-ONE", "executive_id": executive_id,
                                  "text": "Ask a junior colleague to show you the company network.",
                                  "status": "proposed"})
    message = await send_checkin(coachbot, slack_api)
    answer_buttons = [i for i in buttons(message) if i not in CONTROLS]
    _, numbers = rating(message)
    assert len(answer_buttons) == len(numbers) + 3
    for n, action_id in enumerate(answer_buttons, start=1):
        await click(coachbot, slack_api, message, action_id, updates=n)
        item, value = action_id.removeprefix("checkin:").rsplit(":", 1)
        assert answers(coach)[item] == value, action_id

"""The Home tab shows the executive's journey, experiment, settings, what HR sees, and their data."""

from __future__ import annotations

import json

from coachbot.models import DIMENSIONS, Who

ALICE = Who("T-ONE", "U-ALICE", "slack")


def all_text(view: dict) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def action_ids(view: dict) -> set[str]:
    return {e.get("action_id") for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]}


async def open_home(coachbot, slack_api, count: int = 1) -> dict:
    await coachbot.sender.event({"type": "app_home_opened", "user": "U-ALICE", "channel": "D-U-ALICE",
                                 "tab": "home"})
    publishes = await slack_api.wait_calls("views.publish", count)
    return publishes[-1]


async def test_opening_the_home_tab_publishes_the_journey_and_settings(coachbot, slack_api, coach):
    slack_api.user_tz = "Asia/Tokyo"
    publish = await open_home(coachbot, slack_api)
    assert publish.args["user_id"] == "U-ALICE"
    view = publish.args["view"]
    assert view["type"] == "home"
    text = all_text(view)
    assert "Your journey" in text
    sliders = [b for b in view["blocks"]
               if b["type"] == "section" and "not talked about yet" in b["text"]["text"]]
    assert len(sliders) == len(DIMENSIONS)  # nothing discussed yet: every dimension says so
    assert "Asia/Tokyo" in text  # the time zone from users.info
    assert "What HR sees about me" in text and "HR never sees" in text
    controls = {"settings:weekday", "settings:time", "settings:pause", "data:export", "data:forget"}
    assert controls <= action_ids(view)
    assert coach.settings(ALICE).timezone == "Asia/Tokyo"


async def test_a_belief_position_is_drawn_on_its_slider(coachbot, slack_api, coach, monkeypatch):
    real = coach.journey

    def journey(who):
        data = real(who)
        data["dimensions"]["ownership"]["position"] = 1.0
        data["dimensions"]["network_focus"]["position"] = -1.0
        return data

    monkeypatch.setattr(coach, "journey", journey)
    view = (await open_home(coachbot, slack_api)).args["view"]
    by_name = {b["text"]["text"].split("\n")[0]: b["text"]["text"] for b in view["blocks"]
               if b["type"] == "section" and b["text"]["text"].startswith("*")}
    assert "──────●" in by_name["*Who takes part*"]
    assert "●──────" in by_name["*Who matters*"]


async def test_the_last_experiment_and_its_status_are_shown(coachbot, slack_api, coach):
    coach.settings(ALICE)
    with coach.store.write() as db:
        executive_id = db.execute("select id from executives where tenant = ? and user_id = ?",
                                  ["T-ONE", "U-ALICE"]).fetchone()[0]
        db["experiments"].insert({"tenant": "T-ONE", "executive_id": executive_id,
                                  "text": "Ask two front-line employees what customers say.",
                                  "status": "partly"})
    text = all_text((await open_home(coachbot, slack_api)).args["view"])
    assert "Ask two front-line employees what customers say." in text
    assert "partly done" in text


async def test_the_messages_tab_does_not_republish_home(coachbot, slack_api):
    await coachbot.sender.event({"type": "app_home_opened", "user": "U-ALICE", "tab": "messages"})
    await coachbot.sender.event({"type": "app_home_opened", "user": "U-ALICE", "tab": "home"})
    await slack_api.wait_calls("views.publish")
    assert len(slack_api.of("views.publish")) == 1


async def test_changing_the_weekday_and_time_on_home_saves_and_redraws(coachbot, slack_api, coach):
    wednesday = {"value": "2", "text": {"type": "plain_text", "text": "Wednesday"}}
    await coachbot.sender.click({"type": "static_select", "action_id": "settings:weekday",
                                 "selected_option": wednesday})
    await slack_api.wait_calls("views.publish", 1)
    await coachbot.sender.click({"type": "timepicker", "action_id": "settings:time",
                                 "selected_time": "07:45"})
    publish = (await slack_api.wait_calls("views.publish", 2))[-1]
    settings = coach.settings(ALICE)
    assert (settings.weekday, settings.time) == (2, "07:45")
    assert "Wednesdays at 07:45" in all_text(publish.args["view"])


async def test_pause_and_resume_buttons_on_home(coachbot, slack_api, coach):
    await coachbot.sender.click({"type": "button", "action_id": "settings:pause", "value": "x"})
    view = (await slack_api.wait_calls("views.publish", 1))[-1].args["view"]
    assert coach.settings(ALICE).paused
    assert "settings:resume" in action_ids(view)
    await coachbot.sender.click({"type": "button", "action_id": "settings:resume", "value": "x"})
    await slack_api.wait_calls("views.publish", 2)
    assert not coach.settings(ALICE).paused


async def test_the_export_button_sends_the_data_as_a_json_file(coachbot, slack_api, coach):
    coach.reply(ALICE, "Our customers trust our field engineers.")
    await coachbot.sender.click({"type": "button", "action_id": "data:export", "value": "x"})
    [complete] = await slack_api.wait_calls("files.completeUploadExternal")
    assert complete.args["channel_id"] == "D-U-ALICE"
    [data] = slack_api.uploads.values()
    exported = json.loads(data)
    assert exported["tenant"] == "T-ONE" and exported["user"] == "U-ALICE"
    assert exported == json.loads(json.dumps(coach.export(ALICE), default=str))


async def test_the_delete_button_asks_first_and_deletes_only_when_confirmed(coachbot, slack_api, coach):
    coach.reply(ALICE, "We measure success in followers.")
    await coachbot.sender.click({"type": "button", "action_id": "data:forget", "value": "x"})
    [opened] = await slack_api.wait_calls("views.open")
    modal = opened.args["view"]
    assert modal["type"] == "modal" and opened.args["trigger_id"] == "trigger-2"
    assert coach.export(ALICE)["executive"] is not None  # nothing deleted yet

    response = await coachbot.sender.interaction({
        "type": "view_submission", "team": {"id": "T-ONE"}, "user": {"id": "U-ALICE", "team_id": "T-ONE"},
        "api_app_id": "A1", "trigger_id": "trigger-3",
        "view": {"id": "V2", "type": "modal", "callback_id": modal["callback_id"], "state": {"values": {}},
                 "private_metadata": modal.get("private_metadata", ""), "team_id": "T-ONE"},
    })
    assert response.status == 200
    [publish] = await slack_api.wait_calls("views.publish")
    await slack_api.wait_calls("chat.postMessage")
    assert coach.export(ALICE)["executive"] is None
    assert "deleted" in all_text(publish.args["view"])

"""/coach help | checkin | settings | export | forget | pause | resume; anything else gets help."""

from __future__ import annotations

import json

import pytest

from coachbot.models import Who

ALICE = Who("T-ONE", "U-ALICE", "slack")


async def run(coachbot, slack_api, text: str, count: int = 1, **kwargs) -> list[dict]:
    response = await coachbot.sender.command(text, response_url=slack_api.response_url(), **kwargs)
    assert response.status == 200
    await slack_api.wait_for(lambda s: len(s.responses) >= count, f"{count} response_url posts")
    return slack_api.responses


@pytest.mark.parametrize("text", ["help", "", "dance", "HELP me"])
async def test_help_and_unknown_subcommands_show_the_help(coachbot, slack_api, coach, text):
    [answer] = await run(coachbot, slack_api, text)
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].strip()
    for subcommand in ("checkin", "settings", "export", "forget", "pause", "resume"):
        assert subcommand in answer["text"]


async def test_checkin_sends_the_checkin_to_the_dm_now(coachbot, slack_api):
    [answer] = await run(coachbot, slack_api, "checkin")
    [message] = slack_api.of("chat.postMessage")
    assert message.args["channel"] == "D-U-ALICE"
    action_ids = {e["action_id"] for b in message.args["blocks"] if b["type"] == "actions"
                  for e in b["elements"]}
    ratings = {i.rsplit(":", 1)[0] for i in action_ids if i.count(":") >= 2 and ":experiment:" not in i}
    assert len(ratings) == 1, "one rating a week"
    assert {"checkin:talk", "checkin:snooze", "checkin:later", "checkin:skip", "checkin:stop"} <= action_ids
    assert "direct messages" in answer["text"]


async def test_settings_shows_the_current_settings_with_controls(coachbot, slack_api):
    [answer] = await run(coachbot, slack_api, "settings")
    assert answer["response_type"] == "ephemeral"
    text = json.dumps(answer["blocks"])
    assert "Mondays at 09:00" in text and "Europe/Berlin" in text


async def test_settings_with_a_day_and_time_changes_them(coachbot, slack_api, coach):
    [answer] = await run(coachbot, slack_api, "settings thursday 8:30")
    settings = coach.settings(ALICE)
    assert (settings.weekday, settings.time) == (3, "08:30")
    assert "Thursdays at 08:30" in json.dumps(answer["blocks"])
    await slack_api.wait_calls("views.publish")  # the Home tab follows


async def test_settings_with_nonsense_says_what_is_wrong_and_changes_nothing(coachbot, slack_api, coach):
    [answer] = await run(coachbot, slack_api, "settings 25:99")
    assert "09:00" in coach.settings(ALICE).time
    assert "time" in answer["text"].lower()


async def test_a_settings_control_in_the_command_answer_updates_that_message(coachbot, slack_api, coach):
    await run(coachbot, slack_api, "settings")
    await coachbot.sender.click(
        {"type": "static_select", "action_id": "settings:weekday", "selected_option": {"value": "4"}},
        message={"ts": "1700000000.000001", "channel": "C-GENERAL", "blocks": []},
        response_url=slack_api.response_url("settings"),
    )
    replaced = await slack_api.wait_for(lambda s: [r for r in s.responses if r["_name"] == "settings"])
    assert replaced[0]["replace_original"] is True
    assert "Fridays at 09:00" in json.dumps(replaced[0]["blocks"])
    assert coach.settings(ALICE).weekday == 4


async def test_export_sends_the_data_as_a_json_file_to_the_dm(coachbot, slack_api, coach):
    coach.reply(ALICE, "We should co-create with our partners.")
    await run(coachbot, slack_api, "export")
    [complete] = await slack_api.wait_calls("files.completeUploadExternal")
    assert complete.args["channel_id"] == "D-U-ALICE"
    [url_call] = slack_api.of("files.getUploadURLExternal")
    assert url_call.args["filename"].endswith(".json")
    exported = json.loads(next(iter(slack_api.uploads.values())))
    assert exported["user"] == "U-ALICE" and exported["executive"]["tenant"] == "T-ONE"


async def test_forget_asks_for_confirmation_in_a_modal(coachbot, slack_api, coach):
    coach.reply(ALICE, "hello")
    await coachbot.sender.command("forget", response_url=slack_api.response_url())
    [opened] = await slack_api.wait_calls("views.open")
    assert opened.args["trigger_id"] == "trigger-1"
    assert opened.args["view"]["type"] == "modal" and opened.args["view"]["submit"]
    assert coach.export(ALICE)["executive"] is not None


async def test_pause_and_resume(coachbot, slack_api, coach):
    [paused] = await run(coachbot, slack_api, "pause")
    assert coach.settings(ALICE).paused and paused["text"].strip()
    await run(coachbot, slack_api, "resume", count=2)
    assert not coach.settings(ALICE).paused
    await slack_api.wait_calls("views.publish", 2)


async def test_a_failing_command_says_so_instead_of_staying_silent(coachbot, slack_api, coach):
    def broken(who, **kwargs):
        raise RuntimeError("database is gone")

    coach.pause = broken
    [answer] = await run(coachbot, slack_api, "pause")
    assert answer["response_type"] == "ephemeral" and "again" in answer["text"]

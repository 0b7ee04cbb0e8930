"""Teams without auth is a local tool only, and nothing in an Activity can steer the bot elsewhere."""

from __future__ import annotations

import aiohttp
import pytest
from aiohttp import web
from coachbot.adapters.teams import storage
from coachbot.adapters.teams.proactive import send_checkin
from teams_rig import activity, message

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.models import Who
from coachbot.server import build_app
from coachbot.store import Store

ALICE = Who("tenant-a", "aad-alice", "teams")


# --- local development mode is asked for by name ---------------------------------------------
async def test_without_an_app_id_or_dev_mode_there_is_no_teams_endpoint(tmp_path):
    store = Store(tmp_path / "coachbot.db")
    runner = web.AppRunner(build_app(Config(db_path=store.path), Coach(store)))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with aiohttp.ClientSession() as session:
            body = {"type": "message", "text": "hi", "serviceUrl": f"http://127.0.0.1:{port}/",
                    "from": {"id": "U1"}, "conversation": {"id": "a:1"}, "channelData": {"tenant": {"id": "T1"}}}
            async with session.post(f"http://127.0.0.1:{port}/api/messages", json=body) as response:
                assert response.status == 404
    finally:
        await runner.cleanup()
    assert store.db["executives"].count == 0


@pytest.mark.parametrize(("env", "dev"), [({}, False), ({"MICROSOFT_APP_ID": ""}, False),
                                          ({"COACHBOT_TEAMS_DEV": "1"}, True), ({"COACHBOT_TEAMS_DEV": "0"}, False)])
def test_dev_mode_comes_only_from_coachbot_teams_dev(monkeypatch, env, dev):
    for name in ("MICROSOFT_APP_ID", "COACHBOT_TEAMS_DEV"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config.from_env()
    assert (config.teams_dev, config.teams_enabled) == (dev, dev)


@pytest.mark.parametrize("header", ["X-Forwarded-For", "Forwarded", "X-Real-IP"])
async def test_dev_mode_refuses_requests_passed_on_by_a_reverse_proxy(bot, header):
    response = await bot.post(message(bot.connector, "hello"), headers={header: "203.0.113.7"})
    assert response.status == 403
    assert bot.connector.calls == []
    assert bot.coach.store.db["executives"].count == 0


# --- the platform is part of who someone is ---------------------------------------------------
async def test_a_teams_user_with_a_slack_executives_ids_is_someone_else(bot):
    slack_exec = Who("T1", "U1", "slack")
    bot.coach.pause(slack_exec)
    bot.coach.reply(slack_exec, "We make pumps.")
    before = bot.coach.export(slack_exec)["tables"]["messages"]

    teams = message(bot.connector, "resume", tenant="T1", **{"from": {"id": "29:U1", "aadObjectId": "U1"}})
    await bot.post(teams)
    await bot.post(message(bot.connector, "Our distributors own the customer.", tenant="T1",
                           **{"from": {"id": "29:U1", "aadObjectId": "U1"}}))

    assert bot.coach.settings(slack_exec).paused is True
    assert bot.coach.export(slack_exec)["tables"]["messages"] == before
    assert bot.coach.export(Who("T1", "U1", "teams"))["executive"] is not None


# --- ids never leave their place in a URL --------------------------------------------------------
async def test_a_crafted_conversation_id_cannot_reach_another_path_on_the_reply_host(bot):
    crafted = "../../admin/shutdown?force=1#"
    body = message(bot.connector, "help", conversation={"id": crafted, "conversationType": "personal",
                                                         "tenantId": "tenant-a"})
    response = await bot.post(body)
    assert response.status == 202
    assert bot.connector.strays == []
    assert [c.conversation for c in bot.connector.sent()] == [crafted]  # sent, to its own conversation


@pytest.mark.parametrize("field", ["id", "replyToId"])
async def test_an_activity_id_that_is_a_path_is_refused(bot, field):
    response = await bot.post(message(bot.connector, "help", **{field: "../../admin/shutdown?force=1#"}))
    assert response.status == 400
    assert bot.connector.calls == [] and bot.connector.strays == []


# --- every Activity is checked before anything is stored -------------------------------------------
OTHER_TYPES = ["typing", "event", "invoke", "messageReaction", "messageUpdate", "messageDelete",
               "endOfConversation", "contactRelationUpdate", "deleteUserData", "handoff"]


async def test_no_activity_type_can_redirect_the_saved_conversation(bot):
    await bot.post(message(bot.connector, "hello"))
    saved = storage.load_reference(bot.coach.store, ALICE)

    for kind in OTHER_TYPES:
        response = await bot.post(activity(bot.connector, kind, serviceUrl="https://evil.example/"))
        assert response.status == 400, kind
    assert storage.load_reference(bot.coach.store, ALICE) == saved

    bot.connector.clear()
    await send_checkin(bot.coach, Config(db_path=bot.coach.store.path, teams_dev=True), ALICE)
    assert len(bot.connector.calls) == 1  # the check-in went to the real chat


async def test_only_a_message_or_an_install_saves_the_conversation(bot):
    await bot.post(message(bot.connector, "hello"))
    saved = storage.load_reference(bot.coach.store, ALICE)
    elsewhere = "http://127.0.0.1:9/"  # on this machine, so allowed in dev mode, but not the chat
    for kind in OTHER_TYPES:
        await bot.post(activity(bot.connector, kind, serviceUrl=elsewhere,
                                conversation={"id": "a:other", "conversationType": "personal",
                                              "tenantId": "tenant-a"}))
    assert storage.load_reference(bot.coach.store, ALICE) == saved

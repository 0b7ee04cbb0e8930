"""Many workspaces through OAuth: each installs, each sees only its own executives, each can leave."""

from __future__ import annotations

import asyncio
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from coachbot.models import Who

# slack_sdk's oauth.v2.access call uses aiohttp.BasicAuth, which aiohttp now deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")

SAME_USER = "U-SAME"  # Slack user ids are only unique within a workspace


async def install(running, slack_api, team: str) -> None:
    """An admin of ``team`` goes through /slack/install and Slack redirects back with a code."""
    session = running.sender.session
    async with session.get(f"{running.url}/slack/install", allow_redirects=False) as page:
        assert page.status in (200, 302)
        html = await page.text()
        cookie = page.headers.get("Set-Cookie", "")
    link = page.headers.get("Location") or re.search(r'href="([^"]+oauth/v2/authorize[^"]+)"', html)[1]
    query = parse_qs(urlparse(link.replace("&amp;", "&")).query)
    assert query["client_id"] == ["111.222"]
    assert "chat:write" in query["scope"][0] and "commands" in query["scope"][0]
    state = query["state"][0]
    cookie_pair = cookie.split(";")[0]
    async with session.get(f"{running.url}/slack/oauth_redirect",
                           params={"code": f"code-{team}", "state": state},
                           headers={"Cookie": cookie_pair}, allow_redirects=False) as done:
        assert done.status == 200, await done.text()


async def test_two_workspaces_never_see_each_others_data(start_coachbot, slack_config, slack_api, coach):
    running = await start_coachbot(slack_config(slack_bot_token="", slack_client_id="111.222",
                                                slack_client_secret="client-secret"))
    await install(running, slack_api, "T-ONE")
    await install(running, slack_api, "T-TWO")
    assert len(slack_api.of("oauth.v2.access")) == 2

    sender = running.sender
    # The same user id in both workspaces: two different executives.
    await sender.command("settings tue 07:00", team="T-ONE", user=SAME_USER,
                         response_url=slack_api.response_url("one"))
    await sender.command("settings fri 18:00", team="T-TWO", user=SAME_USER,
                         response_url=slack_api.response_url("two"))
    await slack_api.wait_for(lambda s: len(s.responses) >= 2, "both settings answers")
    one, two = Who("T-ONE", SAME_USER, "slack"), Who("T-TWO", SAME_USER, "slack")
    assert (coach.settings(one).weekday, coach.settings(one).time) == (1, "07:00")
    assert (coach.settings(two).weekday, coach.settings(two).time) == (4, "18:00")

    await sender.dm("Hello from the first workspace", team="T-ONE", user=SAME_USER)
    await sender.dm("Hello from the second workspace", team="T-TWO", user=SAME_USER)
    # Each answered in its own workspace, with that workspace's bot token.
    await slack_api.wait_for(lambda s: {p.team for p in s.of("chat.postMessage")} == {"T-ONE", "T-TWO"},
                             "answers in both workspaces")

    await sender.command("export", team="T-TWO", user=SAME_USER, response_url=slack_api.response_url("x"))
    [upload] = await slack_api.wait_calls("files.completeUploadExternal")
    assert upload.team == "T-TWO"
    exported = json.loads(next(iter(slack_api.uploads.values())))
    assert exported["tenant"] == "T-TWO"
    rows = [row for table in exported["tables"].values() for row in table]
    assert all(row["tenant"] == "T-TWO" for row in rows)
    assert exported["executive"]["checkin_weekday"] == 4

    homes = []
    for team in ("T-ONE", "T-TWO"):
        await sender.event({"type": "app_home_opened", "user": SAME_USER, "tab": "home"}, team=team)
        homes = await slack_api.wait_calls("views.publish", len(homes) + 1)
    texts = {h.team: json.dumps(h.args["view"]) for h in homes}
    assert "Tuesdays at 07:00" in texts["T-ONE"] and "Fridays" not in texts["T-ONE"]
    assert "Fridays at 18:00" in texts["T-TWO"] and "Tuesdays" not in texts["T-TWO"]


async def test_uninstalling_removes_only_that_workspaces_tokens(start_coachbot, slack_config, slack_api, coach):
    running = await start_coachbot(slack_config(slack_bot_token="", slack_client_id="111.222",
                                                slack_client_secret="client-secret"))
    for team in ("T-ONE", "T-TWO", "T-THREE"):
        await install(running, slack_api, team)

    def installed() -> set[str]:
        return {r[0] for r in coach.store.db.execute("select tenant from slack_installations")}

    assert installed() == {"T-ONE", "T-TWO", "T-THREE"}
    await running.sender.event({"type": "app_uninstalled"}, team="T-ONE")
    await running.sender.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}},
                               team="T-TWO")
    await slack_api.eventually(lambda: installed() == {"T-THREE"}, "the two workspaces' tokens deleted")

    await running.sender.dm("anyone there?", team="T-ONE")
    await running.sender.dm("still here?", team="T-THREE")
    await slack_api.wait_calls("chat.postMessage")
    await asyncio.sleep(0.3)  # an answer in T-ONE, if any, would be posted by now
    assert {p.team for p in slack_api.of("chat.postMessage")} == {"T-THREE"}

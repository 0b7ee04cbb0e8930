"""manifest.json at the repository root installs an app that matches what coachbot does."""

from __future__ import annotations

import json
from pathlib import Path

from coachbot.adapters.slack.oauth import BOT_SCOPES

MANIFEST = Path(__file__).resolve().parents[3] / "manifest.json"


def load() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def test_the_manifest_asks_for_exactly_the_scopes_coachbot_requests_in_oauth():
    assert sorted(load()["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)


def test_the_manifest_has_a_bot_user_dms_a_home_tab_and_the_coach_command():
    features = load()["features"]
    assert features["bot_user"]["display_name"]
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    assert features["app_home"]["messages_tab_read_only_enabled"] is False
    [command] = features["slash_commands"]
    assert command["command"] == "/coach"
    for subcommand in ("help", "checkin", "settings", "export", "forget", "pause", "resume"):
        assert subcommand in command["usage_hint"]


def test_every_request_url_points_at_coachbots_routes():
    manifest = load()
    settings = manifest["settings"]
    urls = [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"],
            manifest["features"]["slash_commands"][0]["url"]]
    assert all(url.endswith("/slack/events") and url.startswith("https://") for url in urls)
    assert settings["interactivity"]["is_enabled"] is True
    assert [u.endswith("/slack/oauth_redirect") for u in manifest["oauth_config"]["redirect_urls"]] == [True]


def test_the_manifest_subscribes_to_dms_mentions_home_and_uninstall_events():
    events = set(load()["settings"]["event_subscriptions"]["bot_events"])
    assert events == {"message.im", "app_mention", "app_home_opened", "app_uninstalled", "tokens_revoked",
                      "assistant_thread_started", "assistant_thread_context_changed"}


def test_slack_length_limits_are_respected():
    info = load()["display_information"]
    assert len(info["name"]) <= 35
    assert len(info["description"]) <= 140
    assert 174 <= len(info["long_description"]) <= 4000

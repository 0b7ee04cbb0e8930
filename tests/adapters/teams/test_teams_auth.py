"""With MICROSOFT_APP_ID set, only Bot Framework can talk to the bot; bad input gets a clear 400."""

from __future__ import annotations

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import JwtTokenValidator
from teams_rig import APP_ID, activity, flat, message

from coachbot.models import Who

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
TEAMS_SERVICE = "https://smba.trafficmanager.net/amer/"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def rows_in_db(bot) -> int:
    db = bot.coach.store.db
    return sum(db[name].count for name in ("executives", "teams_conversations"))


@pytest.mark.parametrize(
    "headers",
    [None, {"Authorization": "Bearer not-a-jwt"}, {"Authorization": "Basic YWxpY2U6c2VjcmV0"},
     {"Authorization": "Bearer"}],
    ids=["no token", "garbage token", "wrong scheme", "empty bearer"],
)
async def test_requests_without_a_valid_token_are_refused(secured_bot, headers):
    response = await secured_bot.post(message(secured_bot.connector, "hello"), headers=headers)
    assert response.status == 401
    assert secured_bot.connector.calls == []
    assert rows_in_db(secured_bot) == 0


def bot_framework_token(audience: str, service_url: str = TEAMS_SERVICE) -> str:
    now = int(time.time())
    claims = {"iss": BOT_FRAMEWORK_ISSUER, "aud": audience, "nbf": now - 10, "exp": now + 600,
              "serviceurl": service_url}
    return jwt.encode(claims, KEY, algorithm="RS256", headers={"kid": "test-key"})


@pytest.fixture
def bot_framework_keys(monkeypatch):
    """Bot Framework's signing key is ours for this test; everything else is the real validator."""

    async def signing_key(self, jwks_uri, header):
        assert header["kid"] == "test-key"
        return jwt.PyJWK.from_json(json.dumps(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key(), as_dict=True)
                                              | {"kid": "test-key"}))

    monkeypatch.setattr(type(JwtTokenValidator._jwk_client_manager), "get_signing_key", signing_key)

    async def access_token(self, resource_url, scopes, force_refresh=False):
        return "outgoing-token"  # the bot's own Entra token for replies is not under test here

    monkeypatch.setattr(MsalAuth, "get_access_token", access_token)


async def test_a_signed_bot_framework_token_for_this_app_is_accepted(secured_bot, bot_framework_keys):
    # An uninstall: the coach says nothing (no call to Microsoft's real hosts), but it is a turn.
    removed = activity(secured_bot.connector, "installationUpdate", action="remove", serviceUrl=TEAMS_SERVICE)
    headers = {"Authorization": f"Bearer {bot_framework_token(APP_ID)}"}
    response = await secured_bot.post(removed, headers=headers)
    assert response.status == 202
    # The turn ran: the conversation of the sender is now remembered.
    assert secured_bot.coach.store.db["teams_conversations"].count == 1


async def test_a_signed_token_for_another_app_is_refused(secured_bot, bot_framework_keys):
    typing = activity(secured_bot.connector, "typing", serviceUrl=TEAMS_SERVICE)
    headers = {"Authorization": f"Bearer {bot_framework_token('11111111-2222-3333-4444-555555555555')}"}
    response = await secured_bot.post(typing, headers=headers)
    assert response.status == 401
    assert rows_in_db(secured_bot) == 0


async def test_with_auth_on_replies_never_go_outside_microsofts_hosts(secured_bot, bot_framework_keys):
    connector = secured_bot.connector
    headers = {"Authorization": f"Bearer {bot_framework_token(APP_ID, service_url=connector.url)}"}
    response = await secured_bot.post(message(connector, "hello"), headers=headers)
    assert response.status == 400
    assert connector.calls == []
    assert rows_in_db(secured_bot) == 0


async def test_local_development_mode_needs_no_token(bot):
    response = await bot.post(message(bot.connector, "hello"))
    assert response.status == 202
    assert bot.connector.texts()


# --- malformed Activities ---------------------------------------------------------------
def without(body: dict, *keys: str) -> dict:
    return {k: v for k, v in body.items() if k not in keys}


MALFORMED = {
    "not json": lambda c: b"{this is not json",
    "a json list": lambda c: json.dumps([message(c, "hi")]),
    "an empty object": lambda c: {},
    "no type": lambda c: without(message(c, "hi"), "type"),
    "no conversation": lambda c: without(message(c, "hi"), "conversation"),
    "conversation is a string": lambda c: {**message(c, "hi"), "conversation": "a:1"},
    "no serviceUrl": lambda c: without(message(c, "hi"), "serviceUrl"),
    "no sender": lambda c: without(message(c, "hi"), "from"),
    "text is a number": lambda c: {**message(c, "hi"), "text": {"nested": True}},
}


@pytest.mark.parametrize("name", MALFORMED)
async def test_a_malformed_activity_gets_a_clear_400_and_the_bot_keeps_working(bot, name):
    response = await bot.post(MALFORMED[name](bot.connector))
    assert response.status == 400
    assert bot.connector.calls == []

    await bot.post(message(bot.connector, "help"))
    assert [flat(t) for t in bot.connector.texts()] == [flat(bot.coach.help_text())]


async def test_the_400_says_what_is_wrong(bot):
    async with bot.session.post(f"{bot.url}/api/messages", json=without(message(bot.connector), "serviceUrl")) as r:
        assert r.status == 400
        assert "serviceUrl" in (await r.json())["error"]


async def test_with_auth_on_an_activity_without_a_tenant_is_refused(secured_bot, bot_framework_keys):
    body = message(secured_bot.connector, "hi", serviceUrl=TEAMS_SERVICE, channelData={},
                   conversation={"id": "a:1", "conversationType": "personal"})
    headers = {"Authorization": f"Bearer {bot_framework_token(APP_ID)}"}
    response = await secured_bot.post(body, headers=headers)
    assert response.status == 400
    assert rows_in_db(secured_bot) == 0


async def test_without_auth_a_missing_tenant_falls_back_to_the_local_development_tenant(bot):
    body = message(bot.connector, "pause", channelData={}, conversation={"id": "a:1"})
    await bot.post(body)
    assert bot.coach.settings(Who("local-dev", "aad-alice", "teams")).paused is True


# --- local development mode stays local ---------------------------------------------------
async def test_without_an_app_id_replies_only_go_to_this_machine(bot):
    body = message(bot.connector, "hello", serviceUrl="https://attacker.example/")
    async with bot.session.post(f"{bot.url}/api/messages", json=body) as response:
        assert response.status == 400
        assert "this machine" in (await response.json())["error"]
    assert rows_in_db(bot) == 0


async def test_without_an_app_id_requests_from_other_machines_are_refused():
    from unittest import mock

    from aiohttp.test_utils import make_mocked_request
    from coachbot.adapters.teams.endpoint import authorize

    def request_from(host: str):
        transport = mock.Mock()
        transport.get_extra_info.side_effect = lambda key, default=None: (
            (host, 50000) if key == "peername" else default)
        return make_mocked_request("POST", "/api/messages", transport=transport)

    teams = mock.Mock(sdk=mock.Mock(dev_mode=True))  # authorize reads only sdk.dev_mode
    refused = await authorize(teams, request_from("203.0.113.7"))
    assert refused.status == 403
    for host in ("127.0.0.1", "::1"):
        assert (await authorize(teams, request_from(host))).allow_anonymous

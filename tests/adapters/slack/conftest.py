"""A stand-in Slack: the Web API on 127.0.0.1, and a way to send signed requests to coachbot.

``slack_api`` answers the Web API methods coachbot calls, records every call, can answer
429 with Retry-After, serves response_url posts, file uploads, and a Socket Mode
websocket. ``start_coachbot`` runs the real ``coachbot serve`` aiohttp app on 127.0.0.1;
``SlackSender`` signs requests the way Slack does.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from slack_sdk.signature import SignatureVerifier

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.server import build_app

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-T-ONE"
APP_TOKEN = "xapp-test"
CLIENT_ID = "111.222"
CLIENT_SECRET = "client-secret"
BOT_USER = "UBOT"
BOT_ID = "BBOT"
WAIT_SECONDS = 10


def team_of(token: str | None) -> str:
    """Tokens here are ``xoxb-<TEAM>``: the stand-in knows the workspace from the token alone."""
    return (token or "").removeprefix("xoxb-") or "T-ONE"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None

    @property
    def team(self) -> str:
        return team_of(self.token)


@dataclass
class StandInSlack:
    """The recording half of the stand-in; the aiohttp routes below feed it."""

    url: str = ""
    bot_user: str = BOT_USER
    bot_id: str = BOT_ID
    calls: list[Call] = field(default_factory=list)
    responses: list[dict] = field(default_factory=list)  # posts to response_url
    uploads: dict[str, bytes] = field(default_factory=dict)
    rate_limited: dict[str, int] = field(default_factory=dict)  # method -> 429s still to give
    refuse: set[str] = field(default_factory=set)  # methods answered "missing_scope" (no AI-app feature)
    broken: dict[str, tuple[int, str]] = field(default_factory=dict)  # method -> (status, plain-text body)
    user_tz: str = "Europe/Berlin"
    inactive_users: set[str] = field(default_factory=set)  # chat.postMessage answers account_inactive
    posted: list[dict] = field(default_factory=list)  # what conversations.history returns
    socket_acks: list[dict] = field(default_factory=list)
    socket_envelopes: list[dict] = field(default_factory=list)  # sent after hello
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _ts: int = 0

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/response/{name}"

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def texts(self, method: str = "chat.postMessage") -> list[str]:
        return [c.args.get("text", "") for c in self.of(method)]

    async def record(self, call: Call | None = None, response: dict | None = None) -> None:
        async with self._changed:
            if call:
                self.calls.append(call)
            if response:
                self.responses.append(response)
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[StandInSlack], Any], what: str = "") -> Any:
        """Wait until ``predicate(self)`` is truthy (Slack-side effects arrive after the ack)."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: predicate(self)), WAIT_SECONDS)
            except TimeoutError:
                methods = [c.method for c in self.calls]
                raise AssertionError(f"stand-in Slack never saw {what or predicate}; "
                                     f"calls: {methods}") from None
            return predicate(self)

    async def eventually(self, check: Callable[[], Any], what: str) -> Any:
        """Poll coachbot-side state (the database) until ``check()`` is truthy."""
        deadline = time.monotonic() + WAIT_SECONDS
        while not (result := check()):
            if time.monotonic() > deadline:
                raise AssertionError(f"never happened: {what}")
            await asyncio.sleep(0.02)
        return result

    async def wait_calls(self, method: str, count: int = 1) -> list[Call]:
        await self.wait_for(lambda s: len(s.of(method)) >= count, f"{count} x {method}")
        return self.of(method)

    def next_ts(self) -> str:
        self._ts += 1
        return f"1700000000.{self._ts:06d}"


def _answer(stand_in: StandInSlack, method: str, args: dict, token: str | None) -> dict:
    team = team_of(token)
    if method in stand_in.refuse:
        return {"ok": False, "error": "missing_scope"}
    if method == "auth.test":
        return {"ok": True, "url": "https://example.slack.com/", "team": team, "team_id": team,
                "user": "coachbot", "user_id": BOT_USER, "bot_id": BOT_ID}
    if method == "users.info":
        return {"ok": True, "user": {"id": args.get("user"), "team_id": team, "real_name": "Alex Exec",
                                     "tz": stand_in.user_tz}}
    if method == "conversations.open":
        return {"ok": True, "channel": {"id": f"D-{args.get('users')}"}}
    if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
        channel = args.get("channel") or ""
        if channel.removeprefix("D-") in stand_in.inactive_users:
            return {"ok": False, "error": "account_inactive"}
        if channel.startswith("U"):  # a user id posts into the app's DM with that user
            channel = f"D-{channel}"
        ts = args.get("ts") or stand_in.next_ts()
        if method == "chat.postMessage":
            metadata = args.get("metadata")
            stand_in.posted.append({"channel": channel, "ts": ts, "text": args.get("text"),
                                    "metadata": json.loads(metadata) if isinstance(metadata, str) else metadata})
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": args.get("text")}}
    if method == "conversations.history":
        messages = [m for m in stand_in.posted if m["channel"] == args.get("channel")]
        return {"ok": True, "messages": list(reversed(messages))}
    if method.startswith("assistant.threads."):
        return {"ok": True}
    if method == "chat.startStream":
        return {"ok": True, "channel": args.get("channel"), "ts": stand_in.next_ts()}
    if method in ("chat.appendStream", "chat.stopStream"):
        return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
    if method in ("views.publish", "views.open"):
        return {"ok": True, "view": {"id": "V1"}}
    if method == "files.getUploadURLExternal":
        file_id = f"F{len(stand_in.uploads) + 1}"
        stand_in.uploads[file_id] = b""
        return {"ok": True, "upload_url": f"{stand_in.url}/upload/{file_id}", "file_id": file_id}
    if method == "files.completeUploadExternal":
        files = json.loads(args.get("files", "[]"))
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
    if method == "files.info":
        return {"ok": True, "file": {"id": args.get("file")}}
    if method == "oauth.v2.access":
        code = args.get("code", "")  # the code names the workspace being installed
        team = code.removeprefix("code-")
        return {"ok": True, "app_id": "A1", "access_token": f"xoxb-{team}", "token_type": "bot",
                "scope": "chat:write,commands", "bot_user_id": BOT_USER,
                "team": {"id": team, "name": f"Team {team}"}, "enterprise": None,
                "is_enterprise_install": False, "authed_user": {"id": "U-ADMIN"}}
    if method == "apps.connections.open":
        return {"ok": True, "url": f"{stand_in.url.replace('http', 'ws')}/socket"}
    return {"ok": False, "error": "unknown_method"}


async def _parse_args(request: web.Request) -> dict:
    raw = await request.read()
    args = dict(request.query)
    if request.content_type == "application/json" and raw:
        args.update(json.loads(raw))
    elif request.content_type == "application/x-www-form-urlencoded":
        args.update(parse_qsl(raw.decode()))
    elif request.content_type.startswith("multipart/"):
        pass
    for key in ("blocks", "view"):
        if isinstance(args.get(key), str):
            args[key] = json.loads(args[key])
    return args


def _routes(stand_in: StandInSlack) -> web.Application:
    async def api(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _parse_args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth else args.get("token")
        left = stand_in.rate_limited.get(method, 0)
        if left:
            stand_in.rate_limited[method] = left - 1
            await stand_in.record(Call(f"{method}:429", args, token))
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": "1"})
        await stand_in.record(Call(method, args, token))
        if method in stand_in.broken:  # a proxy or an outage answering in plain text
            status, text = stand_in.broken[method]
            return web.Response(status=status, text=text, content_type="text/plain")
        return web.json_response(_answer(stand_in, method, args, token))

    async def response_url(request: web.Request) -> web.Response:
        body = await request.json()
        body["_name"] = request.match_info["name"]
        await stand_in.record(response=body)
        return web.Response(text="ok")

    async def upload(request: web.Request) -> web.Response:
        stand_in.uploads[request.match_info["file_id"]] = await request.read()
        return web.Response(text="OK - uploaded")

    async def socket(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "stand-in"}})
        for envelope in stand_in.socket_envelopes:
            await ws.send_json(envelope)
        async for message in ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                async with stand_in._changed:
                    stand_in.socket_acks.append(json.loads(message.data))
                    stand_in._changed.notify_all()
        return ws

    app = web.Application()
    app.router.add_post("/api/{method}", api)
    app.router.add_get("/api/{method}", api)
    app.router.add_post("/response/{name}", response_url)
    app.router.add_post("/upload/{file_id}", upload)
    app.router.add_get("/socket", socket)
    return app


@pytest.fixture
async def slack_api() -> AsyncIterator[StandInSlack]:
    stand_in = StandInSlack()
    server = TestServer(_routes(stand_in), host="127.0.0.1")
    await server.start_server()
    stand_in.url = str(server.make_url("")).rstrip("/")
    yield stand_in
    await server.close()


def _slack_config(db_path, slack_api: StandInSlack, **overrides) -> Config:
    values: dict[str, Any] = {
        "db_path": db_path,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_bot_token": BOT_TOKEN,
        "slack_api_url": slack_api.api_url,
    }
    values.update(overrides)
    return Config(**values)


class SlackSender:
    """Sends requests to coachbot's /slack/events the way Slack does: signed, form or JSON."""

    def __init__(self, base_url: str, session: aiohttp.ClientSession, secret: str = SIGNING_SECRET):
        self.url = f"{base_url}/slack/events"
        self.base_url = base_url
        self.session = session
        self.verifier = SignatureVerifier(secret)
        self._n = 0

    async def post(self, body: str, content_type: str, *, timestamp: int | None = None,
                   signature: str | None = None, headers: dict | None = None) -> aiohttp.ClientResponse:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        sig = signature or self.verifier.generate_signature(timestamp=ts, body=body)
        all_headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
                       "X-Slack-Signature": sig, **(headers or {})}
        async with self.session.post(self.url, data=body.encode(), headers=all_headers) as response:
            await response.read()
            return response

    async def event(self, event: dict, *, team: str = "T-ONE", event_id: str | None = None,
                    headers: dict | None = None, **kwargs) -> aiohttp.ClientResponse:
        self._n += 1
        body = {"token": "legacy", "team_id": team, "api_app_id": "A1", "type": "event_callback",
                "event_id": event_id or f"Ev{self._n:04d}{hashlib.md5(repr(event).encode()).hexdigest()[:6]}",
                "event_time": int(time.time()), "authorizations": [
                    {"team_id": team, "user_id": BOT_USER, "is_bot": True, "enterprise_id": None}],
                "event": event}
        return await self.post(json.dumps(body), "application/json", headers=headers, **kwargs)

    async def dm(self, text: str, *, user: str = "U-ALICE", team: str = "T-ONE", **kwargs):
        self._n += 1
        event = {"type": "message", "channel_type": "im", "channel": f"D-{user}", "user": user,
                 "text": text, "ts": f"1700000100.{self._n:06d}", "team": team}
        event.update(kwargs.pop("extra", {}))
        return await self.event(event, team=team, **kwargs)

    async def command(self, text: str, *, user: str = "U-ALICE", team: str = "T-ONE",
                      response_url: str, channel: str = "C-GENERAL") -> aiohttp.ClientResponse:
        form = {"token": "legacy", "team_id": team, "team_domain": "acme", "channel_id": channel,
                "channel_name": "general", "user_id": user, "user_name": "alice", "command": "/coach",
                "text": text, "api_app_id": "A1", "response_url": response_url,
                "trigger_id": "trigger-1"}
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    def _action_ts(self) -> str:
        """Slack stamps every click with its own time, so two clicks are never the same request."""
        self._n += 1
        return f"{int(time.time())}.{self._n:06d}"

    async def interaction(self, payload: dict) -> aiohttp.ClientResponse:
        form = urlencode({"payload": json.dumps(payload)})
        return await self.post(form, "application/x-www-form-urlencoded")

    async def click(self, action: dict, *, user: str = "U-ALICE", team: str = "T-ONE",
                    message: dict | None = None, container: dict | None = None,
                    response_url: str | None = None) -> aiohttp.ClientResponse:
        payload: dict[str, Any] = {
            "type": "block_actions", "team": {"id": team, "domain": "acme"},
            "user": {"id": user, "team_id": team}, "api_app_id": "A1", "token": "legacy",
            "trigger_id": "trigger-2", "actions": [{"action_ts": self._action_ts(), "block_id": "b", **action}],
        }
        if message is not None:
            payload["message"] = message
            payload["channel"] = {"id": message.get("channel", f"D-{user}")}
            payload["container"] = {"type": "message", "message_ts": message["ts"],
                                    "channel_id": message.get("channel", f"D-{user}")}
        else:
            payload["view"] = {"id": "V1", "type": "home"}
            payload["container"] = container or {"type": "view", "view_id": "V1"}
        if response_url:
            payload["response_url"] = response_url
        return await self.interaction(payload)


def record_what_the_coach_hears(coach: Coach) -> list[tuple[str, str, str]]:
    """Wrap ``coach.reply``: every (workspace, user, text) the coach was given, in order."""
    heard: list[tuple[str, str, str]] = []
    original = coach.reply

    def reply(who, text, now=None):
        heard.append((who.tenant, who.user, text))
        return original(who, text, now)

    coach.reply = reply  # type: ignore[method-assign]
    return heard


@pytest.fixture
def slack_sender() -> type[SlackSender]:
    """The signed-request sender class, for tests that start and stop servers themselves."""
    return SlackSender


@pytest.fixture
def listen_to() -> Callable[[Coach], list[tuple[str, str, str]]]:
    """``listen_to(another_coach)``: what that coach is told (for a second, restarted process)."""
    return record_what_the_coach_hears


@pytest.fixture
def heard(coach: Coach) -> list[tuple[str, str, str]]:
    """What the coach was told: one entry per message that reached the engine."""
    return record_what_the_coach_hears(coach)


@dataclass
class Running:
    url: str
    sender: SlackSender
    app: web.Application


@pytest.fixture
async def start_coachbot(coach: Coach, slack_api: StandInSlack) -> AsyncIterator[Callable[..., Any]]:
    """Start coachbot's real server with a Config; returns its URL and a signed sender.

    Depends on ``slack_api`` so coachbot stops first and closes its Socket Mode connection
    itself, rather than the stand-in waiting on an open websocket.
    """
    servers: list[TestServer] = []
    session = aiohttp.ClientSession()

    async def start(config: Config, the_coach: Coach | None = None) -> Running:
        app = build_app(config, the_coach or coach)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        url = str(server.make_url("")).rstrip("/")
        return Running(url, SlackSender(url, session), app)

    yield start
    await session.close()
    for server in servers:
        await server.close()


@pytest.fixture
def slack_config(db_path, slack_api: StandInSlack) -> Callable[..., Config]:
    """``slack_config(**overrides)``: coachbot's Config for the stand-in (one workspace, HTTP mode)."""
    return lambda **overrides: _slack_config(db_path, slack_api, **overrides)


@pytest.fixture
async def coachbot(start_coachbot, slack_config) -> Running:
    """coachbot for one workspace (bot token), HTTP mode, talking to the stand-in Slack."""
    return await start_coachbot(slack_config())

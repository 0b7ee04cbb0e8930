"""The HTTP side: ``POST /api/messages`` and the one-time export download.

Before an Activity reaches the SDK it is checked here, so that a caller gets a clear
answer instead of a stack trace: 401 without a valid Bot Framework token (when an app
id is configured), 400 for a body that is not an Activity we can answer. Every
Activity, whatever its type, is checked before anything of it is stored or answered.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import warnings

from aiohttp import web
from aiohttp.web import NotAppKeyWarning
from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.hosting.aiohttp import start_agent_process
from microsoft_agents.hosting.core import (
    AgentApplication,
    ClaimsIdentity,
    JwtTokenValidator,
    OutboundHostValidator,
    TurnState,
)
from pydantic import ValidationError
from yarl import URL

from . import identity, storage
from .turns import REQUEST_BASE_URL, Teams, now, run

log = logging.getLogger("coachbot.teams")

TEAMS_KEY: web.AppKey[Teams] = web.AppKey("coachbot_teams", Teams)
AGENT_KEY: web.AppKey[AgentApplication[TurnState]] = web.AppKey("coachbot_teams_agent", AgentApplication)

# Activities the coach answers: they need a sender and a tenant. Only these ever save a
# conversation reference (agent.py).
ANSWERED_TYPES = {ActivityTypes.message, ActivityTypes.conversation_update, ActivityTypes.installation_update}
# Headers a reverse proxy adds: a request that passed through one did not start on this machine.
PROXY_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP")
# Characters that would change the meaning of a URL path if an id were put in one.
UNSAFE_ID_CHARACTERS = set("/\\?#%") | {chr(c) for c in range(33)} | {chr(127)}
MICROSOFT_HOSTS = OutboundHostValidator(enabled=True)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def authorize(teams: Teams, request: web.Request) -> ClaimsIdentity | web.Response:
    """The caller's identity, or a 401/403 response.

    Local development mode (no app id) has no tokens to check, so it only listens to this
    machine: a Slack-only deployment that never set MICROSOFT_APP_ID must not leave an
    open endpoint behind.
    """
    if teams.sdk.dev_mode:
        # Behind a reverse proxy every caller's address is the proxy's (127.0.0.1), so a
        # request the proxy passed on is refused as well.
        if not is_loopback(request.remote) or any(h in request.headers for h in PROXY_HEADERS):
            return _error(403, "Teams is in local development mode (COACHBOT_TEAMS_DEV=1): "
                               "only requests made on this machine are accepted.")
        return ClaimsIdentity({}, authentication_type="anonymous")
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _error(401, "A Bot Framework bearer token is required.")
    try:
        return await JwtTokenValidator(teams.sdk.auth).validate_token(token.strip())
    except Exception as exc:  # any failure to prove the token is a refusal, never a 500
        log.warning("Teams: refused a request with an invalid token (%s)", type(exc).__name__)
        return _error(401, "The Bot Framework token is not valid for this app.")


def unsafe_id(value: str | None) -> bool:
    """An id that would not stay one segment of a URL path."""
    return value is not None and (value in (".", "..") or any(c in UNSAFE_ID_CHARACTERS for c in value))


def check_service_url(service_url: str | None, *, dev_mode: bool, claims: ClaimsIdentity | None) -> str | None:
    """What is wrong with the address replies would go to, or None."""
    if not service_url:
        return "The Activity has no serviceUrl to reply to."
    url = URL(service_url)
    if url.scheme not in ("http", "https") or not url.host or url.user or url.password or url.query_string \
            or url.fragment:
        return "The serviceUrl must be a plain http(s) address."
    if dev_mode:
        # Without auth, replies may only go back to this machine (the Playground, a test),
        # never to an address a stranger chose.
        if not is_loopback(url.host):
            return "In local development mode the serviceUrl must be on this machine (127.0.0.1)."
        return None
    if not MICROSOFT_HOSTS.is_allowed(url):
        return "The serviceUrl is not a Microsoft Bot Framework address."
    claimed = claims.get_claim_value("serviceurl") if claims is not None else None
    if claimed and (URL(claimed).host or "").casefold() != url.host.casefold():
        return "The serviceUrl is not the one the Bot Framework token was issued for."
    return None


def check_activity(body: object, *, dev_mode: bool, claims: ClaimsIdentity | None = None) -> str | None:
    """What is wrong with this body as an Activity for the coach, or None if nothing."""
    if not isinstance(body, dict):
        return "The body must be a JSON object (a Bot Framework Activity)."
    try:
        activity = Activity.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "body"
        return f"Not a valid Activity: {where}: {first.get('msg', 'invalid')}."
    if not activity.type:
        return "The Activity has no type."
    if not activity.conversation or not activity.conversation.id:
        return "The Activity has no conversation.id."
    if activity.conversation.id in (".", ".."):  # any other id is percent-encoded (wiring.py)
        return "The conversation.id is not a conversation id."
    if unsafe_id(activity.id) or unsafe_id(activity.reply_to_id):
        return "The Activity's id or replyToId has characters an id cannot have."
    problem = check_service_url(activity.service_url, dev_mode=dev_mode, claims=claims)
    if problem:
        return problem
    if activity.type in ANSWERED_TYPES:
        try:
            identity.who_of(activity, dev_mode=dev_mode)
        except identity.NotAnExecutive as exc:
            return str(exc)
    return None


async def messages(request: web.Request) -> web.StreamResponse:
    teams = request.app[TEAMS_KEY]
    claims = await authorize(teams, request)
    if isinstance(claims, web.Response):
        return claims
    try:
        body = json.loads(await request.read() or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _error(400, "The body is not JSON.")
    problem = check_activity(body, dev_mode=teams.sdk.dev_mode, claims=claims)
    if problem:
        return _error(400, problem)
    with warnings.catch_warnings():
        # The SDK's aiohttp adapter reads the identity from this plain string key.
        warnings.simplefilter("ignore", NotAppKeyWarning)
        request["claims_identity"] = claims
    REQUEST_BASE_URL.set(f"{request.scheme}://{request.host}")
    response = await start_agent_process(request, request.app[AGENT_KEY], teams.sdk.adapter)
    return response or web.Response(status=202)


EXPIRED = "This link has expired or was already used. Type export in the chat for a new one."

# A page, not the file: link scanners (Microsoft Defender Safe Links, previews) open GET
# links before the executive does, and would spend a one-time link. They do not press
# buttons, so the download itself is the POST behind this one.
DOWNLOAD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Your coachbot data</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; line-height: 1.5">
<h1 style="font-size: 1.3rem">Your coachbot data</h1>
<p>Everything coachbot holds about you, as one JSON file. The button works once.</p>
<form method="post"><button type="submit" style="font-size: 1rem; padding: .5rem 1rem">Download</button></form>
</body></html>
"""


async def export_page(request: web.Request) -> web.StreamResponse:
    teams = request.app[TEAMS_KEY]
    valid = await run(storage.export_token_valid, teams.coach.store, request.match_info["token"], now())
    headers = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    if not valid:
        return web.Response(status=404, text=EXPIRED, headers=headers)
    return web.Response(text=DOWNLOAD_PAGE, content_type="text/html", headers=headers)


async def export_download(request: web.Request) -> web.StreamResponse:
    """The executive's data as a JSON file, once, within a few minutes of asking."""
    teams = request.app[TEAMS_KEY]
    who = await run(storage.redeem_export_token, teams.coach.store, request.match_info["token"], now())
    if who is None:
        return web.Response(status=404, text=EXPIRED, headers={"Cache-Control": "no-store"})
    data = await run(teams.coach.export, who)
    return web.Response(
        body=json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8"),
        content_type="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="coachbot-export.json"',
            "Cache-Control": "no-store",
        },
    )

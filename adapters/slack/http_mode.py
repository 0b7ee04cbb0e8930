"""HTTP mode: Slack's requests arrive as POSTs, and the OAuth install pages are plain GETs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.request.async_request import AsyncBoltRequest

from .verify import Refusal, RequestCheck

if TYPE_CHECKING:
    from .app import SlackAdapter

EVENTS_PATH = "/slack/events"


def attach(app: web.Application, adapter: SlackAdapter, *, events: bool) -> None:
    bolt = adapter.bolt

    checks = RequestCheck(adapter.config.slack_signing_secret)

    async def events_endpoint(request: web.Request) -> web.Response:
        with adapter.gate.acknowledging():
            raw = await request.read()
            # The signature first, on the raw bytes: nothing unsigned is parsed or logged.
            verified = checks.check(request.headers, raw)
            if isinstance(verified, Refusal):
                checks.log_refusal(verified, request.remote, len(raw))
                return web.json_response({"error": verified.reason}, status=verified.status)
            if verified.form and not await adapter.claims.claim_request(verified.signature):
                # A signed command or click sent again (Slack never retries those): run it once.
                checks.log_refusal(Refusal(200, "replayed request ignored"), request.remote, len(raw))
                return web.Response(status=200)
            # Bolt keeps one value per header name, as it would from aiohttp's multidict.
            headers: dict[str, str | Sequence[str]] = dict(request.headers.items())
            bolt_request = AsyncBoltRequest(body=verified.text, query=request.query_string, headers=headers)
            try:
                response = await bolt.async_dispatch(bolt_request)
            except Exception as exc:  # a body Slack would not send, in a way not foreseen above
                checks.log_refusal(Refusal(400, f"Bolt could not read the body ({type(exc).__name__})"),
                                   request.remote, len(raw))
                return web.json_response({"error": "malformed body"}, status=400)
            return await to_aiohttp_response(response)

    if events:
        app.router.add_post(EVENTS_PATH, events_endpoint)

    flow = bolt.oauth_flow
    if flow is None:
        return

    async def install_page(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await flow.handle_installation(await to_bolt_request(request)))

    async def oauth_redirect(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await flow.handle_callback(await to_bolt_request(request)))

    app.router.add_get(flow.install_path, install_page)
    app.router.add_get(flow.redirect_uri_path, oauth_redirect)

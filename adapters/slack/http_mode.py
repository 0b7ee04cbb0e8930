"""HTTP mode: Slack's requests arrive as POSTs, and the OAuth install pages are plain GETs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

if TYPE_CHECKING:
    from .app import SlackAdapter

EVENTS_PATH = "/slack/events"


def attach(app: web.Application, adapter: SlackAdapter, *, events: bool) -> None:
    bolt = adapter.bolt

    async def events_endpoint(request: web.Request) -> web.Response:
        # Bolt verifies the signature and timestamp (401 otherwise) before anything runs.
        with adapter.gate.acknowledging():
            response = await bolt.async_dispatch(await to_bolt_request(request))
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

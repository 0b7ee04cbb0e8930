"""Helpers for the Teams tests: the stand-in connector's records and Activities as Teams sends them."""

from __future__ import annotations

import html
import itertools
import uuid
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from coachbot.engine import Coach

CARD = "application/vnd.microsoft.card.adaptive"
APP_ID = "6f0c9c1e-2b43-4a0e-9d7e-0d6f1f1c2a11"  # the bot's Microsoft App ID when auth is on


def flat(text: str) -> str:
    """Text with all runs of whitespace as one space: the words, whatever the line wrapping."""
    return " ".join(text.split())


@dataclass
class Call:
    method: str
    conversation: str
    activity_id: str | None
    body: dict
    new_id: str = ""  # the id the stand-in gave the message it received

    @property
    def text(self) -> str:
        """The words as the executive reads them (the bot sends escaped text with <br>)."""
        raw = self.body.get("text") or ""
        if self.body.get("textFormat") == "xml":
            raw = html.unescape(raw.replace("<br>", "\n"))
        return raw

    @property
    def cards(self) -> list[dict]:
        return [a["content"] for a in self.body.get("attachments") or [] if a.get("contentType") == CARD]


@dataclass
class Connector:
    """What the bot sent, in order."""

    url: str = ""
    calls: list[Call] = field(default_factory=list)
    refuse_with: int | None = None  # answer every call with this HTTP status, as Teams can
    strays: list[str] = field(default_factory=list)  # requests to any other path on this host
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def sent(self) -> list[Call]:
        """New messages (not card updates or typing indicators)."""
        return [c for c in self.calls if c.method == "POST" and c.body.get("type") == "message"]

    def typing(self) -> list[Call]:
        return [c for c in self.calls if c.body.get("type") == "typing"]

    def updates(self) -> list[Call]:
        return [c for c in self.calls if c.method == "PUT"]

    def texts(self) -> list[str]:
        return [c.text for c in self.sent() if c.text]

    def cards(self) -> list[dict]:
        return [card for c in self.sent() for card in c.cards]

    def clear(self) -> None:
        self.calls.clear()

    async def stray(self, request: web.Request) -> web.Response:
        self.strays.append(f"{request.method} {request.path_qs}")
        return web.Response(status=404)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else {}
        activity_id = request.match_info.get("activity_id")
        new_id = activity_id if request.method == "PUT" else f"msg-{next(self._ids)}"
        self.calls.append(Call(request.method, request.match_info["conversation"], activity_id, body, new_id))
        if self.refuse_with:
            return web.json_response({"error": {"code": "Forbidden"}}, status=self.refuse_with)
        return web.json_response({"id": new_id})


@dataclass
class Bot:
    """The running coachbot server, and a way to post Activities to it as Teams would."""

    url: str
    connector: Connector
    coach: Coach
    session: aiohttp.ClientSession

    async def post(self, activity: dict | bytes | str, headers: dict | None = None) -> aiohttp.ClientResponse:
        kwargs: dict = {"json": activity} if isinstance(activity, dict) else {"data": activity}
        async with self.session.post(f"{self.url}/api/messages", headers=headers, **kwargs) as response:
            await response.read()
            return response


# --- Activities as Teams sends them -----------------------------------------------------
def activity(
    connector: Connector, type_: str, *, user: str = "alice", tenant: str = "tenant-a", **extra
) -> dict:
    """An Activity from ``user`` in ``tenant``'s personal chat with the bot."""
    body = {
        "type": type_,
        "id": f"in-{type_}-{user}-{uuid.uuid4().hex[:8]}",  # Teams gives every Activity its own id
        "channelId": "msteams",
        "serviceUrl": connector.url,
        "from": {"id": f"29:{user}", "name": user.title(), "aadObjectId": f"aad-{user}"},
        "recipient": {"id": "28:coachbot", "name": "coachbot"},
        "conversation": {"id": f"a:personal-{tenant}-{user}", "conversationType": "personal",
                         "tenantId": tenant},
        "channelData": {"tenant": {"id": tenant}},
        "locale": "en-US",
    }
    body.update(extra)
    return body


def message(connector: Connector, text: str = "", **kwargs) -> dict:
    return activity(connector, "message", text=text, **kwargs)


def submit(connector: Connector, value: dict, reply_to: str, **kwargs) -> dict:
    """A click on a card's Action.Submit: a message with a value and no text."""
    return activity(connector, "message", value=value, replyToId=reply_to, **kwargs)

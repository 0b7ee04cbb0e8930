"""Checks on every request to ``/slack/events`` before Bolt sees it.

The signature is verified first, on the raw bytes, so that nothing of an unsigned
request is parsed, stored or logged; then the body must be what Slack sends (a JSON
object, or a form whose ``payload`` is a JSON object). Anything else gets a 400 or 401
and one short log line, never a traceback or the body itself; the lines are
rate-limited so a flood of bad requests cannot fill the disk.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

log = logging.getLogger("coachbot.slack.verify")

MAX_AGE_SECONDS = 5 * 60  # Slack's own rule for a request timestamp
LOG_EVERY_SECONDS = 60.0  # at most one line per kind of refusal this often


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str  # short and fixed: what the log line and the answer say


@dataclass(frozen=True)
class Verified:
    """A signed request: its text, its parsed body and whether it is a form post."""

    text: str
    body: dict
    form: bool
    signature: str


def _signature(secret: str, timestamp: str, raw: bytes) -> str:
    digest = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256)
    return "v0=" + digest.hexdigest()


def _parse(text: str, content_type: str) -> dict | None:
    """The body as Bolt will read it, or None when it is not what Slack sends."""
    if content_type == "application/json":
        try:
            body = json.loads(text)
        except ValueError:
            return None
        return body if isinstance(body, dict) else None
    if content_type == "application/x-www-form-urlencoded":
        try:
            form = dict(parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text)))
        except ValueError:
            return None
        if "payload" in form:
            try:
                payload = json.loads(form["payload"])
            except ValueError:
                return None
            return payload if isinstance(payload, dict) else None
        return form
    return None


# Parts of a body that Bolt reads without checking their type first.
_SHAPES: dict[str, dict[str, type]] = {
    "event_callback": {"event": dict},
    "block_actions": {"actions": list},
    "view_submission": {"view": dict},
    "view_closed": {"view": dict},
}


def _shape_problem(body: dict) -> str | None:
    for key in ("team", "user", "channel", "enterprise", "container", "message"):
        if key in body and not isinstance(body[key], dict | str | None):
            return f"{key} has the wrong type"
    kind = body.get("type")
    if kind is not None and not isinstance(kind, str):
        return "type is not a string"
    for key, expected in _SHAPES.get(kind or "", {}).items():
        if not isinstance(body.get(key), expected):
            return f"{key} is missing or has the wrong type"
    if kind == "event_callback" and not isinstance(body["event"].get("type"), str):
        return "event.type is missing"
    if kind == "block_actions" and not all(isinstance(a, dict) for a in body["actions"]):
        return "actions are not objects"
    return None


@dataclass
class RequestCheck:
    """Verifies and parses Slack's requests; ``clock`` is replaceable for tests."""

    secret: str
    clock: Callable[[], float] = time.time
    _last_logged: dict[str, float] = field(default_factory=dict)
    _suppressed: dict[str, int] = field(default_factory=dict)

    def check(self, headers: Mapping[str, str], raw: bytes) -> Verified | Refusal:
        timestamp = headers.get("X-Slack-Request-Timestamp", "").strip()
        signature = headers.get("X-Slack-Signature", "").strip()
        if not timestamp.isdigit() or not signature:
            return Refusal(401, "missing or malformed signature headers")
        if abs(self.clock() - int(timestamp)) > MAX_AGE_SECONDS:
            return Refusal(401, "stale timestamp")
        if not hmac.compare_digest(_signature(self.secret, timestamp, raw).encode(), signature.encode()):
            return Refusal(401, "bad signature")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return Refusal(400, "body is not UTF-8")
        content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
        body = _parse(text, content_type)
        if body is None:
            return Refusal(400, "body is not a Slack event, command or interaction")
        problem = _shape_problem(body)
        if problem:
            return Refusal(400, f"malformed body: {problem}")
        return Verified(text, body, content_type == "application/x-www-form-urlencoded", signature)

    def log_refusal(self, refusal: Refusal, remote: str | None, size: int) -> None:
        """One short line per kind of refusal a minute; never the body."""
        now = time.monotonic()
        last = self._last_logged.get(refusal.reason)
        if last is not None and now - last < LOG_EVERY_SECONDS:
            self._suppressed[refusal.reason] = self._suppressed.get(refusal.reason, 0) + 1
            return
        self._last_logged[refusal.reason] = now
        more = self._suppressed.pop(refusal.reason, 0)
        log.warning("Slack request refused (%s %s) from %s, %d bytes%s", refusal.status, refusal.reason,
                    remote or "?", size, f"; {more} more like it not logged" if more else "")

"""Reading a failed Slack Web API call, whatever came back.

``SlackApiError.response`` is usually Slack's JSON, but a proxy or an outage can answer
with plain text (the response's data is then a string) or a body that is not JSON at
all (the response is then aiohttp's own). Code that reads the error goes through here,
so such an answer is logged, not turned into a crash.
"""

from __future__ import annotations

from slack_sdk.errors import SlackApiError


def error_code(exc: BaseException) -> str | None:
    """Slack's ``error`` code, or None when the answer was not Slack's JSON."""
    data = getattr(getattr(exc, "response", None), "data", None)
    if isinstance(exc, SlackApiError) and isinstance(data, dict):
        return str(data.get("error") or "") or None
    return None


def describe(exc: BaseException) -> str:
    """A short description for a log line."""
    code = error_code(exc)
    if code:
        return code
    if not isinstance(exc, SlackApiError):
        return type(exc).__name__
    response = exc.response
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    return f"HTTP {status} with a body that is not Slack's JSON"

"""Finding an executive's platform user id from an email, for enrolment rows that only
give an email.

Slack answers ``users.lookupByEmail`` (scope ``users:read.email``) with the bot token.
Teams would need Microsoft Graph rights the bot does not ask for, so a Teams row needs
the user id (or an executive already known by that email).
"""

from __future__ import annotations

import os

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from coachbot.cohorts.enrol import EmailResolver


def slack_resolver(token: str, api_url: str = "") -> EmailResolver:
    kwargs = {"base_url": api_url.rstrip("/") + "/"} if api_url else {}
    client = WebClient(token=token, timeout=10, **kwargs)

    def resolve(platform: str, tenant: str, email: str) -> str | None:
        if platform != "slack":
            return None
        try:
            answer = client.users_lookupByEmail(email=email)
        except SlackApiError as exc:
            if exc.response.get("error") == "users_not_found":
                return None
            raise
        user = answer.get("user") or {}
        # A token of one workspace must not enrol someone of another.
        if user.get("team_id") and user["team_id"] != tenant:
            return None
        return user.get("id")

    return resolve


def resolver_from_env(token: str | None = None, api_url: str | None = None) -> EmailResolver | None:
    """A resolver when a Slack bot token is configured, else None."""
    token = token if token is not None else os.environ.get("SLACK_BOT_TOKEN", "")
    if not token:
        return None
    return slack_resolver(token, api_url if api_url is not None else os.environ.get("SLACK_API_URL", ""))

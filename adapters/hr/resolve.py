"""Finding an executive's platform user id from an email, for enrolment rows that only
give an email.

Slack answers ``users.lookupByEmail`` (scope ``users:read.email``) with the bot token.
Teams would need Microsoft Graph rights the bot does not ask for, so a Teams row needs
the user id (or an executive already known by that email).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from coachbot.cohorts.enrol import EmailResolver
from coachbot.store import Store


def slack_resolver(token: str | Callable[[str], str | None], api_url: str = "") -> EmailResolver:
    """Look emails up in Slack with one bot token, or with the token of each row's workspace."""
    base_url = api_url.rstrip("/") + "/" if api_url else WebClient.BASE_URL
    token_of = token if callable(token) else (lambda tenant: token)

    def resolve(platform: str, tenant: str, email: str) -> str | None:
        if platform != "slack":
            return None
        bot_token = token_of(tenant)
        if not bot_token:
            raise LookupError("the Slack app is not installed in that workspace")
        try:
            answer = WebClient(token=bot_token, timeout=10, base_url=base_url).users_lookupByEmail(email=email)
        except SlackApiError as exc:
            error = exc.response.get("error")
            if error == "users_not_found":
                return None
            if error == "missing_scope":
                raise LookupError("the Slack app needs the users:read.email scope (reinstall it)") from None
            raise LookupError(f"Slack said {error}") from None
        user = answer.get("user") or {}
        # A token of one workspace must not enrol someone of another.
        if user.get("team_id") and user["team_id"] != tenant:
            return None
        return user.get("id")

    return resolve


def resolver_from_env(token: str | None = None, api_url: str | None = None, *, store: Store | None = None,
                      client_id: str | None = None) -> EmailResolver | None:
    """A resolver for the Slack bot token (one workspace) or the OAuth installations
    (many workspaces: each row's own workspace token), else None."""
    token = token if token is not None else os.environ.get("SLACK_BOT_TOKEN", "")
    api_url = api_url if api_url is not None else os.environ.get("SLACK_API_URL", "")
    client_id = client_id if client_id is not None else os.environ.get("SLACK_CLIENT_ID", "")
    if token:
        return slack_resolver(token, api_url)
    if client_id and store is not None:
        from coachbot.adapters.slack import storage
        from coachbot.adapters.slack.oauth import SQLiteInstallationStore

        store.migrate(storage.migrations)  # the command line opens the database without the Slack adapter
        installations = SQLiteInstallationStore(store, client_id)

        def token_of(tenant: str) -> str | None:
            found = installations._find(None, tenant, None, False)
            return found.bot_token if found else None

        return slack_resolver(token_of, api_url)
    return None

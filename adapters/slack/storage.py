"""The Slack adapter's own tables, in the coachbot database.

Every table carries ``tenant`` (the Slack team id) so no query can cross workspaces.
None of them holds an executive's coaching data, so none has ``executive_id``: an
executive's export / forget must not take a workspace's installation with it.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("coachbot.slack")


@migrations()
def m001_slack(db: sqlite_utils.Database) -> None:
    # Events already accepted, so Slack's retries (and replays after a restart) run once.
    db.table("slack_events").create(
        {"tenant": str, "event_id": str, "received_at": float},
        pk=("tenant", "event_id"),
        not_null={"tenant", "event_id"},
    )
    db.table("slack_events").create_index(["received_at"])

    # One row per OAuth installation (bot token, and the installer's user token if any).
    db.table("slack_installations").create(
        {
            "id": int,
            "tenant": str,  # team id, or the enterprise id for an org-wide install
            "client_id": str,
            "enterprise_id": str,
            "team_id": str,
            "user_id": str,
            "installed_at": float,
            "data": str,  # JSON of slack_sdk's Installation
        },
        pk="id",
        not_null={"tenant", "client_id"},
    )
    db.table("slack_installations").create_index(["client_id", "tenant", "installed_at"])

    # OAuth ``state`` values handed to a browser, valid for a few minutes. No workspace
    # is known yet at that point, so ``tenant`` is the empty string.
    db.table("slack_oauth_states").create(
        {"state": str, "tenant": str, "expires_at": float},
        pk="state",
        not_null={"tenant"},
    )


@migrations()
def m002_inbox(db: sqlite_utils.Database) -> None:
    # The inbox: a message event is claimed (acknowledged, not yet answered), then replied
    # (the coach's answer is known), then answered (posted). What a restart finds claimed
    # or replied is answered on start. The text is kept only until then.
    for column in ("status", "user_id", "channel", "thread_ts", "text", "replies", "claimed_by"):
        db.table("slack_events").add_column(column, str)
    db.table("slack_events").create_index(["status"])

"""Executives: who they are, and their check-in settings."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlite_utils

from coachbot.models import ExecSettings, Who


def find(db: sqlite_utils.Database, who: Who) -> dict | None:
    """The executive's row, or None if they have never written.

    The platform is part of who they are: the same ids on Slack and on Teams are two people.
    """
    rows = list(db["executives"].rows_where(
        "tenant = ? and platform = ? and user_id = ?", [who.tenant, who.platform, who.user]))
    return rows[0] if rows else None


def get_or_create(db: sqlite_utils.Database, who: Who, now: datetime) -> dict:
    """The executive's row, created on first contact. Call inside a write transaction."""
    row = find(db, who)
    if row is not None:
        return row
    db.table("executives").insert(
        {
            "tenant": who.tenant,
            "platform": who.platform,
            "user_id": who.user,
            "created_at": now.isoformat(),
            "last_seen_at": now.isoformat(),
            "timezone": "UTC",
        }
    )
    row = find(db, who)
    assert row is not None, "inserted just above, in this transaction"
    return row


def valid_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def valid_time(text: str) -> bool:
    try:
        datetime.strptime(text, "%H:%M")
    except ValueError:
        return False
    return True


def settings_of(row: dict) -> ExecSettings:
    return ExecSettings(
        weekday=int(row.get("checkin_weekday") or 0),
        time=row.get("checkin_time") or "09:00",
        timezone=row.get("timezone") or "UTC",
        paused=bool(row.get("paused")),
    )

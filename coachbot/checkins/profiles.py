"""Time zones the platform tells us about (Teams sends ``localTimezone`` with each message)."""

from __future__ import annotations

from datetime import datetime

from coachbot import executives
from coachbot.models import Who
from coachbot.store import Store


def platform_timezone(store: Store, who: Who, timezone: str | None, now: datetime) -> bool:
    """Keep the time zone a platform reported for this person; True if it changed.

    An unknown or empty name is ignored. The profile counts as fresh from now on, so the
    scheduler does not ask the platform again.
    """
    if not timezone or not executives.valid_timezone(timezone):
        return False
    with store.write() as db:
        row = executives.find(db, who)
        if row is None:
            return False
        changes = {"profile_synced_at": now.isoformat()}
        changed = row.get("timezone") != timezone
        if changed:
            changes["timezone"] = timezone
        db.table("executives").update(row["id"], changes)
    return changed

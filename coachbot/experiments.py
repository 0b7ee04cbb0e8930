"""The week's participation experiments: the newest one, and how it went."""

from __future__ import annotations

from datetime import datetime

import sqlite_utils

from coachbot.models import STAGES

OUTCOMES = ("done", "partly", "not_done")


def latest(db: sqlite_utils.Database, tenant: str, executive_id: int) -> dict | None:
    """The newest experiment proposed to this executive, or None."""
    rows = list(
        db["experiments"].rows_where(
            "tenant = ? and executive_id = ?", [tenant, executive_id], order_by="id desc", limit=1
        )
    )
    return rows[0] if rows else None


def report(db: sqlite_utils.Database, executive: dict, outcome: str, now: datetime, note: str | None = None) -> None:
    """Record how the newest experiment went, however it was reported (chat or check-in).

    Trying it at all (done or partly) moves an executive who was not yet acting to *action*.
    """
    experiment = latest(db, executive["tenant"], executive["id"])
    if experiment is not None:
        changes = {"status": outcome, "reported_at": now.isoformat()}
        if note is not None:
            changes["outcome"] = note[:1000]
        db.table("experiments").update(experiment["id"], changes)
    if outcome in ("done", "partly") and (executive.get("stage") or "precontemplation") in STAGES[:3]:
        db.table("executives").update(executive["id"], {"stage": "action"})
        executive["stage"] = "action"

"""Weekly check-ins: what they ask, when they are due, and sending each exactly once.

Modules, each small:

* :mod:`.schedule` — due times in the executive's own time zone (DST, quiet hours, away);
* :mod:`.content` — what a week's check-in asks (experiment, one rotating rating, theme);
* :mod:`.controls` — answers, snooze, answer later, skip, away, stop, restart, quiet hours;
* :mod:`.outbox` — the ``checkin_deliveries`` outbox: claim, record, recover;
* :mod:`.channel` — the interface Slack and Teams implement;
* :mod:`.pacing` — per-workspace send pacing and 429 handling;
* :mod:`.runner` — ``coachbot checkins run`` and the scheduler inside ``serve``;
* :mod:`.status` — what is due, sent, answered, snoozed and failed.
"""

from __future__ import annotations

from datetime import datetime

from .content import belief_dimension_for, prompt_for, rotating_item
from .controls import ACTIONS, away_until, later, quiet_hours, record, restart, skip_week, snooze, stop
from .outbox import migrations
from .schedule import week_of


def local_week(now: datetime, timezone: str) -> str:
    """The ISO week (``2026-W48``) of ``now`` in the executive's own time zone."""
    return week_of(now, timezone)


__all__ = [
    "ACTIONS", "away_until", "belief_dimension_for", "later", "local_week", "migrations", "prompt_for",
    "quiet_hours", "record", "restart", "rotating_item", "skip_week", "snooze", "stop",
]

"""A controllable clock and a stand-in platform channel for the scheduler's tests (imported by conftest.py
and by test modules; named so it does not clash with other folders' conftest modules).

``FakeChannel`` implements the scheduler's ``Channel`` interface in memory: it records
what was posted (thread-safe, so several runners can share it), can refuse a person as
undeliverable, answer 429 a number of times, or fail once. The real Slack and Teams
channels are tested against their stand-in servers in tests/adapters/.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from coachbot.checkins.channel import (
    DeliveryFailed,
    Limits,
    Outgoing,
    Profile,
    RateLimited,
    Recipient,
    Sent,
    Undeliverable,
)
from coachbot.engine import Coach
from coachbot.models import Who


@dataclass
class Post:
    user: str
    key: str
    week: str
    message_id: str
    items: tuple[str, ...]
    experiment_question: str | None
    theme: str | None


@dataclass
class FakeChannel:
    platform: str = "slack"
    limits: Limits = field(default_factory=lambda: Limits(per_tenant=2000))
    posts: list[Post] = field(default_factory=list)
    reminders: list[tuple[str, str | None]] = field(default_factory=list)
    updates: list[tuple[str, str]] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)  # users the platform says are deactivated
    rate_limit: int = 0  # 429s still to give
    fail_once: set[str] = field(default_factory=set)
    delay: float = 0.0
    timezones: dict[str, str] = field(default_factory=dict)
    profile_calls: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def reachable(self, recipient: Recipient) -> bool:
        return recipient.who.user not in self.gone

    async def send(self, recipient: Recipient, checkin: Outgoing) -> Sent:
        user = recipient.who.user
        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            if user in self.gone:
                raise Undeliverable("account_inactive")
            if self.rate_limit:
                self.rate_limit -= 1
                raise RateLimited("ratelimited", 0.01)
            if user in self.fail_once:
                self.fail_once.discard(user)
                raise DeliveryFailed("internal_error")
            message_id = f"m{len(self.posts) + 1}"
            self.posts.append(Post(user, checkin.key, checkin.prompt.week, message_id,
                                   tuple(s.item for s in checkin.prompt.scales),
                                   checkin.prompt.experiment_question, checkin.prompt.theme))
        return Sent(message_id, f"D-{user}")

    async def update(self, recipient: Recipient, message_id: str, checkin: Outgoing, note: str) -> None:
        self.updates.append((message_id, note))

    async def remind(self, recipient: Recipient, message_id: str | None, text: str) -> None:
        with self._lock:
            self.reminders.append((recipient.who.user, message_id))

    async def find_sent(self, recipient: Recipient, key: str, since: datetime) -> str | None:
        with self._lock:
            return next((p.message_id for p in self.posts if p.key == key), None)

    async def profile(self, recipient: Recipient) -> Profile | None:
        self.profile_calls.append(recipient.who.user)
        tz = self.timezones.get(recipient.who.user)
        return Profile(timezone=tz) if tz else None

    def users(self) -> list[str]:
        return [p.user for p in self.posts]


class Clock:
    """The time the scheduler sees; tests move it."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def at(self, text: str) -> datetime:
        self.now = datetime.fromisoformat(text).astimezone(UTC)
        return self.now


def enrol(coach: Coach, user: str, timezone: str = "UTC", tenant: str = "T1", platform: str = "slack",
          **settings) -> Who:
    """An executive the scheduler can reach: known to the coach, with a time zone."""
    who = Who(tenant, user, platform)
    coach.update_settings(who, timezone=timezone, **settings)
    with coach.store.write() as db:  # enrolled with a time zone already read from the platform
        db.execute("update executives set profile_synced_at = '2026-11-01T00:00:00+00:00', "
                   "last_seen_at = '2026-11-01T00:00:00+00:00' "
                   "where tenant = ? and user_id = ?", [tenant, user])
    return who

"""Dialogue policy (placeholder: being written; the interface is stable)."""

from __future__ import annotations

from datetime import datetime

from coachbot import executives
from coachbot.models import Reply, Who
from coachbot.store import Store
from coachbot.wording import Prompts


class Dialogue:
    def __init__(self, store: Store, prompts: Prompts, *, session_gap_minutes: float,
                 max_input_chars: int):
        self.store = store
        self.prompts = prompts
        self.gap = session_gap_minutes
        self.max_input_chars = max_input_chars

    def handle(self, who: Who, text: str, now: datetime) -> list[Reply]:
        with self.store.write() as db:
            executives.get_or_create(db, who, now)
        return [Reply("Tell me: what value does your organisation create that nobody else does?")]

    def open(self, who: Who, now: datetime) -> list[Reply]:
        return [Reply("Welcome back. What has been on your mind this week?", "opening")]

    def close(self, who: Who, now: datetime, reason: str) -> list[Reply]:
        return [Reply("Thanks for the conversation. Try one small thing this week.", "close")]

    def close_idle(self, now: datetime) -> int:
        return 0

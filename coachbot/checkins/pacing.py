"""Send pacing per workspace / tenant: as fast as the platform allows, never faster for long.

Each workspace (Slack team, Teams tenant) gets one :class:`Pacer`. Sends are spaced
evenly at ``HEADROOM`` of the platform's published rate, so a big cohort neither bursts
into a 429 that pauses the whole workspace nor trickles. When the platform still answers
429, every send to that workspace waits for its Retry-After, and the pace drops by
``BACKOFF`` (once per pause); each success then wins a little of it back, up to the
published rate. Per-conversation limits (Slack one message a second per channel, Teams 7)
do not bind: the scheduler sends one message per person per run.
"""

from __future__ import annotations

import asyncio
import time

HEADROOM = 0.95
BACKOFF = 0.8
RECOVERY = 0.002  # of the ceiling, per successful send


class Pacer:
    def __init__(self, per_second: float, floor: float = 0.5):
        self.ceiling = max(floor, per_second * HEADROOM)
        self.rate = self.ceiling
        self.floor = floor
        self._next = 0.0
        self._paused_until = 0.0
        self.limited_count = 0

    async def acquire(self) -> None:
        """Wait for this workspace's next send slot."""
        now = time.monotonic()
        at = max(now, self._next, self._paused_until)
        self._next = at + 1.0 / self.rate
        if at > now:
            await asyncio.sleep(at - now)

    def limited(self, retry_after: float) -> None:
        """The platform answered 429: pause every send here, and slow down once per pause."""
        now = time.monotonic()
        self.limited_count += 1
        if now >= self._paused_until:
            self.rate = max(self.floor, self.rate * BACKOFF)
        self._paused_until = max(self._paused_until, now + max(0.0, retry_after))

    def succeeded(self) -> None:
        self.rate = min(self.ceiling, self.rate + self.ceiling * RECOVERY)

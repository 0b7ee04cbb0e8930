"""Send pacing per workspace / tenant: as fast as the platform allows, never faster.

Each workspace (Slack team, Teams tenant) gets one :class:`Pacer`. Sends are spaced
evenly at ``HEADROOM`` of the platform's published rate, and, because an event loop that
stalls for a moment would otherwise let the late sends go out together with the next
ones, no more than that many leave in any sliding second (counted at the moment each
request is made, the way the platform counts them). A big cohort therefore neither bursts
into a 429 that pauses the whole workspace nor trickles. When the platform still answers
429, every send to that workspace waits for its Retry-After and the pace drops by
``BACKOFF`` (once per pause); each success then wins a little of it back. Per-conversation
limits (Slack one message a second per channel, Teams 7) do not bind: the scheduler sends
one message per person per run.
"""

from __future__ import annotations

import asyncio
import collections
import time

HEADROOM = 0.98
BACKOFF = 0.9
RECOVERY = 0.005  # of the ceiling, per successful send
CATCH_UP = 1  # slots a late sender may make up
WINDOW = 1.02  # seconds: a little longer than the platform's, for requests that arrive late


class Pacer:
    def __init__(self, per_second: float, floor: float = 0.5):
        self.ceiling = max(floor, per_second * HEADROOM)
        self.rate = self.ceiling
        self.floor = floor
        self._next = 0.0
        self._paused_until = 0.0
        self._sent: collections.deque[float] = collections.deque()
        self.limited_count = 0

    async def acquire(self) -> None:
        """Wait for this workspace's next send slot; the caller sends right after."""
        while True:
            now = time.monotonic()
            while self._sent and self._sent[0] <= now - WINDOW:
                self._sent.popleft()
            wait = max(self._paused_until, self._next) - now
            if len(self._sent) >= max(1, int(self.rate)):
                wait = max(wait, self._sent[0] + WINDOW - now)
            if wait <= 0:
                # No await between the check and the booking: asyncio runs one coroutine at a time.
                self._sent.append(now)
                # Evenly spaced. After a stall (a busy machine, a slow write) the slots lost may be
                # caught up, a few at a time; the sliding-second count above still caps them.
                self._next = max(self._next, now - CATCH_UP / self.rate) + 1.0 / self.rate
                return
            await asyncio.sleep(wait)

    def limited(self, retry_after: float) -> None:
        """The platform answered 429: pause every send here, and slow down once per pause."""
        now = time.monotonic()
        self.limited_count += 1
        if now >= self._paused_until:
            self.rate = max(self.floor, self.rate * BACKOFF)
        self._paused_until = max(self._paused_until, now + max(0.0, retry_after))

    def succeeded(self) -> None:
        self.rate = min(self.ceiling, self.rate + self.ceiling * RECOVERY)

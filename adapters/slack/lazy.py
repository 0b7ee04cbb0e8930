"""Acknowledgements before answers: lazy listeners start once no acknowledgement is waiting.

In one asyncio process every request's acknowledgement and every answer's work share
the event loop (and, for the engine's threads, the GIL). When a burst of messages
arrives, Slack's 3-second clock runs for each acknowledgement, while an answer is never
urgent to the millisecond; so the answer work waits, briefly and boundedly, until the
requests in flight have been acknowledged.

Bolt's own runner also drops its reference to each task (``asyncio.ensure_future``),
which lets a running task be garbage-collected; this one keeps them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterator

from slack_bolt.lazy_listener.async_internals import to_runnable_function
from slack_bolt.lazy_listener.async_runner import AsyncLazyListenerRunner
from slack_bolt.request.async_request import AsyncBoltRequest

MAX_WAIT_SECONDS = 0.25  # an answer is never held back longer than this by acknowledgements
QUIET_SECONDS = 0.003  # no request for this long: the burst is over


class AckGate:
    """Open once no request is being acknowledged and none has started for a moment.

    The moment matters: within a burst, the next request is often read a fraction of a
    millisecond after the previous one was answered, and work started in that gap would
    run in front of it.
    """

    def __init__(self, max_wait: float = MAX_WAIT_SECONDS, quiet: float = QUIET_SECONDS):
        self.max_wait = max_wait
        self.quiet = quiet
        self.pending = 0
        self._open = asyncio.Event()
        self._open.set()
        self._timer: asyncio.TimerHandle | None = None

    @contextlib.contextmanager
    def acknowledging(self) -> Iterator[None]:
        self.pending += 1
        self._open.clear()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        try:
            yield
        finally:
            self.pending -= 1
            if self.pending == 0:
                self._timer = asyncio.get_running_loop().call_later(self.quiet, self._open_if_quiet)

    def _open_if_quiet(self) -> None:
        self._timer = None
        if self.pending == 0:
            self._open.set()

    async def wait(self) -> None:
        if not self._open.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._open.wait(), self.max_wait)


class AcksFirstLazyRunner(AsyncLazyListenerRunner):
    def __init__(self, logger: logging.Logger, gate: AckGate):
        self.logger = logger
        self.gate = gate
        self._tasks: set[asyncio.Task] = set()

    def start(self, function: Callable[..., Awaitable[None]], request: AsyncBoltRequest) -> None:
        task = asyncio.ensure_future(self._run(function, request))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, function: Callable[..., Awaitable[None]], request: AsyncBoltRequest) -> None:
        await self.gate.wait()
        await to_runnable_function(internal_func=function, logger=self.logger, request=request)

    async def drain(self, timeout: float) -> None:
        """Let answers already under way finish (on shutdown)."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)

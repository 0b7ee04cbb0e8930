"""Run each Slack event once, whatever Slack retries.

Slack re-sends an event (``X-Slack-Retry-Num``) when it did not see an acknowledgement
in time, and Bolt does not de-duplicate. Every delivery is acknowledged; the first one
to claim its ``event_id`` in SQLite runs, later ones stop there. The claim is persisted,
so a restart in the middle of Slack's retries does not run an event twice.

The claim is made by the listener, after the acknowledgement, not by a middleware
before it: the answer to Slack is 200 either way, so checking first would only put a
database write on the path Slack times.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

from coachbot.store import Store

from .inbox import Inbox, Message

KEEP_SECONDS = 3 * 24 * 3600  # Slack retries for about an hour; keep well beyond that
PRUNE_EVERY = 500  # claims between clean-ups of old rows


class EventClaims:
    """Claims of event ids, each committed before its event runs.

    Claims go through their own writer thread, so they never queue behind the coach's
    work (and a slow LLM call) in the default thread pool. Claims that arrive
    while a commit is under way are committed together in the next transaction (group
    commit): a burst of 50 events costs two or three transactions, not 50.
    """

    def __init__(self, store: Store, inbox: Inbox | None = None):
        self.store = store
        self.owner = inbox.owner if inbox else ""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slack-dedupe")
        self._waiting: list[tuple[str, str, Message | None, asyncio.Future[bool]]] = []
        self._committing = False
        self._claims = 0

    async def claim(self, tenant: str, event_id: str, message: Message | None = None) -> bool:
        """True the first time this (workspace, event) is seen, False for every repeat.

        With ``message`` the claim also puts it in the inbox, to be answered (see inbox.py).
        """
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((tenant, event_id, message, future))
        if not self._committing:
            self._committing = True
            asyncio.ensure_future(self._commit_waiting())
        return await future

    async def claim_request(self, signature: str) -> bool:
        """True the first time a signed request (its signature) is seen, False for a replay.

        Commands and clicks carry no event id, and Slack never re-sends them: an identical
        signature within the five minutes a timestamp is valid is a replay.
        """
        return await self.claim("", f"request:{signature}")

    async def _commit_waiting(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                keys = [(tenant, event_id, message) for tenant, event_id, message, _ in batch]
                try:
                    results = await loop.run_in_executor(self._executor, self._claim_all, keys, time.time())
                except Exception as exc:  # the database is unusable: every waiting request fails
                    for *_, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for (*_, future), claimed in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(claimed)
        finally:
            self._committing = False

    def _claim_all(self, keys: list[tuple[str, str, Message | None]], now: float) -> list[bool]:
        claimed = []
        with self.store.write() as db:
            for tenant, event_id, message in keys:
                values = [tenant, event_id, now, "answered", None, None, None, None, self.owner]
                if message is not None:
                    values[3:8] = ["claimed", message.user, message.channel, message.thread_ts, message.text]
                cursor = db.execute(
                    "insert or ignore into slack_events (tenant, event_id, received_at, status, user_id, "
                    "channel, thread_ts, text, claimed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
                claimed.append(cursor.rowcount == 1)
            self._claims += len(keys)
            if self._claims >= PRUNE_EVERY:
                self._claims = 0
                db.execute("delete from slack_events where received_at < ?", [now - KEEP_SECONDS])
        return claimed

    def close(self) -> None:
        self._executor.shutdown(wait=False)


def event_key(body: dict, team_id: str | None, enterprise_id: str | None) -> tuple[str, str] | None:
    """(workspace, event id) of an Events API delivery; None for anything else."""
    if body.get("type") != "event_callback" or not body.get("event_id"):
        return None
    return (team_id or enterprise_id or "", str(body["event_id"]))

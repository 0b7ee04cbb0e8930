"""The check-in outbox: one ``checkin_deliveries`` row per executive per local ISO week.

Exactly once, whatever happens:

1. **Claim before sending.** A sender inserts the week's row (``status = claimed``,
   ``claimed_by`` = its worker id); the unique index on (tenant, executive, week) lets
   only one of any number of concurrent ``serve`` processes or ``checkins run`` crons win.
2. **Record after sending.** The platform's message id is written as soon as the platform
   answers (``status = sent``).
3. **Recover what a crash left.** A row still ``claimed`` whose worker is gone (its
   process no longer runs on this host, or its lease of ``LEASE`` has run out) is claimed
   again. The platform is first asked whether the message is already there (Slack: the
   delivery key in the message's metadata, found with ``conversations.history``); only if
   it is not is it posted again.

The one unavoidable window is between the platform accepting the message and step 2
committing. A crash exactly there leaves a claimed row for a message that was posted.
Slack's look-up closes it; on a platform that cannot look (Teams) the check-in is posted
a second time: at most one duplicate per message in flight at the moment of the crash,
and never a lost one, because every claimed row is eventually sent or recovered.

Transient failures are retried (``MAX_ATTEMPTS``, with back-off); undeliverable
recipients are marked (row ``undeliverable``, executive ``unreachable_at``) and skipped
until they write to the coach again.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils
from sqlite_utils import Migrations

from coachbot.store import Store

migrations = Migrations("coachbot.checkins")

LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 5
STATUSES = ("claimed", "sent", "answered", "skipped", "snoozed", "failed", "undeliverable")


@migrations()
def m001_executive_checkin_columns(db: sqlite_utils.Database) -> None:
    table = db.table("executives")
    columns = set(table.columns_dict)
    for name, kind in (
        ("schedule_own", int),  # 1 once the executive chose their own weekday / time
        ("quiet_hours", str),  # "21:00-07:00" local; NULL = the default; "off"
        ("away_until", str),  # YYYY-MM-DD inclusive: weeks until then are skipped
        ("dm_channel", str),  # cached direct-message channel id (Slack D...)
        ("profile_synced_at", str),  # when time zone and name were last read from the platform
        ("unreachable_at", str),  # when the platform said this person cannot be reached
        ("unreachable_reason", str),
    ):
        if name not in columns:
            table.add_column(name, kind)
    # Executives who moved their check-in before this column existed chose their own.
    db.execute("update executives set schedule_own = 1 "
               "where coalesce(checkin_weekday, 0) != 0 or coalesce(checkin_time, '09:00') != '09:00'")
    # Every way of changing the schedule (settings card, plain words, CLI) marks it as the
    # executive's own, so a cohort default never overrides what a person chose.
    db.execute(
        "create trigger if not exists executives_schedule_own "
        "after update of checkin_weekday, checkin_time on executives "
        "when coalesce(new.schedule_own, 0) = 0 "
        "and (coalesce(new.checkin_weekday, -1) != coalesce(old.checkin_weekday, -1) "
        "or coalesce(new.checkin_time, '') != coalesce(old.checkin_time, '')) "
        "begin update executives set schedule_own = 1 where id = new.id; end"
    )
    db.table("checkin_deliveries").create_index(["status", "snoozed_until"], if_not_exists=True)


def new_worker_id() -> str:
    """``host:pid:random``: whose claim a row is, and whether that process still runs."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def worker_gone(worker: str | None) -> bool:
    """True if ``worker`` was a process on this host that no longer runs."""
    if not worker:
        return True
    host, _, rest = worker.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another machine: only its lease can tell
    pid = int(pid_text)
    if pid == os.getpid():
        return worker not in LIVE_WORKERS  # a runner of this process that has finished
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


LIVE_WORKERS: set[str] = set()  # runners alive in this process (several may share one pid)


@dataclass(frozen=True)
class Claim:
    delivery_id: int
    recovering: bool  # an earlier attempt may have posted it already: look before posting
    attempts: int


def stale(row: dict, now: datetime) -> bool:
    claimed_at = row.get("claimed_at") or ""
    return claimed_at < (now - LEASE).isoformat() or worker_gone(row.get("claimed_by"))


def retry_due(row: dict, now: datetime) -> bool:
    attempts = int(row.get("attempts") or 0)
    if attempts >= MAX_ATTEMPTS:
        return False
    wait = timedelta(minutes=2 ** attempts)
    return (row.get("claimed_at") or "") <= (now - wait).isoformat()


def claim(store: Store, tenant: str, executive_id: int, week: str, due_at: datetime,
          worker: str, now: datetime) -> Claim | None:
    """Claim this week's check-in for ``worker``; None if someone else has it or it is settled."""
    with store.write() as db:
        cursor = db.execute(
            "insert or ignore into checkin_deliveries (tenant, executive_id, week, due_at, status, "
            "claimed_by, claimed_at, attempts) values (?, ?, ?, ?, 'claimed', ?, ?, 1)",
            [tenant, executive_id, week, due_at.isoformat(), worker, now.isoformat()],
        )
        if cursor.rowcount == 1:
            assert cursor.lastrowid is not None, "an insert that added a row has its id"
            return Claim(cursor.lastrowid, False, 1)
        row = _row(db, tenant, executive_id, week)
        if row is None:
            return None
        # A failed send may still have reached the platform (a timeout after it took the
        # message), so a retry looks first, as a recovery does.
        if not ((row["status"] == "claimed" and stale(row, now)) or
                (row["status"] == "failed" and retry_due(row, now))):
            return None
        recovering = True
        cursor = db.execute(
            "update checkin_deliveries set status = 'claimed', claimed_by = ?, claimed_at = ?, "
            "attempts = coalesce(attempts, 0) + 1 where id = ? and status = ? and claimed_by is ?",
            [worker, now.isoformat(), row["id"], row["status"], row["claimed_by"]],
        )
        if cursor.rowcount != 1:
            return None
        return Claim(row["id"], recovering, int(row["attempts"] or 0) + 1)


def _row(db: sqlite_utils.Database, tenant: str, executive_id: int, week: str) -> dict | None:
    rows = list(db["checkin_deliveries"].rows_where(
        "tenant = ? and executive_id = ? and week = ?", [tenant, executive_id, week]))
    return rows[0] if rows else None


def mark_sent(store: Store, delivery_id: int, worker: str, message_id: str, address: str | None,
              now: datetime) -> None:
    """The platform took it: keep its message id (and the conversation, for next time)."""
    with store.write() as db:
        db.execute(
            "update checkin_deliveries set sent_at = coalesce(sent_at, ?), platform_message_id = ?, error = null, "
            "status = case when status != 'claimed' then status "
            "when answered_at is not null then 'answered' else 'sent' end "
            "where id = ? and claimed_by = ?",
            [now.isoformat(), message_id, delivery_id, worker],
        )
        if address:
            db.execute(
                "update executives set dm_channel = ? where id = "
                "(select executive_id from checkin_deliveries where id = ?) and coalesce(dm_channel, '') != ?",
                [address, delivery_id, address],
            )


def mark_failed(store: Store, delivery_id: int, worker: str, error: str, *, permanent: bool,
                now: datetime) -> None:
    """A failed send: ``undeliverable`` (and the executive marked) or ``failed`` to retry later."""
    status = "undeliverable" if permanent else "failed"
    with store.write() as db:
        db.execute(
            "update checkin_deliveries set status = ?, error = ? where id = ? and claimed_by = ? "
            "and status = 'claimed'",
            [status, error[:500], delivery_id, worker],
        )
        if permanent:
            db.execute(
                "update executives set unreachable_at = ?, unreachable_reason = ? where id = "
                "(select executive_id from checkin_deliveries where id = ?)",
                [now.isoformat(), error[:200], delivery_id],
            )


def release(store: Store, delivery_id: int, worker: str) -> None:
    """Give a claim back untouched (rate limited, or shutting down): the next run takes it."""
    with store.write() as db:
        db.execute(
            "update checkin_deliveries set claimed_by = null, claimed_at = '' "
            "where id = ? and claimed_by = ? and status = 'claimed'",
            [delivery_id, worker],
        )


def settle(store: Store, tenant: str, executive_id: int, week: str, status: str, now: datetime,
           error: str | None = None, due_at: datetime | None = None) -> None:
    """Record a week that needs no sending (skipped while away, or not reachable)."""
    with store.write() as db:
        db.execute(
            "insert or ignore into checkin_deliveries (tenant, executive_id, week, due_at, status, error, "
            "claimed_at, attempts) values (?, ?, ?, ?, ?, ?, ?, 0)",
            [tenant, executive_id, week, due_at.isoformat() if due_at else None, status, error,
             now.isoformat()],
        )


def current(db: sqlite_utils.Database, tenant: str, executive_id: int, now: datetime) -> dict | None:
    """The check-in the executive is answering now: the newest one sent in the last six days."""
    rows = list(db["checkin_deliveries"].rows_where(
        "tenant = ? and executive_id = ? and sent_at is not null and sent_at >= ? "
        "and status in ('claimed', 'sent', 'snoozed', 'answered')",
        [tenant, executive_id, (now - timedelta(days=6)).isoformat()],
        order_by="sent_at desc", limit=1))
    return rows[0] if rows else None


def week_row(db: sqlite_utils.Database, tenant: str, executive_id: int, week: str) -> dict | None:
    return _row(db, tenant, executive_id, week)

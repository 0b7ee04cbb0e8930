"""Sending what is due: the weekly check-ins, snoozed ones coming back, and the one reminder.

:meth:`Runner.run_once` is ``coachbot checkins run``; :func:`run_forever` is the
scheduler inside ``serve``. Both plan from the database (who is due at ``now``, in their
own time zone), then send through the platform :class:`~coachbot.checkins.channel.Channel`
implementations, paced per workspace. Any number of runners may work at once, in any
number of processes: every send is claimed in the outbox first (see
:mod:`coachbot.checkins.outbox`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

import sqlite_utils

from coachbot.models import CheckinPrompt, Who

from . import content, outbox, schedule
from .channel import Channel, DeliveryFailed, Outgoing, Profile, RateLimited, Recipient, Undeliverable
from .pacing import Pacer

if TYPE_CHECKING:  # the engine imports this package
    from coachbot.engine import Coach

log = logging.getLogger("coachbot.checkins")
T = TypeVar("T")

REMIND_AFTER = timedelta(hours=24)
REMIND_WITHIN = timedelta(days=6)  # no reminder once the week is nearly over
PROFILE_STALE = timedelta(days=30)
PROFILE_BUDGET = 20  # users.info / profile look-ups per run at most
MAX_RATE_LIMITED_RETRIES = 8


@dataclass
class Job:
    kind: str  # checkin | resend | reminder
    executive: dict
    week: str
    due_at: datetime | None = None
    delivery: dict | None = None
    cohort: dict | None = None


def active_executives(db: sqlite_utils.Database, platforms: Iterable[str]) -> list[dict]:
    """Executives on these platforms who have not paused their check-ins."""
    platforms = list(platforms)
    if not platforms:
        return []
    marks = ", ".join("?" for _ in platforms)
    cursor = db.execute(
        f"select * from executives where platform in ({marks}) and coalesce(paused, 0) = 0", platforms)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def cohorts_by_executive(db: sqlite_utils.Database) -> dict[int, dict]:
    """Each enrolled executive's cohort row (the newest enrolment that was not stopped)."""
    cursor = db.execute(
        "select m.executive_id, c.* from cohort_members m join cohorts c on c.id = m.cohort_id "
        "where coalesce(m.status, '') != 'stopped' order by m.id")
    columns = [c[0] for c in cursor.description]
    found: dict[int, dict] = {}
    for row in cursor.fetchall():
        values = dict(zip(columns, row, strict=False))
        found[int(row[0])] = values  # the newest enrolment wins
    return found


@dataclass
class RunResult:
    counts: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        keys = ("due", "sent", "recovered", "reminded", "resent", "skipped_away", "unreachable", "failed",
                "undeliverable", "busy", "rate_limited")
        return {key: int(self.counts.get(key, 0)) for key in keys}


def _recipient(executive: dict) -> Recipient:
    return Recipient(
        who=Who(executive["tenant"], executive["user_id"], executive.get("platform") or "cli"),
        executive_id=executive["id"], name=executive.get("name"), timezone=executive.get("timezone") or "UTC",
        address=executive.get("dm_channel"),
    )


def _unreachable(executive: dict) -> bool:
    marked = executive.get("unreachable_at")
    if not marked:
        return False
    # Writing to the coach again shows the person is back (app reinstalled, account reactivated).
    return not (executive.get("last_seen_at") or "") > marked


def _aware(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Runner:
    """Sends what is due through the given channels (one per platform)."""

    def __init__(self, coach: Coach, channels: Iterable[Channel], *, concurrency: int = 16,
                 worker: str | None = None, profile_budget: int = PROFILE_BUDGET,
                 rate_limited_retries: int = MAX_RATE_LIMITED_RETRIES) -> None:
        self.coach = coach
        self.store = coach.store
        self.channels: dict[str, Channel] = {c.platform: c for c in channels}
        self.concurrency = concurrency
        self.worker = worker or outbox.new_worker_id()
        self.profile_budget = profile_budget
        self.rate_limited_retries = rate_limited_retries
        self.pacers: dict[tuple[str, str], Pacer] = {}
        self.stopping = asyncio.Event()
        outbox.LIVE_WORKERS.add(self.worker)

    def close(self) -> None:
        outbox.LIVE_WORKERS.discard(self.worker)

    # --- planning (synchronous, reads the database) -------------------------------------
    def _executives(self) -> list[dict]:
        return active_executives(self.store.db, self.channels)

    def _cohorts(self) -> dict[int, dict]:
        return cohorts_by_executive(self.store.db)

    def plan(self, now: datetime) -> tuple[list[Job], RunResult]:
        """What to send at ``now``; settles the weeks that need no sending (away, unreachable)."""
        result = RunResult()
        executives = self._executives()
        cohorts = self._cohorts()
        due: list[tuple[dict, schedule.Due, dict | None]] = []
        for executive in executives:
            cohort = cohorts.get(executive["id"])
            plan = schedule.resolve(executive, cohort)
            found = schedule.due_now(plan, now)
            if found is not None:
                due.append((executive, found, cohort))
        weeks = sorted({d.week for _, d, _ in due})
        existing: dict[tuple[str, int, str], dict] = {}
        if weeks:
            marks = ", ".join("?" for _ in weeks)
            for sent in self.store.db["checkin_deliveries"].rows_where(f"week in ({marks})", weeks):
                existing[(sent["tenant"], sent["executive_id"], sent["week"])] = sent
        jobs: list[Job] = []
        for executive, found, cohort in due:
            row = existing.get((executive["tenant"], executive["id"], found.week))
            if row is not None:
                if (row["status"] == "claimed" and outbox.stale(row, now)) or (
                        row["status"] == "failed" and outbox.retry_due(row, now)):
                    jobs.append(Job("checkin", executive, found.week, found.due_at, row, cohort))
                continue
            plan = schedule.resolve(executive, cohort)
            if schedule.is_away(plan, found.week):
                outbox.settle(self.store, executive["tenant"], executive["id"], found.week, "skipped", now,
                              error="away", due_at=found.due_at)
                result.counts["skipped_away"] += 1
            elif _unreachable(executive):
                outbox.settle(self.store, executive["tenant"], executive["id"], found.week, "undeliverable",
                              now, error=f"unreachable: {executive.get('unreachable_reason') or ''}",
                              due_at=found.due_at)
                result.counts["unreachable"] += 1
            else:
                jobs.append(Job("checkin", executive, found.week, found.due_at, None, cohort))
        result.counts["due"] = len(jobs)
        jobs += self._followups(now, {e["id"]: e for e in executives}, cohorts)
        return jobs, result

    def _followups(self, now: datetime, executives: dict[int, dict], cohorts: dict[int, dict]) -> list[Job]:
        """Snoozed check-ins whose time has come, and the one reminder for unanswered ones."""
        db = self.store.db
        jobs: list[Job] = []
        rows = list(db["checkin_deliveries"].rows_where(
            "status = 'snoozed' and snoozed_until <= ?", [now.isoformat()]))
        rows += list(db["checkin_deliveries"].rows_where(
            "status = 'sent' and reminder_sent_at is null and answered_at is null and sent_at >= ? and "
            "((snoozed_until is not null and snoozed_until <= ?) or (snoozed_until is null and sent_at <= ?))",
            [(now - REMIND_WITHIN).isoformat(), now.isoformat(), (now - REMIND_AFTER).isoformat()]))
        for row in rows:
            executive = executives.get(row["executive_id"])
            if executive is None or executive["tenant"] != row["tenant"]:
                continue  # stopped, or on a platform this runner does not serve
            plan = schedule.resolve(executive, cohorts.get(executive["id"]))
            if schedule.in_quiet_hours(now, plan) or schedule.is_away(plan, row["week"]):
                continue
            kind = "resend" if row["status"] == "snoozed" else "reminder"
            jobs.append(Job(kind, executive, row["week"], None, row, cohorts.get(executive["id"])))
        return jobs

    def refresh_profiles(self, now: datetime) -> list[dict]:
        """Executives whose time zone was never read from their platform, or not for a month."""
        if not self.channels or self.profile_budget <= 0:
            return []
        marks = ", ".join("?" for _ in self.channels)
        cursor = self.store.db.execute(
            f"select * from executives where platform in ({marks}) and coalesce(paused, 0) = 0 "
            "and unreachable_at is null and (profile_synced_at is null or profile_synced_at < ?) "
            "order by profile_synced_at is not null, profile_synced_at limit ?",
            [*self.channels, (now - PROFILE_STALE).isoformat(), self.profile_budget])
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    # --- sending ---------------------------------------------------------------------------
    def pacer(self, platform: str, tenant: str) -> Pacer:
        key = (platform, tenant)
        if key not in self.pacers:
            self.pacers[key] = Pacer(self.channels[platform].limits.per_tenant)
        return self.pacers[key]

    async def run_once(self, now: datetime | None = None) -> dict:
        """Send everything due at ``now`` (default: the clock) and return the counts."""
        now = now or datetime.now(UTC)
        await self._sync_profiles(now)
        jobs, result = await asyncio.to_thread(self.plan, now)
        queue: asyncio.Queue[Job] = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def worker() -> None:
            while not self.stopping.is_set():
                try:
                    job = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                try:
                    await self._do(job, now, result)
                except Exception:  # one person's failure never stops the others
                    log.exception("check-in job failed for executive %s", job.executive["id"])
                    result.counts["failed"] += 1

        await asyncio.gather(*(worker() for _ in range(max(1, min(self.concurrency, len(jobs))))))
        result.counts["rate_limited"] = sum(p.limited_count for p in self.pacers.values())
        return result.as_dict()

    async def _sync_profiles(self, now: datetime) -> None:
        for executive in await asyncio.to_thread(self.refresh_profiles, now):
            channel = self.channels[executive["platform"]]
            try:
                profile = await channel.profile(_recipient(executive))
            except DeliveryFailed as exc:
                log.info("profile look-up failed for executive %s: %s", executive["id"], exc)
                profile = None
            await asyncio.to_thread(self._save_profile, executive, profile, now)

    def _save_profile(self, executive: dict, profile: Profile | None, now: datetime) -> None:
        from coachbot import executives as executives_module

        changes: dict = {"profile_synced_at": now.isoformat()}
        if profile is not None:
            if profile.timezone and executives_module.valid_timezone(profile.timezone):
                changes["timezone"] = profile.timezone
            if profile.name:
                changes["name"] = profile.name[:200]
        with self.store.write() as db:
            db.table("executives").update(executive["id"], changes)

    async def _do(self, job: Job, now: datetime, result: RunResult) -> None:
        if job.kind == "checkin":
            await self._checkin(job, now, result)
        else:
            await self._followup(job, now, result)

    async def _send_paced(self, channel: Channel, tenant: str, call: Callable[[], Awaitable[T]]) -> T:
        """``call()`` in this workspace's next slot, waiting out 429s."""
        pacer = self.pacer(channel.platform, tenant)
        for _ in range(self.rate_limited_retries):
            await pacer.acquire()
            try:
                value = await call()
            except RateLimited as exc:
                pacer.limited(exc.retry_after)
                continue
            pacer.succeeded()
            return value
        raise RateLimited("still rate limited after several waits")

    async def _checkin(self, job: Job, now: datetime, result: RunResult) -> None:
        executive = job.executive
        channel = self.channels[executive["platform"]]
        recipient = _recipient(executive)
        assert job.due_at is not None, "a check-in job always carries its due time"
        claim = await asyncio.to_thread(outbox.claim, self.store, executive["tenant"], executive["id"],
                                        job.week, job.due_at, self.worker, now)
        if claim is None:
            result.counts["busy"] += 1  # another runner has it, or it is settled
            return
        key = f"checkin:{claim.delivery_id}"
        if claim.recovering:
            since = _aware((job.delivery or {}).get("claimed_at")) or now - outbox.LEASE
            found = await channel.find_sent(recipient, key, since - timedelta(minutes=5))
            if found:
                await asyncio.to_thread(outbox.mark_sent, self.store, claim.delivery_id, self.worker, found,
                                        None, now)
                result.counts["recovered"] += 1
                return
        prompt = await asyncio.to_thread(self._content, job)
        outgoing = Outgoing(prompt, claim.delivery_id, key)
        try:
            # The pacing slot is taken right before the request, so requests reach the platform
            # as evenly spaced as they were planned, whatever the database took.
            sent = await self._send_paced(channel, executive["tenant"], lambda: channel.send(recipient, outgoing))
        except Undeliverable as exc:
            await asyncio.to_thread(outbox.mark_failed, self.store, claim.delivery_id, self.worker, str(exc),
                                    permanent=True, now=now)
            result.counts["undeliverable"] += 1
            return
        except RateLimited:
            await asyncio.to_thread(outbox.release, self.store, claim.delivery_id, self.worker)
            result.counts["failed"] += 1
            return
        except Exception as exc:  # DeliveryFailed or anything unexpected: retried later
            await asyncio.to_thread(outbox.mark_failed, self.store, claim.delivery_id, self.worker,
                                    f"{type(exc).__name__}: {exc}", permanent=False, now=now)
            result.counts["failed"] += 1
            return
        await asyncio.to_thread(outbox.mark_sent, self.store, claim.delivery_id, self.worker, sent.message_id,
                                sent.address if sent.address != recipient.address else None, now)
        result.counts["sent"] += 1

    def _content(self, job: Job) -> CheckinPrompt:
        # In the worker thread, on that thread's own connection.
        return content.build(self.store.db, self.coach.prompts, job.executive, job.week, job.cohort)

    def _claim_followup(self, job: Job, now: datetime) -> bool:
        """At most once: the snoozed copy or the reminder is marked before it is sent."""
        row = job.delivery or {}
        with self.store.write() as db:
            if job.kind == "resend":
                cursor = db.execute(
                    "update checkin_deliveries set status = 'sent', snoozed_until = null, reminder_sent_at = ? "
                    "where id = ? and status = 'snoozed' and snoozed_until <= ?",
                    [now.isoformat(), row["id"], now.isoformat()])
            else:
                cursor = db.execute(
                    "update checkin_deliveries set reminder_sent_at = ? where id = ? and status = 'sent' "
                    "and reminder_sent_at is null and answered_at is null", [now.isoformat(), row["id"]])
            return cursor.rowcount == 1

    async def _followup(self, job: Job, now: datetime, result: RunResult) -> None:
        executive = job.executive
        channel = self.channels[executive["platform"]]
        recipient = _recipient(executive)
        if not await asyncio.to_thread(self._claim_followup, job, now):
            result.counts["busy"] += 1
            return
        row = job.delivery or {}
        try:
            if job.kind == "resend":
                prompt = await asyncio.to_thread(self._content, job)
                outgoing = Outgoing(prompt, row["id"], f"checkin:{row['id']}:snoozed")
                sent = await self._send_paced(channel, executive["tenant"],
                                              lambda: channel.send(recipient, outgoing))
                await asyncio.to_thread(self._record_resend, row["id"], sent.message_id)
                result.counts["resent"] += 1
            else:
                text = self.coach.prompts.text("checkin.reminder")
                await self._send_paced(channel, executive["tenant"],
                                       lambda: channel.remind(recipient, row.get("platform_message_id"), text))
                result.counts["reminded"] += 1
        except DeliveryFailed as exc:
            # A reminder is worth at most one try: a lost one is better than a second one.
            log.info("check-in follow-up not delivered to executive %s: %s", executive["id"], exc)
            result.counts["failed"] += 1

    def _record_resend(self, delivery_id: int, message_id: str) -> None:
        with self.store.write() as db:
            db.execute("update checkin_deliveries set platform_message_id = ? where id = ?", [message_id, delivery_id])


async def run_forever(runner: Runner, *, interval: float = 60.0, clock: Callable[[], datetime] | None = None) -> None:
    """The scheduler inside ``serve``: a run every ``interval`` seconds until ``runner.stopping`` is set."""
    clock = clock or (lambda: datetime.now(UTC))
    while not runner.stopping.is_set():
        try:
            counts = await runner.run_once(clock())
            if any(counts[k] for k in ("sent", "reminded", "resent", "failed", "undeliverable")):
                log.info("check-ins: %s", counts)
        except Exception:
            log.exception("check-in run failed; trying again in %s s", interval)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(runner.stopping.wait(), timeout=interval)

"""The coach: the one object every way in (terminal, Slack, Teams, scheduler) talks to.

Each method takes the executive (:class:`Who`) and, where time matters, ``now``;
everything is persisted before the method returns. Methods are synchronous and
thread-safe (each thread uses its own SQLite connection); async callers run them in a
worker thread with ``asyncio.to_thread``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from coachbot import checkins, commands, executives, experiments, journey, privacy
from coachbot.dialogue import Dialogue
from coachbot.models import CheckinPrompt, ExecSettings, Reply, Who
from coachbot.phrasing import Phraser

if TYPE_CHECKING:
    from coachbot.llm import Extractor, Summariser
from coachbot.store import Store
from coachbot.wording import Prompts, load_prompts


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        return now.replace(tzinfo=UTC)
    return now


class Coach:
    """The coaching engine, bound to one database."""

    def __init__(
        self,
        store: Store,
        *,
        prompts: Prompts | None = None,
        session_gap_minutes: float = 30.0,
        max_input_chars: int = 4000,
        phraser: Phraser | None = None,
        extractor: Extractor | None = None,
        summariser: Summariser | None = None,
    ):
        self.store = store
        store.migrate(checkins.migrations)
        self.prompts = prompts or load_prompts()
        self.dialogue = Dialogue(
            store,
            self.prompts,
            session_gap_minutes=session_gap_minutes,
            max_input_chars=max_input_chars,
            phraser=phraser,
            extractor=extractor,
            summariser=summariser,
        )

    # --- conversation -------------------------------------------------------------
    def reply(self, who: Who, text: str, now: datetime | None = None) -> list[Reply]:
        """The coach's answer to one message from the executive (one or more messages)."""
        now = _now(now)
        control = self._checkin_control(who, text, now)
        return [control] if control is not None else self.dialogue.handle(who, text, now)

    def _checkin_control(self, who: Who, text: str, now: datetime) -> Reply | None:
        """Check-in controls said in plain words ("snooze", "skip this week", "I'm away until 5 Jan")."""
        command = commands.parse(text, now.date()) if len(text) <= 200 else None
        if command is None:
            return None
        if command.name == "snooze":
            return self.snooze_checkin(who, command.hours or checkins.controls.SNOOZE_HOURS, now=now)
        if command.name == "skip_week":
            return self.skip_week(who, now=now)
        if command.name == "away":
            return self.away_until(who, command.until, now=now)
        if command.name == "stop_checkins":
            return self.stop_checkins(who, now=now)
        return None

    def start(self, who: Who, now: datetime | None = None, fresh: bool = False) -> list[Reply]:
        """The coach speaks first: a session's opening (welcome or recall) and a question.

        With ``fresh`` any open session is closed first, so this always starts a new one.
        """
        return self.dialogue.open(who, _now(now), fresh=fresh)

    def welcome(self, who: Who, now: datetime | None = None) -> list[Reply]:
        """The welcome (what this is, privacy, export and delete), said once per executive.

        For platforms that greet a new user on install; the first conversation then
        starts without repeating it. Empty if the executive was already welcomed.
        """
        return self.dialogue.welcome(who, _now(now))

    def end_session(self, who: Who, now: datetime | None = None) -> list[Reply]:
        """Close the open session, if any, as a goodbye would: summary, commitment, nudge."""
        return self.dialogue.close(who, _now(now), reason="end")

    def close_idle_sessions(self, now: datetime | None = None) -> int:
        """Close every session silent for longer than the gap; returns how many."""
        return self.dialogue.close_idle(_now(now))

    # --- commands (the same on every platform) --------------------------------------
    def help_text(self) -> str:
        return self.prompts.text("help")

    def settings(self, who: Who, now: datetime | None = None) -> ExecSettings:
        with self.store.write() as db:
            row = executives.get_or_create(db, who, _now(now))
        return executives.settings_of(row)

    def update_settings(
        self,
        who: Who,
        *,
        weekday: int | None = None,
        time: str | None = None,
        timezone: str | None = None,
        paused: bool | None = None,
        name: str | None = None,
        email: str | None = None,
        now: datetime | None = None,
    ) -> ExecSettings:
        """Change check-in settings; raises ValueError with a readable message on bad input."""
        changes: dict = {}
        if weekday is not None:
            if not 0 <= int(weekday) <= 6:
                raise ValueError("The weekday must be Monday to Sunday.")
            changes["checkin_weekday"] = int(weekday)
        if time is not None:
            if not executives.valid_time(time):
                raise ValueError("The time must look like 09:00 (24-hour clock).")
            changes["checkin_time"] = time
        if weekday is not None or time is not None:
            changes["schedule_own"] = 1  # the executive's choice beats their cohort's default
        if timezone is not None:
            if not executives.valid_timezone(timezone):
                raise ValueError(f"{timezone!r} is not a time zone I know (try Europe/Berlin).")
            changes["timezone"] = timezone
        if paused is not None:
            changes["paused"] = int(bool(paused))
        if name is not None:
            changes["name"] = name[:200]
        if email is not None:
            changes["email"] = email[:320]
        with self.store.write() as db:
            row = executives.get_or_create(db, who, _now(now))
            if changes:
                db.table("executives").update(row["id"], changes)
                updated = executives.find(db, who)
                assert updated is not None, "updated just above, in this transaction"
                row = updated
        return executives.settings_of(row)

    def pause(self, who: Who, now: datetime | None = None) -> Reply:
        self.update_settings(who, paused=True, now=now)
        return Reply(self.prompts.text("paused"), "info")

    def resume(self, who: Who, now: datetime | None = None) -> Reply:
        self.update_settings(who, paused=False, now=now)
        return Reply(self.prompts.text("resumed"), "info")

    # --- weekly check-in ------------------------------------------------------------
    def checkin(self, who: Who, now: datetime | None = None) -> CheckinPrompt:
        """This week's check-in for one executive (what to ask, and what is answered)."""
        return checkins.prompt_for(self.store, self.prompts, who, _now(now))

    def record_checkin(
        self, who: Who, item: str, value: str | int, now: datetime | None = None
    ) -> list[Reply]:
        """Store one check-in answer and say what happens next.

        ``item`` is ``importance`` / ``confidence`` (0-10), ``belief:<dimension>`` (1-7),
        ``experiment`` (done | partly | not_done), ``snooze``, ``skip`` or ``talk``.
        Raises ValueError for an unknown item or an out-of-range value.
        """
        return checkins.record(self, who, item, value, _now(now))

    # Check-in controls, the same from every platform's buttons and from plain words in the
    # chat; each returns the reply to show, and raises ValueError with a readable message.
    def snooze_checkin(self, who: Who, hours: float = checkins.controls.SNOOZE_HOURS,
                       now: datetime | None = None) -> Reply:
        """This week's check-in comes back in ``hours`` (a fresh copy, outside quiet hours)."""
        return checkins.snooze(self, who, _now(now), hours)

    def answer_later(self, who: Who, hours: float = checkins.controls.LATER_HOURS,
                     now: datetime | None = None) -> Reply:
        """Keep this week's check-in; the one gentle reminder comes in ``hours``."""
        return checkins.later(self, who, _now(now), hours)

    def skip_week(self, who: Who, now: datetime | None = None) -> Reply:
        """Nothing more about this week's check-in (none is sent if it has not gone out)."""
        return checkins.skip_week(self, who, _now(now))

    def away_until(self, who: Who, until: date | str | None, now: datetime | None = None) -> Reply:
        """No check-ins for weeks whose day is on or before ``until`` (a date or YYYY-MM-DD); None clears."""
        return checkins.away_until(self, who, until, _now(now))

    def stop_checkins(self, who: Who, now: datetime | None = None) -> Reply:
        """No more check-ins or reminders until restarted."""
        return checkins.stop(self, who, _now(now))

    def restart_checkins(self, who: Who, now: datetime | None = None) -> Reply:
        """Check-ins back on (and any away date cleared); says when the next one comes."""
        return checkins.restart(self, who, _now(now))

    def set_quiet_hours(self, who: Who, hours: str, now: datetime | None = None) -> Reply:
        """Hours nothing is sent, local time: ``22:00-07:00`` or ``off`` (default 21:00-07:00)."""
        return checkins.quiet_hours(self, who, hours, _now(now))

    def last_experiment(self, who: Who) -> dict | None:
        """The newest experiment proposed to this executive: text, commitment, status, dates."""
        exe = executives.find(self.store.db, who)
        if exe is None:
            return None
        experiment = experiments.latest(self.store.db, who.tenant, exe["id"])
        if experiment is None:
            return None
        keys = ("text", "commitment", "status", "proposed_at", "reported_at")
        return {k: experiment[k] for k in keys}

    # --- the executive's own data ---------------------------------------------------
    def journey(self, who: Who) -> dict:
        """The belief journey in the CONTRACTS.md shape."""
        return journey.journey(self.store.db, who)

    def export(self, who: Who) -> dict:
        """Every row of this executive's, table by table."""
        return privacy.export(self.store, who)

    def forget(self, who: Who) -> int:
        """Delete every row of this executive's; returns how many rows went."""
        return privacy.forget(self.store, who)

    def hr_view(self, who: Who, now: datetime | None = None) -> privacy.HrView:
        """Exactly what an HR lead can see that involves this executive: their cohorts,
        their roster status, and each aggregate series (and week) that counts them."""
        return privacy.hr_view(self.store, who, _now(now))

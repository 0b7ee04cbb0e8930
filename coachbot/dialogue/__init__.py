"""The coaching conversation: one pipeline per turn.

*understand* (safety first, then commands, dialogue acts, beliefs, plans, reports) →
*decide* (:mod:`coachbot.dialogue.policy` picks the moves) → *phrase* (a
:class:`~coachbot.phrasing.Phraser` says them; the built-in wording is the guide and the
fallback) → *save*.

Every turn's writes are one transaction (the executive's message, the observations,
the coach's replies and the session's memory land together or not at all). A phraser
that is not the built-in one runs after that transaction, and its text replaces the
stored built-in text in a second, short one, so a slow model never holds the write lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlite_utils

from coachbot import commands, executives, experiments, intents, nudges, safety
from coachbot.dialogue import sessions
from coachbot.dialogue.policy import Policy, Turn, lowered_first
from coachbot.dialogue.sessions import Said
from coachbot.dialogue.state import State
from coachbot.dialogue.understand import Heard, merge, understand
from coachbot.models import QUESTIONS, Reply, Who
from coachbot.phrasing import BuiltinPhraser, Move, Phraser, PhraseRequest
from coachbot.text import clean_input
from coachbot.wording import Prompts

if TYPE_CHECKING:
    from coachbot.llm import Extractor, Summariser

__all__ = ["Dialogue", "State"]

# How many of the executive's latest messages the safety detector reads together.
SAFETY_CONTEXT = 3
RECENT = timedelta(hours=12)  # lines said this long ago are not said again, even in a new session
# Whole-message commands the platforms show their own way.
_ACTIONS = {"checkin": "show_checkin", "settings": "show_settings", "export": "export", "forget": "forget"}


class Dialogue:
    def __init__(
        self,
        store,
        prompts: Prompts,
        *,
        session_gap_minutes: float,
        max_input_chars: int,
        phraser: Phraser | None = None,
        extractor: Extractor | None = None,
        summariser: Summariser | None = None,
    ):
        self.store = store
        self.prompts = prompts
        self.policy = Policy.from_prompts(prompts)
        self.gap = timedelta(minutes=session_gap_minutes)
        self.max_input_chars = max_input_chars
        self.phraser: Phraser = phraser or BuiltinPhraser()
        self.extractor = extractor
        self.summariser = summariser
        texts = set(prompts.get("first_question")) | set(prompts.get("broadcast_reframe.turn"))
        for qid in QUESTIONS:
            texts |= set(prompts.get(f"questions.{qid}.ask")) | set(prompts.get(f"questions.{qid}.follow_up"))
        self.strategic_texts = frozenset(texts)

    # --- public entry points ---------------------------------------------------------
    def handle(self, who: Who, raw: str, now: datetime) -> list[Reply]:
        """One message from the executive in, the coach's messages out."""
        clean = clean_input(raw, self.max_input_chars)
        if not clean.text:
            return [Reply(self.prompts.text("empty"), "info")]
        text = clean.text
        recent = self._recent_executive_messages(who)
        flag = safety.assess([*recent[-(SAFETY_CONTEXT - 1):], text])
        with self.store.write() as db:
            exe = executives.get_or_create(db, who, now)
            db.table("executives").update(exe["id"], {"last_seen_at": now.isoformat()})
            stood_down = self._stood_down(db, exe)
            if flag is None and stood_down and safety.on_topic(stood_down, [*recent[-1:], text]):
                flag = safety.SafetyFlag(stood_down, 1.0, False, "en")
            if flag is not None:
                return [self._stand_down(db, who, exe, flag, now)]
            command = commands.parse(text, now.date())
            if command is not None:
                return self._command(db, who, exe, command, now)
            session = sessions.open_session(db, exe)
            if session is not None and self._idle(session, now):
                self._close(db, who, exe, session, now, "idle", deliver=False)
                session = None
            if session is None and self._afterglow(db, exe, text, now):
                return [Reply(self.prompts.pick("small_talk.thanks", text), "info")]
        # Understanding reads no table it writes; it runs outside the write lock.
        state_now = State.load(session["state"]) if session else State()
        expecting = bool(state_now.awaiting_experiment) or (session is None and self._awaits_report(who))
        heard = understand(
            text,
            expecting_report=expecting,
            offered=state_now.phase in ("offered", "permission"),
            act_threshold=self.policy.act_threshold,
            belief_threshold=self.policy.observe_min_confidence,
        )
        if self.extractor is not None:
            # A model's reading, outside the write lock; a flagged message never got this far.
            extraction = self.extractor.extract(text, recent=self._recent_turns(who), tenant=who.tenant,
                                                executive_id=exe["id"])
            heard = merge(heard, extraction, expecting)
        with self.store.write() as db:
            exe = executives.get_or_create(db, who, now)
            notice = []
            if clean.truncated:
                notice = [Reply(self.prompts.text("truncated", limit=self.max_input_chars), "info")]
            said, stored = self._turn(db, who, exe, heard, now)
        replies = notice + self._phrase(who, said, stored)
        if any(r.kind == "close" for r in replies):
            self._summarise(who)
        return replies

    def open(self, who: Who, now: datetime, fresh: bool = False) -> list[Reply]:
        """The coach speaks first: a new session's opening, or 'where we were'.

        ``fresh`` closes any open session first (one terminal invocation is one session).
        """
        with self.store.write() as db:
            exe = executives.get_or_create(db, who, now)
            session = sessions.open_session(db, exe)
            if session is not None and (fresh or self._idle(session, now)):
                self._close(db, who, exe, session, now, "superseded" if fresh else "idle", deliver=False)
                session = None
            if session is not None:
                state = State.load(session["state"])
                question = state.last_question or self.prompts.pick("first_question", who.user)
                text = self.prompts.text("where_were_we", question=lowered_first(question))
                said = [Said(Move("open", "where_were_we"), text, "question", ("question",))]
            else:
                session, said = self._start(db, who, exe, now, substantive_first=False)
            stored = self._store_coach(db, who, exe, session, said, now)
        return self._phrase(who, said, stored)

    def welcome(self, who: Who, now: datetime) -> list[Reply]:
        with self.store.write() as db:
            exe = executives.get_or_create(db, who, now)
            if exe.get("welcomed_at"):
                return []
            db.table("executives").update(exe["id"], {"welcomed_at": now.isoformat()})
        return [self._welcome(who).reply()]

    def close(self, who: Who, now: datetime, reason: str) -> list[Reply]:
        """Close the executive's open session with summary, commitment and nudge."""
        with self.store.write() as db:
            exe = executives.find(db, who)
            if exe is None:
                return []
            session = sessions.open_session(db, exe)
            if session is None:
                return []
            said = self._close(db, who, exe, session, now, reason, deliver=True)
            stored = self._store_coach(db, who, exe, session, said, now)
        replies = self._phrase(who, said, stored)
        self._summarise(who)
        return replies

    def close_idle(self, now: datetime) -> int:
        """Close every session silent for longer than the gap (nothing is delivered)."""
        cutoff = (now - self.gap).isoformat()
        rows = list(self.store.db.query(
            "select s.id, s.tenant, e.user_id, e.platform from sessions s join executives e "
            "on e.id = s.executive_id and e.tenant = s.tenant "
            "where s.ended_at is null and s.last_activity_at < ?",
            [cutoff],
        ))
        for row in rows:
            who = Who(row["tenant"], row["user_id"], row["platform"] or "cli")
            with self.store.write() as db:
                exe = executives.find(db, who)
                session = sessions.open_session(db, exe) if exe else None
                if exe is not None and session is not None and session["id"] == row["id"]:
                    self._close(db, who, exe, session, now, "idle", deliver=False)
        return len(rows)

    # --- the turn --------------------------------------------------------------------
    def _turn(self, db: sqlite_utils.Database, who: Who, exe: dict, heard: Heard,
              now: datetime) -> tuple[list[Said], list[int]]:
        session = sessions.open_session(db, exe)
        if session is not None and self._idle(session, now):
            self._close(db, who, exe, session, now, "idle", deliver=False)
            session = None
        opening: list[Said] = []
        if session is None:
            session, opening = self._start(db, who, exe, now, substantive_first=heard.substantive,
                                           language=self._language(heard, None))
        state = State.load(session["state"])
        state.turns += 1
        state.language = self._language(heard, state.language)
        prompts = self.prompts.in_language(state.language)
        message_id = db.table("messages").insert({
            "tenant": who.tenant, "executive_id": exe["id"], "session_id": session["id"],
            "role": "executive", "kind": "message", "text": heard.text, "at": now.isoformat(),
        }).last_pk
        assert isinstance(message_id, int)
        self._observe(db, who, exe, session, state, heard, message_id, now)
        # What the coach said this session, and to this executive in the last hours (a
        # conversation that a safety reply split in two must not hear the same line twice).
        said_before = {r[0] for r in db.execute(
            "select text from messages where tenant = ? and executive_id = ? and role = 'coach' "
            "and (session_id = ? or at >= ?)",
            [who.tenant, exe["id"], session["id"], (now - RECENT).isoformat()]).fetchall()}
        said_before |= {item.text for item in opening}
        pleasantry = not heard.substantive and not heard.question and not heard.commitment and not heard.report
        if opening and (state.phase == "wellbeing" or pleasantry):
            said = opening  # the check, or the opening question, is the answer to "hi"
            if state.phase == "wellbeing" and heard.commitment and heard.has("commitment"):
                # Their plan is kept until they say whether they want to talk about work.
                state.pending_plan, state.pending_when = heard.commitment, heard.has_when
        else:
            turn = Turn(db, prompts, self.policy, self.strategic_texts, who, exe, session, state, heard, now,
                        said_before)
            said = opening + turn.decide()
            if turn.close_reason:
                said += self._close(db, who, exe, session, now, turn.close_reason, deliver=True, state=state)
                return said, self._store_coach(db, who, exe, session, said, now)
        db.table("sessions").update(session["id"], {"last_activity_at": now.isoformat(), "state": state.dump()})
        return said, self._store_coach(db, who, exe, session, said, now)

    def _language(self, heard: Heard, current: str | None) -> str | None:
        """The language to coach in after ``heard``: theirs when the coach has wording in it;
        English again once they write a sentence of English; otherwise unchanged."""
        if heard.foreign and heard.foreign != "other":
            return heard.foreign if self.prompts.speaks(heard.foreign) and heard.foreign != "en" else None
        if heard.foreign is None and intents.looks_english(heard.text):
            return None
        return current

    def _start(self, db: sqlite_utils.Database, who: Who, exe: dict, now: datetime,
               substantive_first: bool, language: str | None = None) -> tuple[dict, list[Said]]:
        """Open a session and say its opening: welcome, recall, or the check after a safety reply,
        in the language of the message that opens it (or of the last session)."""
        previous = sessions.last_closed(db, exe)
        state = State(language=language or (State.load(previous["state"]).language if previous else None))
        prompts = self.prompts.in_language(state.language)
        seed = f"{who.user}|{now.date()}"
        said: list[Said] = []
        if previous is not None and previous["end_reason"] == "safety":
            state.phase = "wellbeing"
            recent = {r[0] for r in db.execute(
                "select text from messages where tenant = ? and executive_id = ? and role = 'coach' and at >= ?",
                [who.tenant, exe["id"], (now - RECENT).isoformat()]).fetchall()}
            variants = prompts.get("listening.wellbeing_check")
            text = next((v for v in variants if v not in recent), prompts.pick("listening.wellbeing_check", seed))
            # Not coaching: a check that the executive wants to talk about work at all.
            said.append(Said(Move("wellbeing_check", "listening.wellbeing_check"), text, "info", ("wellbeing_check",)))
        elif previous is None:
            if not exe.get("welcomed_at"):
                said.append(self._welcome(who, prompts))
                db.table("executives").update(exe["id"], {"welcomed_at": now.isoformat()})
            if not substantive_first:
                question = prompts.pick("first_question", seed)
                state.current, state.last_question = "core_value", question
                state.last_question_language = state.language
                state.asked.append("core_value")
                said.append(Said(Move("open", "first_question"), question, "question", ("question",)))
        else:
            text, awaiting = sessions.recall(db, prompts, exe, previous, self.policy.quote_max_words)
            state.awaiting_experiment = awaiting
            if not substantive_first or awaiting is None:
                said.append(Said(Move("open", "listening.recall"), text, "opening", ("question",)))
            # Asked again later, only the question itself is repeated, not the whole recall.
            state.last_question = text.rsplit(". ", 1)[-1] if text.endswith("?") else None
            state.last_question_language = state.language
        return sessions.create(db, exe, now, state), said

    def _welcome(self, who: Who, prompts: Prompts | None = None) -> Said:
        prompts = prompts or self.prompts
        platform = who.platform if who.platform in ("slack", "teams") else "cli"
        hint = prompts.text(f"export_hint.{platform}")
        text = " ".join(prompts.text("welcome", export_hint=hint).split())
        return Said(Move("open", "welcome"), text, "opening", ("giving_information",))

    def _close(self, db: sqlite_utils.Database, who: Who, exe: dict, session: dict, now: datetime, reason: str,
               deliver: bool, state: State | None = None) -> list[Said]:
        state = state or State.load(session["state"])
        return sessions.close(db, self.prompts.in_language(state.language), who, exe, session, state, now, reason,
                              deliver)

    # --- safety ----------------------------------------------------------------------
    def _stand_down(self, db: sqlite_utils.Database, who: Who, exe: dict, flag: safety.SafetyFlag,
                    now: datetime) -> Reply:
        """A caring pointer to a person; the session ends; only a content-free marker is kept."""
        session = sessions.open_session(db, exe)
        if session is not None:
            self._close(db, who, exe, session, now, "safety", deliver=False)
        elif (latest := sessions.last_closed(db, exe)) is None or latest["end_reason"] != "safety":
            # No session to end: record an empty one ended by safety, so the next conversation
            # starts by asking whether they are okay to talk about work.
            session = sessions.create(db, exe, now, State(phase="closed"))
            db.table("sessions").update(session["id"], {"ended_at": now.isoformat(), "end_reason": "safety"})
        db.table("safety_markers").insert({
            "tenant": who.tenant, "executive_id": exe["id"],
            "session_id": session["id"] if session else None, "category": flag.category, "at": now.isoformat(),
        })
        return Reply(safety.pointer(flag, tenant=who.tenant, prompts=self.prompts), "safety", codes=("safety",))

    def _stood_down(self, db: sqlite_utils.Database, exe: dict) -> str | None:
        """The safety category the coach stood down for, while the conversation has not moved on.

        That is: no session since the safety reply, or only the one that opened by asking
        whether the executive is okay to talk about work and has not heard a yes yet.
        """
        session = sessions.open_session(db, exe)
        if session is not None and State.load(session["state"]).phase != "wellbeing":
            return None
        latest = sessions.last_closed(db, exe)
        if latest is None or latest["end_reason"] != "safety":
            return None
        marker = list(db.table("safety_markers").rows_where(
            "tenant = ? and executive_id = ?", [exe["tenant"], exe["id"]], order_by="id desc", limit=1))
        return marker[0]["category"] if marker else None

    def _recent_executive_messages(self, who: Who) -> list[str]:
        """The executive's latest messages of the open session, oldest first (read without the write lock)."""
        exe = executives.find(self.store.db, who)
        if exe is None:
            return []
        rows = self.store.db.execute(
            "select m.text from messages m join sessions s on s.id = m.session_id "
            "where m.tenant = ? and m.executive_id = ? and m.role = 'executive' and s.ended_at is null "
            "order by m.id desc limit ?",
            [who.tenant, exe["id"], SAFETY_CONTEXT],
        ).fetchall()
        return [r[0] for r in reversed(rows)]

    # --- commands --------------------------------------------------------------------
    def _command(self, db: sqlite_utils.Database, who: Who, exe: dict, command: commands.Command,
                 now: datetime) -> list[Reply]:
        p = self.prompts
        platform = who.platform if who.platform in ("slack", "teams") else "cli"
        name = command.name
        if name == "help":
            return [Reply(p.text("help"), "info")]
        if name == "recap":
            return [Reply(self._recap(db, exe), "info")]
        if name in ("pause", "stop_checkins"):
            db.table("executives").update(exe["id"], {"paused": 1})
            return [Reply(p.text("paused"), "info")]
        if name == "resume":
            db.table("executives").update(exe["id"], {"paused": 0})
            return [Reply(p.text("resumed"), "info")]
        if name in ("export", "forget"):
            return [Reply(p.text(f"{name}_command.{platform}", user=who.user), "info", action=_ACTIONS[name])]
        if name == "schedule":
            updates: dict[str, object] = {}
            if command.weekday is not None:
                updates["checkin_weekday"] = command.weekday
            if command.time is not None:
                updates["checkin_time"] = command.time
            db.table("executives").update(exe["id"], updates)
            row = executives.find(db, who) or exe
            day = p.get("weekday_names")[int(row["checkin_weekday"] or 0)]
            return [Reply(p.text("checkin_settings_changed", weekday=day, time=row["checkin_time"],
                                 timezone=row["timezone"] or "UTC"), "info")]
        if name == "checkin":
            return [Reply(p.text("commands.checkin"), "info", action="show_checkin")]
        if name == "settings":
            s = executives.settings_of(exe)
            day = p.get("weekday_names")[s.weekday]
            return [Reply(p.text("commands.settings", weekday=day, time=s.time, timezone=s.timezone,
                                 paused=p.text("commands.paused_yes" if s.paused else "commands.paused_no")),
                          "info", action="show_settings")]
        if name == "hr":
            return [Reply(self._what_hr_sees(who), "info", action="show_hr")]
        return [Reply(p.text(f"commands.{name}"), "info", action=name)]

    def _what_hr_sees(self, who: Who) -> str:
        from coachbot.privacy import hr_view, hr_view_lines

        p = self.prompts
        view = hr_view(self.store, who)
        if not view.cohorts:
            return p.text("commands.hr_none")
        parts = [p.text("commands.hr_intro")]
        for cohort, lines in hr_view_lines(view):
            parts.append(f"{cohort}:\n" + "\n".join(f"• {line}" for line in lines))
        parts.append(p.text("commands.hr_never", never="; ".join(view.never_visible)))
        return "\n\n".join(parts)

    def _recap(self, db: sqlite_utils.Database, exe: dict) -> str:
        p = self.prompts
        previous = sessions.last_closed(db, exe)
        if previous is None or previous["end_reason"] == "safety":
            return p.text("recap.none")
        lines = [p.text("recap.summary", number=previous["number"], when=previous["ended_at"][:10],
                        summary=previous["summary"] or "")]
        if previous["commitment"]:
            lines.append(p.text("recap.commitment", commitment=sessions.short(previous["commitment"], 40)))
        experiment = experiments.latest(db, exe["tenant"], exe["id"])
        if experiment:
            status = p.text(f"recap.status.{experiment['status']}")
            what = nudges.Nudge(experiment["nudge_id"] or "", "", (), experiment["text"]).what
            lines.append(p.text("recap.experiment", experiment=sessions.short(what, 40), status=status))
        return "\n".join(lines)

    # --- helpers ---------------------------------------------------------------------
    def _awaits_report(self, who: Who) -> bool:
        """Whether the next session will ask how the last session's experiment went."""
        exe = executives.find(self.store.db, who)
        if exe is None:
            return False
        experiment = experiments.latest(self.store.db, who.tenant, exe["id"])
        return bool(experiment and experiment["status"] == "proposed")

    def _idle(self, session: dict, now: datetime) -> bool:
        last = datetime.fromisoformat(session["last_activity_at"] or session["started_at"])
        return now - last > self.gap

    def _afterglow(self, db: sqlite_utils.Database, exe: dict, text: str, now: datetime) -> bool:
        """'thanks!' or 'bye' right after a close is a pleasantry, not a new session."""
        from coachbot import intents

        previous = sessions.last_closed(db, exe)
        if previous is None or previous["end_reason"] == "safety":
            return False
        recently = now - datetime.fromisoformat(previous["ended_at"]) < timedelta(
            minutes=self.policy.afterglow_minutes)
        return bool(recently and (intents.small_talk(text) in ("thanks", "ack", "greeting")
                                  or intents.is_goodbye(text)))

    def _observe(self, db: sqlite_utils.Database, who: Who, exe: dict, session: dict, state: State, heard: Heard,
                 message_id: int, now: datetime) -> None:
        rows = []
        for belief in (*heard.beliefs, *heard.reported):
            rows.append({
                "tenant": who.tenant, "executive_id": exe["id"], "session_id": session["id"],
                "session_number": session["number"], "message_id": message_id,
                "dimension": belief.dimension, "stance": belief.stance,
                "confidence": round(float(belief.confidence), 3), "evidence": belief.evidence or heard.text,
                "reported": int(belief.reported), "source": "detector", "at": now.isoformat(),
            })
            if not belief.reported and belief.stance == "old" and belief.dimension not in state.focus:
                state.focus.append(belief.dimension)
        if rows:
            db.table("observations").insert_all(rows)

    def _store_coach(self, db: sqlite_utils.Database, who: Who, exe: dict, session: dict, said: Sequence[Said],
                     now: datetime) -> list[int]:
        ids: list[int] = []
        for item in said:
            pk = db.table("messages").insert({
                "tenant": who.tenant, "executive_id": exe["id"], "session_id": session["id"], "role": "coach",
                "kind": item.kind, "text": item.text, "at": now.isoformat(),
                "codes": ",".join(item.codes), "path": "builtin",
            }, alter=False).last_pk
            assert isinstance(pk, int)
            ids.append(pk)
        return ids

    def _phrase(self, who: Who, said: list[Said], stored: list[int]) -> list[Reply]:
        """Let the phraser say each message; the built-in text stands when it adds nothing."""
        replies = [item.reply() for item in said]
        if isinstance(self.phraser, BuiltinPhraser) or not said:
            return replies
        recent = tuple(self._recent_turns(who, exclude=stored))
        out = []
        for item, reply, message_id in zip(said, replies, stored, strict=False):
            phrased = self.phraser.phrase(PhraseRequest(item.move, item.text, recent, "en", who.tenant,
                                                        self._executive_id(who)))
            if phrased.text != item.text or phrased.path != "builtin":
                with self.store.write() as db:
                    db.table("messages").update(message_id, {"text": phrased.text, "path": phrased.path})
            out.append(Reply(phrased.text, reply.kind, reply.codes, phrased.path, reply.action))
        return out

    def _summarise(self, who: Who) -> None:
        """With a model, a short summary of the session just closed replaces the built-in one."""
        if self.summariser is None:
            return
        exe = executives.find(self.store.db, who)
        previous = sessions.last_closed(self.store.db, exe) if exe else None
        if exe is None or previous is None or previous["end_reason"] == "safety":
            return
        rows = self.store.db.execute(
            "select role, text from messages where tenant = ? and executive_id = ? and session_id = ? order by id",
            [who.tenant, exe["id"], previous["id"]]).fetchall()
        summary = self.summariser.summarise([(r[0], r[1]) for r in rows], tenant=who.tenant,
                                            executive_id=exe["id"], builtin=previous["summary"] or "")
        if summary:
            with self.store.write() as db:
                db.table("sessions").update(previous["id"], {"summary": summary})

    def _executive_id(self, who: Who) -> int | None:
        exe = executives.find(self.store.db, who)
        return exe["id"] if exe else None

    def _recent_turns(self, who: Who, limit: int = 8, exclude: Sequence[int] = ()) -> list[tuple[str, str]]:
        """This session's latest messages, oldest first (``exclude``: the ones being phrased now)."""
        exe = executives.find(self.store.db, who)
        if exe is None:
            return []
        rows = self.store.db.execute(
            "select id, role, text from messages where tenant = ? and executive_id = ? and session_id = "
            "(select max(id) from sessions where tenant = ? and executive_id = ?) order by id desc limit ?",
            [who.tenant, exe["id"], who.tenant, exe["id"], limit + len(exclude)],
        ).fetchall()
        kept = [(r[1], r[2]) for r in reversed(rows) if r[0] not in set(exclude)]
        return kept[-limit:]

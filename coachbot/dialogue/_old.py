"""The dialogue policy: what the coach says next, and what it remembers.

A session moves through GROW's phases: it *explores* (the strategic questions, each
answer reflected back), asks permission to *offer* one experiment, lets the executive
*shape* it into a commitment in their own words, asks *when*, and closes with a summary,
the commitment and the week's nudge. Safety topics, requests for broadcasting advice,
commands and small talk are handled before any of that.

Every turn is one write transaction: the executive's message, the belief observations,
the coach's replies and the session's working memory land together or not at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

import sqlite_utils

from coachbot import executives, experiments, intents, nudges
from coachbot.beliefs import detect
from coachbot.journey import own_observations, position
from coachbot.models import QUESTIONS, STAGES, Belief, Reply, Who
from coachbot.reflections import Reflector
from coachbot.safety import safety_topic
from coachbot.store import Store
from coachbot.text import clean_input, has_time_words
from coachbot.wording import Prompts

# How many strategic questions are answered before the coach offers an experiment, by
# stage: those still weighing change get more evoking questions; those acting get to
# the point sooner.
EXPLORE_ANSWERS = {"precontemplation": 3, "contemplation": 3, "preparation": 2, "action": 2, "maintenance": 2}
# Small talk this soon after a close ("thanks!") does not open a new session.
AFTERGLOW = timedelta(minutes=10)
SHIFT_MIN_PRIOR = 0.3
# Below this confidence a detected belief is a guess: not worth recording as the
# executive's view, nor saying back to them.
OBSERVE_MIN_CONFIDENCE = 0.5


@dataclass
class State:
    """The session's working memory, stored as JSON on the session row."""

    phase: str = "explore"  # explore | offer | shape | when | closed
    current: str | None = None  # the strategic question being explored
    followups: int = 0
    asked: list[str] = field(default_factory=list)
    explore_turns: int = 0
    turns: int = 0
    last_question: str | None = None
    awaiting_experiment: int | None = None
    nudge_id: str | None = None
    own_idea: bool = False
    commitment: str | None = None
    commitment_candidate: str | None = None
    change_talk: list[str] = field(default_factory=list)
    sustain: list[str] = field(default_factory=list)
    shifts_named: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)  # dimensions heard at the old pole this session
    moved_to: list[str] = field(default_factory=list)  # "dimension:stance" shifts this session
    invited: int = 0
    reflected: list[str] = field(default_factory=list)
    reframes: int = 0
    answered: int = 0  # strategic questions answered this session
    pending_strategic: bool = False  # the last question asked was a strategic one
    accepted: bool = False  # said yes to the proposed experiment as it stands

    @classmethod
    def load(cls, raw: str | None) -> State:
        if not raw:
            return cls()
        data = json.loads(raw)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def dump(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


class Dialogue:
    def __init__(self, store: Store, prompts: Prompts, *, session_gap_minutes: float, max_input_chars: int):
        self.store = store
        self.prompts = prompts
        self.gap = timedelta(minutes=session_gap_minutes)
        self.max_input_chars = max_input_chars
        self.reflector = Reflector(prompts)
        self.strategic_texts = _strategic_texts(prompts)

    # --- public entry points ---------------------------------------------------------
    def handle(self, who: Who, raw: str, now: datetime) -> list[Reply]:
        """One message from the executive in, the coach's messages out."""
        clean = clean_input(raw, self.max_input_chars)
        if not clean.text:
            return [Reply(self.prompts.text("empty"), "info")]
        topic = safety_topic(clean.text)
        with self.store.write() as db:
            exe = executives.get_or_create(db, who, now)
            db["executives"].update(exe["id"], {"last_seen_at": now.isoformat()})
            if topic:
                # Caring pointer to human help; nothing of the message is kept.
                return [Reply(self.prompts.text(f"safety.{topic}"), "safety")]
            notice = []
            if clean.truncated:
                notice = [Reply(self.prompts.text("truncated", limit=self.max_input_chars), "info")]
            turn = _Turn(self, db, who, exe, clean.text, now)
            return notice + turn.run()

    def open(self, who: Who, now: datetime, fresh: bool = False) -> list[Reply]:
        """The coach speaks first: a new session's opening, or 'where we were'.

        ``fresh`` closes any open session first (one terminal invocation is one session).
        """
        with self.store.write() as db:
            exe = executives.get_or_create(db, who, now)
            session = self._open_session(db, exe)
            if session is not None and fresh:
                self._close(db, who, exe, session, now, "superseded", deliver=False)
                session = None
            if session is not None and not self._idle(session, now):
                state = State.load(session["state"])
                question = state.last_question or self._pick_question(db, exe, state, "", session)[1]
                replies = [Reply(self.prompts.text("where_were_we", question=question), "question")]
                self._store_coach(db, who, exe, session, replies, now)
                return replies
            if session is not None:
                self._close(db, who, exe, session, now, "idle", deliver=False)
            session, replies = self._start_session(db, who, exe, now, first_text="")
            self._store_coach(db, who, exe, session, replies, now)
            return replies

    def welcome(self, who: Who, now: datetime) -> list[Reply]:
        with self.store.write() as db:
            exe = executives.get_or_create(db, who, now)
            if exe.get("welcomed_at"):
                return []
            db["executives"].update(exe["id"], {"welcomed_at": now.isoformat()})
        return [self._welcome_reply(who)]

    def _welcome_reply(self, who: Who) -> Reply:
        platform = who.platform if who.platform in ("slack", "teams") else "cli"
        hint = self.prompts.text(f"export_hint.{platform}")
        return Reply(" ".join(self.prompts.text("welcome", export_hint=hint).split()), "opening")

    def close(self, who: Who, now: datetime, reason: str) -> list[Reply]:
        """Close the executive's open session with summary, commitment and nudge."""
        with self.store.write() as db:
            exe = executives.find(db, who)
            if exe is None:
                return []
            session = self._open_session(db, exe)
            if session is None:
                return []
            return self._close(db, who, exe, session, now, reason, deliver=True)

    def close_idle(self, now: datetime) -> int:
        """Close every session silent for longer than the gap (nothing is delivered)."""
        cutoff = (now - self.gap).isoformat()
        rows = list(
            self.store.db.query(
                "select s.id, s.tenant, e.user_id, e.platform from sessions s join executives e "
                "on e.id = s.executive_id and e.tenant = s.tenant "
                "where s.ended_at is null and s.last_activity_at < ?",
                [cutoff],
            )
        )
        for row in rows:
            who = Who(row["tenant"], row["user_id"], row["platform"] or "cli")
            with self.store.write() as db:
                exe = executives.find(db, who)
                session = self._open_session(db, exe) if exe else None
                if session is not None and session["id"] == row["id"]:
                    self._close(db, who, exe, session, now, "idle", deliver=False)  # type: ignore[arg-type]
        return len(rows)

    # --- sessions --------------------------------------------------------------------
    def _open_session(self, db: sqlite_utils.Database, exe: dict) -> dict | None:
        return _newest_session(db, exe, "ended_at is null")

    def _last_closed(self, db: sqlite_utils.Database, exe: dict) -> dict | None:
        return _newest_session(db, exe, "ended_at is not null")

    def _idle(self, session: dict, now: datetime) -> bool:
        last = datetime.fromisoformat(session["last_activity_at"] or session["started_at"])
        return now - last > self.gap

    def _start_session(
        self, db: sqlite_utils.Database, who: Who, exe: dict, now: datetime, first_text: str
    ) -> tuple[dict, list[Reply]]:
        """Open a session and say its opening. ``first_text`` is the message that opened it."""
        number = (
            db.execute(
                "select coalesce(max(number), 0) from sessions where tenant = ? and executive_id = ?",
                [exe["tenant"], exe["id"]],
            ).fetchone()[0]
            + 1
        )
        state = State()
        previous = self._last_closed(db, exe)
        seed = f"{who.user}|{number}"
        replies: list[Reply] = []
        substantive = bool(first_text) and not intents.small_talk(first_text)
        if previous is None:
            if not exe.get("welcomed_at"):
                replies.append(self._welcome_reply(who))
                db["executives"].update(exe["id"], {"welcomed_at": now.isoformat()})
            if not substantive:
                question = self.prompts.pick("first_question", seed)
                state.current, state.last_question, state.pending_strategic = "core_value", question, True
                state.asked.append("core_value")
                replies.append(Reply(question, "question"))
        else:
            replies.append(Reply(self._recall_text(db, exe, previous), "opening"))
            experiment = experiments.latest(db, exe["tenant"], exe["id"])
            if experiment and experiment["status"] == "proposed" and experiment["session_id"] == previous["id"]:
                state.awaiting_experiment = experiment["id"]
                question = self.prompts.pick("recall.experiment_question", seed)
            else:
                question = self.prompts.pick("recall.no_experiment_question", seed)
            state.last_question = question
            if not substantive:
                replies.append(Reply(question, "question"))
        session_id = db["sessions"].insert(
            {
                "tenant": exe["tenant"],
                "executive_id": exe["id"],
                "number": number,
                "started_at": now.isoformat(),
                "last_activity_at": now.isoformat(),
                "state": state.dump(),
            }
        ).last_pk
        return db["sessions"].get(session_id), replies

    def _recall_text(self, db: sqlite_utils.Database, exe: dict, previous: dict) -> str:
        state = State.load(previous["state"])
        topics = _topics(self.prompts, state.asked)
        parts = [self.prompts.text("recall.opening", topics=topics) if topics
                 else self.prompts.text("recall.opening_short")]
        strongest = _strongest_stance(db, exe)
        if previous["commitment"]:
            parts.append(self.prompts.text("recall.commitment", commitment=_short(previous["commitment"], 24)))
        elif strongest:
            dimension, stance, evidence = strongest
            parts.append(
                self.prompts.text(
                    "recall.position",
                    stance=self.prompts.text(f"stances.{dimension}.{stance}"),
                    evidence=_short(evidence),
                )
            )
        return " ".join(parts)

    def _close(
        self,
        db: sqlite_utils.Database,
        who: Who,
        exe: dict,
        session: dict,
        now: datetime,
        reason: str,
        deliver: bool,
    ) -> list[Reply]:
        state = State.load(session["state"])
        commitment = state.commitment or state.commitment_candidate
        if not commitment and state.change_talk:
            commitment = state.change_talk[-1]
        stage = _next_stage(db, exe, state, bool(commitment))
        nudge = None
        if deliver or state.nudge_id:
            nudge = nudges.by_id(self.prompts, state.nudge_id) if state.nudge_id else None
            nudge = nudge or self._choose_nudge(db, exe, state, stage, f"{who.user}|{session['number']}")
        summary_parts = []
        topics = _topics(self.prompts, state.asked)
        summary_parts.append(
            self.prompts.text("close.summary", topics=topics) if topics else self.prompts.text("close.summary_short")
        )
        for moved in state.moved_to[:1]:
            dimension, stance = moved.split(":")
            summary_parts.append(
                self.prompts.text("close.movement", stance=self.prompts.text(f"stances.{dimension}.{stance}"))
            )
        summary = " ".join(summary_parts)
        if nudge is not None:
            db["experiments"].insert(
                {
                    "tenant": exe["tenant"],
                    "executive_id": exe["id"],
                    "session_id": session["id"],
                    "nudge_id": nudge.id,
                    "text": nudge.text,
                    "commitment": commitment,
                    "status": "proposed",
                    "proposed_at": now.isoformat(),
                }
            )
        state.phase = "closed"
        db["sessions"].update(
            session["id"],
            {
                "ended_at": now.isoformat(),
                "end_reason": reason,
                "summary": summary,
                "commitment": commitment,
                "state": state.dump(),
                "last_activity_at": now.isoformat(),
            },
        )
        db["executives"].update(exe["id"], {"stage": stage})
        if not deliver:
            return []
        lines = [self.prompts.text("close.wrap_up", summary=summary)]
        if commitment:
            key = "close.commitment_accepted" if state.accepted else "close.commitment"
            lines.append(self.prompts.text(key, commitment=commitment.rstrip(" .!")))
        else:
            lines.append(self.prompts.text("close.no_commitment"))
        lines.append(self.prompts.pick("close.goodbye", f"{who.user}|{session['number']}"))
        replies = [Reply(" ".join(lines), "close")]
        if nudge is not None:
            key = "close.nudge_spare" if state.own_idea and state.commitment else "close.nudge"
            replies.append(Reply(self.prompts.text(key, nudge=nudge.text), "nudge"))
        self._store_coach(db, who, exe, session, replies, now)
        return replies

    def _choose_nudge(
        self, db: sqlite_utils.Database, exe: dict, state: State, stage: str, seed: str
    ) -> nudges.Nudge:
        recent = {
            r["nudge_id"]
            for r in db["experiments"].rows_where(
                "tenant = ? and executive_id = ?", [exe["tenant"], exe["id"]], order_by="id desc", limit=3
            )
        }
        focus = list(dict.fromkeys(state.focus + _old_leaning_dimensions(db, exe) + state.asked))
        return nudges.choose(self.prompts, stage, focus, recent, seed)

    # --- questions -------------------------------------------------------------------
    def covered(self, db: sqlite_utils.Database, exe: dict) -> set[str]:
        """Strategic questions asked in any session so far."""
        asked: set[str] = set()
        for row in db.execute(
            "select state from sessions where tenant = ? and executive_id = ?", [exe["tenant"], exe["id"]]
        ).fetchall():
            asked.update(State.load(row[0]).asked)
        return asked

    def _pick_question(
        self, db: sqlite_utils.Database, exe: dict, state: State, text: str, session: dict | None
    ) -> tuple[str, str]:
        """The next strategic question: unasked ones first, led by what was just said."""
        covered = self.covered(db, exe) | set(state.asked)
        lowered = text.lower()

        def listens(qid: str) -> int:
            return sum(1 for cue in self.prompts.get(f"questions.{qid}.listen_for") if cue in lowered)

        # What the executive just said leads; among equals, unasked questions come first.
        candidates = [q for q in QUESTIONS if q != state.current and q not in state.asked] or [
            q for q in QUESTIONS if q != state.current
        ]
        qid = max(candidates, key=lambda q: (listens(q) > 0, q not in covered, listens(q), -QUESTIONS.index(q)))
        seed = f"{exe['user_id']}|{session['number'] if session else 0}|{len(covered)}"
        return qid, self.prompts.pick(f"questions.{qid}.ask", seed)

    def _store_coach(
        self, db: sqlite_utils.Database, who: Who, exe: dict, session: dict, replies: list[Reply], now: datetime
    ) -> None:
        db["messages"].insert_all(
            [
                {
                    "tenant": who.tenant,
                    "executive_id": exe["id"],
                    "session_id": session["id"],
                    "role": "coach",
                    "kind": r.kind,
                    "text": r.text,
                    "at": now.isoformat(),
                }
                for r in replies
            ]
        )


class _Turn:
    """One executive message, handled inside the caller's write transaction."""

    def __init__(self, dialogue: Dialogue, db: sqlite_utils.Database, who: Who, exe: dict, text: str, now: datetime):
        self.d, self.db, self.who, self.exe, self.text, self.now = dialogue, db, who, exe, text, now
        self.p = dialogue.prompts

    def run(self) -> list[Reply]:
        d, db, text, now = self.d, self.db, self.text, self.now
        small = intents.small_talk(text)
        session = d._open_session(db, self.exe)
        if session is not None and d._idle(session, now):
            d._close(db, self.who, self.exe, session, now, "idle", deliver=False)
            session = None
        if session is None:
            previous = d._last_closed(db, self.exe)
            recently_closed = previous and now - datetime.fromisoformat(previous["ended_at"]) < AFTERGLOW
            if recently_closed and (small in ("thanks", "ack", "greeting") or intents.is_goodbye(text)):
                return [Reply(self.p.pick(f"small_talk.{small or 'thanks'}", text), "info")]
            command = self._command(text)
            if command:  # commands work without starting a conversation
                return command
        opening: list[Reply] = []
        if session is None:
            session, opening = d._start_session(db, self.who, self.exe, now, first_text=text)
        self.session = session
        self.state = State.load(session["state"])
        self.state.turns += 1
        self.seed = f"{self.who.user}|{session['number']}|{self.state.turns}"
        message_id = db["messages"].insert(
            {
                "tenant": self.who.tenant,
                "executive_id": self.exe["id"],
                "session_id": session["id"],
                "role": "executive",
                "kind": "message",
                "text": text,
                "at": now.isoformat(),
            }
        ).last_pk
        self.closed = False
        replies = self._respond(message_id, small, opening)
        if self.closed:
            return replies
        d._store_coach(db, self.who, self.exe, session, replies, now)
        for reply in replies:
            if reply.kind == "question":
                self.state.last_question = reply.text
                self.state.pending_strategic = reply.text in d.strategic_texts
        db["sessions"].update(session["id"], {"last_activity_at": now.isoformat(), "state": self.state.dump()})
        return replies

    # --- routing ---------------------------------------------------------------------
    def _respond(self, message_id: int, small: str | None, opening: list[Reply]) -> list[Reply]:
        text, state = self.text, self.state
        command = self._command(text)
        if command:
            return opening + command
        if intents.is_goodbye(text):
            return self._close_now("goodbye", opening)
        if intents.is_injection(text):
            return opening + [Reply(self.p.text("injection"), "info"), self._repeat_or_next()]
        language = intents.foreign_language(text)
        if language:
            translation = self.p.text(f"language_translations.{language}")
            return opening + [Reply(" ".join(self.p.text("language", translation=translation).split()), "info")]
        beliefs = self._observe(message_id)
        if intents.asks_for_broadcast_advice(text):
            return opening + self._reframe_broadcast()
        if state.phase == "offer":
            return opening + self._after_offer()
        if state.phase == "shape":
            return opening + self._after_shape()
        if state.phase == "when":
            if state.accepted and _is_commitment(text):  # a plan of their own, not just a time
                state.accepted, state.own_idea = False, True
            text = _strip_yes(text)
            state.commitment = f"{state.commitment} — {text}" if state.commitment else text
            return self._close_now("committed", opening)
        if small and not opening:
            return [Reply(self.p.pick(f"small_talk.{small}", self.seed), "info"), self._repeat_or_next()]
        if small:
            return opening
        if state.phase == "explore":
            shift = self._shift(beliefs)
            if shift:
                heard = self._record_outcome() if state.awaiting_experiment else []
                return opening + heard + self._name_shift(*shift)
        if state.awaiting_experiment:
            return opening + self._experiment_report(beliefs)
        if state.answered >= 1 and _is_commitment(text):
            # A plan of their own, with a when: that is the commitment; close on it.
            state.commitment, state.own_idea = _strip_yes(text), True
            return self._close_now("committed", opening)
        return opening + self._explore(beliefs)

    def _command(self, text: str) -> list[Reply]:
        p, who = self.p, self.who
        platform = who.platform if who.platform in ("slack", "teams") else "cli"
        if intents.is_help(text):
            return [Reply(p.text("help"), "info")]
        if intents.is_recap(text):
            return [Reply(self._recap(), "info")]
        if intents.is_pause(text):
            self.db["executives"].update(self.exe["id"], {"paused": 1})
            return [Reply(p.text("paused"), "info")]
        if intents.is_resume(text):
            self.db["executives"].update(self.exe["id"], {"paused": 0})
            return [Reply(p.text("resumed"), "info")]
        if intents.is_export(text):
            return [Reply(p.text(f"export_command.{platform}", user=who.user), "info")]
        if intents.is_forget(text):
            return [Reply(p.text(f"forget_command.{platform}", user=who.user), "info")]
        change = intents.schedule_change(text)
        if change:
            updates = {}
            if change.weekday is not None:
                updates["checkin_weekday"] = change.weekday
            if change.time is not None:
                updates["checkin_time"] = change.time
            self.db["executives"].update(self.exe["id"], updates)
            row = executives.find(self.db, who) or self.exe
            day = p.get("weekday_names")[int(row["checkin_weekday"] or 0)]
            return [Reply(p.text("checkin_settings_changed", weekday=day, time=row["checkin_time"],
                                 timezone=row["timezone"] or "UTC"), "info")]
        return []

    def _recap(self) -> str:
        previous = self.d._last_closed(self.db, self.exe)
        if previous is None:
            return self.p.text("recap.none")
        lines = [self.p.text("recap.summary", number=previous["number"], when=previous["ended_at"][:10],
                             summary=previous["summary"] or "")]
        if previous["commitment"]:
            lines.append(self.p.text("recap.commitment", commitment=_short(previous["commitment"], 40)))
        experiment = experiments.latest(self.db, self.exe["tenant"], self.exe["id"])
        if experiment:
            status = self.p.text(f"recap.status.{experiment['status']}")
            what = nudges.Nudge(experiment["nudge_id"], "", (), experiment["text"]).what
            lines.append(self.p.text("recap.experiment", experiment=_short(what, 40), status=status))
        return "\n".join(lines)

    def _repeat_or_next(self) -> Reply:
        if self.state.last_question:
            return Reply(self.state.last_question, "question")
        return self._ask_next()

    # --- beliefs ---------------------------------------------------------------------
    def _observe(self, message_id: int) -> list[Belief]:
        """Detect beliefs, store them as observations, and note any shift since earlier sessions."""
        found = [b for b in detect(self.text) if b.confidence >= OBSERVE_MIN_CONFIDENCE]
        if not found:
            return []
        rows = []
        for belief in found:
            rows.append(
                {
                    "tenant": self.who.tenant,
                    "executive_id": self.exe["id"],
                    "session_id": self.session["id"],
                    "session_number": self.session["number"],
                    "message_id": message_id,
                    "dimension": belief.dimension,
                    "stance": belief.stance,
                    "confidence": round(float(belief.confidence), 3),
                    "evidence": belief.evidence or self.text,
                    "reported": int(belief.reported),
                    "source": "detector",
                    "at": self.now.isoformat(),
                }
            )
            if not belief.reported and belief.stance == "old" and belief.dimension not in self.state.focus:
                self.state.focus.append(belief.dimension)
        self.db["observations"].insert_all(rows)
        return found

    def _shift(self, beliefs: list[Belief]) -> tuple[Belief, str] | None:
        """A belief that contradicts where the executive stood in earlier sessions."""
        for belief in sorted(beliefs, key=lambda b: -b.confidence):
            if belief.reported or belief.confidence < 0.5 or belief.dimension in self.state.shifts_named:
                continue
            earlier = list(
                self.db["observations"].rows_where(
                    "tenant = ? and executive_id = ? and dimension = ? and session_number < ? "
                    "and coalesce(reported, 0) = 0",
                    [self.who.tenant, self.exe["id"], belief.dimension, self.session["number"]],
                    order_by="id",
                )
            )
            prior = position(earlier, self.session["number"] - 1) if earlier else None
            if prior is None or abs(prior) < SHIFT_MIN_PRIOR:
                continue
            if (prior > 0) != (belief.stance == "new"):
                before = next(o["evidence"] for o in reversed(earlier) if (o["stance"] == "new") == (prior > 0))
                self.state.shifts_named.append(belief.dimension)
                self.state.moved_to.append(f"{belief.dimension}:{belief.stance}")
                return belief, before
        return None

    # --- the phases ------------------------------------------------------------------
    def _explore(self, beliefs: list[Belief]) -> list[Reply]:
        state, text = self.state, self.text
        state.explore_turns += 1
        if state.pending_strategic:
            state.answered += 1
        clause = intents.change_talk(text)
        if clause:
            state.change_talk.append(clause)
            if has_time_words(text) and any(w in text.lower() for w in ("will", "'ll", "’ll", "going to", "plan")):
                state.commitment_candidate = clause
        if intents.sustain_talk(text):
            state.sustain.append(text)
        reflection = self.d.reflector.reflect(text, beliefs, clause, state, self.seed)
        if reflection.text in state.reflected:
            reflection = self.d.reflector.reflect(text, [], clause, state, self.seed)
        state.reflected.append(reflection.text)
        if reflection.question:  # reported speech: ask where they stand themselves
            return [Reply(reflection.text, "reflection"), Reply(reflection.question, "question")]
        if intents.asks_for_advice(text):
            return [Reply(reflection.text, "reflection")] + self._propose()
        stage = self.exe.get("stage") or "precontemplation"
        if state.answered >= EXPLORE_ANSWERS.get(stage, 3):
            state.phase = "offer"
            return [Reply(reflection.text, "reflection"),
                    Reply(self.p.pick("offer.permission", self.seed), "question")]
        if self._invite_more(reflection.complex):
            return [Reply(reflection.text, "reflection"),
                    Reply(self.p.pick("reflections.continue_invites", self.seed), "info")]
        return [Reply(reflection.text, "reflection"), self._follow_or_next()]

    def _name_shift(self, belief: Belief, before: str) -> list[Reply]:
        """Name the change in the executive's own words, then ask what moved it."""
        after = belief.evidence or self.text
        if intents.mentions_broadcasting(before) or intents.mentions_broadcasting(after):
            # Their words would put blogging or followers in the coach's mouth: name the stances.
            old = "old" if belief.stance == "new" else "new"
            text = self.p.text("reflections.shift_named",
                               before=self.p.text(f"stances.{belief.dimension}.{old}"),
                               after=self.p.text(f"stances.{belief.dimension}.{belief.stance}"))
        else:
            text = self.p.text("reflections.shift", before=_short(before, 14), after=_short(after, 14))
        return [Reply(text, "reflection"), Reply(self.p.pick("reflections.shift_question", self.seed), "question")]

    def _invite_more(self, complex_reflection: bool) -> bool:
        """Sometimes a reflection alone, inviting more, beats another question (MI's 2:1)."""
        if self.state.invited >= 2 or not complex_reflection or len(self.text.split()) < 12:
            return False
        lowered = self.text.lower()
        if any(cue in lowered for q in QUESTIONS for cue in self.p.get(f"questions.{q}.listen_for")):
            return False  # they pointed somewhere: follow them there instead
        self.state.invited += 1
        return True

    def _follow_or_next(self) -> Reply:
        state = self.state
        short_answer = len(self.text.split()) < 10
        if state.current and state.followups == 0 and short_answer:
            state.followups += 1
            return Reply(self.p.pick(f"questions.{state.current}.follow_up", self.seed), "question")
        # The stage of change picks the move: evoke with those not yet persuaded, open
        # options with those getting ready, hold to account those already acting.
        stage = self.exe.get("stage") or "precontemplation"
        move = None
        if stage in ("precontemplation", "contemplation") and intents.sustain_talk(self.text):
            move = "evoke"
        elif stage == "preparation" and state.answered >= 1:
            move = "options"
        elif stage in ("action", "maintenance") and state.answered >= 1:
            move = "accountability"
        if move and move not in state.asked:
            state.asked.append(move)
            return Reply(self.p.pick(f"stage_questions.{move}", self.seed), "question")
        return self._ask_next()

    def _ask_next(self) -> Reply:
        qid, question = self.d._pick_question(self.db, self.exe, self.state, self.text, self.session)
        self.state.current, self.state.followups = qid, 0
        if qid not in self.state.asked:
            self.state.asked.append(qid)
        return Reply(question, "question")

    def _reframe_broadcast(self) -> list[Reply]:
        self.state.reframes += 1
        seed = f"{self.seed}|{self.state.reframes}"
        self.state.current, self.state.followups = "relationship_state", 0
        if "relationship_state" not in self.state.asked:
            self.state.asked.append("relationship_state")
        return [
            Reply(self.p.pick("broadcast_reframe.reflection", seed), "reflection"),
            Reply(self._unused("broadcast_reframe.turn", seed), "question"),
        ]

    def _unused(self, key: str, seed: str) -> str:
        """A variant of ``key`` not yet said this session, if one is left."""
        said = {r["text"] for r in self.db["messages"].rows_where(
            "tenant = ? and session_id = ? and role = 'coach'", [self.who.tenant, self.session["id"]])}
        fresh = [v for v in self.p.get(key) if v not in said]
        return fresh[0] if fresh else self.p.pick(key, seed)

    def _record_outcome(self) -> list[Reply]:
        """Record how last week's experiment went, if the message says; an affirmation if so."""
        outcome = intents.experiment_outcome(self.text)
        if outcome is None:
            return []
        self.state.awaiting_experiment = None
        experiments.report(self.db, self.exe, outcome, self.now, note=self.text)
        return [Reply(self.p.pick(f"reflections.affirm_{outcome}", self.seed), "reflection")]

    def _experiment_report(self, beliefs: list[Belief]) -> list[Reply]:
        state = self.state
        outcome = intents.experiment_outcome(self.text)
        if outcome is not None:
            affirmation = self._record_outcome()
            return affirmation + [Reply(self.p.text(f"experiment_outcome_reply.{outcome}"), "question")]
        if state.turns == 1 and state.last_question:
            # The session opened with something else on their mind: hear it, then ask.
            reflection = self.d.reflector.reflect(self.text, beliefs, None, state, self.seed)
            return [Reply(reflection.text, "reflection"), Reply(state.last_question, "question")]
        state.awaiting_experiment = None
        return self._explore(beliefs)

    def _propose(self) -> list[Reply]:
        state = self.state
        stage = self.exe.get("stage") or "precontemplation"
        nudge = self.d._choose_nudge(self.db, self.exe, state, stage, self.seed)
        state.nudge_id, state.phase = nudge.id, "shape"
        return [Reply(self.p.text("offer.proposal", nudge=nudge.what), "info"),
                Reply(self.p.pick("offer.shape_question", self.seed), "question")]

    def _after_offer(self) -> list[Reply]:
        if intents.is_no(self.text):
            self.state.phase, self.state.own_idea = "shape", True
            return [Reply(self.p.text("offer.declined"), "reflection"),
                    Reply(self.p.pick("offer.own_idea_question", self.seed), "question")]
        if intents.is_yes(self.text) and len(self.text.split()) <= 6:
            return self._propose()
        if _is_commitment(self.text):  # they already know what they'll do: take it as theirs
            self.state.own_idea = True
            return self._after_shape()
        # Neither yes nor no: hear what they said before offering anything.
        clause = intents.change_talk(self.text)
        if clause:
            self.state.change_talk.append(clause)
        reflection = self.d.reflector.reflect(self.text, [], clause, self.state, self.seed)
        return [Reply(reflection.text, "reflection"), *self._propose()]

    def _after_shape(self) -> list[Reply]:
        state, text = self.state, self.text
        if intents.is_no(text) and len(text.split()) <= 4:
            return self._close_now("declined")
        if intents.is_yes(text) and len(text.split()) <= 4 and not has_time_words(text):
            state.phase, state.accepted = "when", True
            return [Reply(self.p.pick("offer.when_question", self.seed), "question")]
        state.commitment = _strip_yes(text)
        if has_time_words(text):
            return self._close_now("committed")
        state.phase = "when"
        echo = self.d.reflector.echo(state.commitment, self.seed)
        return [Reply(echo, "reflection"), Reply(self.p.pick("offer.when_question", self.seed), "question")]

    def _close_now(self, reason: str, before: list[Reply] | None = None) -> list[Reply]:
        """Close the session within this turn, keeping what the turn learnt."""
        before = before or []
        self.d._store_coach(self.db, self.who, self.exe, self.session, before, self.now)
        self.db["sessions"].update(self.session["id"], {"state": self.state.dump()})
        self.session = self.db["sessions"].get(self.session["id"])
        self.closed = True
        return before + self.d._close(self.db, self.who, self.exe, self.session, self.now, reason, True)


# --- helpers ------------------------------------------------------------------------------
def _is_commitment(text: str) -> bool:
    """'I'll call two customers on Friday': an intention to act, with a when."""
    return bool(intents.change_talk(text)) and has_time_words(text)


def _strategic_texts(prompts: Prompts) -> frozenset[str]:
    """Every wording of a strategic question, to tell them from other questions."""
    texts = set(prompts.get("first_question")) | set(prompts.get("broadcast_reframe.turn"))
    for qid in QUESTIONS:
        texts |= set(prompts.get(f"questions.{qid}.ask")) | set(prompts.get(f"questions.{qid}.follow_up"))
    return frozenset(texts)


_FILLER_START = re.compile(
    r"^(?:(?:yes|yeah|yep|ok|okay|sure|fine|alright|right|well|hmm|go on then|sounds good)\b[\s,.!—-]*)+",
    re.IGNORECASE,
)


def _strip_yes(text: str) -> str:
    """The commitment without a leading "yes," / "Fine." — still a verbatim span of their words."""
    stripped = text.strip()
    rest = _FILLER_START.sub("", stripped)
    return rest if len(rest) > 3 else stripped


def _short(text: str, max_words: int = 18) -> str:
    """``text`` cut to ``max_words`` and without closing punctuation, for quoting in a sentence."""
    parts = text.split()
    short = " ".join(parts) if len(parts) <= max_words else " ".join(parts[:max_words]) + " …"
    return short.rstrip(" .!,;:")


def _topics(prompts: Prompts, asked: list[str]) -> str:
    names = [prompts.text(f"questions.{q}.topic") for q in asked if q in QUESTIONS]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _newest_session(db: sqlite_utils.Database, exe: dict, condition: str) -> dict | None:
    rows = list(
        db["sessions"].rows_where(
            f"tenant = ? and executive_id = ? and {condition}", [exe["tenant"], exe["id"]],
            order_by="number desc", limit=1,
        )
    )
    return rows[0] if rows else None


def _strongest_stance(db: sqlite_utils.Database, exe: dict) -> tuple[str, str, str] | None:
    """The dimension the executive has spoken about most clearly, with their latest words on it."""
    by_dimension: dict[str, list[dict]] = {}
    for obs in own_observations(db, exe["tenant"], exe["id"]):
        by_dimension.setdefault(obs["dimension"], []).append(obs)
    best = None
    for dimension, observations in by_dimension.items():
        latest = max(o["session_number"] or 0 for o in observations)
        pos = position(observations, latest)
        if pos is None or abs(pos) < 0.2:
            continue
        stance = "new" if pos > 0 else "old"
        quotable = [
            o for o in observations if o["stance"] == stance and not intents.mentions_broadcasting(o["evidence"])
        ]
        if not quotable:
            continue
        evidence = quotable[-1]["evidence"]
        key = (abs(pos) * len(observations), dimension)
        if best is None or key > best[0]:
            best = (key, (dimension, stance, evidence))
    return best[1] if best else None


def _old_leaning_dimensions(db: sqlite_utils.Database, exe: dict) -> list[str]:
    by_dimension: dict[str, list[dict]] = {}
    for obs in own_observations(db, exe["tenant"], exe["id"]):
        by_dimension.setdefault(obs["dimension"], []).append(obs)
    scored = []
    for dimension, observations in by_dimension.items():
        pos = position(observations, max(o["session_number"] or 0 for o in observations))
        if pos is not None and pos < 0:
            scored.append((pos, dimension))
    return [d for _, d in sorted(scored)]


def _next_stage(db: sqlite_utils.Database, exe: dict, state: State, committed: bool) -> str:
    """Stage of change from what the executive has done and said; it only moves forward."""
    current = exe.get("stage") or "precontemplation"
    done_sessions = db.execute(
        "select count(distinct session_id) from experiments where tenant = ? and executive_id = ? "
        "and status in ('done', 'partly')",
        [exe["tenant"], exe["id"]],
    ).fetchone()[0]
    if done_sessions >= 3:
        earned = "maintenance"
    elif done_sessions >= 1:
        earned = "action"
    elif committed and (state.commitment or state.commitment_candidate):
        earned = "preparation"
    elif state.change_talk or state.moved_to:
        earned = "contemplation"
    else:
        earned = "precontemplation"
    return max(current, earned, key=STAGES.index)

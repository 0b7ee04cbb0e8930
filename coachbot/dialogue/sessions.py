"""Sessions: how one opens (welcome or recall), and how it closes.

A session starts when the executive writes (or the coach speaks first) and ends on a
goodbye, on idle time, at the end of a terminal run, or after a safety reply. Only a
goodbye-like end delivers a close: a summary of at most a few dozen words, the
executive's commitment in their words, and the week's experiment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from coachbot import experiments, intents, nudges
from coachbot.dialogue.state import State
from coachbot.journey import own_observations, position
from coachbot.models import QUESTIONS, STAGES, Reply, Who
from coachbot.phrasing import Move
from coachbot.text import statements
from coachbot.wording import Prompts


@dataclass(frozen=True)
class Said:
    """One coach message as the policy decided it: the move, its built-in text, its codes."""

    move: Move
    text: str
    kind: str  # a models.ReplyKind
    codes: tuple[str, ...] = ()  # MITI-style codes: reflection:complex, question, affirmation...

    def reply(self) -> Reply:
        return Reply(self.text, self.kind, codes=self.codes)  # type: ignore[arg-type]


def newest(db: sqlite_utils.Database, exe: dict, condition: str) -> dict | None:
    rows = list(
        db.table("sessions").rows_where(
            f"tenant = ? and executive_id = ? and {condition}", [exe["tenant"], exe["id"]],
            order_by="number desc", limit=1,
        )
    )
    return rows[0] if rows else None


def open_session(db: sqlite_utils.Database, exe: dict) -> dict | None:
    return newest(db, exe, "ended_at is null")


def last_closed(db: sqlite_utils.Database, exe: dict) -> dict | None:
    return newest(db, exe, "ended_at is not null")


def create(db: sqlite_utils.Database, exe: dict, now: datetime, state: State) -> dict:
    number = db.execute(
        "select coalesce(max(number), 0) + 1 from sessions where tenant = ? and executive_id = ?",
        [exe["tenant"], exe["id"]],
    ).fetchone()[0]
    session_id = db.table("sessions").insert(
        {
            "tenant": exe["tenant"],
            "executive_id": exe["id"],
            "number": number,
            "started_at": now.isoformat(),
            "last_activity_at": now.isoformat(),
            "state": state.dump(),
        }
    ).last_pk
    assert isinstance(session_id, int)
    return db.table("sessions").get(session_id)


def topics(prompts: Prompts, asked: list[str]) -> str:
    names = [prompts.text(f"questions.{q}.topic") for q in asked if q in QUESTIONS]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + prompts.get("and_word") + names[-1]


def short(text: str, max_words: int = 18) -> str:
    """``text`` cut to ``max_words`` and without closing punctuation, for quoting in a sentence."""
    parts = text.split()
    cut = " ".join(parts) if len(parts) <= max_words else " ".join(parts[:max_words]) + " …"
    return cut.rstrip(" .!,;:")


def covered(db: sqlite_utils.Database, exe: dict) -> set[str]:
    """Strategic questions asked in any session so far."""
    asked: set[str] = set()
    for row in db.execute(
        "select state from sessions where tenant = ? and executive_id = ?", [exe["tenant"], exe["id"]]
    ).fetchall():
        asked.update(State.load(row[0]).asked)
    return asked


def recall(db: sqlite_utils.Database, prompts: Prompts, exe: dict, previous: dict,
           quote_max_words: int) -> tuple[str, int | None]:
    """The opening of a later session, and the experiment it asks about (if any)."""
    experiment = experiments.latest(db, exe["tenant"], exe["id"])
    awaiting = experiment if (
        experiment and experiment["status"] == "proposed" and experiment["session_id"] == previous["id"]
    ) else None
    if awaiting and previous["commitment"] and not intents.mentions_broadcasting(previous["commitment"]):
        return prompts.text("listening.recall.commitment",
                            commitment=short(previous["commitment"], quote_max_words)), awaiting["id"]
    if awaiting and State.load(previous["state"]).accepted:
        what = nudges.Nudge(awaiting["nudge_id"] or "", "", (), awaiting["text"]).what
        what = what[:1].lower() + what[1:]
        return prompts.text("listening.recall.experiment", experiment=short(what, 40)), awaiting["id"]
    # An idea offered but never taken up is not asked about; a report on it is still heard.
    waiting = awaiting["id"] if awaiting else None
    strongest = strongest_stance(db, exe)
    if strongest:
        dimension, stance, evidence = strongest
        return prompts.text("listening.recall.position", stance=prompts.text(f"stances.{dimension}.{stance}"),
                            evidence=short(statements(evidence), quote_max_words)), waiting
    names = topics(prompts, State.load(previous["state"]).asked)
    if names:
        return prompts.text("listening.recall.topics", topics=names), waiting
    return prompts.text("listening.recall.plain"), waiting


def choose_nudge(db: sqlite_utils.Database, prompts: Prompts, exe: dict, state: State, seed: str) -> nudges.Nudge:
    recent = {
        r["nudge_id"]
        for r in db.table("experiments").rows_where(
            "tenant = ? and executive_id = ?", [exe["tenant"], exe["id"]], order_by="id desc", limit=3
        )
    }
    focus = list(dict.fromkeys(state.focus + old_leaning_dimensions(db, exe) + state.asked))
    return nudges.choose(prompts, exe.get("stage") or "precontemplation", focus, recent, seed)


def close(
    db: sqlite_utils.Database,
    prompts: Prompts,
    who: Who,
    exe: dict,
    session: dict,
    state: State,
    now: datetime,
    reason: str,
    deliver: bool,
) -> list[Said]:
    """End ``session``: record its summary, commitment and experiment; say the close if ``deliver``.

    A session that ends on a safety reply, or where the executive said they did not want
    to talk about work, records nothing of the kind and says nothing more.
    """
    quiet = reason in ("safety", "wellbeing_declined") or state.phase == "wellbeing"
    commitment = None if quiet else state.commitment
    names = topics(prompts, state.asked[:3])
    parts = [prompts.text("listening.close.summary", topics=names) if names
             else prompts.text("listening.close.summary_short")]
    for moved in state.moved_to[:1]:
        dimension, stance = moved.split(":")
        parts.append(prompts.text("listening.close.movement", stance=prompts.text(f"stances.{dimension}.{stance}")))
    summary = " ".join(parts)
    seed = f"{who.user}|{session['number']}"
    # A session with something in it ends with a week's experiment: the executive's own
    # plan when there is one, else the idea they accepted, else one offered lightly.
    said: list[Said] = []
    engaged = state.answered > 0 or commitment is not None or state.accepted
    if not quiet and engaged and (deliver or commitment or state.accepted):
        nudge = nudges.by_id(prompts, state.nudge_id) if state.nudge_id else None
        if commitment:
            experiment_text = commitment
            line = prompts.text("listening.nudge_own", commitment=short(commitment, 40))
        else:
            nudge = nudge if (nudge and state.accepted) else choose_nudge(db, prompts, exe, state, seed)
            experiment_text = nudge.text
            key = "listening.nudge_accepted" if state.accepted else "listening.nudge_invite"
            line = prompts.text(key, nudge=nudge.text)
        if state.when:
            line += " " + prompts.text("listening.nudge_when", when=state.when)
        if not (state.declined_offer and not commitment):
            db.table("experiments").insert(
                {
                    "tenant": exe["tenant"],
                    "executive_id": exe["id"],
                    "session_id": session["id"],
                    "nudge_id": nudge.id if (nudge and not commitment) else "own",
                    "text": experiment_text,
                    "commitment": commitment,
                    "status": "proposed",
                    "proposed_at": now.isoformat(),
                }
            )
            said.append(Said(Move("close", "listening.nudge_own" if commitment else "listening.nudge_invite"),
                             line, "nudge", ("giving_information",)))
    stage = next_stage(db, exe, state, bool(commitment))
    state.phase = "closed"
    db.table("sessions").update(
        session["id"],
        {
            "ended_at": now.isoformat(),
            "end_reason": reason,
            "summary": None if reason == "safety" else summary,
            "commitment": commitment,
            "state": state.dump(),
            "last_activity_at": now.isoformat(),
        },
    )
    db.table("executives").update(exe["id"], {"stage": stage})
    if not deliver or quiet:
        return []
    goodbye = prompts.pick("listening.close.goodbye", seed)
    return [Said(Move("close", "listening.close.summary"), f"{summary} {goodbye}", "close", ("summary",)), *said]


def strongest_stance(db: sqlite_utils.Database, exe: dict) -> tuple[str, str, str] | None:
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
        quotable = [o for o in observations if o["stance"] == stance
                    and not intents.mentions_broadcasting(o["evidence"])]
        if not quotable:
            continue
        key = (abs(pos) * len(observations), dimension)
        if best is None or key > best[0]:
            best = (key, (dimension, stance, quotable[-1]["evidence"]))
    return best[1] if best else None


def old_leaning_dimensions(db: sqlite_utils.Database, exe: dict) -> list[str]:
    by_dimension: dict[str, list[dict]] = {}
    for obs in own_observations(db, exe["tenant"], exe["id"]):
        by_dimension.setdefault(obs["dimension"], []).append(obs)
    scored = []
    for dimension, observations in by_dimension.items():
        pos = position(observations, max(o["session_number"] or 0 for o in observations))
        if pos is not None and pos < 0:
            scored.append((pos, dimension))
    return [d for _, d in sorted(scored)]


def next_stage(db: sqlite_utils.Database, exe: dict, state: State, committed: bool) -> str:
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
    elif committed:
        earned = "preparation"
    elif state.change_talk or state.moved_to:
        earned = "contemplation"
    else:
        earned = "precontemplation"
    return max(current, earned, key=STAGES.index)

"""*Decide*: what the coach does with what it heard, by content, never by turn count.

The rules, in the order they are tried:
- a goodbye (even at the end of a longer message) closes, keeping any plan in it;
- after a safety reply, nothing is coached until the executive says they want to;
- a report on last week's experiment is heard, recorded and explored;
- a direct question gets a short honest answer (offering information only with leave);
- "should I blog?" is turned towards relationships;
- an objection gets a reflection and the executive's autonomy, never a proposal;
- the executive's own plan is confirmed back in one line and becomes the experiment;
- an experiment is offered only after enough substantive answers and some change talk,
  or when asked, and only with permission;
- otherwise: a reflection (complex where one holds up) and at most one question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlite_utils

from coachbot import experiments
from coachbot.dialogue import sessions
from coachbot.dialogue.reflect import Reflection, has_subject, reflect, sound, terse_answer, with_subject
from coachbot.dialogue.sessions import Said
from coachbot.dialogue.state import State
from coachbot.dialogue.understand import Heard
from coachbot.journey import position
from coachbot.models import QUESTIONS, Belief, Who
from coachbot.phrasing import Move, MoveKind
from coachbot.text import echo_clause, sentences, statements
from coachbot.wording import Prompts

EARLY_STAGES = ("precontemplation", "contemplation")


@dataclass(frozen=True)
class Policy:
    """Pacing and thresholds, from ``prompts/policy.yaml``."""

    offer_after_answers: Mapping[str, int]
    offer_needs_change_talk: bool
    followups_per_question: int
    act_threshold: float
    observe_min_confidence: float
    reflect_belief_min_confidence: float
    shift_min_confidence: float
    shift_min_prior: float
    afterglow_minutes: float
    quote_max_words: int
    echo_max_words: int
    reflect_alone_min_words: int
    summary_every: int

    @classmethod
    def from_prompts(cls, prompts: Prompts) -> Policy:
        data: dict[str, Any] = prompts.get("policy")
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


@dataclass
class Turn:
    """One executive message in a session, decided inside the caller's write transaction."""

    db: sqlite_utils.Database
    prompts: Prompts
    policy: Policy
    strategic_texts: frozenset[str]
    who: Who
    exe: dict
    session: dict
    state: State
    heard: Heard
    now: datetime
    said_before: set[str] = field(default_factory=set)  # coach texts already said this session
    close_reason: str | None = None

    @property
    def seed(self) -> str:
        return f"{self.who.user}|{self.session['number']}|{self.state.turns}"

    # --- wording -------------------------------------------------------------------
    def say(self, key: str, **slots: Any) -> str:
        """A variant of ``key`` not yet said this session (the seed picks among the fresh ones)."""
        node = self.prompts.get(key)
        variants = node if isinstance(node, list) else [node]
        filled = [v.format(**slots).strip() if slots else v.strip() for v in variants]
        fresh = [v for v in filled if not self.said(v)] or filled
        choice = fresh[hash_index(f"{key}|{self.seed}", len(fresh))]
        self.said_before.add(choice)
        return choice

    def said(self, text: str) -> bool:
        """Whether ``text`` was already said this session, alone or as part of a message."""
        return any(text in earlier for earlier in self.said_before)

    def message(self, kind: MoveKind, key: str, parts: list[tuple[str, str]], reply_kind: str,
                slots: Mapping[str, str] | None = None) -> Said:
        """One coach message from its parts: (text, code) in order."""
        text = " ".join(p for p, _ in parts if p)
        codes = tuple(c for _, c in parts if c)
        asks = "question" in codes
        return Said(Move(kind, key, dict(slots or {}), asks), text, reply_kind, codes)

    # --- the decision ----------------------------------------------------------------
    def decide(self) -> list[Said]:
        h, state = self.heard, self.state
        if h.injection:
            parts = [(self.prompts.text("injection"), "info"), (self._again_or_next(), "question")]
            return [self.message("info", "injection", parts, "question")]
        if state.phase == "wellbeing":
            return self._after_wellbeing_check()
        if state.phase == "committed" and not h.commitment and (
                _THANKS_AT_END.search(h.text) or _NOTHING_MORE.match(h.text)):
            self.close_reason = "committed"  # "OK, I'll keep it at three. Thank you." after the plan
            return []
        if h.has("goodbye"):
            self._keep_commitment()
            self._hear_report_silently()
            self.close_reason = "goodbye"
            return []
        if h.foreign and not self.prompts.speaks(h.foreign):
            self._hear_report_silently()  # "Teilweise, nur zwei Stunden": heard even if not answered in kind
            translation = self.prompts.text(f"language_translations.{h.foreign}")
            text = " ".join(self.prompts.text("language", translation=translation).split())
            if not self.said(text):
                return [self.message("info", "language", [(text, "info")], "info")]
            # Said once is enough: plans, reports and goodbyes in their language are still
            # heard below; reflections are not attempted in a language the coach cannot write.
        greeting_only = h.has("greeting") and len(h.text.split()) <= 6 and not (h.report and h.report.learnt)
        if state.awaiting_experiment and h.report and not greeting_only:
            return [self._hear_report()]
        if h.broadcast_question:
            return [self._reframe()]
        known = self._question_kind() if (h.question or "?" in h.text) and not h.commitment else "other"
        if known not in ("other", "opinion"):
            # Privacy, purpose, memory...: a question with a known answer is answered, whatever
            # else the message looks like ("do you remember, or should I repeat it?").
            return [self._answer_question(known)]
        asking_for_ideas = h.has("advice_request") and h.acts["advice_request"] >= h.acts.get("question_to_coach", 0)
        if asking_for_ideas and not h.commitment and state.phase != "offered":
            return [self._offer()]
        if h.question and not h.commitment and h.has("question_to_coach"):
            kind = self._question_kind()
            # A question in passing inside a full answer ("What is core? The recipes.") is
            # part of the answer; a real question to the coach gets an answer.
            if kind != "other" or len(h.text.split()) <= 25:
                return [self._answer_question(kind)]
        if state.phase in ("permission", "offered") and h.no and not h.commitment:
            return [self._declined()]
        if state.phase == "permission" and h.yes and not h.commitment:
            return [self._offer()]
        if h.has("commitment") and len(h.options) > 1 and state.phase != "committed":
            return [self._weigh_options()]
        if h.has("commitment") and h.commitment:
            state.options = []
            return [self._confirm_commitment()]
        if state.options:
            chosen = self._chosen_option()
            if chosen:
                return [self._confirm_commitment(chosen, None)]
        if state.phase == "offered" and h.yes and len(h.text.split()) <= 8:
            state.accepted, state.phase = True, "committed"
            return [self.message("confirm_commitment", "listening.accepted_when",
                                 [(self.say("listening.accepted_when"), "question")], "question")]
        if state.phase == "committed":
            if not state.commitment_when and h.has_when and (state.commitment or state.accepted):
                # "When?" answered: kept verbatim beside the plan, never merged into its words.
                state.commitment_when, state.when = True, h.text.strip().rstrip(".!")
                return [self.message("reflect_ask", "listening.anything_else",
                                     [(self.say("listening.anything_else"), "question")], "question")]
            # "No." to "anything else?" closes; "No, I will not be posting. That is not who I am." is
            # more to hear.
            if (h.no and len(h.text.split()) <= 4) or (h.small_talk in ("thanks", "ack") and not h.substantive):
                self.close_reason = "committed"
                return []
            if not self._shift():
                return self._after_plan()
        # "Freight forwarding. Rotterdam." reads like small talk to the act model, but it is
        # a terse answer: heard and said back, not met with "Okay.".
        terse = h.small_talk is None and not h.has("greeting") and terse_answer(h.text) is not None
        if (h.small_talk or h.has("greeting") or h.has("small_talk")) and not h.substantive and not terse:
            return [self._small_talk()]
        shift = self._shift()
        if shift:
            return [self._name_shift(*shift)]
        # Sustain talk, not a view on the new side ("it's not a channel" is no objection).
        new_view = any(b.stance == "new" and b.confidence >= 0.7 for b in h.beliefs)
        if h.has("objection") and not h.has("change_talk") and not new_view:
            return [self._objection()]
        return [self._explore()]

    # --- moves -----------------------------------------------------------------------
    def _weigh_options(self) -> Said:
        """Two plans of their own in one message: which one is theirs to decide."""
        self.state.options = list(self.heard.options)
        if self.heard.substantive:
            self.state.answered += 1
        parts = [(self.say("listening.options.heard"), "affirmation"), (self.say("listening.options.ask"), "question")]
        return self.message("reflect_ask", "listening.options", parts, "question")

    def _chosen_option(self) -> str | None:
        """The option named in the reply ("the second one", "the WhatsApp one"), if any."""
        lowered = self.heard.text.lower()
        options = self.state.options
        if re.search(r"\b(?:second|latter|last|2nd|other one|segund[oa]|zweite|deuxième|seconda)\b", lowered):
            return options[-1]
        if re.search(r"\b(?:first|former|1st|primer[oa]?|erste|premi[eè]re?|prima)\b", lowered):
            return options[0]
        mine = set(re.findall(r"[a-z]{5,}", lowered))
        scores = [len(mine & set(re.findall(r"[a-z]{5,}", o.lower()))) for o in options]
        best = max(range(len(options)), key=lambda i: scores[i])
        return options[best] if scores[best] >= 1 and scores.count(scores[best]) == 1 else None

    def _anything_else(self) -> str:
        return self.say("listening.anything_else")

    def _after_plan(self) -> list[Said]:
        """A plan is agreed: what they add is heard, and no new topic is opened."""
        reflection = reflect(self.heard, self.state, self.say, self.policy.echo_max_words,
                             self.policy.reflect_belief_min_confidence)
        parts = self._reflection_parts(reflection) if reflection and not reflection.question else []
        asked = any(self.said(v) for v in self.prompts.get("listening.anything_else"))
        if not asked:
            parts.append((self._anything_else(), "question"))
            return [self.message("reflect_ask", "listening.anything_else", parts, "question")]
        if parts:
            return [self.message("reflect", "reflections", parts, "reflection")]
        if not any(self.said(v) for v in self.prompts.get("listening.plan_fits")):
            return [self.message("reflect_ask", "listening.plan_fits",
                                 [(self.say("listening.plan_fits"), "question")], "question")]
        self.close_reason = "committed"
        return []

    def _explore(self) -> Said:
        h, state = self.heard, self.state
        if h.substantive:
            state.answered += 1
        if h.change_clause:
            state.change_talk.append(h.change_clause)
        if h.sustain:
            state.sustain.append(h.text)
        reflection = reflect(h, state, self.say, self.policy.echo_max_words, self.policy.reflect_belief_min_confidence)
        if reflection is not None and reflection.clause:
            state.heard.append(reflection.clause)
        if (len(state.heard) - state.summarised >= self.policy.summary_every and not self._ready_to_offer()
                and state.turns - state.reflected_alone_at >= 2):
            return self._summary(reflection)
        parts = self._reflection_parts(reflection)
        if (reflection is not None and not reflection.question
                and len(h.text.split()) >= self.policy.reflect_alone_min_words
                and state.turns - state.reflected_alone_at >= 2 and state.turns > 1 and not self._ready_to_offer()):
            # A long, full answer: a reflection alone invites more than another question would.
            state.reflected_alone_at = state.turns
            return self.message("reflect", "reflections", parts, "reflection")
        if reflection is not None and reflection.question:
            parts.append((reflection.question, "question"))
            return self.message("reflect_ask", "reflections.reported", parts, "question")
        if self._ready_to_offer():
            state.phase = "permission"
            parts.append((self.say("offer.permission"), "question"))
            return self.message("ask_permission", "offer.permission", parts, "question")
        question = self._next_question()
        parts.append((question, "question"))
        return self.message("reflect_ask" if reflection else "reflect_ask", "questions", parts, "question")

    def _summary(self, reflection: Reflection | None) -> Said:
        """A collecting summary of their own points so far (MI's "S"); it stands alone, inviting more."""
        state = self.state
        points = state.heard[state.summarised:][-SUMMARY_POINTS:]
        state.summarised = len(state.heard)
        listed = "; ".join(points[:-1]) + ";" + self.prompts.get("and_word") + points[-1]
        state.reflected_alone_at = state.turns
        return self.message("reflect", "listening.summary", [(self.say("listening.summary", points=listed), "summary")],
                            "reflection")

    def _reflection_parts(self, reflection: Reflection | None) -> list[tuple[str, str]]:
        if reflection is None:
            return []
        return [(reflection.text, "reflection:complex" if reflection.complex else "reflection:simple")]

    def _objection(self) -> Said:
        h, state = self.heard, self.state
        state.objections += 1
        state.sustain.append(h.text)
        if h.substantive:
            state.answered += 1
        reflection = reflect(h, state, self.say, self.policy.echo_max_words, self.policy.reflect_belief_min_confidence)
        parts = self._reflection_parts(reflection)
        parts.append((self.say("listening.autonomy"), "autonomy"))
        led = any(cue in h.text.lower() for q in QUESTIONS for cue in self.prompts.get(f"questions.{q}.listen_for"))
        if not led and "evoke" not in state.asked and (self.exe.get("stage") or "precontemplation") in EARLY_STAGES:
            state.asked.append("evoke")
            parts.append((self._record_question(self.say("listening.evoke")), "question"))
        else:
            parts.append((self._next_question(), "question"))
        return self.message("reflect_ask", "listening.autonomy", parts, "question")

    def _confirm_commitment(self, plan: str | None = None, has_when: bool | None = None) -> Said:
        """Their plan (this message's, or ``plan`` said earlier) confirmed back in one line."""
        h, state = self.heard, self.state
        plan = plan or h.commitment
        has_when = h.has_when if has_when is None else has_when
        assert plan is not None
        own = state.phase != "offered" or not state.nudge_id
        state.commitment, state.commitment_when = plan, has_when
        state.own_idea = state.own_idea or own
        state.phase = "committed"
        if h.substantive:
            state.answered += 1
        parts = []
        if own and state.affirmed == 0:
            state.affirmed += 1
            parts.append((self.say("listening.affirm.initiative"), "affirmation"))
        quote = sessions.short(plan, self.policy.quote_max_words)
        parts.append((self.say("listening.confirm_commitment", commitment=quote), "reflection:simple"))
        follow = "listening.anything_else" if has_when else "listening.ask_when"
        parts.append((self.say(follow), "question"))
        return self.message("confirm_commitment", "listening.confirm_commitment", parts, "question",
                            {"commitment": quote})

    def _keep_commitment(self) -> None:
        h = self.heard
        if h.commitment and h.has("commitment"):
            self.state.commitment, self.state.commitment_when = h.commitment, h.has_when
            self.state.own_idea = True

    def _hear_report_silently(self) -> None:
        if self.state.awaiting_experiment and self.heard.report:
            self._record_report()

    def _record_report(self) -> None:
        report = self.heard.report
        assert report is not None
        experiments.report(self.db, self.exe, report.outcome, self.now, note=report.learnt or self.heard.text)
        self.state.awaiting_experiment = None
        self.state.report_heard = True

    def _hear_report(self) -> Said:
        report = self.heard.report
        assert report is not None
        self._record_report()
        outcome = report.outcome
        parts = [(self.say(f"listening.report_heard.{outcome}"), "affirmation")]
        learnt = with_subject(echo_clause(report.learnt, max_words=16)) if report.learnt else None
        # What they noticed, said back only when it says more than the outcome itself.
        if outcome != "not_done" and learnt and len(learnt.split()) >= 6 and sound(learnt) and has_subject(learnt):
            parts.append((self.say("listening.report_learnt", learnt=learnt), "reflection:complex"))
        else:
            reflection = reflect(self.heard, self.state, self.say, self.policy.echo_max_words,
                                 self.policy.reflect_belief_min_confidence)
            if reflection is not None and not reflection.question:
                parts += self._reflection_parts(reflection)
        # They already said what happened or why: ask what comes next, not what they just told.
        learnt_words = len(report.learnt.split()) if report.learnt else 0
        explained = len(self.heard.text.split()) >= 10 or learnt_words >= 6
        key = "listening.report_question_after" if explained else "listening.report_question"
        parts.append((self.say(f"{key}.{outcome}"), "question"))
        return self.message("hear_report", "listening.report_heard", parts, "question")

    def _question_kind(self) -> str:
        # Every question counts ("Is this confidential? Does HR see it?"), but only the
        # questions: "...sounds like every other hotel on earth" asks nothing about others.
        text = self.heard.text
        asked = [s for s in sentences(text) if s.rstrip(QUOTE_CLOSERS).endswith("?")]
        lowered = " ".join(asked or [self.heard.question or text]).lower()
        answers: dict[str, Any] = self.prompts.get("listening.answers")
        return next((k for k, a in answers.items() if any(cue in lowered for cue in a.get("listen_for", ()))),
                    "other")

    def _answer_question(self, kind: str) -> Said:
        answer = self.prompts.get(f"listening.answers.{kind}")
        can_offer = not self.state.declined_offer and self.state.phase in ("explore", "permission")
        if answer.get("offers") and can_offer:
            # The answer itself ends in the permission question.
            self.state.phase = "permission"
            return self.message("answer", f"listening.answers.{kind}",
                                [(self.say(f"listening.answers.{kind}.text"), "answer"), ("", "question")], "question")
        key = f"listening.answers.{kind}.text_no_offer" if answer.get("offers") else f"listening.answers.{kind}.text"
        parts = [(self.say(key), "answer")]
        if self.state.phase == "committed":
            parts.append((self._anything_else(), "question"))  # a plan is agreed: no new topic now
        else:
            parts.append((self._again_or_next(), "question"))
        return self.message("answer", f"listening.answers.{kind}", parts, "question")

    def _reframe(self) -> Said:
        state = self.state
        state.reframes += 1
        state.current, state.followups = "relationship_state", 0
        if "relationship_state" not in state.asked:
            state.asked.append("relationship_state")
        parts = [(self.say("broadcast_reframe.reflection"), "reflection:complex"),
                 (self.say("broadcast_reframe.turn"), "question")]
        return self.message("reframe", "broadcast_reframe", parts, "question")

    def _offer(self) -> Said:
        state = self.state
        nudge = sessions.choose_nudge(self.db, self.prompts, self.exe, state, self.seed)
        state.nudge_id, state.phase = nudge.id, "offered"
        what = nudge.what.rstrip(".")
        what = what[:1].lower() + what[1:]
        text = self.say("listening.offer_proposal", nudge=what)
        return self.message("offer", "listening.offer_proposal", [(text, "giving_information"), ("", "question")],
                            "question", {"nudge": what})

    def _declined(self) -> Said:
        state = self.state
        state.phase, state.declined_offer, state.nudge_id = "explore", True, None
        parts = [(self.say("listening.offer_declined"), "autonomy"), (self._next_question(), "question")]
        return self.message("reflect_ask", "listening.offer_declined", parts, "question")

    def _small_talk(self) -> Said:
        kind = self.heard.small_talk or ("greeting" if self.heard.has("greeting") else "ack")
        parts = [(self.say(f"small_talk.{kind}"), ""), (self._again_or_next(), "question")]
        return self.message("reflect_ask", f"small_talk.{kind}", parts, "question")

    def _latest_coach(self) -> list[str]:
        rows = self.db.execute(
            "select text from messages where tenant = ? and executive_id = ? and session_id = ? and role = 'coach' "
            "order by id desc limit 1", [self.who.tenant, self.exe["id"], self.session["id"]]).fetchall()
        return [r[0] for r in rows]

    def _again_or_next(self) -> str:
        """The question still open (said as 'where we were' if it was just asked), else the next one."""
        state = self.state
        last = state.last_question
        if not last or self.heard.substantive:
            return self._next_question()
        if state.current and (state.last_question_language or "en") != (state.language or "en"):
            # The coach has just turned to their language ("hola, tengo poco tiempo"): the open
            # question again, in that language, not the English one still on record.
            return self._record_question(self.say(f"questions.{state.current}.ask"))
        if self.said(last):
            # A greeting straight after the question: the question itself again. Later,
            # once, "where we were"; after that, move on rather than repeat.
            if self.heard.small_talk in ("greeting", "hurried") and any(t.endswith(last) for t in self._latest_coach()):
                return last
            again = self.prompts.text("where_were_we", question=lowered_first(last))
            if not self.said(again):
                self.said_before.add(again)
                return again
            return self._next_question()
        return last

    def _after_wellbeing_check(self) -> list[Said]:
        h, state = self.heard, self.state
        plan, when = state.pending_plan, state.pending_when
        state.pending_plan = None
        # Leaving without saying they are okay ends quietly, a plan included: an experiment
        # would bring "how did it go?" next week instead of the check.
        if h.no or h.has("goodbye"):
            self.close_reason = "wellbeing_declined"
            text = self.prompts.text("listening.wellbeing_declined")
            return [self.message("info", "listening.wellbeing_declined", [(text, "info")], "close")]
        state.phase = "explore"
        if h.has("commitment") and h.commitment:
            return [self._confirm_commitment()]
        if plan:
            return [self._confirm_commitment(plan, when)]
        if h.substantive:
            return [self._explore()]
        return [self.message("reflect_ask", "listening.wellbeing_resumed",
                             [(self.say("listening.wellbeing_resumed"), "question")], "question")]

    # --- questions -------------------------------------------------------------------
    def _ready_to_offer(self) -> bool:
        state = self.state
        if state.phase != "explore" or state.declined_offer or state.commitment or state.nudge_id:
            return False
        stage = self.exe.get("stage") or "precontemplation"
        if state.answered < self.policy.offer_after_answers.get(stage, 3):
            return False
        return not (self.policy.offer_needs_change_talk and stage in EARLY_STAGES and not state.change_talk)

    def _next_question(self) -> str:
        """A follow-up on the current question, a stage move, or the next strategic question."""
        state, h = self.state, self.heard
        if (state.current and state.followups < self.policy.followups_per_question
                and len(h.text.split()) < 12 and h.substantive and not self._leads_elsewhere()):
            state.followups += 1
            return self._record_question(self.say(f"questions.{state.current}.follow_up"))
        stage = self.exe.get("stage") or "precontemplation"
        move = None
        if stage == "preparation" and state.answered >= 1:
            move = "options"
        elif stage in ("action", "maintenance") and state.answered >= 1 and not state.report_heard:
            move = "accountability"  # "what did you learn from what you tried?" is not asked after the report
        if move and move not in state.asked:
            state.asked.append(move)
            return self._record_question(self.say(f"stage_questions.{move}"))
        qid = self._pick_strategic()
        state.current, state.followups = qid, 0
        if qid not in state.asked:
            state.asked.append(qid)
        return self._record_question(self.say(f"questions.{qid}.ask"))

    def _leads_elsewhere(self) -> bool:
        """Whether the message points at another strategic question than the current one."""
        lowered = self.heard.text.lower()
        return any(cue in lowered for q in QUESTIONS if q != self.state.current
                   for cue in self.prompts.get(f"questions.{q}.listen_for"))

    def _record_question(self, text: str) -> str:
        self.state.last_question = text
        self.state.last_question_language = self.state.language
        return text

    def _pick_strategic(self) -> str:
        """Led by what was just said; among equals, questions not yet asked in any session first."""
        state = self.state
        seen = sessions.covered(self.db, self.exe) | set(state.asked)
        lowered = self.heard.text.lower()

        def listens(qid: str) -> int:
            return sum(1 for cue in self.prompts.get(f"questions.{qid}.listen_for") if cue in lowered)

        # A long answer that already talks about a question's topic has answered it: asking
        # it now would ask what was just said ("What do people say…?" after they said it).
        if len(self.heard.text.split()) >= 15:
            state.asked += [q for q in QUESTIONS if listens(q) and q not in state.asked]
        candidates = [q for q in QUESTIONS if q != state.current and q not in state.asked] or [
            q for q in QUESTIONS if q != state.current and not (len(lowered.split()) >= 15 and listens(q))
        ] or [q for q in QUESTIONS if q != state.current]
        return max(candidates, key=lambda q: (listens(q) > 0, q not in seen, listens(q), -QUESTIONS.index(q)))

    # --- beliefs ---------------------------------------------------------------------
    def _shift(self) -> tuple[Belief, str] | None:
        """A confident, non-negated belief that contradicts where the executive stood before."""
        if self.session["number"] < 2 or self.state.shifts_named:
            return None  # one move named per conversation is news; two in a row sound like a formula
        threshold = self.policy.shift_min_confidence
        for belief in sorted(self.heard.beliefs, key=lambda b: -b.confidence):
            if belief.confidence < threshold or belief.dimension in self.state.shifts_named:
                continue
            earlier = list(self.db.table("observations").rows_where(
                "tenant = ? and executive_id = ? and dimension = ? and session_number < ? "
                "and coalesce(reported, 0) = 0 and confidence >= ?",
                [self.who.tenant, self.exe["id"], belief.dimension, self.session["number"], threshold],
                order_by="id",
            ))
            prior = position(earlier, self.session["number"] - 1) if earlier else None
            if prior is None or abs(prior) < self.policy.shift_min_prior:
                continue
            if (prior > 0) != (belief.stance == "new"):
                before = next(o["evidence"] for o in reversed(earlier) if (o["stance"] == "new") == (prior > 0))
                self.state.shifts_named.append(belief.dimension)
                self.state.moved_to.append(f"{belief.dimension}:{belief.stance}")
                return belief, before
        return None

    def _name_shift(self, belief: Belief, before: str) -> Said:
        from coachbot.intents import mentions_broadcasting

        if self.heard.substantive:
            self.state.answered += 1
        after = belief.evidence or self.heard.text
        if mentions_broadcasting(before) or mentions_broadcasting(after):
            old = "old" if belief.stance == "new" else "new"
            text = self.prompts.text("reflections.shift_named",
                                     before=self.prompts.text(f"stances.{belief.dimension}.{old}"),
                                     after=self.prompts.text(f"stances.{belief.dimension}.{belief.stance}"))
        else:
            text = self.prompts.text("reflections.shift", before=sessions.short(statements(before), 14),
                                     after=sessions.short(statements(after), 14))
        parts = [(text, "reflection:complex"), (self.say("reflections.shift_question"), "question")]
        return self.message("name_shift", "reflections.shift", parts, "question")


_NOTHING_MORE = re.compile(r"\W*(?:that'?s (?:all|it)|nothing (?:else|more)|no,? (?:that'?s|nothing)|all good|"
                           r"i'?m good|nope|not really|no more)\b", re.IGNORECASE)
_THANKS_AT_END = re.compile(r"\b(?:thanks?(?: you| a lot| so much)?|cheers|much appreciated|gracias|danke|merci|"
                            r"grazie|obrigad[oa])\W*$", re.IGNORECASE)


SUMMARY_POINTS = 2  # a summary names their last two points: three ran to 35 words
QUOTE_CLOSERS = " )\"'”’"


def lowered_first(question: str) -> str:
    """ "How did it go?" to follow a colon mid-sentence (an "I" stays upper case); a short lead-in
    of its own ("Let's start at the root: what…") is dropped, so two colons never follow each other."""
    lead, _, rest = question.partition(": ")
    if rest and len(lead.split()) <= 5:
        question = rest
    return question if question[:2] in ("I ", "I'") else question[:1].lower() + question[1:]


def hash_index(key: str, n: int) -> int:
    import hashlib

    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % max(n, 1)

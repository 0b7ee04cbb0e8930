"""A session's working memory, kept as JSON on the session row."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class State:
    """What the coach remembers within one session.

    ``phase`` is where the session stands: ``explore`` (the strategic questions),
    ``permission`` (asked whether to offer an experiment), ``offered`` (an idea is on the
    table), ``committed`` (the executive's plan is confirmed), ``wellbeing`` (after a
    safety reply, waiting to hear whether they want to talk about work).
    """

    phase: str = "explore"
    current: str | None = None  # the strategic question being explored
    followups: int = 0
    asked: list[str] = field(default_factory=list)  # question ids and stage moves asked
    answered: int = 0  # substantive answers this session
    turns: int = 0
    last_question: str | None = None
    last_question_language: str | None = None  # the language it was asked in (None: English)
    awaiting_experiment: int | None = None  # last session's experiment, not yet reported
    report_heard: bool = False  # they told how last week's experiment went, this session
    nudge_id: str | None = None  # the idea offered this session
    accepted: bool = False  # said yes to the idea as it stands
    commitment: str | None = None  # the executive's own future-action clause, verbatim
    commitment_when: bool = False  # the plan says when, or the executive told us
    when: str | None = None  # their answer to "when?", verbatim
    own_idea: bool = False
    language: str | None = None  # the language the executive writes in, when the coach has its wording
    options: list[str] = field(default_factory=list)  # two plans they weighed, until they pick one
    pending_plan: str | None = None  # a plan said with the return to work, before the wellbeing check's answer
    pending_when: bool = False
    change_talk: list[str] = field(default_factory=list)
    sustain: list[str] = field(default_factory=list)
    objections: int = 0
    declined_offer: bool = False
    shifts_named: list[str] = field(default_factory=list)
    moved_to: list[str] = field(default_factory=list)  # "dimension:stance" moves named
    focus: list[str] = field(default_factory=list)  # dimensions heard at the old pole
    reframes: int = 0
    affirmed: int = 0
    heard: list[str] = field(default_factory=list)  # their points said back, for summaries
    summarised: int = 0  # how many of ``heard`` a summary has already gathered
    reflected_alone_at: int = -10  # the turn of the last reflection said without a question

    @classmethod
    def load(cls, raw: str | None) -> State:
        if not raw:
            return cls()
        data = json.loads(raw)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def dump(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

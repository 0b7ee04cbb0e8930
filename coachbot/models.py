"""The plain values that pass between the engine and whatever talks to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DIMENSIONS: tuple[str, ...] = (
    "social_purpose",
    "success_measure",
    "network_focus",
    "ownership",
    "leader_participation",
    "voice_and_control",
    "beliefs_before_strategy",
    "value_creation",
)
STANCES: tuple[str, ...] = ("old", "new")
QUESTIONS: tuple[str, ...] = (
    "core_value",
    "outsourced_value",
    "value_partners",
    "relationship_state",
    "outside_voice",
    "relationship_path",
)
STAGES: tuple[str, ...] = (
    "precontemplation",
    "contemplation",
    "preparation",
    "action",
    "maintenance",
)
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

ReplyKind = Literal[
    "opening",  # welcome or recall at the start of a session
    "reflection",  # mirrors the executive's words, no question
    "question",  # at most one question
    "close",  # summary + commitment at the end of a session
    "nudge",  # the week's participation experiment
    "safety",  # a topic for a human, not a coach
    "info",  # help, settings, notices, answers to commands
]


@dataclass(frozen=True)
class Who:
    """One executive on one platform: ``tenant`` is the Slack team / Teams tenant id."""

    tenant: str
    user: str
    platform: str = "cli"


@dataclass(frozen=True)
class Reply:
    """One message from the coach, in plain text (adapters add platform formatting)."""

    text: str
    kind: ReplyKind = "question"
    # What the message does, MITI-style ("reflection:complex", "question", "affirmation"...),
    # so transcripts can be scored without guessing from the wording.
    codes: tuple[str, ...] = ()
    path: str = "builtin"  # which phraser wrote it: builtin | llm | llm_fallback
    # A command the platform shows its own way (the check-in card, the settings form).
    action: str | None = None


@dataclass(frozen=True)
class Belief:
    """A belief the detector found in one text."""

    dimension: str
    stance: Literal["old", "new"]
    confidence: float
    evidence: str = ""  # the verbatim span of the text that showed it
    reported: bool = False  # someone else's view the executive reported ("my board wants ...")

    def as_dict(self) -> dict:
        return {
            "dimension": self.dimension,
            "stance": self.stance,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class ExecSettings:
    """An executive's check-in preferences."""

    weekday: int = 0  # 0 = Monday
    time: str = "09:00"  # local HH:MM
    timezone: str = "UTC"  # IANA name
    paused: bool = False


@dataclass(frozen=True)
class ScaleItem:
    """A check-in question answered by picking one number on a scale."""

    item: str  # importance | confidence | belief:<dimension>
    prompt: str
    low: int
    high: int
    low_label: str
    high_label: str


@dataclass(frozen=True)
class CheckinPrompt:
    """Everything a platform needs to draw this week's check-in."""

    week: str
    greeting: str
    experiment: str | None  # last week's experiment, if one was proposed
    experiment_question: str | None
    scales: tuple[ScaleItem, ...] = field(default_factory=tuple)
    answered: tuple[str, ...] = ()  # items already answered this week
    theme: str | None = None  # the cohort programme's theme of the week, if any
    talk: str = "Want to talk it through now?"  # the invitation to a conversation

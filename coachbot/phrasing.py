"""The last step of a turn: the engine has decided *what* to say; a phraser says it.

The dialogue decides a :class:`Move` (its kind, the wording key in ``prompts/`` and the
slots that fill it) and renders the built-in wording for it. A :class:`Phraser` may
rewrite that text (an LLM, for a more natural voice) but the built-in text is always
the guide and the fallback: whatever a phraser returns must pass the same guards, or
the built-in text goes out instead.

Phrasing runs outside the database write transaction, so a slow phraser never holds
the write lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

MoveKind = Literal[
    "open",  # welcome or recall at the start of a session
    "reflect",  # a reflection with no question
    "reflect_ask",  # a reflection, then one open question
    "affirm",  # recognises an effort or strength of the executive's
    "answer",  # a short honest answer to the executive's direct question
    "ask_permission",  # asks before offering information or an experiment
    "offer",  # offers experiment options (after permission)
    "confirm_commitment",  # says the executive's own plan back in one line
    "hear_report",  # takes in how last week's experiment went
    "reframe",  # turns a broadcast question towards relationships
    "name_shift",  # names a belief that moved and asks what moved it
    "wellbeing_check",  # after a safety reply: are you okay to talk about work today?
    "close",  # summary, commitment and the week's experiment
    "info",  # commands, notices
]

PhrasePath = Literal["builtin", "llm", "llm_fallback"]


@dataclass(frozen=True)
class Move:
    """What the coach does this turn, decided by the engine."""

    kind: MoveKind
    wording_key: str  # the key in prompts/ the built-in text came from
    slots: Mapping[str, str] = field(default_factory=dict)  # the values that filled it
    asks_question: bool = False  # whether the move ends in (exactly one) question


@dataclass(frozen=True)
class PhraseRequest:
    """Everything a phraser may use: the move, the built-in text, this executive's words."""

    move: Move
    builtin_text: str  # the built-in wording for the move: the guide and the fallback
    recent: tuple[tuple[str, str], ...] = ()  # (role, text) of this session, oldest first
    language: str = "en"  # the executive's language (ISO 639-1)
    tenant: str = ""  # for usage accounting; a phraser never sees another tenant's data
    executive_id: int | None = None  # for usage accounting, so export and forget cover its rows


@dataclass(frozen=True)
class Phrased:
    """A message ready to send, and which path wrote it (stored with the message)."""

    text: str
    path: PhrasePath = "builtin"


class Phraser(Protocol):
    def phrase(self, request: PhraseRequest) -> Phrased:
        """The message for ``request``; must never raise (fall back to the built-in text)."""
        ...


class BuiltinPhraser:
    """The built-in engine's voice: the templates from ``prompts/``, unchanged."""

    def phrase(self, request: PhraseRequest) -> Phrased:
        return Phrased(request.builtin_text, "builtin")

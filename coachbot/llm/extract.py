"""Understanding with the model's help: acts, beliefs, a commitment and a report, as JSON.

:meth:`Extractor.extract` asks for a JSON-schema response first, then (when the server
refuses that shape or answers with unreadable JSON) for a forced function call, and
returns ``None`` when neither works in time: the caller then relies on the built-in
classifiers alone. Whatever the model says is checked: unknown acts and dimensions are
dropped, and a belief's evidence or a commitment that is not a verbatim span of the
executive's message is dropped too. A message that touches a safety topic never
reaches the model.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# The dialogue acts and outcomes the built-in classifier knows, so the two readings merge.
from coachbot.acts.data import ACTS, OUTCOMES
from coachbot.llm.client import LLMClient, LLMError, LLMUnsupported
from coachbot.llm.prompt import any_flagged, as_data, conversation
from coachbot.models import DIMENSIONS, Belief
from coachbot.safety import safety_topic
from coachbot.wording import Prompts, load_prompts

DEFAULT_CONFIDENCE = 0.7
TOOL_NAME = "record_message_reading"

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "acts": {"type": "array", "items": {"type": "string", "enum": list(ACTS)}},
        "beliefs": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "dimension": {"type": "string", "enum": list(DIMENSIONS)},
                    "stance": {"type": "string", "enum": ["old", "new"]},
                    "evidence": {"type": "string"},
                    "confidence": {"type": "number"},
                },
                "required": ["dimension", "stance", "evidence", "confidence"],
                "additionalProperties": False,
            },
        },
        "commitment": {"type": ["string", "null"]},
        "report_outcome": {"type": ["string", "null"], "enum": [*OUTCOMES, None]},
    },
    "required": ["acts", "beliefs", "commitment", "report_outcome"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Extraction:
    """What the model read in one message, checked against the message itself."""

    acts: tuple[str, ...] = ()
    beliefs: tuple[Belief, ...] = ()  # evidence is always a verbatim span of the message
    commitment: str | None = None  # verbatim
    report_outcome: str | None = None  # done | partly | not_done


def parse(data: Any, text: str) -> Extraction | None:
    """An :class:`Extraction` from the model's JSON, keeping only what ``text`` bears out."""
    if not isinstance(data, dict):
        return None
    acts = tuple(a for a in ACTS if a in _strings(data.get("acts")))
    beliefs = []
    for item in data.get("beliefs") or []:
        if not isinstance(item, dict):
            continue
        evidence = item.get("evidence")
        dimension, stance = item.get("dimension"), item.get("stance")
        if dimension not in DIMENSIONS or stance not in ("old", "new"):
            continue
        if not isinstance(evidence, str) or not evidence.strip() or evidence.strip() not in text:
            continue  # not the executive's own words: never recorded as if it were
        try:
            confidence = min(1.0, max(0.0, float(item.get("confidence", DEFAULT_CONFIDENCE))))
        except (TypeError, ValueError):
            confidence = DEFAULT_CONFIDENCE
        beliefs.append(Belief(dimension, stance, confidence, evidence.strip()))
    commitment = data.get("commitment")
    if not isinstance(commitment, str) or not commitment.strip() or commitment.strip() not in text:
        commitment = None
    outcome = data.get("report_outcome")
    return Extraction(
        acts=acts,
        beliefs=tuple(beliefs),
        commitment=commitment.strip() if commitment else None,
        report_outcome=outcome if outcome in OUTCOMES else None,
    )


def _strings(value: Any) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


class Extractor:
    """Structured reading of one executive message by the model, or None."""

    def __init__(self, client: LLMClient, prompts: Prompts | None = None):
        self.client = client
        self.prompts = prompts or load_prompts()
        self.schema_supported = True  # until the server refuses the JSON-schema format once

    def extract(
        self, text: str, *, recent: Sequence[tuple[str, str]] = (), tenant: str, executive_id: int | None = None
    ) -> Extraction | None:
        """What ``text`` contains, or None (no model answer in time, or nothing usable)."""
        try:
            return self._extract(text, recent, tenant, executive_id)
        except Exception:  # understanding falls back to the built-in classifiers
            return None

    def _extract(
        self, text: str, recent: Sequence[tuple[str, str]], tenant: str, executive_id: int | None
    ) -> Extraction | None:
        if not text.strip() or safety_topic(text) or any_flagged(recent):
            return None
        messages = self.messages(text, recent)
        modes = ("schema", "tools") if self.schema_supported else ("tools",)
        for mode in modes:
            try:
                completion = self.client.chat(
                    messages, purpose="extract", tenant=tenant, executive_id=executive_id,
                    max_tokens=300, temperature=0.0, turn=(tenant, text), **_request_shape(mode),
                )
            except LLMUnsupported:
                if mode == "schema":
                    self.schema_supported = False
                continue
            except LLMError:
                return None  # slow, rate-limited or down: the budget is better spent elsewhere
            raw = completion.text if mode == "schema" else completion.tool_arguments
            try:
                extraction = parse(json.loads(raw or ""), text)
            except ValueError:
                extraction = None
            self.client.record(completion, purpose="extract", outcome="ok" if extraction else "malformed",
                               tenant=tenant, executive_id=executive_id)
            if extraction is not None:
                return extraction
        return None

    def messages(self, text: str, recent: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
        p = self.prompts
        dimensions = "\n".join(
            f"    {d}: old = {p.text(f'stances.{d}.old')}; new = {p.text(f'stances.{d}.new')}" for d in DIMENSIONS
        )
        system = p.text("llm.extract_system", acts=", ".join(ACTS), dimensions=dimensions)
        earlier = list(recent)
        if earlier and earlier[-1] == ("executive", text):
            earlier = earlier[:-1]
        user = p.text("llm.extract_user", recent=conversation(earlier, 4), text=as_data(text))
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _request_shape(mode: str) -> dict[str, Any]:
    if mode == "schema":
        return {"response_format": {"type": "json_schema",
                                    "json_schema": {"name": "message_reading", "schema": SCHEMA, "strict": True}}}
    tool = {"type": "function", "function": {"name": TOOL_NAME, "description": "Record what the message contains.",
                                             "parameters": SCHEMA}}
    return {"tools": [tool], "tool_choice": {"type": "function", "function": {"name": TOOL_NAME}}}


def merge_beliefs(builtin: Iterable[Belief], extracted: Iterable[Belief]) -> tuple[Belief, ...]:
    """The built-in detector's beliefs, plus the model's on dimensions the detector missed.

    Where both speak about a dimension the built-in reading stands: it is measured on
    an outside check set, the model's is not.
    """
    kept = list(builtin)
    seen = {b.dimension for b in kept}
    for belief in extracted:
        if belief.dimension not in seen:
            kept.append(belief)
            seen.add(belief.dimension)
    return tuple(kept)


def merge_acts(builtin: Iterable[str], extraction: Extraction | None) -> tuple[str, ...]:
    """Acts either reading found, in the built-in order."""
    found = set(builtin) | set(extraction.acts if extraction else ())
    return tuple(a for a in ACTS if a in found) + tuple(sorted(found - set(ACTS)))

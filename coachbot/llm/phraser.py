"""The LLM's voice for a move the engine decided: natural wording, the same guards.

:class:`LLMPhraser` hands the model the move, what it is for, the built-in wording as a
guide and this session's messages (as data); whatever comes back must pass
:func:`coachbot.guards.check` for the same request, or the built-in text goes out with
path ``llm_fallback``. It never raises: a timeout, a 429, a 500, malformed output or a
broken rule all end in the built-in wording.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter

from coachbot import guards
from coachbot.llm.client import LLMClient, LLMError
from coachbot.llm.prompt import any_flagged, as_data, conversation, turn_of
from coachbot.phrasing import Phrased, PhraseRequest
from coachbot.wording import Prompts, load_prompts

_LABEL = re.compile(r"^\s*(?:\*\*)?(?:coach|coachbot|assistant|message)(?:\*\*)?\s*:\s*", re.IGNORECASE)
_QUOTES: tuple[tuple[str, str], ...] = (("\"", "\""), ("“", "”"), ("'", "'"), ("‘", "’"))


def clean(text: str) -> str:
    """The model's text without wrapping quotes or a leading "Coach:" label, spaces tidied."""
    text = _LABEL.sub("", text.strip())
    for left, right in _QUOTES:
        if len(text) > 2 and text.startswith(left) and text.endswith(right) and text.count(left) <= 2:
            text = text[1:-1].strip()
    return re.sub(r"[ \t]+", " ", text).strip()


class LLMPhraser:
    """A :class:`coachbot.phrasing.Phraser` that asks the model and falls back to the built-in text."""

    def __init__(self, client: LLMClient, prompts: Prompts | None = None):
        self.client = client
        self.prompts = prompts or load_prompts()
        self.moves = frozenset(self.prompts.get("llm.phrase_moves"))
        # llm | builtin | guard (a call whose text broke a rule) | guard:<rule> | timeout | rate_limited | error...
        self.outcomes: Counter[str] = Counter()
        self.last_violations: list[str] = []  # of the newest call (for the bench and logs)
        self._lock = threading.Lock()

    def phrase(self, request: PhraseRequest) -> Phrased:
        try:
            return self._phrase(request)
        except Exception:  # a phraser must never cost the executive a reply
            self._count("error")
            return Phrased(request.builtin_text, "llm_fallback")

    def _phrase(self, request: PhraseRequest) -> Phrased:
        if request.move.kind not in self.moves or not request.builtin_text.strip() or any_flagged(request.recent):
            self._count("builtin")
            return Phrased(request.builtin_text, "builtin")
        executive_id = request.executive_id
        started = time.monotonic()
        try:
            completion = self.client.chat(
                self.messages(request),
                purpose="phrase",
                tenant=request.tenant,
                executive_id=executive_id,
                max_tokens=3 * guards.word_limit(request) // 2 + 20,  # about 1.3 tokens a word, and no more
                turn=turn_of(request.tenant, request.recent),
            )
        except LLMError as error:
            self._count(error.outcome)
            return Phrased(request.builtin_text, "llm_fallback")
        text = clean(completion.text)
        violations = guards.check(text, request)
        ms = int((time.monotonic() - started) * 1000)
        outcome = "guard" if violations else "ok"
        self.client.record(completion, purpose="phrase", outcome=outcome, tenant=request.tenant,
                           executive_id=executive_id, ms=ms)
        with self._lock:
            self.last_violations = violations
        if violations:
            self._count("guard")
            for rule in violations:
                self._count(f"guard:{rule}")
            return Phrased(request.builtin_text, "llm_fallback")
        self._count("llm")
        return Phrased(text, "llm")

    def messages(self, request: PhraseRequest) -> list[dict[str, str]]:
        """The chat messages for ``request``: the rules as system text, the rest as data."""
        p = self.prompts
        guide_asks = guards.questions(request.builtin_text) > 0
        rule = p.text("llm.question_rules.one" if guide_asks else "llm.question_rules.none")
        system = p.text(
            "llm.phrase_system",
            question_rule=rule,
            max_words=guards.word_limit(request),
            language=request.language or "en",
        )
        purpose = p.get("llm.moves").get(request.move.kind, "")
        user = p.text(
            "llm.phrase_user",
            move=request.move.kind,
            purpose=purpose,
            guide=as_data(request.builtin_text),
            conversation=conversation(request.recent),
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def _count(self, outcome: str) -> None:
        with self._lock:
            self.outcomes[outcome] += 1

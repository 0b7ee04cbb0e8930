"""A short summary of a session, written by the model, to open the next one.

The summary is for the coach's memory and is said back to the executive ("Last time
you ..."), so it passes the same guards as any message (no advice, nothing about
anyone else, no claim to be human, no question) and a length cap of its own; otherwise
:meth:`Summariser.summarise` returns None and the built-in summary is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from coachbot import guards
from coachbot.llm.client import LLMClient, LLMError
from coachbot.llm.phraser import clean
from coachbot.llm.prompt import any_flagged, conversation
from coachbot.phrasing import Move, PhraseRequest
from coachbot.wording import Prompts, load_prompts

MAX_WORDS = 60
MAX_TURNS = 30


class Summariser:
    def __init__(self, client: LLMClient, prompts: Prompts | None = None, max_words: int = MAX_WORDS):
        self.client = client
        self.prompts = prompts or load_prompts()
        self.max_words = max_words

    def summarise(
        self, recent: Sequence[tuple[str, str]], *, tenant: str, executive_id: int | None = None,
        builtin: str = "", language: str = "en",
    ) -> str | None:
        """A summary of the session's messages ``recent`` (oldest first), or None."""
        try:
            return self._summarise(recent, tenant, executive_id, builtin, language)
        except Exception:
            return None

    def _summarise(
        self, recent: Sequence[tuple[str, str]], tenant: str, executive_id: int | None, builtin: str, language: str
    ) -> str | None:
        if not any(role == "executive" for role, _ in recent) or any_flagged(recent):
            return None
        system = self.prompts.text("llm.summary_system", max_words=self.max_words)
        user = self.prompts.text("llm.summary_user", conversation=conversation(recent, MAX_TURNS))
        try:
            completion = self.client.chat(
                [{"role": "system", "content": system}, {"role": "user", "content": user}],
                purpose="summary", tenant=tenant, executive_id=executive_id, max_tokens=3 * self.max_words,
                temperature=0.2,
            )
        except LLMError:
            return None
        text = clean(completion.text)
        request = PhraseRequest(Move("reflect", "llm.summary"), builtin, tuple(recent), language, tenant,
                                executive_id)
        violations = [v for v in guards.check(text, request) if v != guards.TOO_LONG]
        if guards.word_count(text) > self.max_words:
            violations.append(guards.TOO_LONG)
        self.client.record(completion, purpose="summary", outcome="guard" if violations else "ok",
                           tenant=tenant, executive_id=executive_id)
        return None if violations else text

"""An LLM behind the coach: it phrases what the engine decided and helps it understand.

The engine stays in charge of *what* to do. With an LLM configured, :class:`LLMPhraser`
rewrites the built-in wording in a more natural voice, :class:`Extractor` reads dialogue
acts, beliefs and commitments out of the executive's message, and :class:`Summariser`
writes a short summary of a session. Every one of them falls back to the built-in
engine on any failure, timeout or guard violation, and never raises.

The ``openai`` package is imported lazily (``pip install coachbot[llm]``): without it,
or with no LLM settings, coachbot coaches with its built-in engine alone.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from coachbot.llm.client import LLMClient, LLMMissing, turn_budget
from coachbot.llm.config import LLMConfig
from coachbot.llm.extract import Extraction, Extractor
from coachbot.llm.phraser import LLMPhraser
from coachbot.llm.summary import Summariser
from coachbot.llm.usage import UsageLog
from coachbot.store import Store
from coachbot.wording import Prompts

log = logging.getLogger(__name__)

__all__ = ["LLM", "Extraction", "Extractor", "LLMClient", "LLMConfig", "LLMPhraser", "Summariser", "coach_options",
           "from_env", "turn_budget"]


@dataclass(frozen=True)
class LLM:
    """The configured model's three jobs, ready to hand to ``Coach``."""

    config: LLMConfig
    client: LLMClient
    phraser: LLMPhraser
    extractor: Extractor
    summariser: Summariser


def build(config: LLMConfig, store: Store | None, prompts: Prompts | None = None) -> LLM:
    """The LLM parts for ``config``; raises :class:`LLMMissing` without the openai package."""
    client = LLMClient(config, UsageLog(store) if store is not None else None)
    return LLM(config, client, LLMPhraser(client, prompts), Extractor(client, prompts), Summariser(client, prompts))


def from_env(store: Store | None, env: Mapping[str, str] | None = None, prompts: Prompts | None = None) -> LLM | None:
    """The LLM the environment configures, or None for the built-in engine alone.

    Settings that contradict themselves raise ValueError (a clear message for the
    operator); a missing ``openai`` package is logged and the built-in engine coaches.
    """
    config = LLMConfig.from_env(env)
    if config is None:
        return None
    try:
        return build(config, store, prompts)
    except LLMMissing as missing:
        log.warning("LLM settings found but %s; coaching with the built-in engine alone", missing)
        return None


def coach_options(store: Store, env: Mapping[str, str] | None = None) -> dict:
    """``Coach(store, **coach_options(store))``: the configured LLM's phraser, extractor and
    summariser, or nothing (the built-in engine alone). Raises ValueError on bad settings."""
    parts = from_env(store, env)
    if parts is None:
        return {}
    log.info("LLM: %s (a turn waits at most %.1f s for it)", parts.config.label, parts.config.budget_seconds)
    return {"phraser": parts.phraser, "extractor": parts.extractor, "summariser": parts.summariser}

"""LLM settings from the environment: OpenAI, Azure OpenAI, or any OpenAI-compatible server.

| variable | meaning |
|---|---|
| ``OPENAI_API_KEY`` | the key (a local server may take any non-empty value) |
| ``OPENAI_BASE_URL`` | an OpenAI-compatible server (vLLM, Ollama, llama.cpp, LiteLLM) |
| ``COACHBOT_LLM_MODEL`` | the model name (on Azure: the deployment name) |
| ``AZURE_OPENAI_ENDPOINT``, ``AZURE_OPENAI_API_KEY``, ``OPENAI_API_VERSION`` | Azure OpenAI |
| ``COACHBOT_LLM_BUDGET_SECONDS`` | the per-turn budget (default 8): past it the built-in reply goes out |
| ``COACHBOT_LLM_RETRIES`` | retries after a 429 / 5xx / dropped connection, within the budget (default 1) |
| ``COACHBOT_LLM=off`` | ignore every setting above: the built-in engine alone |

None of them set means no LLM: :meth:`LLMConfig.from_env` returns ``None``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_AZURE_API_VERSION = "2024-10-21"
DEFAULT_BUDGET_SECONDS = 8.0
DEFAULT_RETRIES = 1
# Local servers (Ollama, llama.cpp, vLLM without --api-key) ignore the key, but the
# client refuses to start without one.
PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True)
class LLMConfig:
    """Where the LLM is and how long a turn may wait for it."""

    provider: Literal["openai", "azure"]
    model: str  # on Azure: the deployment name
    api_key: str
    base_url: str | None = None  # OpenAI-compatible servers; None means OpenAI itself
    azure_endpoint: str | None = None
    api_version: str | None = None
    budget_seconds: float = DEFAULT_BUDGET_SECONDS
    retries: int = DEFAULT_RETRIES

    @property
    def label(self) -> str:
        """A short name for reports: provider and model, never the key."""
        where = self.azure_endpoint or self.base_url or "api.openai.com"
        return f"{self.provider}:{self.model}@{where}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMConfig | None:
        """The configured LLM, or None for the built-in engine alone.

        Raises ValueError with a readable message when the settings contradict
        themselves (a base URL with no model name, a budget that is not a number).
        """
        env = os.environ if env is None else env

        def get(name: str) -> str:
            return (env.get(name) or "").strip()

        if get("COACHBOT_LLM").lower() in ("off", "0", "false", "no", "none"):
            return None
        budget = _number(get("COACHBOT_LLM_BUDGET_SECONDS"), DEFAULT_BUDGET_SECONDS, "COACHBOT_LLM_BUDGET_SECONDS")
        retries = int(_number(get("COACHBOT_LLM_RETRIES"), DEFAULT_RETRIES, "COACHBOT_LLM_RETRIES"))
        if budget <= 0 or retries < 0:
            raise ValueError("COACHBOT_LLM_BUDGET_SECONDS must be above 0 and COACHBOT_LLM_RETRIES 0 or more")
        model = get("COACHBOT_LLM_MODEL")
        endpoint = get("AZURE_OPENAI_ENDPOINT")
        if endpoint:
            deployment = model or get("AZURE_OPENAI_DEPLOYMENT")
            if not deployment:
                raise ValueError("Azure OpenAI needs COACHBOT_LLM_MODEL set to the deployment name")
            key = get("AZURE_OPENAI_API_KEY") or get("OPENAI_API_KEY")
            if not key:
                raise ValueError("Azure OpenAI needs AZURE_OPENAI_API_KEY")
            return cls(
                provider="azure",
                model=deployment,
                api_key=key,
                azure_endpoint=endpoint,
                api_version=get("OPENAI_API_VERSION") or DEFAULT_AZURE_API_VERSION,
                budget_seconds=budget,
                retries=retries,
            )
        base_url, key = get("OPENAI_BASE_URL"), get("OPENAI_API_KEY")
        if not (base_url or key or model):
            return None
        if base_url and not model:
            raise ValueError(f"COACHBOT_LLM_MODEL must name the model that {base_url} serves")
        if not base_url and not key:
            raise ValueError("OpenAI needs OPENAI_API_KEY (or set OPENAI_BASE_URL for a server of your own)")
        return cls(
            provider="openai",
            model=model or DEFAULT_OPENAI_MODEL,
            api_key=key or PLACEHOLDER_KEY,
            base_url=base_url or None,
            budget_seconds=budget,
            retries=retries,
        )


def _number(raw: str, default: float, name: str) -> float:
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None

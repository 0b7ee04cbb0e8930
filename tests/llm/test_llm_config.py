"""Which LLM coachbot talks to, from the environment a company sets."""

from __future__ import annotations

import pytest

from coachbot.llm.config import LLMConfig


def test_nothing_set_means_the_builtin_engine_alone():
    assert LLMConfig.from_env({}) is None


def test_openai_with_a_key_alone():
    config = LLMConfig.from_env({"OPENAI_API_KEY": "sk-x"})
    assert (config.provider, config.model, config.base_url) == ("openai", "gpt-4o-mini", None)


def test_a_server_of_your_own_needs_no_key_but_a_model_name():
    config = LLMConfig.from_env({"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "COACHBOT_LLM_MODEL": "llama3.2"})
    assert (config.base_url, config.model) == ("http://127.0.0.1:11434/v1", "llama3.2")
    assert config.api_key  # the client needs some key, the server ignores it
    with pytest.raises(ValueError, match="COACHBOT_LLM_MODEL"):
        LLMConfig.from_env({"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1"})


def test_azure_uses_the_deployment_as_the_model():
    config = LLMConfig.from_env({
        "AZURE_OPENAI_ENDPOINT": "https://acme.openai.azure.com",
        "AZURE_OPENAI_API_KEY": "az-key",
        "OPENAI_API_VERSION": "2024-10-21",
        "COACHBOT_LLM_MODEL": "coach-gpt4o",
    })
    assert (config.provider, config.model, config.api_version) == ("azure", "coach-gpt4o", "2024-10-21")
    assert "az-key" not in config.label
    with pytest.raises(ValueError, match="deployment"):
        LLMConfig.from_env({"AZURE_OPENAI_ENDPOINT": "https://acme.openai.azure.com", "AZURE_OPENAI_API_KEY": "k"})


def test_budget_and_retries_are_read_and_checked():
    config = LLMConfig.from_env({"OPENAI_API_KEY": "k", "COACHBOT_LLM_BUDGET_SECONDS": "3.5",
                                 "COACHBOT_LLM_RETRIES": "2"})
    assert (config.budget_seconds, config.retries) == (3.5, 2)
    with pytest.raises(ValueError, match="number"):
        LLMConfig.from_env({"OPENAI_API_KEY": "k", "COACHBOT_LLM_BUDGET_SECONDS": "soon"})


def test_the_llm_can_be_switched_off_whatever_else_is_set():
    assert LLMConfig.from_env({"OPENAI_API_KEY": "k", "COACHBOT_LLM": "off"}) is None

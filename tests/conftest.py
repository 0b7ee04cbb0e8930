"""Fixtures every test can use: a fresh database and a coach bound to it.

Platform stand-ins (the fake Slack Web API, the fake Bot Framework connector, the
fake LLM server) live in the conftest.py of their own test folders.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from coachbot.engine import Coach
from coachbot.models import Who
from coachbot.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "coachbot.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def coach(store: Store) -> Coach:
    return Coach(store)


@pytest.fixture
def who() -> Who:
    return Who(tenant="T-ACME", user="U-ALICE", platform="cli")


@pytest.fixture
def monday() -> datetime:
    return datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def llm_server():
    """A stand-in OpenAI-compatible server on 127.0.0.1 (see tests/llm_standin.py)."""
    from llm_standin import StandInLLM

    server = StandInLLM()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def llm_env(llm_server, monkeypatch):
    """The environment a company sets to point coachbot at the stand-in server."""
    for name in ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "COACHBOT_LLM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-stand-in")
    monkeypatch.setenv("COACHBOT_LLM_MODEL", "stand-in-model")
    monkeypatch.setenv("COACHBOT_LLM_BUDGET_SECONDS", "2")
    return llm_server

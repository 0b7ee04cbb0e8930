"""The terminal coach needs no LLM package: openai is an optional extra."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
sys.modules["openai"] = None  # as if `pip install coachbot` without the [llm] extra
from coachbot.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_chat_runs_without_the_openai_package_even_with_llm_settings(db_path):
    env = {**os.environ, "OPENAI_API_KEY": "sk-set-but-no-package", "COACHBOT_LLM_MODEL": "gpt-4o-mini"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "chat", "--user", "u1", "--db", str(db_path), "--jsonl"],
        input="Our customers stay because they trust us.\n", capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert '"role": "coach"' in done.stdout


def test_from_env_without_the_package_means_the_builtin_engine(monkeypatch, store):
    from coachbot import llm

    monkeypatch.setitem(sys.modules, "openai", None)
    assert llm.from_env(store, {"OPENAI_API_KEY": "sk-x"}) is None


def test_contradictory_llm_settings_are_one_clear_line(db_path, monkeypatch, capsys):
    from coachbot.cli import main

    monkeypatch.delenv("COACHBOT_LLM", raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.delenv("COACHBOT_LLM_MODEL", raising=False)
    assert main(["chat", "--user", "u1", "--db", str(db_path), "--jsonl"]) == 2
    assert "COACHBOT_LLM_MODEL must name the model" in capsys.readouterr().err

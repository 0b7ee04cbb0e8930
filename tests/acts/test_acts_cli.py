"""``coachbot acts``: one JSON line per input line with the acts, commitment and report."""

from __future__ import annotations

import json
import subprocess
import sys


def run(lines: list[str], *flags: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "coachbot", "acts", *flags],
        input="\n".join(lines) + "\n", capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_one_json_line_per_input_line_in_order():
    lines = ["hi", "", "I'll call two suppliers on Friday. Bye!", "Didn't do it, sorry."]
    out = run(lines)
    assert [o["text"] for o in out] == lines
    assert out[0]["acts"][0]["name"] == "greeting"
    assert out[1]["acts"] == []
    assert out[2]["commitment"] == "I'll call two suppliers on Friday" and out[2]["has_when"] is True
    assert {a["name"] for a in out[2]["acts"]} >= {"commitment", "goodbye"}
    for o in out:
        assert set(o) >= {"text", "acts", "commitment", "has_when", "report", "feelings", "question", "language"}
        assert all(0.0 <= a["confidence"] <= 1.0 for a in o["acts"])


def test_the_expecting_report_flag_reads_a_report():
    out = run(["Didn't do it, sorry."], "--expecting-report")
    assert out[0]["report"]["outcome"] == "not_done"

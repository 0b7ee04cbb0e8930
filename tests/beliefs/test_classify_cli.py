"""``coachbot classify`` (CONTRACTS.md) runs the detector: one JSON line per input line."""

from __future__ import annotations

import json
import subprocess
import sys


def test_classify_prints_one_result_per_line_with_contract_keys(tmp_path):
    lines = ["Social media is an advertising channel for us, nothing more.", "Good morning!", "", "🙂"]
    result = subprocess.run(
        [sys.executable, "-m", "coachbot", "classify", "--jsonl", "--db", str(tmp_path / "x.db")],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [o["text"] for o in out] == lines
    assert [(b["dimension"], b["stance"]) for b in out[0]["beliefs"]] == [("social_purpose", "old")]
    assert all(o["beliefs"] == [] for o in out[1:])
    for b in out[0]["beliefs"]:
        assert set(b) == {"dimension", "stance", "confidence"}
        assert 0.0 <= b["confidence"] <= 1.0

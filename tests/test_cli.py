"""The command line, run as a user runs it: a real process, standard input and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def coachbot(*args: str, stdin: str = "", db: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if db is not None:
        env["COACHBOT_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "coachbot", *args], input=stdin.encode(), capture_output=True, env=env, timeout=60
    )


def jsonl(result: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode().splitlines() if line.strip()]


SESSION_ONE = "\n".join([
    "Social media is just a marketing channel for us, like print ads.",
    "We make industrial pumps that last forty years.",
    "Our distributors own the customer relationship.",
])
SESSION_TWO = "\n".join([
    "I tried it, partly.",
    "I now think social is how we run the whole business, not a channel.",
])


def test_chat_from_standard_input_answers_every_line_and_closes_with_a_nudge(db_path):
    result = coachbot("chat", "--user", "ana", "--jsonl", stdin=SESSION_ONE, db=db_path)
    assert result.returncode == 0, result.stderr
    messages = jsonl(result)
    assert all(m["role"] == "coach" and m["text"] for m in messages)
    assert messages[0]["kind"] == "opening"
    assert [m["kind"] for m in messages[-2:]] == ["close", "nudge"]


def test_two_invocations_are_two_sessions_and_the_journey_shows_the_shift(db_path):
    coachbot("chat", "--user", "ana", "--jsonl", stdin=SESSION_ONE, db=db_path)
    second = jsonl(coachbot("chat", "--user", "ana", "--jsonl", stdin=SESSION_TWO, db=db_path))
    assert "Last time" in second[0]["text"]

    journey = json.loads(coachbot("journey", "--user", "ana", "--json", db=db_path).stdout)
    assert journey["user"] == "ana" and journey["sessions"] == 2
    observations = journey["dimensions"]["social_purpose"]["observations"]
    assert {o["session"] for o in observations} == {1, 2}
    assert all(o["evidence"] in SESSION_ONE + SESSION_TWO for o in observations)
    assert {"dimension": "social_purpose", "from": "old", "to": "new", "session": 2} in journey["shifts"]
    assert -1.0 <= journey["dimensions"]["social_purpose"]["position"] <= 1.0


def test_journey_reads_well_without_json(db_path):
    coachbot("chat", "--user", "ana", stdin=SESSION_ONE, db=db_path)
    text = coachbot("journey", "--user", "ana", db=db_path).stdout.decode()
    assert "social_purpose" in text and "●" in text and "no evidence yet" in text


def test_plain_chat_prints_the_coach_lines(db_path):
    result = coachbot("chat", "--user", "ana", stdin="We make pumps.\n", db=db_path)
    lines = result.stdout.decode().splitlines()
    assert lines and all(line.startswith("coach: ") for line in lines if line)


def test_classify_prints_one_json_object_per_line(db_path):
    texts = ["Social media is a marketing channel for us.", "Good morning!", "", "🤝 we co-create with customers"]
    out = jsonl(coachbot("classify", "--jsonl", stdin="\n".join(texts) + "\n", db=db_path))
    assert [o["text"] for o in out] == texts
    assert out[1]["beliefs"] == [] and out[2]["beliefs"] == []
    assert {"dimension": "social_purpose", "stance": "old"}.items() <= out[0]["beliefs"][0].items()


def test_export_prints_all_of_the_executives_data(db_path):
    coachbot("chat", "--user", "ana", stdin=SESSION_ONE, db=db_path)
    data = json.loads(coachbot("export", "--user", "ana", db=db_path).stdout)
    said = [m["text"] for m in data["tables"]["messages"] if m["role"] == "executive"]
    assert said == SESSION_ONE.split("\n")


def test_forget_needs_yes_when_not_on_a_terminal_and_then_deletes_everything(db_path):
    coachbot("chat", "--user", "ana", stdin=SESSION_ONE, db=db_path)
    refused = coachbot("forget", "--user", "ana", db=db_path)
    assert refused.returncode != 0 and b"--yes" in refused.stderr
    done = coachbot("forget", "--user", "ana", "--yes", db=db_path)
    assert done.returncode == 0
    assert coachbot("export", "--user", "ana", db=db_path).returncode != 0


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--user", "nobody"),
        ("journey", "--user", "   ", "--json"),
        ("chat", "--user", "ana", "--db", "/proc/definitely/not/here.db"),
    ],
)
def test_errors_are_one_line_and_a_non_zero_exit_never_a_traceback(db_path, args):
    result = coachbot(*args, db=db_path)
    assert result.returncode != 0
    err = result.stderr.decode()
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err

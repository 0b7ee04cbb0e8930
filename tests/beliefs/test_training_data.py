"""The training data and the trainer: the held-out split stays out, every label has enough
examples, and a rebuild gives the same model."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from coachbot.beliefs.data import (
    DATA,
    LABELS,
    OUTSIDE_SETS,
    label_set,
    load_authored,
    read_jsonl,
    shared_dev_set,
    split,
)
from coachbot.beliefs.model import MODEL_PATH


def test_heldout_split_shares_no_text_with_training():
    train, heldout = split(load_authored())
    assert heldout
    assert not {r["text"] for r in train} & {r["text"] for r in heldout}


def test_committed_splits_match_the_authored_files():
    train, heldout = split(load_authored())
    assert read_jsonl(DATA / "train.jsonl") == train
    assert read_jsonl(DATA / "heldout.jsonl") == heldout


def test_every_label_has_at_least_forty_training_examples_and_no_belief_texts_exist():
    train, _ = split(load_authored())
    for label in LABELS:
        assert sum(label in label_set(r) for r in train) >= 40, label
    assert sum(not r["labels"] for r in train) >= 100


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def test_training_never_sees_the_dev_set():
    dev = shared_dev_set()
    if not dev.exists():
        pytest.skip("no shared dev set next to the repository")
    dev_texts = {_key(json.loads(line)["text"]) for line in dev.open(encoding="utf-8")}
    ours = {_key(r["text"]) for r in load_authored()}
    assert not dev_texts & ours


@pytest.mark.parametrize(
    ("name", "at_least"), [("outside_check.jsonl", 80), ("chat_dev.jsonl", 100), ("chat_test.jsonl", 250)]
)
def test_training_never_sees_the_sets_written_by_others(name, at_least):
    assert name in OUTSIDE_SETS
    check_texts = {_key(r["text"]) for r in read_jsonl(DATA / name)}
    ours = {_key(r["text"]) for r in load_authored()}
    assert len(check_texts) >= at_least and not check_texts & ours


def test_no_authored_sentence_is_lifted_from_the_chat_sets():
    """Longer messages are checked sentence by sentence: a copied line inside one of ours counts."""
    theirs = {
        _key(s)
        for name in ("chat_dev.jsonl", "chat_test.jsonl")
        for r in read_jsonl(DATA / name)
        for s in re.split(r"(?<=[.!?])\s+", r["text"])
        if len(s.split()) >= 8
    }
    ours = {_key(s) for r in load_authored() for s in re.split(r"(?<=[.!?])\s+", r["text"])}
    assert not theirs & ours


def test_shipped_model_lists_the_sixteen_labels():
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert spec["labels"] == list(LABELS)
    assert 0.0 < spec["threshold"] <= spec["extra_threshold"] <= 1.0


def test_training_is_deterministic():
    pytest.importorskip("sklearn")
    from coachbot.beliefs.train import fit_weights

    train, _ = split(load_authored())
    sample = train[::4]
    assert fit_weights(sample) == fit_weights(sample)


def test_the_shipped_model_is_exactly_what_one_command_rebuilds(tmp_path):
    pytest.importorskip("sklearn")
    rebuilt = tmp_path / "model.json"
    subprocess.run(
        [sys.executable, "-m", "coachbot.beliefs.train", "--out", str(rebuilt)],
        check=True, capture_output=True, timeout=300,
    )
    assert rebuilt.read_bytes() == MODEL_PATH.read_bytes()

"""The training data and the trainer: the held-out split stays out, every label has enough
examples, and a rebuild gives the same model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coachbot.beliefs.data import DATA, LABELS, label_set, load_authored, read_jsonl, split
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


def test_training_never_sees_the_dev_set():
    dev = DATA.parents[1].parent / "shared" / "eval" / "beliefs_dev.jsonl"
    if not dev.exists():
        pytest.skip("no shared dev set next to the repository")
    dev_texts = {" ".join(json.loads(line)["text"].lower().split()) for line in dev.open(encoding="utf-8")}
    ours = {" ".join(r["text"].lower().split()) for r in load_authored()}
    assert not dev_texts & ours


def test_training_never_sees_the_outside_check_set():
    check = DATA / "outside_check.jsonl"
    check_texts = {" ".join(r["text"].lower().split()) for r in read_jsonl(check)}
    ours = {" ".join(r["text"].lower().split()) for r in load_authored()}
    assert len(check_texts) >= 80 and not check_texts & ours


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

"""The training data and the trainer: held-out texts stay out, every act has enough examples,
and one command rebuilds the shipped model byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coachbot.acts.data import (
    ACTS,
    DATA,
    OUTSIDE_DEV,
    OUTSIDE_TEST,
    key,
    load_authored,
    read_jsonl,
    split,
    training_rows,
)
from coachbot.acts.model import MODEL_PATH


def test_our_heldout_split_shares_no_text_with_training():
    train, heldout = split(load_authored())
    assert heldout
    assert not {key(r.text) for r in train} & {key(r.text) for r in heldout}


def test_committed_splits_match_the_authored_files():
    train, heldout = split(load_authored())
    assert read_jsonl(DATA / "heldout.jsonl") == [r.as_dict() for r in heldout]
    assert read_jsonl(DATA / "train.jsonl") == [r.as_dict() for r in training_rows()]


def test_the_outside_dev_and_test_sets_are_kept_out_of_training():
    dev, test = read_jsonl(OUTSIDE_DEV), read_jsonl(OUTSIDE_TEST)
    assert len(dev) >= 150 and len(test) >= 400
    outside = {key(r["text"]) for r in dev + test}
    # A stock phrase ("hi", "pause") may be written by both authors; the trainer drops it.
    assert not outside & {key(r.text) for r in training_rows()}
    assert not outside & {key(r["text"]) for r in read_jsonl(DATA / "train.jsonl")}
    shared = outside & {key(r.text) for r in load_authored()}
    assert all(len(t.split()) <= 8 for t in shared), shared


def test_enough_examples_of_every_act():
    rows = load_authored()
    assert len(rows) >= 2500
    for act in ACTS:
        assert sum(act in r.acts for r in rows) >= 120, act
    assert sum(len(r.acts) > 1 for r in rows) >= 400


def test_commitment_clauses_are_verbatim_and_reports_have_outcomes():
    for r in load_authored():
        assert ("commitment" in r.acts) == (r.commitment is not None), r.text
        assert r.commitment is None or r.commitment in r.text
        assert ("report" in r.acts) == (r.outcome is not None), r.text
        assert r.learnt is None or r.learnt in r.text


def test_shipped_model_lists_the_twelve_acts_and_three_outcomes():
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert spec["labels"] == list(ACTS)
    assert spec["outcome"]["labels"] == ["done", "partly", "not_done"]
    assert all(0.0 < t < 1.0 for t in spec["thresholds"])


def test_the_shipped_model_is_exactly_what_one_command_rebuilds(tmp_path):
    pytest.importorskip("sklearn")
    rebuilt = tmp_path / "model.json"
    subprocess.run(
        [sys.executable, "-m", "coachbot.acts.train", "--out", str(rebuilt)],
        check=True, capture_output=True, timeout=600,
    )
    assert rebuilt.read_bytes() == MODEL_PATH.read_bytes()

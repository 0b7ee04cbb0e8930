"""Rebuild ``model.json`` from the hand-written texts: ``python -m coachbot.beliefs.train``.

Steps, all deterministic (fixed seeds, sorted features, a hash-based split):
1. read ``data/beliefs/authored/*``, split by hash into ``train.jsonl`` and ``heldout.jsonl``
   (both written out; the held-out texts are never used for fitting or tuning);
2. fit one L2 logistic regression per (dimension, stance) on the training texts' features;
3. calibrate each label with a Platt curve fitted on 5-fold out-of-fold scores, and pick two
   decision thresholds (one for a text's most likely belief, a higher one for any further
   belief) that maximise out-of-fold macro-F1 while leaving at least ``MIN_EMPTY`` of the
   no-belief texts empty;
4. write the weights, rounded and pruned, to ``coachbot/beliefs/model.json``.

scikit-learn is needed here only (``pip install -e ".[train]"``); the runtime reads JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coachbot.beliefs.data import DATA, LABELS, label_set, load_authored, split, write_jsonl
from coachbot.beliefs.features import features
from coachbot.beliefs.model import MODEL_PATH, decide

SEED = 13
FOLDS = 5
C = 2.0  # inverse L2 strength, chosen by cross-validation on the training split
MIN_COUNT = 2  # a feature seen once in training is as likely noise as signal
QUESTION_FACTOR = 0.3  # a question is usually not a stated belief: with the thresholds, none survives
REPORTED_FACTOR = 0.75
DIGITS = 4
MIN_EMPTY = 0.85  # most messages to a coach state no belief; a false belief is worse than a miss
GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(14))


def _fit(x, y, c: float):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED)
    clf.fit(x, y)
    return clf


def _matrix(rows: list[dict], vocab: dict[str, int]):
    from scipy.sparse import lil_matrix

    x = lil_matrix((len(rows), len(vocab)), dtype=float)
    for i, row in enumerate(rows):
        for f in features(row["text"]):
            j = vocab.get(f)
            if j is not None:
                x[i, j] = 1.0
    return x.tocsr()


def _vocab(rows: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        for f in features(row["text"]):
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    return {f: i for i, f in enumerate(kept)}


def out_of_fold(rows: list[dict], c: float = C) -> list[list[float]]:
    """Raw scores of each training text from models that did not see it (stratified by label)."""
    import numpy as np
    from sklearn.model_selection import KFold

    scores = [[0.0] * len(LABELS) for _ in rows]
    folds = KFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for fit_idx, val_idx in folds.split(np.arange(len(rows))):
        fit_rows = [rows[i] for i in fit_idx]
        vocab = _vocab(fit_rows)
        x_fit = _matrix(fit_rows, vocab)
        x_val = _matrix([rows[i] for i in val_idx], vocab)
        for k, label in enumerate(LABELS):
            y = [label in label_set(r) for r in fit_rows]
            z = _fit(x_fit, y, c).decision_function(x_val)
            for i, v in zip(val_idx, z, strict=True):
                scores[i][k] = float(v)
    return scores


def _platt(z: list[float], y: list[bool]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=100.0, max_iter=1000, random_state=SEED)
    clf.fit([[v] for v in z], y)
    return float(clf.coef_[0][0]), float(clf.intercept_[0])


def _sigmoid(v: float) -> float:
    import math

    return 1 / (1 + math.exp(-max(-50.0, min(50.0, v))))


def macro_f1(gold: list[set[str]], pred: list[set[str]]) -> float:
    total = 0.0
    for label in LABELS:
        tp = sum(label in g and label in p for g, p in zip(gold, pred, strict=True))
        fp = sum(label not in g and label in p for g, p in zip(gold, pred, strict=True))
        fn = sum(label in g and label not in p for g, p in zip(gold, pred, strict=True))
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(LABELS)


def _predict(probs: list[list[float]], first: float, extra: float) -> list[set[str]]:
    return [{LABELS[i] for i in decide(row, LABELS, first, extra)} for row in probs]


def _empty_share(gold: list[set[str]], pred: list[set[str]]) -> float:
    empty = [not p for g, p in zip(gold, pred, strict=True) if not g]
    return sum(empty) / len(empty) if empty else 1.0


def build(rows: list[dict], c: float = C) -> tuple[dict, dict]:
    """The model spec and a report of out-of-fold figures."""
    oof = out_of_fold(rows, c)
    gold = [label_set(r) for r in rows]
    platt = [_platt([s[k] for s in oof], [label in g for g in gold]) for k, label in enumerate(LABELS)]
    probs = [[_sigmoid(a * s[k] + b) for k, (a, b) in enumerate(platt)] for s in oof]
    scored = []
    for first in GRID:
        for extra in (t for t in GRID if t >= first):
            pred = _predict(probs, first, extra)
            if _empty_share(gold, pred) >= MIN_EMPTY:
                scored.append((round(macro_f1(gold, pred), 4), -first, -extra))
    f1, first, extra = max(scored)
    first, extra = -first, -extra
    vocab = _vocab(rows)
    x = _matrix(rows, vocab)
    names = sorted(vocab, key=vocab.get)
    bias, columns = [], []
    for label in LABELS:
        clf = _fit(x, [label in g for g in gold], c)
        bias.append(round(float(clf.intercept_[0]), DIGITS))
        columns.append(clf.coef_[0])
    weights = {}
    for j, name in enumerate(names):
        w = [round(float(col[j]), DIGITS) for col in columns]
        if any(abs(v) >= 10**-DIGITS for v in w):
            weights[name] = w
    spec = {
        "about": "coachbot belief detector; rebuild with: python -m coachbot.beliefs.train",
        "labels": list(LABELS),
        "bias": bias,
        "platt": [[round(a, DIGITS), round(b, DIGITS)] for a, b in platt],
        "threshold": first,
        "extra_threshold": extra,
        "question_factor": QUESTION_FACTOR,
        "reported_factor": REPORTED_FACTOR,
        "weights": weights,
    }
    report = {
        "train_texts": len(rows),
        "features": len(weights),
        "oof_macro_f1": f1,
        "oof_empty_share": round(_empty_share(gold, _predict(probs, first, extra)), 4),
        "thresholds": [first, extra],
    }
    return spec, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c", type=float, default=C)
    args = parser.parse_args(argv)
    train, heldout = split(load_authored())
    write_jsonl(DATA / "train.jsonl", train)
    write_jsonl(DATA / "heldout.jsonl", heldout)
    spec, report = build(train, args.c)
    args.out.write_text(json.dumps(spec, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    report["heldout_texts"] = len(heldout)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

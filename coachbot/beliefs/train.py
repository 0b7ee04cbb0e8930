"""Rebuild ``model.json`` from the hand-written texts: ``python -m coachbot.beliefs.train``.

Steps, all deterministic (fixed seeds, sorted features, a hash-based split):
1. read ``data/beliefs/authored/*``, split by hash into ``train.jsonl`` and ``heldout.jsonl``
   (both written out; the held-out texts are never used for fitting or tuning);
2. fit one L2 logistic regression per (dimension, stance) on the training texts' features;
3. calibrate each label with a Platt curve fitted on 5-fold out-of-fold scores, then run
   ``detect()``'s own pipeline (sentences, questions, reported speech) with each fold's model
   on the texts it did not see, and pick two decision thresholds (one for a text's most likely
   belief, a higher one for any further belief) that maximise that out-of-fold macro-F1 while
   leaving at least ``MIN_EMPTY`` of the no-belief texts empty;
4. fit the reported-confidence curve on the out-of-fold beliefs detect() returns from the
   engine's recording bar (0.5) up, so that a reported confidence is how often such a belief
   was right (below the bar a belief keeps its probability, so nothing is lifted over it);
5. write the weights, rounded and pruned, to ``coachbot/beliefs/model.json``.

scikit-learn is needed here only (``pip install -e ".[train]"``); the runtime reads JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coachbot.beliefs.data import DATA, LABELS, label_set, load_authored, split, write_jsonl
from coachbot.beliefs.featurize import features
from coachbot.beliefs.model import MODEL_PATH, Model

SEED = 13
FOLDS = 5
C = 2.0  # inverse L2 strength, chosen by cross-validation on the training split
MIN_COUNT = 2  # a feature seen once in training is as likely noise as signal
REPORTED_FACTOR = 0.75  # someone else's view is context: kept, but below the executive's own
DIGITS = 4  # weights are rounded to this many decimals: a smaller file, no change in output
MIN_EMPTY = 0.9  # most messages to a coach state no belief; a false belief is worse than a miss
RECORD = 0.5  # the engine records a belief from this confidence up (prompts/policy.yaml); the
# reported confidence is recalibrated from here up, and left as it is below
TIE = 0.002  # out-of-fold macro-F1 differences this small are noise
GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(16))


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


def fit_weights(rows: list[dict], c: float = C) -> dict:
    """Bias and rounded weights of one logistic regression per label, as stored in model.json."""
    vocab = _vocab(rows)
    x = _matrix(rows, vocab)
    names = sorted(vocab, key=lambda f: vocab[f])
    bias, columns = [], []
    for label in LABELS:
        clf = _fit(x, [label in label_set(r) for r in rows], c)
        bias.append(round(float(clf.intercept_[0]), DIGITS))
        columns.append(clf.coef_[0])
    weights = {}
    for j, name in enumerate(names):
        w = [round(float(col[j]), DIGITS) for col in columns]
        if any(abs(v) >= 10**-DIGITS for v in w):
            weights[name] = w
    return {"labels": list(LABELS), "bias": bias, "weights": weights}


def _with_settings(weights: dict, platt: list[tuple[float, float]], first: float, extra: float) -> dict:
    return {
        **weights,
        "platt": [[round(a, DIGITS), round(b, DIGITS)] for a, b in platt],
        "threshold": first,
        "extra_threshold": extra,
        "reported_factor": REPORTED_FACTOR,
    }


def out_of_fold(rows: list[dict], c: float = C) -> tuple[list[list[float]], list[int], list[dict]]:
    """Raw whole-text scores of each training text from a model that did not see it, the fold
    each text was scored in, and each fold's weights."""
    import numpy as np
    from sklearn.model_selection import KFold

    scores = [[0.0] * len(LABELS) for _ in rows]
    fold_of = [0] * len(rows)
    fold_weights = []
    folds = KFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for k, (fit_idx, val_idx) in enumerate(folds.split(np.arange(len(rows)))):
        weights = fit_weights([rows[i] for i in fit_idx], c)
        model = Model(_with_settings(weights, [(1.0, 0.0)] * len(LABELS), 0.5, 0.5))
        for i in val_idx:
            scores[i] = model.raw(features(rows[i]["text"]))
            fold_of[i] = k
        fold_weights.append(weights)
    return scores, fold_of, fold_weights


def _platt(z: list[float], y: list[bool]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=100.0, max_iter=1000, random_state=SEED)
    clf.fit([[v] for v in z], y)
    return float(clf.coef_[0][0]), float(clf.intercept_[0])


def _confidence_curve(returned: list[tuple[float, bool]]) -> tuple[float, float]:
    """(a, b) of sigmoid(a * logit(p) + b), fitted on out-of-fold returned beliefs (p, right?)."""
    import math

    from sklearn.linear_model import LogisticRegression

    x = [[math.log(q / (1 - q))] for q in (min(max(p, 1e-6), 1 - 1e-6) for p, _ in returned)]
    clf = LogisticRegression(C=100.0, max_iter=1000, random_state=SEED)
    clf.fit(x, [ok for _, ok in returned])
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


def _empty_share(gold: list[set[str]], pred: list[set[str]]) -> float:
    empty = [not p for g, p in zip(gold, pred, strict=True) if not g]
    return sum(empty) / len(empty) if empty else 1.0


def build(rows: list[dict], c: float = C) -> tuple[dict, dict]:
    """The model spec and a report of out-of-fold figures."""
    from coachbot.beliefs import candidates, resolve

    oof, fold_of, fold_weights = out_of_fold(rows, c)
    gold = [label_set(r) for r in rows]
    platt = [_platt([s[k] for s in oof], [label in g for g in gold]) for k, label in enumerate(LABELS)]
    # Thresholds are tuned on what detect() itself returns for texts its model did not see.
    fold_models = [Model(_with_settings(w, platt, 0.5, 0.5)) for w in fold_weights]
    seen = [candidates(r["text"], fold_models[k]) for r, k in zip(rows, fold_of, strict=True)]
    tuner = fold_models[0]

    def predict(first: float, extra: float) -> list[set[str]]:
        tuner.threshold, tuner.extra_threshold = first, extra
        return [{f"{b.dimension}:{b.stance}" for b in resolve(own, others, tuner)} for own, others in seen]

    scored = []
    for first in GRID:
        for extra in (t for t in GRID if t >= first):
            pred = predict(first, extra)
            if _empty_share(gold, pred) >= MIN_EMPTY:
                scored.append((round(macro_f1(gold, pred), 4), -first, -extra))
    # Out-of-fold macro-F1 barely moves across the upper thresholds (few training texts state two
    # beliefs, many chat messages do), so within a noise margin of the best the lowest
    # thresholds win: a second belief stated in passing is still found.
    best = max(f for f, _, _ in scored)
    first, extra, f1 = max((fi, ex, f) for f, fi, ex in scored if f >= best - TIE)
    first, extra = -first, -extra
    # What detect() returns from the recording bar up, against the truth, fits the reported confidence.
    tuner.threshold, tuner.extra_threshold = first, extra
    returned = [
        (b.confidence, f"{b.dimension}:{b.stance}" in g)
        for (own, others), g in zip(seen, gold, strict=True)
        for b in resolve(own, others, tuner)
        if not b.reported and b.confidence >= RECORD
    ]
    spec = {
        "about": "coachbot belief detector; rebuild with: python -m coachbot.beliefs.train",
        **_with_settings(fit_weights(rows, c), platt, first, extra),
        "confidence_curve": [*(round(v, DIGITS) for v in _confidence_curve(returned)), RECORD],
    }
    report = {
        "train_texts": len(rows),
        "features": len(spec["weights"]),
        "oof_macro_f1": f1,
        "oof_empty_share": round(_empty_share(gold, predict(first, extra)), 4),
        "thresholds": [first, extra],
        "confidence_curve": spec["confidence_curve"],
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

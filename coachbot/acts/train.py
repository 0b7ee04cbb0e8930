"""Rebuild ``model.json`` from the hand-written messages: ``python -m coachbot.acts.train``.

Steps, all deterministic (fixed seeds, sorted features, a hash-based split):
1. read ``data/acts/authored/*.txt``, split by hash into ``train.jsonl`` and ``heldout.jsonl``
   (both written out; our held-out texts, and the outside dev/test sets, are never used for
   fitting or tuning);
2. fit one L2 logistic regression per act on the training texts' features;
3. calibrate each act with a Platt curve fitted on 5-fold out-of-fold scores, and pick each
   act's threshold to maximise its out-of-fold F1;
4. fit a multinomial logistic regression for the experiment outcome on the report texts;
5. write the weights, rounded and pruned, to ``coachbot/acts/model.json``.

scikit-learn is needed here only (``pip install -e ".[train]"``); the runtime reads JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coachbot.acts.data import ACTS, DATA, OUTCOMES, Example, key, load_authored, outside_texts, split, write_jsonl
from coachbot.acts.featurize import features
from coachbot.acts.model import MODEL_PATH, Model, sigmoid

SEED = 13
FOLDS = 5
C = 1.0  # inverse L2 strength, chosen by cross-validation on the training split
OUTCOME_C = 1.0
MIN_COUNT = 2  # a feature seen once in training is as likely noise as signal
DIGITS = 4  # weights are rounded to this many decimals: a smaller file, no change in output
GRID = tuple(round(0.15 + 0.025 * i, 3) for i in range(29))  # 0.15 .. 0.85
SMOOTH = 2  # grid steps either side averaged when choosing a threshold


def _vocab(feats: list[set[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    return {f: i for i, f in enumerate(kept)}


def _matrix(feats: list[set[str]], vocab: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, fs in enumerate(feats):
        for j in sorted(vocab[f] for f in fs if f in vocab):
            rows.append(i)
            cols.append(j)
    return csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(feats), len(vocab)))


def _round(v: float) -> float:
    return round(float(v), DIGITS)


def fit_weights(feats: list[set[str]], rows: list[Example], c: float = C) -> dict:
    """Bias and rounded weights of one logistic regression per act, as stored in model.json."""
    from sklearn.linear_model import LogisticRegression

    vocab = _vocab(feats)
    x = _matrix(feats, vocab)
    names = sorted(vocab, key=lambda f: vocab[f])
    bias, columns = [], []
    for act in ACTS:
        y = [act in r.acts for r in rows]
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED)
        clf.fit(x, y)
        bias.append(_round(clf.intercept_[0]))
        columns.append(clf.coef_[0])
    weights = {}
    for j, name in enumerate(names):
        w = [_round(col[j]) for col in columns]
        if any(abs(v) >= 10**-DIGITS for v in w):
            weights[name] = w
    return {"labels": list(ACTS), "bias": bias, "weights": weights}


def fit_outcome(feats: list[set[str]], rows: list[Example], c: float = OUTCOME_C) -> dict:
    """Multinomial logistic regression for done / partly / not_done over report texts."""
    from sklearn.linear_model import LogisticRegression

    pairs = [(f, r.outcome) for f, r in zip(feats, rows, strict=True) if r.outcome]
    vocab = _vocab([f for f, _ in pairs])
    x = _matrix([f for f, _ in pairs], vocab)
    y = [OUTCOMES.index(o) for _, o in pairs]
    clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    clf.fit(x, y)
    names = sorted(vocab, key=lambda f: vocab[f])
    weights = {}
    for j, name in enumerate(names):
        w = [_round(clf.coef_[k][j]) for k in range(len(OUTCOMES))]
        if any(abs(v) >= 10**-DIGITS for v in w):
            weights[name] = w
    return {"labels": list(OUTCOMES), "bias": [_round(b) for b in clf.intercept_], "weights": weights}


def out_of_fold(feats: list[set[str]], rows: list[Example], c: float = C) -> list[list[float]]:
    """Raw scores of each training text from a model that did not see it."""
    import numpy as np
    from sklearn.model_selection import KFold

    scores: list[list[float]] = [[0.0] * len(ACTS) for _ in rows]
    folds = KFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for fit_idx, val_idx in folds.split(np.arange(len(rows))):
        spec = fit_weights([feats[i] for i in fit_idx], [rows[i] for i in fit_idx], c)
        model = Model({**spec, "platt": [[1.0, 0.0]] * len(ACTS), "thresholds": [0.5] * len(ACTS)})
        for i in val_idx:
            scores[i] = model.raw(feats[i])
    return scores


def out_of_fold_outcome(feats: list[set[str]], rows: list[Example]) -> float:
    """Out-of-fold accuracy of the outcome model on the report texts."""
    import numpy as np
    from sklearn.model_selection import KFold

    idx = [i for i, r in enumerate(rows) if r.outcome]
    right = 0
    folds = KFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for fit_idx, val_idx in folds.split(np.arange(len(idx))):
        spec = fit_outcome([feats[idx[i]] for i in fit_idx], [rows[idx[i]] for i in fit_idx])
        model = Model({"labels": [], "bias": [], "weights": {}, "platt": [], "thresholds": [], "outcome": spec})
        for i in val_idx:
            predicted = model.outcome(feats[idx[i]])
            right += predicted is not None and predicted[0] == rows[idx[i]].outcome
    return right / len(idx)


def _platt(z: list[float], y: list[bool]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=100.0, max_iter=1000, random_state=SEED)
    clf.fit([[v] for v in z], y)
    return float(clf.coef_[0][0]), float(clf.intercept_[0])


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def build(rows: list[Example], c: float = C) -> tuple[dict, dict]:
    """The model spec and a report of out-of-fold figures."""
    feats = [features(r.text) for r in rows]
    oof = out_of_fold(feats, rows, c)
    platt, thresholds, f1s = [], [], {}
    for k, act in enumerate(ACTS):
        gold = [act in r.acts for r in rows]
        a, b = _platt([s[k] for s in oof], gold)
        platt.append((_round(a), _round(b)))
        probs = [sigmoid(platt[-1][0] * s[k] + platt[-1][1]) for s in oof]
        curve = []
        for t in GRID:
            tp = sum(p >= t and g for p, g in zip(probs, gold, strict=True))
            fp = sum(p >= t and not g for p, g in zip(probs, gold, strict=True))
            fn = sum(p < t and g for p, g in zip(probs, gold, strict=True))
            curve.append(_f1(tp, fp, fn))
        # The F1 curve of a few hundred examples is jagged: pick the threshold whose
        # neighbourhood does best, not a lucky single point.
        smooth = [sum(curve[max(0, i - SMOOTH) : i + SMOOTH + 1]) / len(curve[max(0, i - SMOOTH) : i + SMOOTH + 1])
                  for i in range(len(curve))]
        best = max(range(len(GRID)), key=lambda i: (round(smooth[i], 4), -abs(GRID[i] - 0.5)))
        thresholds.append(GRID[best])
        f1s[act] = round(curve[best], 4)
    spec = {
        "about": "coachbot dialogue-act model; rebuild with: python -m coachbot.acts.train",
        **fit_weights(feats, rows, c),
        "platt": [list(p) for p in platt],
        "thresholds": thresholds,
        "outcome": fit_outcome(feats, rows),
    }
    report = {
        "train_texts": len(rows),
        "features": len(spec["weights"]),
        "oof_macro_f1": round(sum(f1s.values()) / len(f1s), 4),
        "oof_f1": f1s,
        "oof_outcome_accuracy": round(out_of_fold_outcome(feats, rows), 4),
    }
    return spec, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c", type=float, default=C)
    args = parser.parse_args(argv)
    train, heldout = split(load_authored())
    outside = outside_texts()
    train = [r for r in train if key(r.text) not in outside]
    if args.out == MODEL_PATH:
        write_jsonl(DATA / "train.jsonl", train)
        write_jsonl(DATA / "heldout.jsonl", heldout)
    import sklearn.linear_model  # noqa: F401  (loads the BLAS library before its threads are limited)
    from threadpoolctl import threadpool_limits

    # One BLAS thread: these small fits are fastest single-threaded, and on a busy machine
    # extra threads only fight over the cores (a rebuild took minutes instead of seconds).
    with threadpool_limits(limits=1):
        spec, report = build(train, args.c)
    args.out.write_text(json.dumps(spec, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    report["heldout_texts"] = len(heldout)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

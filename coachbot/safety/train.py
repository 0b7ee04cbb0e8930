"""Rebuild ``model.json`` from the authored texts: ``python -m coachbot.safety.train``.

Deterministic (fixed seeds, sorted features, rounded weights):
1. read ``data/safety/authored/<language>/<category>.txt`` (never the held-out files);
2. fit a multinomial L2 logistic regression over ``none`` + the six categories, each text's
   features being the union of its messages' features (as :func:`detect.score_window` sees a
   window);
3. score every text with a model from a 5-fold split that did not see it, through the whole
   runtime pipeline (lexicon, idioms, context), and pick the decision threshold: the lowest
   (recall first) at which the out-of-fold false-positive rate on the authored business texts
   is at most ``MAX_OOF_FALSE_POSITIVES``. Those texts are deliberately hard (the same words
   in business senses), about three times harder than ordinary executive messages: 6 % here
   came out near 2 % on the held-out dev split's business messages;
4. write the weights, rounded and pruned, to ``coachbot/safety/model.json``.

scikit-learn is needed here only (``pip install -e ".[train]"``); the runtime reads JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coachbot.safety.data import CATEGORIES, Item, load_authored, load_ordinary
from coachbot.safety.featurize import message_features
from coachbot.safety.model import MODEL_PATH, Model

CLASSES = ("none",) + CATEGORIES
SEED = 7
FOLDS = 5
C = 1.0
MIN_COUNT = 2
DIGITS = 3
MIN_WEIGHT = 0.01  # a feature whose every class weight is below this changes no decision
MAX_OOF_FALSE_POSITIVES = 0.12  # on the authored business texts (the same words in business senses)
MAX_ORDINARY_FALSE_POSITIVES = 0.01  # on ordinary coaching chat: at most 1 in 100 messages or windows
IDIOM_FACTOR = 0.5
STRONG_SCORE = 0.9
CONTEXT_GATE = 0.25  # the current message's own score above which earlier messages may complete it
TOPIC_FACTOR = 0.8  # on_topic() needs a little less evidence than a first flag (half let ordinary talk back in)
GRID = tuple(round(0.30 + 0.02 * i, 2) for i in range(26))


def item_features(item: Item) -> frozenset[str]:
    return frozenset().union(*(message_features(m) for m in item.messages))


def _vocab(feats: list[frozenset[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    return {f: i for i, f in enumerate(kept)}


def fit_weights(items: list[Item], c: float = C) -> dict:
    """Bias and rounded weights of the multinomial regression, as stored in model.json."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feats = [item_features(it) for it in items]
    vocab = _vocab(feats)
    rows, cols = [], []
    for i, fs in enumerate(feats):
        for j in sorted(vocab[f] for f in fs if f in vocab):
            rows.append(i)
            cols.append(j)
    x = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(items), len(vocab)))
    y = [CLASSES.index(it.category or "none") for it in items]
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED)
    clf.fit(x, y)
    order = [list(clf.classes_).index(k) for k in range(len(CLASSES))]
    coef = clf.coef_[order]
    bias = [round(float(clf.intercept_[k]), DIGITS) for k in order]
    names = sorted(vocab, key=vocab.get)
    weights = {}
    for j, name in enumerate(names):
        w = [round(float(coef[k][j]), DIGITS) for k in range(len(CLASSES))]
        if max(abs(v) for v in w) >= MIN_WEIGHT:
            weights[name] = [v + 0.0 for v in w]  # no negative zeros: a stable file
    return {"classes": list(CLASSES), "bias": bias, "weights": weights}


def _spec(weights: dict, threshold: float) -> dict:
    return {
        "about": "coachbot safety detector; rebuild with: python -m coachbot.safety.train",
        **weights,
        "threshold": threshold,
        "topic_threshold": round(threshold * TOPIC_FACTOR, 2),
        "idiom_factor": IDIOM_FACTOR,
        "strong_score": STRONG_SCORE,
        "context_gate": CONTEXT_GATE,
    }


def out_of_fold(items: list[Item], c: float = C) -> list[dict[str, float]]:
    """Each item's category scores from a model that did not see it, through the runtime pipeline."""
    from coachbot.safety.detect import score_window

    scores: list[dict[str, float]] = [{} for _ in items]
    for k in range(FOLDS):
        held = [i for i in range(len(items)) if i % FOLDS == k]
        fit = [it for i, it in enumerate(items) if i % FOLDS != k]
        model = Model(_spec(fit_weights(fit, c), 0.5))
        for i in held:
            scores[i] = score_window(items[i].messages, model).scores
    return scores


def figures(items: list[Item], scores: list[dict[str, float]], threshold: float) -> dict:
    flagged = [max(s.values()) >= threshold for s in scores]
    pos = [i for i, it in enumerate(items) if it.category]
    neg = [i for i, it in enumerate(items) if not it.category]
    right = [i for i in pos if flagged[i] and max(scores[i], key=scores[i].get) == items[i].category]
    return {
        "recall": sum(flagged[i] for i in pos) / len(pos),
        "category_right": len(right) / len(pos),
        "false_positives": sum(flagged[i] for i in neg) / len(neg),
    }


def build(items: list[Item]) -> tuple[dict, dict]:
    oof = out_of_fold(items)

    # Two kinds of negatives: the authored business texts that use the risk words, and
    # ordinary coaching chat (what the detector sees most). Each has its own ceiling.
    hard = [i for i, it in enumerate(items) if not it.category and not it.source.startswith("ordinary/")]
    ordinary = [i for i, it in enumerate(items) if it.source.startswith("ordinary/")]

    def fp(t: float, among: list[int]) -> float:
        return sum(max(oof[i].values()) >= t for i in among) / max(len(among), 1)

    threshold = next(
        (t for t in GRID if fp(t, hard) <= MAX_OOF_FALSE_POSITIVES and fp(t, ordinary) <= MAX_ORDINARY_FALSE_POSITIVES),
        GRID[-1],
    )
    for t in GRID[::3]:
        f = figures(items, oof, t)
        print(
            f"  out-of-fold at {t:.2f}: recall {f['recall']:.3f}, false positives {f['false_positives']:.3f}",
            file=sys.stderr,
        )
    report = {"threshold": threshold, "business_false_positives": round(fp(threshold, hard), 4),
              "ordinary_false_positives": round(fp(threshold, ordinary), 4),
              **{k: round(v, 4) for k, v in figures(items, oof, threshold).items()}}
    return _spec(fit_weights(items), threshold), report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model")
    args = parser.parse_args(argv)
    items = load_authored() + load_ordinary()
    spec, report = build(items)
    args.out.write_text(json.dumps(spec, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    n_pos = sum(1 for it in items if it.category)
    print(
        f"{len(items)} texts ({n_pos} disclosures, {len(items) - n_pos} business); out-of-fold: {report}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

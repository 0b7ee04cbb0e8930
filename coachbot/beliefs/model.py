"""The shipped linear model: load ``model.json`` once and score feature sets in pure Python.

One logistic regression per (dimension, stance) label, trained by ``train.py``; each label's raw
score goes through a Platt curve fitted on out-of-fold scores. A belief ``detect()`` returns
from the engine's recording bar up has then won its dimension too, so its reported confidence
goes through one more curve (``confidence``), fitted on the out-of-fold beliefs detect() returned;
either way a confidence of 0.7 means roughly "right seven times in ten" on text the model did
not see (``bench/beliefs.py --calibration`` shows how close that holds on the held-out split).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from operator import add
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")


class Model:
    """Weights as ``feature -> [weight per label]``, plus each label's bias and calibration."""

    def __init__(self, spec: dict) -> None:
        self.labels: list[str] = spec["labels"]
        self.bias: list[float] = spec["bias"]
        self.weights: dict[str, list[float]] = spec["weights"]
        self.platt: list[tuple[float, float]] = [tuple(p) for p in spec["platt"]]
        self.threshold: float = spec["threshold"]
        self.extra_threshold: float = spec["extra_threshold"]
        self.reported_factor: float = spec["reported_factor"]
        # (a, b, from): detect() reports sigmoid(a * logit(p) + b) for a belief it returns with
        # label probability p >= from (the engine's bar for recording a belief). Such a belief has
        # passed the threshold and won its dimension, which makes it right more often than p alone
        # says; the trainer fits the curve on out-of-fold returned beliefs, so a reported 0.8 is
        # right about eight times in ten. Below ``from`` a belief keeps p: returned, but under the bar.
        a, b, start = (list(spec.get("confidence_curve", ())) or [1.0, 0.0, 1.0])
        self.confidence_curve: tuple[float, float, float] = (float(a), float(b), float(start))
        # For each label, the index of the same dimension's other stance.
        self.twins: list[int] = [self.labels.index(_opposite(label)) for label in self.labels]

    def raw(self, feats: set[str]) -> list[float]:
        """Linear scores, one per label."""
        z = self.bias
        weights = self.weights
        for f in feats:
            w = weights.get(f)
            if w is not None:
                z = list(map(add, z, w))
        return list(z)

    def probabilities(self, feats: set[str]) -> list[float]:
        """Calibrated probabilities, one per label."""
        return [_sigmoid(a * z + b) for z, (a, b) in zip(self.raw(feats), self.platt, strict=True)]

    def confidence(self, p: float) -> float:
        """The confidence reported for a returned belief whose label probability is ``p``."""
        a, b, start = self.confidence_curve
        if p < start:
            return p
        p = min(p, 1 - 1e-6)
        return _sigmoid(a * math.log(p / (1 - p)) + b)


def decide(probs: list[float], labels: list[str] | tuple[str, ...], first: float, extra: float) -> list[int]:
    """Indexes of the labels to report: one stance per dimension, the best one if it reaches
    ``first``, any other dimension only if it reaches ``extra``. The trainer tunes both."""
    best: dict[str, int] = {}
    for i, label in enumerate(labels):
        dim = label.split(":")[0]
        if dim not in best or probs[i] > probs[best[dim]]:
            best[dim] = i
    ranked = sorted(best.values(), key=lambda i: (-probs[i], labels[i]))
    return [i for n, i in enumerate(ranked) if probs[i] >= (first if n == 0 else extra)]


def _opposite(label: str) -> str:
    dimension, stance = label.split(":")
    return f"{dimension}:{'new' if stance == 'old' else 'old'}"


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Model:
    with path.open(encoding="utf-8") as fh:
        return Model(json.load(fh))

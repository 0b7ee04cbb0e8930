"""The shipped dialogue-act model: ``model.json`` loaded once, scored in pure Python.

Two linear parts, both fitted by ``train.py``:

- one logistic regression per act over the message's features; each act's raw score goes
  through a Platt curve fitted on out-of-fold scores (so 0.7 means "right about seven times in
  ten" on text the model did not see), and each act has its own decision threshold, tuned on
  those out-of-fold scores for F1;
- one multinomial logistic regression over the same features, fitted on report messages only,
  for the outcome of last week's experiment (done / partly / not_done).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")


class Model:
    """Weights as ``feature -> [weight per label]``, with biases, calibration and thresholds."""

    def __init__(self, spec: dict) -> None:
        self.labels: list[str] = spec["labels"]
        self.bias: list[float] = spec["bias"]
        self.weights: dict[str, list[float]] = spec["weights"]
        self.platt: list[tuple[float, float]] = [tuple(p) for p in spec["platt"]]
        self.thresholds: list[float] = spec["thresholds"]
        outcome = spec.get("outcome") or {"labels": [], "bias": [], "weights": {}}
        self.outcomes: list[str] = outcome["labels"]
        self.outcome_bias: list[float] = outcome["bias"]
        self.outcome_weights: dict[str, list[float]] = outcome["weights"]

    def raw(self, feats: set[str]) -> list[float]:
        """Linear scores, one per act."""
        get = self.weights.get
        rows = [w for w in map(get, feats) if w is not None]
        # Column sums in one pass: zip(*rows) runs in C, far faster than adding row by row.
        return [sum(col) for col in zip(self.bias, *rows, strict=True)]

    def calibrate(self, raw: list[float]) -> list[float]:
        return [sigmoid(a * z + b) for z, (a, b) in zip(raw, self.platt, strict=True)]

    def probabilities(self, feats: set[str]) -> list[float]:
        """Calibrated probabilities, one per act."""
        return self.calibrate(self.raw(feats))

    def outcome(self, feats: set[str]) -> tuple[str, float] | None:
        """The most likely experiment outcome and its probability (softmax), if the model has one."""
        if not self.outcomes:
            return None
        get = self.outcome_weights.get
        rows = [w for w in map(get, feats) if w is not None]
        z = [sum(col) for col in zip(self.outcome_bias, *rows, strict=True)]
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        best = max(range(len(z)), key=z.__getitem__)
        return self.outcomes[best], exp[best] / sum(exp)


    def outcome_without(self, feats: set[str], excluded: str) -> str | None:
        """The most likely outcome other than ``excluded``, if the model has outcomes."""
        if not self.outcomes:
            return None
        get = self.outcome_weights.get
        rows = [w for w in map(get, feats) if w is not None]
        z = [sum(col) for col in zip(self.outcome_bias, *rows, strict=True)]
        ranked = sorted(range(len(z)), key=lambda i: -z[i])
        return next((self.outcomes[i] for i in ranked if self.outcomes[i] != excluded), None)


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Model:
    with path.open(encoding="utf-8") as fh:
        return Model(json.load(fh))

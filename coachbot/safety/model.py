"""The shipped classifier: ``model.json`` loaded once, scored in pure Python.

A multinomial logistic regression over ``none`` and the six categories, trained by
``train.py`` on the authored texts. Weights are ``feature -> [weight per class]``.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")


class Model:
    def __init__(self, spec: dict) -> None:
        self.classes: list[str] = spec["classes"]
        self.bias: list[float] = spec["bias"]
        self.weights: dict[str, list[float]] = spec["weights"]
        self.threshold: float = spec.get("threshold", 0.5)
        self.topic_threshold: float = spec.get("topic_threshold", 0.25)
        self.idiom_factor: float = spec.get("idiom_factor", 0.5)
        self.strong_score: float = spec.get("strong_score", 0.9)
        self.context_gate: float = spec.get("context_gate", 0.1)
        # Feature values 1/sqrt(number of features): a long text does not pile up evidence
        # word by word (its sentences are scored on their own as well).
        self.normalize: bool = spec.get("normalize", False)
        # Whether each sentence of a long message is also scored on its own.
        self.sentences: bool = spec.get("sentences", False)

    def probabilities(self, feats: frozenset[str] | set[str]) -> list[float]:
        """Softmax probabilities, one per class (``classes[0]`` is ``none``)."""
        weights = self.weights
        hits = [w for w in map(weights.get, feats) if w is not None]
        # Transposing the hit rows gives one column per class, summed in C.
        if hits and self.normalize:
            scale = len(feats) ** -0.5
            z = [b + scale * sum(col) for b, col in zip(self.bias, zip(*hits, strict=True), strict=True)]
        elif hits:
            z = [b + sum(col) for b, col in zip(self.bias, zip(*hits, strict=True), strict=True)]
        else:
            z = list(self.bias)
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Model:
    with path.open(encoding="utf-8") as fh:
        return Model(json.load(fh))

"""A fitted linear model's weights (data/figure_model.json, data/claim_model.json).

Both files are written by a script in scripts/ with scikit-learn at development time; the
runtime only needs the bias, the decision threshold and the weight of each feature, and adds
them up (no scikit-learn at run time)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Self


@dataclass(frozen=True)
class LinearModel:
    """`bias` plus the weights of the features present; what `threshold` is compared with
    is the subclass's `score`."""

    bias: float
    threshold: float
    weights: dict[str, float]

    def total(self, features: Iterable[str]) -> float:
        return self.bias + sum(self.weights.get(feature, 0.0) for feature in features)

    @classmethod
    def read(cls, file_name: str) -> Self:
        """The model in kalypso_lint/data/`file_name`."""
        text = resources.files("kalypso_lint.data").joinpath(file_name).read_text("utf-8")
        raw = json.loads(text)
        weights = {str(k): float(v) for k, v in raw["weights"].items()}
        return cls(float(raw["bias"]), float(raw["threshold"]), weights)

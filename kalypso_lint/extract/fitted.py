"""Reading a fitted logistic model's weights (data/figure_model.json, data/claim_model.json).

Both files are written by a script in scripts/ with scikit-learn at development time; the
runtime only needs the bias, the decision threshold and the weight of each feature."""

from __future__ import annotations

import json
from importlib import resources


def read_weights(file_name: str) -> tuple[float, float, dict[str, float]]:
    """(bias, threshold, weights) of the model in kalypso_lint/data/`file_name`."""
    text = resources.files("kalypso_lint.data").joinpath(file_name).read_text("utf-8")
    raw = json.loads(text)
    weights = {str(k): float(v) for k, v in raw["weights"].items()}
    return float(raw["bias"]), float(raw["threshold"]), weights

"""Data shipped with kalypso-lint: lexicons, patterns, the rule catalog, default phrase rules."""

from __future__ import annotations

from importlib import resources
from typing import Any

from kalypso_lint.yamlio import load_plain_yaml


def load_data_file(name: str) -> Any:
    """Parse a YAML file shipped in kalypso_lint/data."""
    text = resources.files("kalypso_lint.data").joinpath(name).read_text(encoding="utf-8")
    return load_plain_yaml(text)

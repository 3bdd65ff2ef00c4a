"""Data shipped with kalypso-lint: lexicons, patterns, the rule catalog, default phrase rules."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from kalypso_lint.yamlio import load_plain_yaml


def load_data_file(name: str) -> Any:
    """Parse a YAML file shipped in kalypso_lint/data."""
    text = resources.files("kalypso_lint.data").joinpath(name).read_text(encoding="utf-8")
    return load_plain_yaml(text)


@cache
def shared_data_file(name: str) -> Any:
    """A data file parsed once per process, shared by the readers that only read it
    (claim_structure.yaml feeds three lexicons, figure_classes.yaml three tables): never
    change what it returns; `load_data_file` gives a copy of one's own."""
    return load_data_file(name)

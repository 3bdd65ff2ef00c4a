"""Path globs in the configuration (per-file-ignores, per-file-sells) are relative to the
configuration file's folder, as include and exclude are, whatever the current folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ABSOLUTE = "Our balm cures arthritis in every patient.\n"
# A sentence only the KL207 model reads as a claim, on by default on product pages only
# (tests/test_sells.py).
MODEL_ONLY = "Elderberry gummies give your body what it needs during cold and flu season.\n"
WHERE = ["site", "site/content", "."]


def _codes(run_cli: Any, cwd: Path, page: Path) -> set[str]:
    result = run_cli("check", "--no-cache", "-f", "json", str(page), cwd=cwd)
    assert result.exit_code in (0, 1), result.output
    return {finding["code"] for finding in json.loads(result.output)["findings"]}


@pytest.mark.parametrize("cwd", WHERE)
def test_per_file_ignores_are_relative_to_the_config_file(
    run_cli: Any, write: Callable[..., Path], tmp_path: Path, cwd: str
) -> None:
    write("site/claims/.keep", "")
    write("site/rules.yaml", 'per-file-ignores: {"content/sub/**": [KL203]}\n')
    ignored = write("site/content/sub/p.md", ABSOLUTE)
    checked = write("site/content/other/p.md", ABSOLUTE)
    assert "KL203" not in _codes(run_cli, tmp_path / cwd, ignored)
    assert "KL203" in _codes(run_cli, tmp_path / cwd, checked)


@pytest.mark.parametrize("cwd", WHERE)
def test_per_file_sells_is_relative_to_the_config_file(
    run_cli: Any, write: Callable[..., Path], tmp_path: Path, cwd: str
) -> None:
    write("site/claims/.keep", "")
    write("site/rules.yaml", 'sells: services\nper-file-sells: {"content/shop/**": products}\n')
    shop = write("site/content/shop/gummies.md", MODEL_ONLY)
    clinic = write("site/content/clinic/gummies.md", MODEL_ONLY)
    assert "KL207" in _codes(run_cli, tmp_path / cwd, shop)
    assert "KL207" not in _codes(run_cli, tmp_path / cwd, clinic)


def test_a_cached_result_is_not_reused_for_another_file_of_the_same_name(
    run_cli: Any, write: Callable[..., Path], tmp_path: Path
) -> None:
    """site/a/p.md and site/b/p.md, each checked from its own folder, are both `p.md` with the
    same bytes; per-file-ignores tell them apart, so the cache must too."""
    write("site/claims/.keep", "")
    write("site/rules.yaml", 'per-file-ignores: {"a/**": [KL203]}\n')
    write("site/a/p.md", ABSOLUTE)
    write("site/b/p.md", ABSOLUTE)
    for folder, reported in (("a", False), ("b", True), ("a", False)):
        result = run_cli("check", "-f", "json", "p.md", cwd=tmp_path / "site" / folder)
        codes = {finding["code"] for finding in json.loads(result.output)["findings"]}
        assert ("KL203" in codes) is reported, folder

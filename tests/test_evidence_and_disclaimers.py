"""Evidence that is not evidence, and disclaimers that deny themselves (review of 5b393ce).

An approved entry citing no source, an entry past its `expires` date and a sentence that
denies the off-label use must not pass the hook or the Action; the smaller report, config,
stats and scaffold fixes sit at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

TODAY = "2026-12-03"
UNSOURCED = """\
version: 1
claims:
  - id: ketamine-cluster-headache
    statement: Ketamine infusions relieve cluster headaches.
    kind: efficacy
    match:
      - [ketamine]
      - [cluster headaches, cluster headache]
    sources: []
    status: approved
"""
APPROVED_WITHOUT_SOURCE = (
    "claims/ketamine.yaml:3: claim 'ketamine-cluster-headache': claims[0]: Value error, "
    "approved but cites no source: an approved entry needs at least one source; "
    "set status: draft until it has one"
)


# --- 1. an approved entry without a source --------------------------------------------------


@pytest.mark.parametrize("sources", ["    sources: []\n", ""])
def test_registry_validate_rejects_an_approved_entry_citing_no_source(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Result], sources: str
) -> None:
    write("claims/ketamine.yaml", UNSOURCED.replace("    sources: []\n", sources), dedent=False)
    result = run_cli("registry", "validate", cwd=project)
    assert result.exit_code == 2
    assert f"kalypso-lint: error: {APPROVED_WITHOUT_SOURCE}" in result.output
    assert "registry OK" not in result.output
    # the way out the message names: a draft without sources is valid (and supports nothing)
    write("claims/ketamine.yaml", UNSOURCED.replace("approved", "draft"), dedent=False)
    assert run_cli("registry", "validate", cwd=project).exit_code == 0


def test_check_stops_on_an_approved_entry_citing_no_source(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    write("claims/ketamine.yaml", UNSOURCED, dedent=False)
    write("content/page.md", "Ketamine infusions cured my cluster headaches.\n")
    result = run_cli("check", "content", "-f", "json", cwd=project)
    assert result.exit_code == 2
    assert APPROVED_WITHOUT_SOURCE in result.output
    assert '"supported"' not in result.output

"""Inline directives: disable/enable ranges, next-line, claim pins, unused and invalid ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def run(run_cli: Any, project: Path) -> dict[str, Any]:
    result = run_cli("check", "content", "-f", "json", "--today", "2026-11-26", cwd=project)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def found(report: dict[str, Any]) -> list[tuple[int, str]]:
    return [(f["line"], f["code"]) for f in report["findings"]]


def test_disable_enable_range(project: Path, write: Callable[..., Path], run_cli: Any) -> None:
    write(
        "content/page.md",
        """\
        Over 70% felt calmer.

        <!-- kalypso-lint: disable=KL101 -->
        Over 60% slept better.

        Over 50% came back.
        <!-- kalypso-lint: enable -->

        Over 40% told a friend.
        """,
    )
    assert found(run(run_cli, project)) == [(1, "KL101"), (9, "KL101")]


def test_disable_next_line_and_prefixes(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.html",
        """\
        <p>Over 70% felt calmer.
        <!-- kalypso-lint: disable-next-line=KL1 -->
        Over 60% slept better.</p>
        <p>Over 50% came back. <!-- kalypso-lint: disable-line --></p>
        """,
    )
    assert found(run(run_cli, project)) == [(1, "KL101")]


def test_unused_and_invalid_directives_are_reported(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        """\
        <!-- kalypso-lint: disable-next-line=KL101 -->
        A sentence without figures.

        <!-- kalypso-lint: disable=KL777 -->
        <!-- kalypso-lint: silence everything -->
        """,
    )
    report = run(run_cli, project)
    assert found(report) == [(1, "KL903"), (4, "KL904"), (5, "KL904")]
    messages = [f["message"] for f in report["findings"]]
    assert messages[0] == (
        'Suppression "disable-next-line=KL101" suppresses nothing here; remove it'
    )
    assert messages[1] == "Directive ignored: unknown rule code 'KL777'"


def test_claim_pin_uses_the_entry_even_without_its_terms(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        """\
        <!-- kalypso-lint: claim=relief-study -->
        Over 90% felt better.

        <!-- kalypso-lint: claim=no-such-entry -->
        Over 80% slept better.
        """,
    )
    report = run(run_cli, project)
    first = report["claims"][0]
    assert (first["registry_id"], first["verdict"]) == ("relief-study", "inconsistent")
    assert found(report) == [(2, "KL103"), (4, "KL904"), (5, "KL101")]
    assert "claim=no-such-entry: no registry entry has this id" in report["findings"][1]["message"]


def test_suppressions_cover_cross_page_findings(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/a.md", "About 39 million people in the US live with migraine.\n")
    write("content/b.md", "About 39 million Americans have migraine.\n")
    write(
        "content/c.md",
        "<!-- kalypso-lint: disable=KL105,KL102 -->\nAlmost 49 million in the US have migraine.\n",
    )
    assert found(run(run_cli, project)) == []

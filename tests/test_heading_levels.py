"""Heading levels are read with the page (documents/headings.py) and survive into the check
run, where extraction works after the decoded source is let go (issue 12's sections, issue
13's cited headings). Pages written for these tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kalypso_lint.documents import read_document


def _levels(path: Path) -> list[tuple[str, int]]:
    document = read_document(path, path.name)
    return [(b.text, b.level) for b in document.blocks if b.kind == "heading"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("page.md", "# Clinic\n\n## Fees\n\n### Facials\n\nBody.\n"),
        ("page.md", "Clinic\n======\n\nFees\n----\n\n### Facials\n\nBody.\n"),
        ("page.html", "<h1>Clinic</h1><h2>Fees</h2><h3>Facials</h3><p>Body.</p>"),
    ],
)
def test_read_document_gives_each_heading_its_level(
    write: Callable[..., Path], name: str, text: str
) -> None:
    assert _levels(write(name, text)) == [("Clinic", 1), ("Fees", 2), ("Facials", 3)]


def test_other_blocks_have_no_level(write: Callable[..., Path]) -> None:
    document = read_document(write("page.md", "# Title\n\nA paragraph.\n"), "page.md")
    assert [(b.kind, b.level) for b in document.blocks] == [("heading", 1), ("paragraph", 0)]


def _reported(run_cli: Any, project: Path) -> dict[str, list[str]]:
    result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    codes: dict[str, list[str]] = {}
    for claim in report["claims"]:
        codes.setdefault(claim["text"], []).append(claim["class"])
    return codes


def test_a_subheading_keeps_the_price_section_open_in_a_check_run(
    run_cli: Any, project: Path, write: Callable[..., Path]
) -> None:
    write(
        "content/spa.md",
        "## Fees\n\n### Facials\n\nMost clients come back after 2 weeks.\n\n"
        "## Outcomes\n\nMost clients come back after 3 weeks.\n",
    )
    # Under "Fees" (level 2) the level-3 "Facials" is a subsection: the figure is an offer,
    # set aside; under "Outcomes" the same sentence is a claim.
    assert _reported(run_cli, project) == {"3 weeks": ["claim"]}


def test_a_study_heading_over_cited_results_is_no_uncited_study(
    run_cli: Any, project: Path, write: Callable[..., Path]
) -> None:
    write(
        "content/guide.md",
        "## What the research shows\n\n### Joint comfort\n\n"
        "A trial in older dogs found less stiffness after a month "
        "([Lee et al., 2020](https://pubmed.ncbi.nlm.nih.gov/12345678/)).\n\n"
        "## Our story\n\nResearch shows our founders care.\n",
    )
    result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
    report = json.loads(result.output)
    study_lines = [f["line"] for f in report["findings"] if f["code"] == "KL204"]
    # The heading opens a section whose result is cited; the study claim under "Our story"
    # has no citation near it.
    assert study_lines == [9]

"""A medical claim that is the name of a business is no claim (issue 13, session 9).
Every sentence here was written for these tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def lint(run_cli: Any, project: Path, write: Callable[..., Path]) -> Callable[[str], list[str]]:
    def _lint(text: str) -> list[str]:
        write("content/page.md", text)
        result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
        assert result.exit_code in (0, 1), result.output
        findings = json.loads(result.output)["findings"]
        return [f["code"] for f in findings if f["code"].startswith(("KL2", "KL3"))]

    return _lint


@pytest.mark.parametrize(
    "text",
    [
        "# See Clearly 4 | Riverton Eye Care\n",
        "Hear Better 3 in Riverton\n",
        "Visit Cure Acne Clinic on Main Street.\n",
    ],
)
def test_a_business_name_that_reads_as_a_claim_is_no_claim(lint: Any, text: str) -> None:
    # "Cure" alone is still an absolute word (KL203, a phrase rule); the name is no claim.
    assert [code for code in lint(text) if code != "KL203"] == []


def test_the_same_words_as_a_sentence_are_still_a_claim(lint: Any) -> None:
    assert lint("Our drops cure acne in a week.\n")


@pytest.mark.parametrize("text", ["# Reverse Gout 2 Weeks\n", "Heals Eczema 100%\n"])
def test_a_headline_with_its_figure_is_still_a_claim(lint: Any, text: str) -> None:
    assert "KL205" in lint(text)

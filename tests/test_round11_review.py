"""Cases a second review of issue 13's rounds 10 and 11 found (session 9): warnings,
suitability, denials, general statements and cosmetic symptoms are no disease claims; the
claims they resemble still are. Every sentence here was written for these tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def lint(run_cli: Any, project: Path, write: Callable[..., Path]) -> Callable[[str], list[str]]:
    write("rules.yaml", "registry: [claims]\ninclude: ['**/*.md']\nsells: products\n")

    def _lint(text: str) -> list[str]:
        write("content/page.md", text)
        result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
        assert result.exit_code in (0, 1), result.output
        findings = json.loads(result.output)["findings"]
        return [f["code"] for f in findings if f["code"] in ("KL201", "KL205")]

    return _lint


@pytest.mark.parametrize(
    "sentence",
    [
        "Customers with liver disease who use our drops should ask a pharmacist first.",
        "People with asthma who take beta blockers should skip it.",
        "Many people with eczema find that cool showers help.",
        "Risky for people with heart disease.",
        "It is normal for gout to flare after a rich meal.",
        "A cream for oily skin.",
        "Our gummies will not delay the onset of Alzheimer's disease.",
        "Get back on your feet sooner after the flu if you book a telehealth visit today.",
        "# Lose Weight Clinic | Springfield",
    ],
)
def test_warnings_denials_and_general_statements_are_no_disease_claims(
    lint: Any, sentence: str
) -> None:
    assert lint(sentence + "\n") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "People with psoriasis use it every night.",
        "Migraine sufferers swear by it.",
        "Our tonic delays the onset of Parkinson's disease.",
        "# Reverse Arthritis 21-Day Plan",
    ],
)
def test_the_claims_they_resemble_still_fire(lint: Any, sentence: str) -> None:
    assert "KL205" in lint(sentence + "\n")

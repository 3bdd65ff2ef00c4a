"""A journal named in the text is a citation (issue 12: "a citation is evidence: ... a
journal"), so a study result next to it is no uncited study (KL204). Sentences written for
these tests, through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def _study_findings(run_cli: Any, tmp_path: Path, write: Callable[..., Path], page: str) -> int:
    write("claims/.keep", "")
    write("page.md", page)
    result = run_cli("check", "page.md", "-f", "json", "--no-cache", cwd=tmp_path)
    report = json.loads(result.output)
    return sum(1 for f in report["findings"] if f["code"] == "KL204")


@pytest.mark.parametrize(
    "page",
    [
        "Research published in JAMA Dermatology shows that the cream calms redness.\n",
        "A trial reported in The Lancet found that fewer patients relapsed.\n",
        "A review in the Journal of Sleep Research shows that teens sleep better.\n",
        "According to a study in Nutrients (2021), the powder lowers fatigue scores.\n",
        "A 2018 study in the New England Journal of Medicine found fewer heart attacks.\n",
    ],
)
def test_a_named_journal_cites_the_study(
    run_cli: Any, tmp_path: Path, write: Callable[..., Path], page: str
) -> None:
    assert _study_findings(run_cli, tmp_path, write, page) == 0


@pytest.mark.parametrize(
    "page",
    [
        "Research shows that the cream calms redness.\n",
        "In March (2020) we opened, and research shows that our visits help.\n",
        "Keep a journal of your meals; research shows that it helps.\n",
    ],
)
def test_no_journal_no_citation(
    run_cli: Any, tmp_path: Path, write: Callable[..., Path], page: str
) -> None:
    assert _study_findings(run_cli, tmp_path, write, page) == 1

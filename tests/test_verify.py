"""Verification: qualifiers as intervals, tolerance, candidates, status and dates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TODAY = "2026-11-26"


def check_json(run_cli: Callable[..., Any], project: Path, *args: str) -> dict[str, Any]:
    result = run_cli("check", "content", "-f", "json", "--today", TODAY, *args, cwd=project)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def codes(report: dict[str, Any]) -> list[str]:
    return [f["code"] for f in report["findings"]]


@pytest.mark.parametrize(
    ("sentence", "verdict", "code"),
    [
        ("In the trial, over 92% of patients reported relief.", "inconsistent", "KL103"),
        ("In the trial, over 85% of patients reported relief.", "supported", None),
        ("In the trial, 88% of patients reported relief.", "supported", None),
        ("In the trial, about 90% of patients reported relief.", "supported", None),
        ("In the trial, 75% of patients reported relief.", "inconsistent", "KL102"),
        ("In the trial, almost 90% of patients reported relief.", "supported", None),
        ("In the trial, almost 99% of patients reported relief.", "inconsistent", "KL102"),
        ("In the trial, up to 88% of patients reported relief.", "supported", None),
        ("In the trial, under 80% of patients reported relief.", "inconsistent", "KL102"),
        ("In the trial, less than 90% of patients reported relief.", "supported", None),
        ("In the trial, at least 88% of patients reported relief.", "supported", None),
    ],
)
def test_qualifiers_are_intervals(
    project: Path,
    write: Callable[..., Path],
    run_cli: Callable[..., Any],
    sentence: str,
    verdict: str,
    code: str | None,
) -> None:
    write("content/page.md", sentence + "\n")
    report = check_json(run_cli, project)
    (claim,) = report["claims"]
    assert claim["verdict"] == verdict
    assert claim["registry_id"] == "relief-study"
    assert codes(report) == ([code] if code else [])


def test_almost_49_million_is_not_supported_by_39_million(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    write("content/page.md", "Almost 49 million people in the US suffer from migraines.\n")
    report = check_json(run_cli, project)
    finding = report["findings"][0]
    assert finding["code"] == "KL102"
    assert "which gives 39 million people" in finding["message"]
    assert finding["sources"] == [
        "https://migraineresearchfoundation.org/about-migraine/migraine-facts/"
    ]
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 1, 18)


def test_no_entry_without_all_match_groups(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    # "migraine" alone does not satisfy the [us, united states, ...] group.
    write("content/page.md", "About 39 million people worldwide have migraine.\n")
    report = check_json(run_cli, project)
    assert report["claims"][0]["verdict"] == "unsupported"
    assert codes(report) == ["KL101"]
    assert 'No registry entry supports "About 39 million"' in report["findings"][0]["message"]


def test_match_terms_are_whole_tokens(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    # "us" must not match inside "because" or "use"; "U.S." must match.
    write("content/a.md", "Because we use it, 39 million people have migraine.\n")
    write("content/b.md", "In the U.S., 39 million people have migraine.\n")
    report = check_json(run_cli, project)
    verdicts = {c["path"]: c["verdict"] for c in report["claims"]}
    assert verdicts == {"content/a.md": "unsupported", "content/b.md": "supported"}


def test_tolerance_is_configurable(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    write("content/page.md", "In the trial, 84% of patients reported relief.\n")
    assert codes(check_json(run_cli, project)) == []
    write("rules.yaml", "registry: [claims]\ntolerance: 0.01\n")
    assert codes(check_json(run_cli, project)) == ["KL102"]


def test_expired_entries_support_nothing_and_unreviewed_ones_are_stale(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    write("content/page.md", "About 39 million Americans live with migraine.\n")
    report = check_json(run_cli, project)
    assert report["claims"][0]["verdict"] == "supported"
    late = run_cli("check", "content", "-f", "json", "--today", "2028-01-01", cwd=project)
    late_report = json.loads(late.output)
    assert late_report["claims"][0]["verdict"] == "unsupported"
    assert late_report["findings"][0]["code"] == "KL106"
    assert "which has expired" in late_report["findings"][0]["message"]
    assert late.exit_code == 1  # expired evidence fails CI, as `sources check` (KL413) does
    write("rules.yaml", "registry: [claims]\nreview-interval-days: 10\n")
    report = check_json(run_cli, project)
    assert "was last reviewed on 2026-11-01, over 10 days ago" in report["findings"][0]["message"]


@pytest.mark.parametrize(
    ("status", "verdict", "code"),
    [
        ("draft", "unsupported", "KL106"),
        ("retired", "unsupported", "KL106"),
        ("prohibited", "prohibited", "KL202"),
    ],
)
def test_status_decides_what_an_entry_supports(
    project: Path,
    write: Callable[..., Path],
    run_cli: Callable[..., Any],
    status: str,
    verdict: str,
    code: str,
) -> None:
    registry = (project / "claims/migraine.yaml").read_text()
    write("claims/migraine.yaml", registry.replace("status: approved", f"status: {status}"))
    write("content/page.md", "About 39 million Americans live with migraine.\n")
    report = check_json(run_cli, project)
    assert report["claims"][0]["verdict"] == verdict
    assert codes(report) == [code]


def test_best_candidate_is_the_consistent_one(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    write(
        "claims/gender.yaml",
        """\
        claims:
          - id: migraine-women
            statement: About 18% of US women have migraine.
            value: 18
            unit: percent
            match: [[migraine], [women]]
            sources: [{title: T, url: "https://example.org/w"}]
            reviewed: 2026-11-01
            status: approved
          - id: migraine-men
            statement: About 6% of US men have migraine.
            value: 6
            unit: percent
            match: [[migraine], [men]]
            sources: [{title: T, url: "https://example.org/m"}]
            reviewed: 2026-11-01
            status: approved
        """,
    )
    write("content/page.md", "Migraine affects 18% of women and 6% of men.\n")
    report = check_json(run_cli, project)
    assert [(c["text"], c["registry_id"], c["verdict"]) for c in report["claims"]] == [
        ("18%", "migraine-women", "supported"),
        ("6%", "migraine-men", "supported"),
    ]


def test_units_must_be_compatible(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    # A percent in a sentence that names the prevalence entry's terms is not that entry.
    write("content/page.md", "In the US, 39% of people with migraine never see a doctor.\n")
    report = check_json(run_cli, project)
    assert report["claims"][0]["verdict"] == "unsupported"


def test_same_claim_with_different_figures_across_pages(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Any]
) -> None:
    # Each statement is within tolerance of the entry, but the pages disagree with each other.
    write("content/a.md", "About 39 million people in the US live with migraine.\n")
    write("content/b.md", "Some 39 million Americans have migraine.\n")
    write("content/c.md", "About 40 million people in the US have migraine.\n")
    write("content/d.md", "Almost 49 million people in the US have migraine.\n")
    report = check_json(run_cli, project)
    cross = [f for f in report["findings"] if f["code"] == "KL105"]
    assert [(f["path"], f["line"]) for f in cross] == [("content/c.md", 1)]
    assert 'differently from content/a.md:1 ("About 39 million")' in cross[0]["message"]
    # The page the registry contradicts gets KL102, not also KL105.
    assert [f["code"] for f in report["findings"] if f["path"] == "content/d.md"] == ["KL102"]

"""`registry stats` and `registry show`: the registry read against a check of the copy (issue 9)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXTRA_REGISTRY = """\
claims:
  - id: calm-clients
    statement: Most clients feel calmer after one session.
    value: 70
    unit: percent
    match: [[clients], [calmer]]
    status: draft
  - id: headache-costs
    statement: Headache costs employers $36 billion a year.
    value: 36000000000
    unit: usd
    match: [[headache], [employers]]
    sources: [{title: Costs of headache, url: "https://example.org/costs"}]
    reviewed: 2025-01-01
    expires: 2026-12-10
    status: approved
  - id: aura-share
    statement: About a third of people with migraine have aura.
    value: 33
    unit: percent
    tolerance: 0.1
    match: [[aura]]
    sources: [{title: Aura, url: "https://example.org/aura", quote: "one in three"}]
    reviewed: 2026-10-01
    expires: 2026-11-01
    status: approved
"""
PAGE = """\
About 39 million people in the US live with migraine.

In the study, 88% of patients reported relief.

Over 70% of clients felt calmer after one session.

Almost 49 million Americans in the US have migraine.
"""
TODAY = ("--today", "2026-11-26")


@pytest.fixture
def reviewed(project: Path, write: Callable[..., Path]) -> Path:
    write("claims/extra.yaml", EXTRA_REGISTRY)
    write("content/page.md", PAGE)
    return project


def test_stats_reports_status_sources_dates_dead_entries_and_claims_backed(
    reviewed: Path, run_cli: Any
) -> None:
    result = run_cli("registry", "stats", "content", *TODAY, cwd=reviewed)
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()]
    assert (
        lines[0] == "Registry: 5 entries in 2 files (4 approved, 1 draft, 0 retired, 0 prohibited)"
    )
    assert lines[1] == "Checked copy: 1 file, 4 claims, 4 matched an entry"
    text = "\n".join(lines)
    assert "Without sources (1):\n  calm-clients " in text
    assert "Expired (1):\n  aura-share " in text and "expired 2026-11-01" in text
    assert "Expiring within 30 days (1):\n  headache-costs " in text
    assert "Review older than 365 days (1):\n  headache-costs" in text
    assert "Never matched by the checked copy (2):\n  headache-costs" in text
    assert "  migraine-us-prevalence                   approved        2         1" in lines
    assert "  calm-clients                             draft           1         0" in lines
    assert "  relief-study" in text and "claims/extra.yaml:" in text


def test_stats_as_json(reviewed: Path, run_cli: Any) -> None:
    result = run_cli("registry", "stats", "content", "--format", "json", *TODAY, cwd=reviewed)
    record = json.loads(result.output)
    assert record["by_status"] == {"approved": 4, "draft": 1, "retired": 0, "prohibited": 0}
    assert record["without_sources"] == ["calm-clients"]
    assert record["expired"] == [{"id": "aura-share", "expires": "2026-11-01"}]
    assert record["expiring"] == [{"id": "headache-costs", "expires": "2026-12-10"}]
    assert record["never_matched"] == ["headache-costs", "aura-share"]
    assert record["claims"]["migraine-us-prevalence"] == {"matched": 2, "supported": 1}
    assert record["checked"] == {"files": 1, "claims": 4, "matched": 4}


def test_stats_expiry_window_follows_today(reviewed: Path, run_cli: Any) -> None:
    result = run_cli("registry", "stats", "content", "--today", "2026-10-05", cwd=reviewed)
    assert "Expired: none" in result.output
    assert "Expiring within 30 days (1):\n  aura-share" in result.output


def test_show_prints_the_entry_its_sources_and_every_place_stating_it(
    reviewed: Path, run_cli: Any
) -> None:
    result = run_cli("registry", "show", "migraine-us-prevalence", "content", *TODAY, cwd=reviewed)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "migraine-us-prevalence [approved] (claims/migraine.yaml:2)\n"
        "  statement: About 39 million people in the US live with migraine.\n"
        "  figure:    39 million people (tolerance ±5%)\n"
        "  match:     [migraine, migraines] and [us, u.s., united states, americans, american]\n"
        "  reviewed:  2026-11-01\n"
        "  expires:   2027-11-01\n"
        "\n"
        "Sources (1):\n"
        "  1. Migraine facts\n"
        "     https://migraineresearchfoundation.org/about-migraine/migraine-facts/\n"
        "\n"
        "Stated in 2 places:\n"
        '  content/page.md:1:1: "About 39 million" supported\n'
        '  content/page.md:7:1: "Almost 49 million" inconsistent (KL102)\n'
    )


def test_show_as_json_gives_tolerance_and_places(reviewed: Path, run_cli: Any) -> None:
    result = run_cli(
        "registry", "show", "aura-share", "content", "-f", "json", *TODAY, cwd=reviewed
    )
    record = json.loads(result.output)
    assert record["tolerance"] == 0.1
    assert record["entry"]["sources"][0]["quote"] == "one in three"
    assert record["location"] == "claims/extra.yaml:17"
    assert record["places"] == []


def test_show_unknown_id_is_one_line_with_a_suggestion(reviewed: Path, run_cli: Any) -> None:
    result = run_cli("registry", "show", "migraine-us-prevalance", "content", cwd=reviewed)
    assert result.exit_code == 2
    assert result.output == (
        "kalypso-lint: error: no registry entry has the id 'migraine-us-prevalance'; "
        "did you mean 'migraine-us-prevalence'?\n"
    )


def test_stats_with_nothing_to_check_exits_3(project: Path, run_cli: Any) -> None:
    result = run_cli("registry", "stats", "content", cwd=project)
    assert result.exit_code == 3
    assert "no files to check" in result.output

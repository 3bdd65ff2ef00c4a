"""Evidence that is not evidence, and disclaimers that deny themselves (review of 5b393ce).

An approved entry citing no source, an entry past its `expires` date and a sentence that
denies the off-label use must not pass the hook or the Action; the smaller report, config,
stats and scaffold fixes sit at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
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


# --- 2. an expired entry is an error, an overdue review a warning ------------------------------


def _dated_registry(write: Callable[..., Path], expires: str, reviewed: str) -> None:
    entry = {
        "id": "ketamine-cluster-headache",
        "statement": "Ketamine infusions relieve cluster headaches.",
        "kind": "efficacy",
        "match": [["ketamine"], ["cluster headaches", "cluster headache"]],
        "sources": [{"title": "A trial", "doi": "10.1000/trial.1"}],
        "reviewed": reviewed,
        "expires": expires,
        "status": "approved",
    }
    text = yaml.safe_dump({"version": 1, "claims": [entry]}, sort_keys=False)
    write("claims/ketamine.yaml", text, dedent=False)


def test_an_expired_entry_is_an_error_in_check_and_an_overdue_review_a_warning(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    _dated_registry(write, expires="2026-01-01", reviewed="2025-12-01")
    write("content/page.md", "Ketamine infusions relieve cluster headaches.\n")
    result = run_cli("check", "content", "--today", TODAY, "--no-color", cwd=project)
    assert result.exit_code == 1, result.output
    assert (
        'KL106 [error] "Ketamine infusions relieve cluster headaches" matches registry entry '
        "ketamine-cluster-headache, which has expired and supports nothing until re-reviewed"
    ) in result.output
    assert "KL104" not in result.output
    report = json.loads(
        run_cli("check", "content", "--today", TODAY, "-f", "json", cwd=project).output
    )
    assert [claim["verdict"] for claim in report["claims"]] == ["unsupported"]
    # a review that is merely overdue stays a warning
    _dated_registry(write, expires="2027-06-01", reviewed="2025-06-01")
    result = run_cli("check", "content", "--today", TODAY, "--no-color", cwd=project)
    assert result.exit_code == 0, result.output
    assert "KL104 [warning]" in result.output
    assert "was last reviewed on 2025-06-01, over 365 days ago" in result.output


def test_explain_kl104_and_kl106_say_which_covers_expiry(run_cli: Callable[..., Result]) -> None:
    assert "KL106, an error" in run_cli("explain", "KL104").output
    assert "has expired" in run_cli("explain", "KL106").output


# --- 3. a disclaimer that denies itself does not count -----------------------------------------

TESTIMONIAL = '"After three ketamine infusions my migraines are gone," says Ann. Results may vary.'


@pytest.fixture
def off_label_codes(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Result]
) -> Callable[[str], list[str]]:
    write(
        "rules.yaml",
        "registry: [claims]\ninclude: ['**/*.md']\n"
        "off-label:\n  - treatment: [ketamine]\n    conditions: [migraine, migraines]\n",
    )

    def codes(sentence: str) -> list[str]:
        write("content/page.md", f"# Ketamine\n\n{TESTIMONIAL}\n\n{sentence}\n")
        result = run_cli("check", "content", "-f", "json", cwd=project)
        return sorted({finding["code"] for finding in json.loads(result.output)["findings"]})

    return codes


@pytest.mark.parametrize(
    ("denial", "disclaimer"),
    [
        (
            "Ketamine infusions for migraine are not off-label.",
            "Ketamine infusions for migraine are off-label.",
        ),
        ("We never use drugs off-label.", "We use drugs off-label."),
        ("This use isn't off-label.", "This use is off-label, and no insurer covers it."),
        (
            "This use isn\u2019t off-label.",
            "Ketamine is not FDA-approved for migraine; its use is off-label.",
        ),
        (
            "Our ketamine for migraine is not an unapproved use.",
            "Our ketamine for migraine is an unapproved use.",
        ),
    ],
)
def test_a_sentence_denying_off_label_use_is_no_disclaimer(
    off_label_codes: Callable[[str], list[str]], denial: str, disclaimer: str
) -> None:
    assert "KL303" in off_label_codes(denial)
    assert "KL303" not in off_label_codes(disclaimer)


@pytest.mark.parametrize(
    "fda",
    [
        "This statement has NOT been evaluated by the Food and Drug Administration. This "
        "product is not intended to diagnose, treat, cure, or prevent any disease.",
        "These statements have not been evaluated by the Food and Drug Administration.",
    ],
)
def test_every_require_rule_ignores_a_denial_but_not_a_disclaimer_holding_not(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Result], fda: str
) -> None:
    quote = '"After three ketamine infusions my migraines are gone," says Ann.'
    claim = "Our blend supports a healthy immune system."
    write("content/page.md", f"{quote}\n\nWe do not say results may vary.\n\n{claim}\n\n{fda}\n")
    result = run_cli("check", "content", "-f", "json", cwd=project)
    codes = {f["code"] for f in json.loads(result.output)["findings"]}
    assert "KL304" in codes  # the typical-results disclaimer, denied
    assert "KL206" not in codes  # the FDA disclaimer's own "not" denies nothing


# --- 4. smaller fixes ---------------------------------------------------------------------------

PROHIBITED = """\
claims:
  - id: ketamine-fda-headache
    kind: regulatory
    statement: Ketamine is not FDA-approved for migraine.
    match: [[ketamine], [fda-approved, fda approved]]
    sources: [{title: Label, url: "https://example.org/label"}]
    status: prohibited
"""


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_kl202_shows_the_prohibited_statement_once(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Result], fmt: str
) -> None:
    write("claims/ketamine.yaml", PROHIBITED, dedent=False)
    write("content/page.md", "Ketamine is FDA-approved for migraine.\n")
    result = run_cli("check", "content", "-f", fmt, "--no-color", cwd=project)
    assert "KL202" in result.output
    assert result.output.count("Ketamine is not FDA-approved for migraine.") == 1


def test_an_unknown_severity_in_rules_yaml_names_off(
    project: Path, write: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    write("rules.yaml", "registry: [claims]\nrules:\n  KL102: warn\n")
    write("content/page.md", "Hello.\n")
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 2
    assert "rules.yaml:3: rules.KL102.severity:" in result.output
    assert "should be 'error', 'warning' or 'info'; a rule is switched off with `off`" in (
        result.output
    )


def test_registry_stats_works_on_a_registry_without_pages(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("registry", "stats", "--today", "2026-11-20", "-f", "json", cwd=project)
    assert result.exit_code == 0, result.output
    stats: dict[str, Any] = json.loads(result.output)
    assert stats["entries"] == 2
    assert stats["checked"] == {"files": 0, "claims": 0, "matched": 0}
    assert stats["never_matched"] == ["migraine-us-prevalence", "relief-study"]
    # named paths holding no page are still a mistake to report
    result = run_cli("registry", "stats", "content", "--today", "2026-11-20", cwd=project)
    assert result.exit_code == 3
    assert "no files to check" in result.output


def test_registry_scaffold_writes_the_version_header_in_a_new_file(
    tmp_path: Path, write: Callable[..., Path], run_cli: Callable[..., Result]
) -> None:
    write("content/page.md", "About 39 million Americans live with migraine.\n")
    result = run_cli("registry", "scaffold", "content", "--registry", "drafts", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    (drafted,) = (tmp_path / "drafts").glob("*.yaml")
    lines = drafted.read_text(encoding="utf-8").splitlines()
    assert lines[lines.index("claims:") - 1] == "version: 1"
    assert run_cli("registry", "validate", "drafts", cwd=tmp_path).exit_code == 0

"""The bundled example: its report is committed and must not drift."""

from __future__ import annotations

from typing import Any

from conftest import REPO_ROOT

EXPECTED = REPO_ROOT / "examples" / "expected"
TODAY = "2026-11-26"  # the reports were generated as of this day (review and expiry dates)


def test_example_text_report_matches_the_committed_one(run_cli: Any) -> None:
    result = run_cli("check", "examples/", "--today", TODAY, "--no-color", cwd=REPO_ROOT)
    assert result.exit_code == 1
    assert result.output == (EXPECTED / "report.txt").read_text(encoding="utf-8")


def test_example_json_report_matches_the_committed_one(run_cli: Any) -> None:
    result = run_cli("check", "examples/", "--today", TODAY, "-f", "json", cwd=REPO_ROOT)
    assert result.output == (EXPECTED / "report.json").read_text(encoding="utf-8")


def test_example_registry_is_valid(run_cli: Any) -> None:
    result = run_cli("registry", "validate", cwd=REPO_ROOT)
    assert result.exit_code == 0, result.output


def test_example_word_and_pdf_reports_match_the_committed_one(run_cli: Any) -> None:
    """examples/brochure.docx and leaflet.pdf (issue 17): ¶ and page locations, the tracked
    change notice, the Word comment's suppression and the scanned back page."""
    result = run_cli(
        "check", "examples/brochure.docx", "examples/leaflet.pdf", "--today", TODAY,
        "--no-color", cwd=REPO_ROOT,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output == (EXPECTED / "documents.txt").read_text(encoding="utf-8")

"""`baseline write` and `check --baseline`: findings matched by content, not by line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BAD = "Over 70% of clients felt calmer after one session."
WORSE = "Over 80% of clients slept better."
CLEAN = "Book a consultation with our nurses."


def codes_at(run_cli: Any, *args: str, cwd: Path | None = None) -> list[tuple[str, int]]:
    result = run_cli("check", "-f", "json", *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.output
    return [(f["path"], f["line"]) for f in json.loads(result.output)["findings"]]


def test_baseline_hides_recorded_findings_and_reports_new_ones(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", f"{BAD}\n")
    result = run_cli("baseline", "write", "content", cwd=project)
    assert result.exit_code == 0
    assert "recorded 1 findings in kalypso-lint-baseline.json" in result.output
    clean = run_cli("check", "content", "--baseline", "kalypso-lint-baseline.json")
    assert clean.exit_code == 0
    assert "No new findings in 1 file (1 known, in the baseline)." in clean.output
    write("content/page.md", f"{BAD}\n\n{WORSE}\n")
    assert codes_at(run_cli, "content", "--baseline", "kalypso-lint-baseline.json") == [
        ("content/page.md", 3)
    ]


def test_summaries_count_the_findings_the_baseline_hid(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/a.md", f"{BAD}\n\n{WORSE}\n")
    write("content/b.md", f"{CLEAN}\n")
    run_cli("baseline", "write", "content", "-o", "base.json", cwd=project)
    write("content/b.md", f"{CLEAN}\n\n{BAD.replace('70%', '75%')}\n")
    args = ("check", "content", "--baseline", "base.json")
    text = run_cli(*args)
    assert text.exit_code == 1
    assert "Found 1 new finding (1 error) in 2 files (2 known, in the baseline)." in text.output
    report = json.loads(run_cli(*args, "-f", "json").output)["summary"]
    assert (report["findings"], report["baselined"]) == (1, 2)
    markdown = run_cli(*args, "-f", "markdown").output
    assert "**1 new finding** (1 error) in 1 of 2 files checked (2 known, in the baseline)." in (
        markdown
    )
    write("content/b.md", f"{CLEAN}\n")
    clean = run_cli(*args)
    assert clean.exit_code == 0
    assert "No new findings in 2 files (2 known, in the baseline)." in clean.output
    # A text report of such a run, written among the pages, is known as ours and not checked.
    assert run_cli(*args, "-o", "content/report.txt").exit_code == 0
    assert "No new findings in 2 files" in run_cli(*args).output
    # Without --baseline, nothing changes: no count, no JSON field.
    assert "summary" in (plain := json.loads(run_cli("check", "content", "-f", "json").output))
    assert "baselined" not in plain["summary"]


def test_edits_above_a_finding_do_not_resurrect_it(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", f"# Calm\n\n{BAD}\n")
    run_cli("baseline", "write", "content", "-o", "base.json", cwd=project)
    write("content/page.md", f"# Calm\n\nA new intro.\n\nAnd another paragraph.\n\n{BAD}\n")
    assert codes_at(run_cli, "content", "--baseline", "base.json") == []
    # Rewording the claim makes it a different claim: it needs review again.
    write("content/page.md", f"# Calm\n\n{BAD.replace('70%', '75%')}\n")
    assert codes_at(run_cli, "content", "--baseline", "base.json") == [("content/page.md", 3)]


def test_repeats_of_one_finding_are_counted(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", f"{BAD}\n\n{BAD}\n")
    run_cli("baseline", "write", "content", "-o", "base.json", cwd=project)
    write("content/page.md", f"{BAD}\n\n{CLEAN}\n\n{BAD}\n\n{BAD}\n")
    assert len(codes_at(run_cli, "content", "--baseline", "base.json")) == 1


def test_baseline_paths_are_relative_to_the_baseline_file(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", f"{BAD}\n")
    run_cli("baseline", "write", "content", "-o", "ci/baseline.json", cwd=project)
    document = json.loads((project / "ci/baseline.json").read_text())
    assert [r["path"] for r in document["findings"]] == ["../content/page.md"]
    # From another folder, the same file is recognised.
    assert (
        codes_at(run_cli, "page.md", "--baseline", "../ci/baseline.json", cwd=project / "content")
        == []
    )


def test_baseline_file_is_versioned_sorted_and_reproducible(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/b.md", f"{WORSE}\n")
    write("content/a.md", f"{BAD}\n\n{WORSE}\n")
    run_cli("baseline", "write", "content", "-o", "one.json", cwd=project)
    run_cli("baseline", "write", "content", "-o", "two.json", cwd=project)
    text = (project / "one.json").read_text()
    assert text == (project / "two.json").read_text()
    document = json.loads(text)
    assert document["format"] == "kalypso-lint-baseline" and document["version"] == 1
    records = document["findings"]
    assert [r["path"] for r in records] == ["content/a.md", "content/a.md", "content/b.md"]
    assert set(records[0]) == {"path", "code", "fingerprint", "text"}
    assert {r["text"] for r in records} == {"Over 70%", "Over 80%"}
    assert str(project) not in text
    assert not list(project.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "base.json: baseline file not found (create it with `kalypso-lint baseline write`)"),
        ('{"format": "kalypso-lint-baseline",\n  "version": 1,,}', "base.json:2: not valid JSON"),
        ('{"findings": []}', 'base.json: not a kalypso-lint baseline (no "format"'),
        (
            '{"format": "kalypso-lint-baseline", "version": 9, "findings": []}',
            "base.json: baseline version 9 is not supported",
        ),
        (
            '{"format": "kalypso-lint-baseline", "version": 1, "findings": [{"path": 1}]}',
            "base.json: findings[0] needs a string path and fingerprint",
        ),
    ],
)
def test_unusable_baseline_is_one_line_and_exit_2(
    project: Path, write: Callable[..., Path], run_cli: Any, content: str | None, message: str
) -> None:
    write("content/page.md", f"{BAD}\n")
    if content is not None:
        write("base.json", content, dedent=False)
    result = run_cli("check", "content", "--baseline", "base.json", cwd=project)
    assert result.exit_code == 2
    assert result.output.startswith(f"kalypso-lint: error: {message}")
    assert len(result.output.splitlines()) == 1


def test_fingerprints_are_stable_across_releases(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    """Teams commit baselines: changing how fingerprints are made would resurrect every
    accepted finding. This is the example in docs/baseline.md."""
    write("content/page.md", f"# Intro\n\n{BAD}\n")
    run_cli("baseline", "write", "content", "-o", "base.json", cwd=project)
    (record,) = json.loads((project / "base.json").read_text())["findings"]
    assert record["fingerprint"] == "fbf8d3ece0744159cdfe:0"
    docs = (Path(__file__).resolve().parent.parent / "docs" / "baseline.md").read_text()
    assert record["fingerprint"] in docs

"""The command line: exit codes, options, formats and output files, in-process and as a
subprocess, with no traceback for anything a user can cause."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kalypso_lint.catalog import rule_catalog

UNSUPPORTED = "Over 70% of clients felt calmer after one session.\n"


def test_clean_content_exits_0(project: Path, write: Callable[..., Path], run_cli: Any) -> None:
    write("content/page.md", "Book a consultation with our nurses.\n")
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 0
    assert "No findings in 1 file." in result.output


def test_findings_exit_1_with_ruff_style_lines(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", "# Calm\n\n" + UNSUPPORTED)
    result = run_cli("check", "content", "--no-color", cwd=project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        'content/page.md:3:1: KL101 [error] No registry entry supports "Over 70%"; add a '
        "sourced entry to the claims registry or remove the figure"
    )
    assert lines[1] == "  | Over 70% of clients felt calmer after one session."
    assert "Found 1 finding (1 error) in 1 file." in result.output
    assert "Claims: 1 (1 unsupported)." in result.output


def test_select_ignore_and_fail_on(project: Path, write: Callable[..., Path], run_cli: Any) -> None:
    write("content/page.md", UNSUPPORTED)
    assert run_cli("check", "content", "--ignore", "KL1", cwd=project).exit_code == 0
    assert run_cli("check", "content", "--select", "KL2,KL9", cwd=project).exit_code == 0
    assert (
        run_cli("check", "content", "--select", "KL1", "--ignore", "KL10", cwd=project).exit_code
        == 0
    )
    # The more specific selector wins, as in ruff.
    assert (
        run_cli("check", "content", "--ignore", "KL1", "--select", "KL101", cwd=project).exit_code
        == 1
    )
    write("rules.yaml", "registry: [claims]\nrules:\n  KL101: warning\n")
    assert run_cli("check", "content", cwd=project).exit_code == 0
    assert run_cli("check", "content", "--fail-on", "warning", cwd=project).exit_code == 1


def test_unknown_code_is_a_usage_error(project: Path, run_cli: Any) -> None:
    result = run_cli("check", "content", "--select", "KL999", cwd=project)
    assert result.exit_code == 2
    assert "unknown rule code 'KL999'" in result.output


def test_missing_path_and_empty_folder(project: Path, run_cli: Any) -> None:
    result = run_cli("check", "nowhere", cwd=project)
    assert result.exit_code == 2
    assert "kalypso-lint: error: nowhere: path not found" in result.output
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 3
    assert "no files to check" in result.output


def test_missing_registry_is_exit_2(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", UNSUPPORTED)
    write("rules.yaml", "registry: [no-such-folder]\n")
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 2
    assert "no-such-folder: registry path not found" in result.output


def test_json_output_follows_the_contract(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", "About 39 million Americans have migraine. " + UNSUPPORTED)
    result = run_cli("check", "content", "-f", "json", "--today", "2026-11-26", cwd=project)
    report = json.loads(result.output)
    assert set(report) == {"version", "tool", "claims", "findings", "summary"}
    assert report["version"] == 1
    assert report["tool"]["name"] == "kalypso-lint"
    first = report["claims"][0]
    assert list(first) == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "sentence",
        "kind",
        "value",
        "low",
        "high",
        "unit",
        "qualifier",
        "verdict",
        "registry_id",
        "class",
        "class_cues",
        "category",
    ]
    assert first["class"] == "claim"
    assert first["value"] == 39000000 and isinstance(first["value"], int)
    assert report["summary"]["by_verdict"]["supported"] == 1
    assert report["summary"] == {
        "files": 1,
        "claims": 2,
        "findings": 1,
        "by_verdict": {
            "supported": 1,
            "inconsistent": 0,
            "unsupported": 1,
            "stale": 0,
            "prohibited": 0,
        },
        "by_severity": {"error": 1, "warning": 0, "info": 0},
    }


def test_several_reports_from_one_run(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", UNSUPPORTED)
    result = run_cli(
        "check", "content", "-f", "json", "-o", "out/report.json", "-f", "text", cwd=project
    )
    assert result.exit_code == 1
    assert json.loads((project / "out/report.json").read_text())["summary"]["findings"] == 1
    assert "KL101" in result.output  # the text report went to stdout
    assert not list((project / "out").glob(".*tmp"))  # no temp files left behind


def test_bad_config_names_file_and_line(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", UNSUPPORTED)
    write("rules.yaml", "registry: [claims]\ntolerance: 0.05\nfail-on: sometimes\n")
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 2
    assert "rules.yaml:3: fail-on: Input should be 'error', 'warning' or 'info'" in result.output
    write("rules.yaml", "registry: [claims]\nrules:\n  KL777: off\n")
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 2
    assert "rules.yaml:2: rules: unknown rule code 'KL777'" in result.output


def test_unclosed_list_in_config_is_reported_where_it_opens(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", UNSUPPORTED)
    lines = ["# project settings", "tolerance: 0.05", "registry: [claims"]
    lines += [f"# note {n}" for n in range(7)]  # ten lines; PyYAML gave up at line 11
    write("rules.yaml", "\n".join(lines) + "\n")
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 2
    assert "rules.yaml:3: invalid YAML: a list opened with '[' here is never closed" in (
        result.output
    )


def test_config_is_discovered_upwards_or_from_pyproject(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/deep/page.md", UNSUPPORTED)
    write("rules.yaml", "registry: [claims]\nrules: {KL101: off}\n")
    assert run_cli("check", "content/deep/page.md", cwd=project).exit_code == 0
    (project / "rules.yaml").unlink()
    write("pyproject.toml", '[tool.kalypso-lint]\nregistry = ["claims"]\nignore = ["KL101"]\n')
    assert run_cli("check", "content/deep", cwd=project).exit_code == 0
    write("other.yaml", "registry: [claims]\n")
    assert run_cli("check", "content", "--config", "other.yaml", cwd=project).exit_code == 1


def test_rules_and_explain(run_cli: Any) -> None:
    listing = run_cli("rules").output
    for code in rule_catalog():
        assert code in listing
    text = run_cli("explain", "kl102").output
    for heading in ("## What it flags", "## Why it matters", "## Example", "## Instead"):
        assert heading in text
    bad = run_cli("explain", "KL000")
    assert bad.exit_code == 2 and "unknown rule code" in bad.output


def test_every_rule_has_a_complete_entry() -> None:
    for rule in rule_catalog().values():
        assert rule.name and rule.what and rule.why and rule.example and rule.instead, rule.code
        assert rule.severity in ("error", "warning", "info")
        assert rule.code[:3] in {"KL1", "KL2", "KL3", "KL4", "KL9"}


def test_every_code_used_in_the_source_is_in_the_catalog() -> None:
    import re

    package = Path(__file__).resolve().parent.parent / "kalypso_lint"
    used = set()
    for path in package.rglob("*.py"):
        used |= set(re.findall(r'"(KL\d{3})"', path.read_text()))
    assert used and used <= set(rule_catalog())


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kalypso_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_subprocess_run_and_exit_codes(project: Path, write: Callable[..., Path]) -> None:
    write("content/page.md", UNSUPPORTED)
    done = _run(["check", "content"], project)
    assert done.returncode == 1
    assert "content/page.md:1:1: KL101" in done.stdout
    assert done.stderr == ""
    done = _run(["check", "content", "--format", "yaml"], project)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["rules"], ["explain", "KL101"], ["schema"]]
)
def test_light_commands_never_import_spacy(args: list[str], tmp_path: Path) -> None:
    code = (
        "import sys\nfrom kalypso_lint.cli import app\n"
        "try:\n    app(args=sys.argv[1:], prog_name='kalypso-lint')\n"
        "except SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_docs_rules_md_is_generated_from_the_catalog(run_cli: Any) -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == run_cli("rules", "--format", "markdown").output, (
        "docs/rules.md is out of date: run `kalypso-lint rules --format markdown > docs/rules.md`"
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["check", ".", "--fail-on", "bogus"],
            "--fail-on: 'bogus' is not one of 'error', 'warning', 'info' "
            "(see 'kalypso-lint check --help')",
        ),
        (["check", ".", "-f", "xml"], "--format: 'xml' is not one of 'text', 'json', "),
        (
            ["check", ".", "--staged", "--changed-since", "HEAD"],
            "--staged and --changed-since cannot be combined (see 'kalypso-lint check --help')",
        ),
        (
            [
                *("check", ".", "-o", "a.json", "-o", "b.sarif", "-o", "c.xml"),
                *("-f", "json", "-f", "sarif"),
            ],
            "give one --format for each --output (see 'kalypso-lint check --help')",
        ),
        (["explain"], "missing argument 'CODE' (see 'kalypso-lint explain --help')"),
        (["chek"], "no such command 'chek'; did you mean 'check'? (see 'kalypso-lint --help')"),
        (["--bogus"], "no such option '--bogus' (see 'kalypso-lint --help')"),
        (["registry", "show"], "missing argument 'ID' (see 'kalypso-lint registry show --help')"),
        (["rules", "extra"], "got unexpected extra argument (extra) (see 'kalypso-lint rules"),
    ],
)
def test_usage_errors_are_one_line_on_stderr_with_exit_2(
    args: list[str], line: str, project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", UNSUPPORTED)
    result = run_cli(*args, cwd=project)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"kalypso-lint: error: {line}"), result.stderr
    assert result.stderr.count("\n") == 1


def test_usage_error_of_the_console_script_is_one_line(tmp_path: Path) -> None:
    done = _run(["check", ".", "--fail-on", "bogus"], tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kalypso-lint: error: --fail-on: 'bogus' is not one of 'error', 'warning', 'info' "
        "(see 'kalypso-lint check --help')\n"
    )


def test_help_is_not_an_error(project: Path, run_cli: Any) -> None:
    result = run_cli("check", "--help", cwd=project)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: kalypso-lint check [OPTIONS] [PATHS]...")


def test_rules_table_columns_align_on_every_row(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    # A project rule with a long name and the built-in KL206 (the longest name) both fit.
    write(
        "rules.yaml",
        "registry: [claims]\nphrases:\n  - code: HL101\n"
        "    name: a-very-long-project-rule-name-that-is-longer-than-any\n"
        "    kind: forbid\n    message: No.\n    terms: [painless]\n",
    )
    header, *rows = run_cli("rules", cwd=project).output.splitlines()
    starts = [header.index(title) for title in ("name", "family", "default", "state")]
    assert any(row.startswith("KL206 structure-function-without-disclaimer ") for row in rows)
    for row in rows:
        for start in starts:
            assert row[start - 1] == " " and row[start] != " ", (row, start)


def test_claims_line_says_which_switched_off_rules_leave_claims_unreported(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", UNSUPPORTED + "\nOver 80% of clients slept better.\n")
    narrowed = run_cli("check", "content", "--select", "KL1", "--ignore", "KL101", cwd=project)
    assert narrowed.exit_code == 0
    assert narrowed.output.splitlines()[-2:] == [
        "No findings in 1 file.",
        "Claims: 2 (2 unsupported); not reported, as their rules are off in this run: KL101 (2).",
    ]
    default = run_cli("check", "content", cwd=project)
    assert default.output.splitlines()[-1] == "Claims: 2 (2 unsupported)."

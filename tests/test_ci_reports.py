"""CI report formats: SARIF (validated against the official schema), GitHub workflow commands,
a Markdown summary that fits a pull-request comment, and JUnit XML parsed back."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gitrepo import GitRepo
from jsonschema import Draft4Validator
from junitparser import Failure, JUnitXml

from kalypso_lint.catalog import rule_catalog
from kalypso_lint.models import FileReport, Finding, RunResult, Span, Summary
from kalypso_lint.report import ReportContext
from kalypso_lint.report.github import escape_data, escape_property
from kalypso_lint.report.junit import render as render_junit
from kalypso_lint.report.markdown import COMMENT_LIMIT, render_within

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
BAD = "Over 70% of clients felt calmer after one session."
OFF = "Almost 49 million Americans have migraine."
TODAY = ("--today", "2026-11-26")


def sarif_of(run_cli: Any, *args: str, cwd: Path | None = None) -> dict[str, Any]:
    result = run_cli("check", "-f", "sarif", *TODAY, *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.output
    log: dict[str, Any] = json.loads(result.output)
    Draft4Validator(SCHEMA).validate(log)
    return log


def test_sarif_is_valid_and_carries_rules_levels_and_regions(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("rules.yaml", "registry: [claims]\nrules: {KL101: warning, KL102: info}\n")
    write("content/page.md", f"# Calm\n\n{BAD}\n\n  {OFF}\n")
    log = sarif_of(run_cli, "content", cwd=project)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    driver = run["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == list(rule_catalog())
    kl102 = next(r for r in driver["rules"] if r["id"] == "KL102")
    assert kl102["name"] == "inconsistent-figure"
    assert kl102["shortDescription"]["text"] == "Inconsistent figure"
    assert kl102["fullDescription"]["text"] == rule_catalog()["KL102"].what
    assert kl102["helpUri"].endswith("docs/rules.md#kl102")
    assert kl102["defaultConfiguration"]["level"] == "error"  # the catalog's, not this config's
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("KL101", "warning"),
        ("KL102", "note"),
    ]
    location = results[1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "content/page.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 5, "startColumn": 3, "endLine": 5, "endColumn": 20}
    assert results[1]["properties"]["registryId"] == "migraine-us-prevalence"
    assert results[0]["message"]["text"].startswith('No registry entry supports "Over 70%"')


def test_sarif_says_how_the_run_configured_its_rules(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    # KL207 is off by default; switched on here, its descriptor keeps the default (off) and the
    # invocation says that this run had it on, so a viewer does not show a result of a rule
    # that the same log calls disabled.
    write(
        "rules.yaml",
        "registry: [claims]\nrules: {KL207: warning, KL102: info, KL304: off}\n",
    )
    write("content/page.md", f"# Calm\n\n{BAD}\n")
    run = sarif_of(run_cli, "content", cwd=project)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    kl207 = next(r for r in rules if r["id"] == "KL207")
    assert kl207["defaultConfiguration"] == {"level": "warning", "enabled": False}
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    overrides = {
        o["descriptor"]["id"]: (o["descriptor"]["index"], o["configuration"])
        for o in invocation["ruleConfigurationOverrides"]
    }
    index = [r["id"] for r in rules].index
    assert overrides == {
        "KL102": (index("KL102"), {"enabled": True, "level": "note"}),
        "KL207": (index("KL207"), {"enabled": True, "level": "warning"}),
        "KL304": (index("KL304"), {"enabled": False}),
    }


def test_sarif_says_a_rule_a_product_page_switched_on_was_on(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    # KL207 is off for the run but on by default on product pages (seller.py): a result of it
    # must not stand beside a rule the log calls disabled.
    write("rules.yaml", "registry: [claims]\nsells: products\n")
    write("content/page.md", "Zinc drops support your body when flu season arrives.\n")
    run = sarif_of(run_cli, "content", cwd=project)["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["KL207"]
    (invocation,) = run["invocations"]
    overrides = {
        o["descriptor"]["id"]: o["configuration"] for o in invocation["ruleConfigurationOverrides"]
    }
    assert overrides == {"KL207": {"enabled": True, "level": "warning"}}


def test_sarif_of_a_default_run_has_no_overrides(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("rules.yaml", "registry: [claims]\n")
    write("content/page.md", f"# Calm\n\n{BAD}\n")
    assert "invocations" not in sarif_of(run_cli, "content", cwd=project)["runs"][0]


def test_sarif_paths_are_from_the_repository_root_and_fingerprints_survive_moves(
    git_repo: GitRepo, run_cli: Any
) -> None:
    git_repo.write("content/my page.md", f"{BAD}\n")
    first = sarif_of(run_cli, "my page.md", cwd=git_repo.path / "content")["runs"][0]["results"]
    location = first[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "content/my%20page.md"
    git_repo.write("content/my page.md", f"# New heading\n\nNew intro.\n\n{BAD}\n")
    moved = sarif_of(run_cli, "my page.md", cwd=git_repo.path / "content")["runs"][0]["results"]
    assert moved[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert moved[0]["partialFingerprints"] == first[0]["partialFingerprints"]
    assert first[0]["partialFingerprints"]["kalypsoFinding/v1"]


def test_projects_own_phrase_rules_are_described_too(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "rules.yaml",
        """\
        registry: [claims]
        phrases:
          - code: HL201
            name: no-detox-claims
            kind: forbid
            severity: warning
            message: 'Do not promise "{match}"'
            link: https://example.org/house-style#detox
            terms: [detox]
        """,
    )
    write("content/page.md", "Our detox drip helps.\n")
    log = sarif_of(run_cli, "content", cwd=project)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["HL201"]["name"] == "no-detox-claims"
    assert rules["HL201"]["helpUri"] == "https://example.org/house-style#detox"
    assert [(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]] == [("HL201", "warning")]
    result = run_cli("check", "content", "-f", "github", cwd=project)
    _, props, message = parse_command(result.output.splitlines()[0])
    assert props["title"] == "HL201 no-detox-claims"
    assert message == 'Do not promise "detox"'


def test_sarif_without_findings_is_valid(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", "Book a consultation.\n")
    assert sarif_of(run_cli, "content", cwd=project)["runs"][0]["results"] == []


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in pairs:
        text = text.replace(code, char)
    return text.replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the runner does (split, then unescape)."""
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match, line
    props = dict(item.split("=", 1) for item in match.group(2).split(","))
    return (
        match.group(1),
        {k: _unescape(v, prop=True) for k, v in props.items()},
        _unescape(match.group(3), prop=False),
    )


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad"
    assert escape_property("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad"
    assert escape_data("%0A") == "%250A"  # a literal %0A stays literal


def test_github_annotations_round_trip(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("rules.yaml", "registry: [claims]\nrules: {KL102: info}\n")
    name = "content/odd, name: 100%.md"
    write(name, f"{BAD}\n\n{OFF}\n")
    result = run_cli("check", "content", "-f", "github", *TODAY, cwd=project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2
    command, props, message = parse_command(lines[0])
    assert command == "error"
    assert props == {
        "file": name,
        "line": "1",
        "endLine": "1",
        "col": "1",
        "endColumn": "9",
        "title": "KL101 unsupported-figure",
    }
    assert message.startswith('No registry entry supports "Over 70%"')
    command, props, message = parse_command(lines[1])
    assert command == "notice"
    assert message.splitlines() == [
        '"Almost 49 million" does not match registry entry migraine-us-prevalence, '
        "which gives 39 million people",
        "registry migraine-us-prevalence: About 39 million people in the US live with migraine.",
        "source: https://migraineresearchfoundation.org/about-migraine/migraine-facts/",
    ]


def test_github_annotation_spanning_lines_has_no_columns(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", "Almost 49\nmillion Americans have migraine.\n")
    result = run_cli("check", "content", "-f", "github", *TODAY, cwd=project)
    _, props, _ = parse_command(result.output.splitlines()[0])
    assert (props["line"], props["endLine"]) == ("1", "2")
    assert "col" not in props and "endColumn" not in props


def _cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_summary_has_totals_and_a_table_per_file(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/a|b.md", f"{BAD}\n\n{OFF}\n")
    write("content/z.md", "Over 80% of *clients* slept <b>better</b>.\n")
    write("content/clean.md", "Book a consultation with our nurses.\n")
    result = run_cli("check", "content", "-f", "markdown", *TODAY, cwd=project)
    text = result.output
    assert "**3 findings** (3 errors) in 2 of 3 files checked." in text
    assert "| supported | 0 |\n| inconsistent | 1 |\n| unsupported | 2 |" in text
    assert "### content/a\\|b.md" in text and "### content/z.md" in text
    assert "clean.md" not in text
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 3
    assert all(len(_cells(row)) == 6 for row in rows)
    cells = _cells(rows[1])
    assert [c.strip() for c in cells[:4]] == [
        "3",
        "Almost 49 million",
        "inconsistent",
        "`migraine-us-prevalence`",
    ]
    assert "(<https://migraineresearchfoundation.org/about-migraine/migraine-facts/>)" in cells[4]
    assert "\\*clients\\*" not in text  # the message quotes the claim only
    assert "<b>" not in text
    assert len(text) < COMMENT_LIMIT


def test_markdown_is_capped_below_githubs_comment_limit(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    page = "\n\n".join(
        f"Over {n}.{n % 10}% of clients in the long descriptive cohort felt much calmer."
        for n in range(1, 401)
    )
    write("content/huge.md", page + "\n")
    result = run_cli("check", "content", "-f", "markdown", *TODAY, cwd=project)
    text = result.output
    assert "**400 findings**" in text
    assert len(text) < COMMENT_LIMIT
    rows = len([line for line in text.splitlines() if re.match(r"\| \d+ \|", line)])
    left = int(re.search(r"…and (\d+) more findings not shown here", text).group(1))  # type: ignore[union-attr]
    assert 100 < rows < 400 and rows + left == 400


def _result_with(findings: list[Finding], files: list[str]) -> RunResult:
    """A decided run result, as the pipeline hands it to reporters."""
    by_file = {path: tuple(f for f in findings if f.path == path) for path in files}
    return RunResult(
        claims=[],
        findings=findings,
        summary=Summary(
            files=len(files),
            findings=len(findings),
            by_verdict={"supported": 0, "unsupported": len(findings)},
            by_severity={"error": len(findings), "warning": 0, "info": 0},
            files_with_findings=sum(1 for f in by_file.values() if f),
            files_failing=sum(1 for f in by_file.values() if f),  # all errors, --fail-on error
        ),
        files=[FileReport(path, by_file[path], failing=by_file[path]) for path in files],
    )


def test_markdown_budget_truncates_whole_rows() -> None:
    findings = [
        Finding("KL101", "error", f"message {n}", "p.md", Span(n, 1, n, 5), claim_text=f"{n}%")
        for n in range(1, 21)
    ]
    result = _result_with(findings, ["p.md"])
    context = ReportContext(tool_version="0.1.0")
    full = render_within(result, context, 10_000)
    assert "more finding" not in full
    cut = render_within(result, context, 1_200)
    shown = len(re.findall(r"^\| \d+ \|", cut, re.MULTILINE))
    assert 0 < shown < 20
    assert f"…and {20 - shown} more findings not shown here" in cut


def test_junit_has_one_case_per_file_and_parses_back(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/a.md", f"{BAD}\n\n{OFF}\n")
    write("content/b.md", "Book a consultation.\n")
    run_cli("check", "content", "-f", "junit", "-o", "out/report.xml", *TODAY, cwd=project)
    xml = JUnitXml.fromfile(str(project / "out/report.xml"))
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    assert (suite.tests, suite.failures, suite.errors) == (2, 1, 0)
    cases = {case.name: case for case in suite}
    assert set(cases) == {"content/a.md", "content/b.md"}
    assert cases["content/b.md"].is_passed
    (failure,) = cases["content/a.md"].result
    assert isinstance(failure, Failure)
    assert failure.type == "KL101"
    assert failure.text.splitlines()[1].startswith("content/a.md:3:1: KL102 [error]")
    ET.fromstring((project / "out/report.xml").read_bytes())  # well-formed for the stdlib too


def test_junit_fails_only_the_files_that_fail_the_run(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    # A testimonial without a disclaimer is a warning (KL304): below the default --fail-on
    # error, so the job is green and the test view must be too, the finding still shown.
    write("content/quote.md", 'Jane said: "I felt amazing after my session!"\n')
    write("content/both.md", f'{BAD}\n\nJane said: "I felt amazing after my session!"\n')
    write("content/clean.md", "Book a consultation.\n")
    alone = run_cli("check", "content/quote.md", "-f", "junit", "-o", "q.xml", cwd=project)
    assert alone.exit_code == 0, alone.output
    (suite,) = list(JUnitXml.fromfile(str(project / "q.xml")))
    assert (suite.tests, suite.failures, suite.errors) == (1, 0, 0)
    (case,) = list(suite)
    assert case.is_passed
    assert case.system_out.startswith("content/quote.md:1:1: KL304 [warning] Testimonial")

    run = run_cli("check", "content", "-f", "junit", "-o", "all.xml", *TODAY, cwd=project)
    assert run.exit_code == 1
    (suite,) = list(JUnitXml.fromfile(str(project / "all.xml")))
    assert (suite.tests, suite.failures) == (3, 1)
    cases = {case.name: case for case in suite}
    assert cases["content/quote.md"].is_passed and cases["content/clean.md"].is_passed
    assert cases["content/clean.md"].system_out is None
    (failure,) = cases["content/both.md"].result
    assert isinstance(failure, Failure) and failure.type == "KL101"
    assert "KL304" not in failure.text and "KL304" in cases["content/both.md"].system_out

    strict = run_cli("check", "content/quote.md", "--fail-on", "warning", "-f", "junit")
    assert strict.exit_code == 1
    (suite,) = list(JUnitXml.fromstring(strict.stdout.encode()))
    (case,) = list(suite)
    assert suite.failures == 1 and case.result[0].type == "KL304"


def test_junit_replaces_characters_xml_cannot_carry() -> None:
    finding = Finding("KL101", "error", "odd \x0b text", "p.md", Span(1, 1, 1, 2))
    text = render_junit(_result_with([finding], ["p.md"]), ReportContext(tool_version="0"))
    root = ET.fromstring(text.encode("utf-8"))
    assert "odd \ufffd text" in root.find(".//failure").text  # type: ignore[union-attr,operator]


def test_one_run_writes_every_ci_report(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", f"{BAD}\n")
    result = run_cli(
        "check",
        "content",
        *("-f", "sarif", "-o", "r/a.sarif"),
        *("-f", "markdown", "-o", "r/b.md"),
        *("-f", "junit", "-o", "r/c.xml"),
        *("-f", "github"),
        cwd=project,
    )
    assert result.exit_code == 1
    assert result.output.startswith("::error file=content/page.md,line=1,")
    assert json.loads((project / "r/a.sarif").read_text())["runs"][0]["results"]
    assert "| 1 | Over 70% | unsupported |" in (project / "r/b.md").read_text()
    assert 'failures="1"' in (project / "r/c.xml").read_text()


@pytest.mark.parametrize("fmt", ["sarif", "github", "markdown", "junit"])
def test_reports_are_reproducible(
    project: Path, write: Callable[..., Path], run_cli: Any, fmt: str
) -> None:
    write("content/page.md", f"{BAD}\n\n{OFF}\n")
    first = run_cli("check", "content", "-f", fmt, *TODAY, cwd=project).output
    assert first == run_cli("check", "content", "-f", fmt, *TODAY, cwd=project).output
    assert str(project) not in first

"""Hostile and broken input: every case ends with a clear message and a defined exit code,
never a traceback, and the user's files are never changed."""

from __future__ import annotations

import codecs
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CLAIM = "Over 70% of clients felt calmer after one session.\n"


def check_json(run_cli: Any, project: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", *args, "-f", "json", "--today", "2026-11-26", cwd=project)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.output)


def kl9(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f["path"], f["code"], f["message"]) for f in report["findings"] if f["code"] >= "KL9"]


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\x00\nendobj", "binary file"),
        ("nul.md", b"Over 70% of clients\x00 felt calmer.", "binary file"),
        (
            "latin1.md",
            "Caf\xe9 clients: over 70% felt calmer.\nSecond line \xe9\n".encode("latin-1"),
            "not valid UTF-8 at line 1, column 4 (byte 0xe9)",
        ),
        ("bad.html", b"<p>ok</p>\n<p>\xff\xfe broken</p>", "not valid UTF-8 at line 2, column 4"),
    ],
)
def test_undecodable_files_are_kl901_and_the_run_goes_on(
    project: Path, write: Callable[..., Path], run_cli: Any, name: str, data: bytes, fragment: str
) -> None:
    write(f"content/{name}", raw=data)
    write("content/good.md", CLAIM)
    code, report = check_json(run_cli, project, "content")
    assert code == 1
    ((path, rule, message),) = kl9(report)
    assert (path, rule) == (f"content/{name}", "KL901")
    assert fragment in message
    assert any(c["path"] == "content/good.md" for c in report["claims"])
    assert (project / "content" / name).read_bytes() == data  # never modified


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + CLAIM.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CLAIM.encode("utf-16-be"),
        codecs.BOM_UTF8 + CLAIM.encode(),
        CLAIM.replace("\n", "\r").encode(),
    ],
    ids=["utf16le", "utf16be", "utf8-bom", "lone-cr"],
)
def test_boms_and_line_endings_still_point_at_the_figure(
    project: Path, write: Callable[..., Path], run_cli: Any, data: bytes
) -> None:
    write("content/page.txt", raw=data)
    _, report = check_json(run_cli, project, "content")
    (claim,) = report["claims"]
    assert (claim["text"], claim["line"], claim["column"], claim["end_column"]) == (
        "Over 70%",
        1,
        1,
        9,
    )


def test_empty_and_whitespace_files_have_no_findings(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/empty.md", raw=b"")
    write("content/blank.html", raw=b"  \n\t\n")
    code, report = check_json(run_cli, project, "content")
    assert (code, report["findings"], report["summary"]["files"]) == (0, [], 2)


def test_file_over_the_size_limit_is_kl902_without_reading_it(project: Path, run_cli: Any) -> None:
    huge = project / "content" / "export.txt"
    with huge.open("wb") as handle:  # a sparse 200 MB file: nothing is really written
        handle.truncate(200 * 1024 * 1024)
    code, report = check_json(run_cli, project, "content")
    assert code == 1
    ((_, rule, message),) = kl9(report)
    assert rule == "KL902"
    assert "file is 200.0 MB, over the 10.0 MB limit" in message


@pytest.mark.slow
def test_one_50_mb_line_is_checked_in_bounded_pieces(
    project: Path, write: Callable[..., Path]
) -> None:
    write("rules.yaml", "registry: [claims]\nmax-file-size: 60MB\n")
    sentence = "Our nurses answer questions about infusions every weekday. "
    line = sentence * (50 * 1024 * 1024 // len(sentence)) + CLAIM
    (project / "content" / "long.txt").write_text(line, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kalypso_lint", "check", "content", "-f", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 1, done.stderr
    (claim,) = json.loads(done.stdout)["claims"]
    assert claim["line"] == 1 and claim["column"] == len(line) - len(CLAIM) + 1


def test_deeply_nested_markup_does_not_crash(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/deep.html", "<div>" * 20000 + CLAIM + "</div>" * 20000, dedent=False)
    write("content/unclosed.html", "<p><b>Over 70% of clients <i>felt calmer", dedent=False)
    write(
        "content/lists.md", "- " * 10000 + "item\n\n" + "1. " * 10000 + "\n\n" + CLAIM, dedent=False
    )
    write("content/quotes.md", ">" * 5000 + " " + CLAIM, dedent=False)
    code, report = check_json(run_cli, project, "content")
    assert code == 1
    assert not kl9(report)
    assert {c["path"] for c in report["claims"]} >= {"content/deep.html", "content/unclosed.html"}


def test_symlink_loops_broken_links_and_odd_names(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    content = project / "content"
    (content / "loop").symlink_to(content, target_is_directory=True)
    (content / "dangling.md").symlink_to(content / "missing.md")
    write("content/with space/ünïcode página.md", CLAIM)
    code, report = check_json(run_cli, project, "content")
    assert code == 1
    assert [c["path"] for c in report["claims"]] == ["content/with space/ünïcode página.md"]
    code, report = check_json(run_cli, project, "content/dangling.md")
    assert kl9(report)[0][1] == "KL901"
    assert "cannot read" in kl9(report)[0][2]


@pytest.mark.parametrize(
    ("yaml_text", "fragment"),
    [
        (
            "claims:\n  - id: a\n    statement: s\n    value: 1e400\n    unit: percent\n"
            "    match: [[a]]\n    status: approved\n",
            "finite",
        ),
        (
            "claims:\n  - id: a\n    statement: s\n    value: [1, 2]\n    unit: percent\n"
            "    match: [[a]]\n    status: approved\n",
            "claims[0].value",
        ),
        ("claims: {id: a}\n", "claims: Input should be a valid list"),
        ("- just\n- a list\n", "a registry file must be a mapping"),
        ("claims:\n  - id: a\n  bad indentation: [\n", "invalid YAML"),
    ],
)
def test_broken_registries_exit_2_with_file_and_line(
    project: Path, write: Callable[..., Path], run_cli: Any, yaml_text: str, fragment: str
) -> None:
    write("content/page.md", CLAIM)
    write("claims/broken.yaml", yaml_text, dedent=False)
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 2
    assert "claims/broken.yaml:" in result.output
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_a_registry_with_thousands_of_entries_loads_and_checks(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    entries = "".join(
        f"  - id: entry-{i}\n    statement: Figure {i}.\n    value: {i}\n    unit: visits\n"
        f"    match: [[term{i}]]\n    status: approved\n"
        for i in range(3000)
    )
    write("claims/many.yaml", "claims:\n" + entries, dedent=False)
    write("content/page.md", "At term2999 we logged 2,999 visits.\n" + CLAIM)
    _code, report = check_json(run_cli, project, "content")
    assert (report["claims"][0]["registry_id"], report["claims"][0]["verdict"]) == (
        "entry-2999",
        "supported",
    )


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["check", "--no-such-option"], 2, "No such option"),
        (["check", "--format", "yaml"], 2, "Invalid value for '-f' / '--format'"),
        (["check", "--today", "yesterday"], 2, "--today: expected a date as YYYY-MM-DD"),
        (["check", "--select", "KL1,XX9"], 2, "unknown rule code 'XX9'"),
        (
            ["check", "-o", "a.json", "-o", "b.json", "-f", "json"],
            2,
            "give one --format for each --output",
        ),
        (["check", "-f", "json", "-f", "text"], 2, "only one report can go to standard output"),
        (["check", "missing-folder"], 2, "missing-folder: path not found"),
        (["check", "--config", "nope.yaml"], 2, "nope.yaml: configuration file not found"),
        (["explain", "KL000"], 2, "unknown rule code"),
        (["frobnicate"], 2, "No such command"),
    ],
)
def test_command_line_mistakes(
    project: Path,
    write: Callable[..., Path],
    run_cli: Any,
    args: list[str],
    code: int,
    fragment: str,
) -> None:
    write("content/page.md", CLAIM)
    result = run_cli(*args, cwd=project)
    assert result.exit_code == code, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_no_files_matched_is_exit_3(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/notes.rst", "Over 70%.\n")
    write("rules.yaml", "registry: [claims]\ninclude: ['**/*.md']\n")
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 3
    assert "no files to check" in result.output


def test_ctrl_c_ends_cleanly_with_130(project: Path, write: Callable[..., Path]) -> None:
    for i in range(400):
        write(f"content/page{i}.md", CLAIM * 50)
    process = subprocess.Popen(
        [sys.executable, "-m", "kalypso_lint", "check", "content"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert "Traceback" not in stderr


def test_output_file_is_replaced_atomically(project: Path, write: Callable[..., Path]) -> None:
    write("content/page.md", CLAIM)
    target = project / "report.json"
    target.write_text("previous report", encoding="utf-8")
    target.chmod(0o640)
    done = subprocess.run(
        [sys.executable, "-m", "kalypso_lint", "check", "content", "-f", "json", "-o", str(target)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert json.loads(target.read_text())["summary"]["findings"] == 1
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)  # permissions kept
    assert [p.name for p in project.iterdir() if p.name.startswith(".report")] == []

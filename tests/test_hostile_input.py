"""Hostile and broken input: every case ends with a clear message and a defined exit code,
never a traceback, and the user's files are never changed."""

from __future__ import annotations

import codecs
import json
import os
import signal
import socket
import subprocess
import sys
import threading
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
def test_one_12_mb_line_is_checked_in_bounded_pieces(
    project: Path, write: Callable[..., Path]
) -> None:
    # Over the default 10 MB limit and 120 times the longest block spaCy is given
    # (extract.MAX_BLOCK_CHARS); benchmarks/run.py --big-mb 50 measures a 50 MB file's memory.
    write("rules.yaml", "registry: [claims]\nmax-file-size: 20MB\n")
    sentence = "Our nurses answer questions about infusions every weekday. "
    line = sentence * (12 * 1024 * 1024 // len(sentence)) + CLAIM
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
    # past markdown-it's nesting limit the text is not parsed, and said so (issue 15)
    assert [(p, c) for p, c, _ in kl9(report)] == [
        ("content/lists.md", "KL906"),
        ("content/quotes.md", "KL906"),
    ]
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
    dangling = f"dangling symbolic link to {content / 'missing.md'}: nothing to read"
    assert [(p, c) for p, c, _ in kl9(report)] == [("content/dangling.md", "KL901")]
    assert dangling in kl9(report)[0][2]
    code, report = check_json(run_cli, project, "content/dangling.md")
    assert [(p, c) for p, c, _ in kl9(report)] == [("content/dangling.md", "KL901")]
    assert dangling in kl9(report)[0][2]


def test_a_dangling_link_is_reported_at_its_own_path_not_its_target(
    project: Path, run_cli: Any
) -> None:
    # Relative link text, as `ln -s missing.md dangling.md` writes it; a folder holding only
    # such links is a run with findings (exit 1), not "no files to check" (exit 3).
    (project / "content" / "dangling.md").symlink_to("missing.md")
    (project / "content" / "also.md").symlink_to("missing.md")
    (project / "content" / "notes.txt.bak").symlink_to("missing.md")  # not an include glob
    for target in ("content", "content/dangling.md"):
        result = run_cli("check", target, "--no-color", cwd=project)
        assert result.exit_code == 1, result.output
        assert (
            "content/dangling.md:1:1: KL901 [error] Cannot check this file: dangling symbolic "
            "link to missing.md: nothing to read"
        ) in result.output
        assert "content/missing.md" not in result.output
    assert "content/also.md:1:1: KL901" in run_cli("check", "content", cwd=project).output


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
        f"    match: [[term{i}]]\n    sources: [{{title: T, pmid: '{i + 1}'}}]\n"
        "    status: approved\n"
        for i in range(3000)
    )
    write("claims/many.yaml", "claims:\n" + entries, dedent=False)
    write("content/page.md", "At term2999 we logged 2,999 visits, and symptoms improved.\n" + CLAIM)
    _code, report = check_json(run_cli, project, "content")
    assert (report["claims"][0]["registry_id"], report["claims"][0]["verdict"]) == (
        "entry-2999",
        "supported",
    )


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["check", "--no-such-option"], 2, "no such option '--no-such-option'"),
        (["check", "--format", "yaml"], 2, "--format: 'yaml' is not one of 'text', "),
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
        (["frobnicate"], 2, "no such command 'frobnicate'"),
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
    assert result.stderr.startswith("kalypso-lint: error: ")
    assert result.stderr.count("\n") == 1 and not result.stdout


def test_no_files_matched_is_exit_3(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/notes.rst", "Over 70%.\n")
    write("rules.yaml", "registry: [claims]\ninclude: ['**/*.md']\n")
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 3
    assert "no files to check" in result.output


def test_ctrl_c_ends_cleanly_with_130(project: Path, write: Callable[..., Path]) -> None:
    # Every sentence differs (no memo or cache can make the run short): the check is still
    # under way when the signal comes, however fast the machine.
    for i in range(400):
        lines = (f"Over {i * 50 + j} clients felt calmer after session {j}.\n" for j in range(50))
        write(f"content/page{i}.md", "".join(lines))
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
    # 130, or an end by SIGINT itself, which a shell reports as 130 too: CPython ends that
    # way after our handler's exit when the interrupt passed through code it ran on behalf
    # of an import still under way (a few runs in a hundred with the signal 0.4 s in).
    assert process.returncode in (130, -signal.SIGINT), stderr
    assert "interrupted" in stderr
    assert "Traceback" not in stderr


# Sends SIGINT to itself when the named module is first imported, then runs the installed
# console script: the interrupt lands at a known point of the start-up, whatever the timing.
INTERRUPT_ON_IMPORT = """
import os, signal, sys
from importlib.abc import MetaPathFinder
from importlib.metadata import entry_points

module = sys.argv[1]

class InterruptOnImport(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == module:
            os.kill(os.getpid(), signal.SIGINT)
        return None

main = entry_points(group="console_scripts")["kalypso-lint"]
sys.meta_path.insert(0, InterruptOnImport())
sys.argv = ["kalypso-lint", *sys.argv[2:]]
main.load()()
"""


@pytest.mark.parametrize(
    ("module", "when"),
    [
        ("click.core", "click is being imported, before any command"),
        ("kalypso_lint.commands.check", "click is choosing the command"),
        ("kalypso_lint.report.sarif", "the check command is writing its report"),
    ],
)
def test_ctrl_c_during_start_up_ends_with_130(
    project: Path, write: Callable[..., Path], module: str, when: str
) -> None:
    # Before the start-up handler, the first gave a traceback and the second click's
    # "Aborted!" with exit 1, which CI reads as findings.
    write("content/page.md", CLAIM)
    args = ["check", "content", "-f", "sarif", "--no-cache"]
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_ON_IMPORT, module, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 130, (when, result.stderr)
    assert result.stderr.strip().endswith("kalypso-lint: interrupted"), when
    assert "Traceback" not in result.stderr and "Aborted" not in result.stderr, when


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


# --- issue 15: hostile input, round 2 -------------------------------------------------------
# Each test runs under a timeout (pytest-timeout), so a hang is a failure, not a stuck suite.


def kalypso(
    *args: str, cwd: Path, timeout: float = 120, **popen: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kalypso_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        **popen,
    )


SECRET = "runner-token-4f9a 55% of keys"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file outside the checked project, as a CI runner's credentials would be."""
    secret = tmp_path_factory.mktemp("runner") / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    return secret


@pytest.mark.timeout(180)
def test_symlink_out_of_the_checked_folders_is_kl905_and_never_read(
    project: Path, write: Callable[..., Path], outside: Path
) -> None:
    write("content/good.md", CLAIM)
    write("content/inside.md", "Over 80% of clients slept better.\n")
    (project / "content" / "leak.md").symlink_to(outside)
    (project / "content" / "alias.md").symlink_to(project / "content" / "inside.md")
    done = kalypso("check", "content", "-f", "html", "-o", "r.html", "-f", "json", cwd=project)
    assert done.returncode == 1, done.stderr
    assert "runner-token" not in (project / "r.html").read_text(encoding="utf-8")
    assert "runner-token" not in done.stdout
    report = json.loads(done.stdout)
    assert [(p, c) for p, c, _ in kl9(report)] == [("content/leak.md", "KL905")]
    assert "--follow-external-symlinks" in kl9(report)[0][2]
    # named on the command line, too
    named = kalypso("check", "content/leak.md", "-f", "json", cwd=project)
    assert [c for _, c, _ in kl9(json.loads(named.stdout))] == ["KL905"]
    assert "runner-token" not in named.stdout
    # the documented opt-in reads it
    followed = kalypso("check", "content", "--follow-external-symlinks", "-f", "json", cwd=project)
    texts = {c["path"]: c["sentence"] for c in json.loads(followed.stdout)["claims"]}
    assert "runner-token" in texts["content/leak.md"]


OUTSIDE_ENTRY = """\
claims:
  - id: runner-entry
    statement: runner-token-4f9a in 55% of keys.
    value: 55
    unit: percent
    match: [[keys]]
    sources: [{title: T, pmid: '1'}]
    status: approved
"""


@pytest.mark.timeout(180)
def test_a_registry_file_linked_out_of_the_project_is_refused_unless_named(
    project: Path,
    write: Callable[..., Path],
    run_cli: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    outside = tmp_path_factory.mktemp("runner") / "claims.yaml"
    outside.write_text(OUTSIDE_ENTRY, encoding="utf-8")
    write("shared/extra.yaml", OUTSIDE_ENTRY.replace("runner-entry", "shared-entry"), dedent=False)
    (project / "claims" / "inside.yaml").symlink_to(project / "shared" / "extra.yaml")
    assert run_cli("registry", "validate", cwd=project).exit_code == 0  # inside: read
    (project / "claims" / "leak.yaml").symlink_to(outside)
    for args in (["registry", "validate"], ["check", "content"]):
        result = run_cli(*args, cwd=project)
        assert result.exit_code == 2, result.output
        assert "claims/leak.yaml: a symbolic link to a file outside the registry folder" in (
            result.output
        )
        assert "runner-token" not in result.output
    # a file named itself is the user's choice
    named = run_cli("registry", "validate", "claims/leak.yaml", cwd=project)
    assert named.exit_code == 0, named.output
    assert "registry OK: 1 entry in 1 file" in named.output


@pytest.mark.timeout(120)
def test_symlink_loops_are_kl901_and_every_other_file_is_checked(
    project: Path, write: Callable[..., Path]
) -> None:
    write("content/good.md", CLAIM)
    content = project / "content"
    (content / "a.md").symlink_to(content / "b.md")
    (content / "b.md").symlink_to(content / "a.md")
    (content / "self.md").symlink_to(content / "self.md")
    done = kalypso("check", "content", "content/a.md", "-f", "json", cwd=project)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert [(p, c) for p, c, _ in kl9(report)] == [
        ("content/a.md", "KL901"),
        ("content/b.md", "KL901"),
        ("content/self.md", "KL901"),
    ]
    assert "loops" in kl9(report)[0][2]
    assert [c["path"] for c in report["claims"]] == ["content/good.md"]


@pytest.mark.timeout(120)
def test_fifos_and_devices_are_never_opened_for_reading(
    project: Path, write: Callable[..., Path]
) -> None:
    write("content/good.md", CLAIM)
    os.mkfifo(project / "content" / "found.md")
    os.mkfifo(project / "named.md")
    (project / "content" / "to-fifo.md").symlink_to(project / "named.md")
    done = kalypso(
        "check",
        "content",
        "named.md",
        "/dev/zero",
        "--follow-external-symlinks",
        "-f",
        "json",
        cwd=project,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    found = {(p, c) for p, c, _ in kl9(report)}
    # named: reported; found in a folder: not a file to check, like a folder or a socket
    assert found == {("named.md", "KL901"), ("/dev/zero", "KL901")}
    messages = {p: m for p, _, m in kl9(report)}
    assert "not a regular file but a named pipe (FIFO)" in messages["named.md"]
    assert "character device" in messages["/dev/zero"]
    assert [c["path"] for c in report["claims"]] == ["content/good.md"]
    # a FIFO as registry, configuration or baseline is an error, not a hang
    os.mkfifo(project / "pipe.yaml")
    for args in (
        ["check", "content", "--registry", "pipe.yaml"],
        ["check", "content", "--config", "pipe.yaml"],
        ["check", "content", "--baseline", "pipe.yaml"],
    ):
        failed = kalypso(*args, cwd=project)
        assert failed.returncode == 2, (args, failed.stderr)
        assert "pipe.yaml" in failed.stderr
        assert "Traceback" not in failed.stderr


@pytest.mark.timeout(180)
@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["check", "content/page.md", "-o", "content/page.md"], "content/page.md"),
        (["check", "content", "-o", "./content/../content/page.md"], "content/page.md"),
        (["check", "content", "-f", "json", "-o", "claims/migraine.yaml"], "claims/migraine.yaml"),
        (["check", "content", "-f", "json", "-o", "claims/new-report.yaml"], None),
        (["check", "content", "-o", "rules.yaml"], "rules.yaml"),
        (["check", "content", "-o", "report-link.txt"], "content/page.md"),
        (["baseline", "write", "content", "-o", "content/page.md"], "content/page.md"),
        (["sources", "check", "--offline", "-o", "claims/migraine.yaml"], "claims/migraine.yaml"),
    ],
    ids=[
        "same",
        "spelt-otherwise",
        "registry",
        "registry-folder",
        "config",
        "symlink",
        "baseline",
        "sources",
    ],
)
def test_an_output_naming_an_input_is_refused_and_nothing_is_written(
    project: Path, write: Callable[..., Path], args: list[str], target: str | None
) -> None:
    write("content/page.md", CLAIM)
    (project / "report-link.txt").symlink_to(project / "content" / "page.md")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    done = kalypso(*args, cwd=project)
    assert done.returncode == 2, done.stderr
    assert "choose another path" in done.stderr
    assert "Traceback" not in done.stderr
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert after == before
    if target is not None:
        assert (project / target).read_bytes() == before[project / target]


@pytest.mark.timeout(300)
def test_two_scaffolds_at_once_leave_a_valid_registry(
    project: Path, write: Callable[..., Path]
) -> None:
    for i in range(6):
        write(f"content/page{i}.md", f"About {40 + i}% of our ketamine patients felt calmer.\n")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "kalypso_lint", "registry", "scaffold", "content"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=240) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    drafted = [out for out, _ in outputs if "Drafted" in out]
    assert len(drafted) == 1, outputs  # the second run waited, then found nothing to draft
    assert any("Nothing to draft" in out for out, _ in outputs), outputs
    valid = kalypso("registry", "validate", cwd=project)
    assert valid.returncode == 0, valid.stderr


@pytest.mark.timeout(120)
def test_markdown_nested_deeply_is_checked_or_reported_at_its_line(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    lists = "".join("  " * i + f"- level {i}\n" for i in range(10)) + "  " * 10 + "- " + CLAIM
    write("content/lists.md", lists, dedent=False)
    write("content/quotes.md", ">" * 20 + " " + CLAIM, dedent=False)
    deeper = "Intro line.\n\n" + ">" * 150 + " " + CLAIM
    write("content/deeper.md", deeper, dedent=False)
    code, report = check_json(run_cli, project, "content")
    assert code == 1
    claimed = {c["path"] for c in report["claims"] if c["text"] == "Over 70%"}
    assert claimed == {"content/lists.md", "content/quotes.md"}
    assert [(p, c) for p, c, _ in kl9(report)] == [("content/deeper.md", "KL906")]
    finding = next(f for f in report["findings"] if f["code"] == "KL906")
    assert finding["line"] == 3
    assert "nested more than 100 levels" in finding["message"]


@pytest.mark.timeout(300)
def test_a_sentence_of_figures_stays_bounded_and_the_report_linear(
    project: Path, write: Callable[..., Path]
) -> None:
    def dump(n: int) -> str:
        return " ".join(f"{10 + i % 80}% of patients," for i in range(n)) + "\n"

    sizes = []
    for n in (150, 300):
        write("content/dump.txt", dump(n))
        done = kalypso("check", "content", "--no-cache", "-f", "json", "-o", "r.json", cwd=project)
        assert done.returncode == 1, done.stderr
        report = json.loads((project / "r.json").read_text(encoding="utf-8"))
        assert len(report["claims"]) >= n
        assert max(len(c["sentence"]) for c in report["claims"]) <= 602
        assert max(len(f.get("sentence") or "") for f in report["findings"]) <= 602
        (note,) = [f for f in report["findings"] if f["code"] == "KL907"]
        assert note["severity"] == "info" and note["line"] == 1
        sizes.append((project / "r.json").stat().st_size)
    assert sizes[1] < 2.3 * sizes[0]  # twice the figures, about twice the report


@pytest.fixture
def threaded_server() -> Any:
    """A 127.0.0.1 HTTP server answering requests in parallel, so a slow handler holds up
    no other request."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


class Trickler:
    """An HTTP server on 127.0.0.1 that sends its answer, headers included, one byte at a
    time, 0.1 s apart: each read gets data in time, the whole answer never comes."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            answer = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + b"<p>wait</p>" * 10**4
            for byte in answer:
                if self.stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.1)

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


@pytest.mark.timeout(120)
@pytest.mark.parametrize("where", ["headers", "body"])
def test_trickling_server_is_cut_off_at_the_timeout_and_other_sources_still_reported(
    project: Path, write: Callable[..., Path], threaded_server: Any, where: str
) -> None:
    httpserver = threaded_server
    from werkzeug import Response

    trickler = Trickler()
    if where == "body":  # a real server whose body trickles after prompt headers

        def body(request: Any) -> Response:
            def pieces() -> Any:
                for _ in range(40):
                    time.sleep(0.1)
                    yield b"x"

            return Response(pieces(), content_type="text/html")

        httpserver.expect_request("/trickle").respond_with_handler(body)
        slow = httpserver.url_for("/trickle")
    else:
        slow = f"http://127.0.0.1:{trickler.port}/"
    httpserver.expect_request("/missing").respond_with_data("gone", status=404)
    missing = httpserver.url_for("/missing")
    write(
        "claims/migraine.yaml",
        f"""\
        claims:
          - id: slow
            statement: s
            value: 1
            unit: percent
            match: [[a]]
            status: approved
            reviewed: 2026-11-01
            sources:
              - title: Slow
                url: {slow}
          - id: gone
            statement: s
            value: 2
            unit: percent
            match: [[b]]
            status: approved
            reviewed: 2026-11-01
            sources:
              - title: Gone
                url: {missing}
        """,
    )
    started = time.monotonic()
    try:
        done = kalypso(
            "sources",
            "check",
            "--allow-private",
            "--no-cache",
            "--timeout",
            "1",
            "--today",
            "2026-11-26",
            "-f",
            "json",
            cwd=project,
            timeout=60,
        )
    finally:
        trickler.close()
    elapsed = time.monotonic() - started
    assert done.returncode in (0, 1), done.stderr
    findings = {f["registry_id"]: f for f in json.loads(done.stdout)["findings"]}
    assert findings["slow"]["code"] == "KL403"
    assert "no complete answer within 1 s" in findings["slow"]["message"]
    assert findings["gone"]["code"] == "KL402"
    assert elapsed < 30  # one deadline per answer, not one per byte


@pytest.mark.timeout(120)
def test_url_credentials_never_appear_in_findings(
    project: Path, write: Callable[..., Path], threaded_server: Any
) -> None:
    httpserver = threaded_server
    httpserver.expect_request("/missing").respond_with_data("gone", status=404)
    url = httpserver.url_for("/missing").replace("http://", "http://alice:hunter2pw@")
    write(
        "claims/migraine.yaml",
        f"""\
        claims:
          - id: private
            statement: s
            value: 2
            unit: percent
            match: [[calmer]]
            status: approved
            reviewed: 2026-11-01
            sources:
              - title: Intranet
                url: {url}
        """,
    )
    write("content/page.md", "Over 2% of clients felt calmer.\n")
    outputs = []
    for fmt in ("json", "text", "sarif", "html", "markdown"):
        done = kalypso(
            "sources",
            "check",
            "--allow-private",
            "--no-cache",
            "-f",
            fmt,
            "-o",
            f"s.{fmt}",
            cwd=project,
        )
        assert done.returncode == 1, done.stderr
        outputs.append((project / f"s.{fmt}").read_text(encoding="utf-8"))
    for args in (["check", "content", "-f", "json"], ["registry", "show", "private", "content"]):
        outputs.append(kalypso(*args, "--today", "2026-11-26", cwd=project).stdout)
    outputs.append(
        kalypso("registry", "show", "private", "content", "-f", "json", cwd=project).stdout
    )
    assert "KL402" in outputs[0]
    for text in outputs:
        assert "hunter2pw" not in text and "alice" not in text
    assert f"http://***@127.0.0.1:{httpserver.port}/missing" in outputs[0]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.timeout(180)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_when_the_run_is_killed(project: Path, write: Callable[..., Path]) -> None:
    for i in range(80):
        write(f"content/page{i}.md", CLAIM * 200)
    run = subprocess.Popen(
        [sys.executable, "-m", "kalypso_lint", "check", "content", "--jobs", "2", "--no-cache"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
            workers = _children(run.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the run never started its workers"
        time.sleep(1.0)  # let them build their pipelines and take work
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        if run.poll() is None:
            run.kill()


@pytest.mark.timeout(240)
def test_jobs_are_capped_by_cpus_and_memory_and_said_with_verbose(
    project: Path, write: Callable[..., Path]
) -> None:
    for i in range(25):
        write(f"content/page{i}.md", CLAIM)
    done = kalypso(
        "check", "content", "--jobs", "10000", "-v", "--no-cache", cwd=project, timeout=200
    )
    assert done.returncode == 1, done.stderr
    cpus = len(os.sched_getaffinity(0))
    used = int(done.stderr.split(" checked in ")[1].split(" process")[0])
    assert used <= cpus
    assert f"--jobs 10000 capped to {used}" in done.stderr


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
def test_utf16_without_a_bom_is_read(
    project: Path, write: Callable[..., Path], run_cli: Any, codec: str
) -> None:
    write("content/page.txt", raw=("Intro.\n" + CLAIM).encode(codec))
    _, report = check_json(run_cli, project, "content")
    (claim,) = report["claims"]
    assert (claim["text"], claim["line"], claim["column"]) == ("Over 70%", 2, 1)


def test_nul_bytes_in_no_known_encoding_are_not_called_text(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    # NUL in every other byte, as UTF-16 has, but control characters once decoded
    write("content/odd.txt", raw=b"\x00\x01\x00\x02\x00\x03\x00\x04" * 40)
    _, report = check_json(run_cli, project, "content")
    ((_, code, message),) = kl9(report)
    assert code == "KL901"
    assert "unknown encoding" in message or "binary" in message


@pytest.mark.timeout(300)
def test_a_registry_of_20000_entries_loads_and_names_the_line_of_a_late_duplicate(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    entries = "".join(
        f"  - id: entry-{i}\n    statement: Figure {i}.\n    value: {i}\n    unit: visits\n"
        f"    match: [[term{i}, other{i}]]\n    sources:\n      - title: t\n"
        f"        url: https://example.org/{i}\n    reviewed: 2026-11-01\n"
        "    status: approved\n"
        for i in range(20000)
    )
    duplicate = "  - id: entry-7\n    statement: s\n    value: 1\n    unit: visits\n"
    duplicate += "    match: [[x]]\n    status: approved\n"
    write("claims/many.yaml", "claims:\n" + entries, dedent=False)
    result = run_cli("registry", "validate", cwd=project)
    assert result.exit_code == 0, result.output
    assert "20002 entries" in result.output
    write("claims/many.yaml", "claims:\n" + entries + duplicate, dedent=False)
    result = run_cli("registry", "validate", cwd=project)
    assert result.exit_code == 2
    assert f"claims/many.yaml:{2 + 10 * 20000}: duplicate claim id 'entry-7'" in result.output

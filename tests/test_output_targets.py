"""Where reports and other written files go: a device, a named pipe or a symlink to one is
written straight through, never replaced by a regular file; two reports never share a file."""

from __future__ import annotations

import json
import os
import shlex
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

UNSUPPORTED = "Over 70% of clients felt calmer after one session.\n"


def _read_in_background(fifo: Path) -> tuple[threading.Thread, list[str]]:
    """A reader on the pipe, as a shell's `<(...)` or a CI log collector would be."""
    received: list[str] = []

    def read() -> None:
        with fifo.open(encoding="utf-8") as stream:
            received.append(stream.read())

    # A daemon: on a writer that replaces the pipe, the reader blocks forever, and the test
    # must fail rather than hang.
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, received


@pytest.mark.parametrize("through_symlink", [False, True], ids=["fifo", "symlink-to-fifo"])
def test_report_to_a_named_pipe_is_written_into_it(
    project: Path, write: Callable[..., Path], run_cli: Any, through_symlink: bool
) -> None:
    write("content/page.md", UNSUPPORTED)
    fifo = project / "out.pipe"
    os.mkfifo(fifo)
    target = fifo
    if through_symlink:
        target = project / "report.json"
        target.symlink_to(fifo)
    reader, received = _read_in_background(fifo)
    result = run_cli("check", "content", "-f", "json", "-o", target.name, cwd=project)
    reader.join(timeout=20)
    assert result.exit_code == 1, result.output
    assert not reader.is_alive(), "the reader never saw the end of the report"
    assert json.loads(received[0])["summary"]["findings"] == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    if through_symlink:
        assert target.is_symlink()
    assert not list(project.glob(".*.tmp"))


def _null_device(tmp_path: Path) -> Path:
    """A character device like /dev/null. As root, a private node of the same device: a writer
    that renames over its target must break only this copy, never the machine's /dev/null.
    Without root, /dev/null itself, which such a writer cannot replace."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, Path("/dev/null").stat().st_rdev)
    return node


def test_report_to_a_character_device_leaves_the_device(
    project: Path, write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    write("content/page.md", UNSUPPORTED)
    device = _null_device(tmp_path)
    result = run_cli("check", "content", "-f", "sarif", "-o", str(device), cwd=project)
    assert result.exit_code == 1, result.output
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert not list(device.parent.glob(f".{device.name}.*.tmp"))


def test_baseline_to_a_named_pipe_is_written_into_it(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", UNSUPPORTED)
    fifo = project / "baseline.pipe"
    os.mkfifo(fifo)
    reader, received = _read_in_background(fifo)
    result = run_cli("baseline", "write", "content", "-o", fifo.name, cwd=project)
    reader.join(timeout=20)
    assert result.exit_code == 0, result.output
    assert not reader.is_alive()
    assert "KL101" in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_report_through_a_symlink_replaces_its_target(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    """A symlink to a regular file stays a link; the file it names gets the report."""
    write("content/page.md", UNSUPPORTED)
    real = write("reports/latest.json", "{}")
    link = project / "report.json"
    link.symlink_to(real)
    result = run_cli("check", "content", "-f", "json", "-o", "report.json", cwd=project)
    assert result.exit_code == 1, result.output
    assert link.is_symlink()
    assert json.loads(real.read_text())["summary"]["findings"] == 1


@pytest.mark.parametrize("second", ["r.sarif", "./r.sarif", "sub/../r.sarif"])
def test_two_reports_to_one_file_are_refused(
    project: Path, write: Callable[..., Path], run_cli: Any, second: str
) -> None:
    write("content/page.md", UNSUPPORTED)
    (project / "sub").mkdir()
    result = run_cli(
        *("check", "content", "-f", "sarif", "-o", "r.sarif", "-f", "json", "-o", second),
        cwd=project,
    )
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("kalypso-lint: error: -o: r.sarif")
    assert "named twice" in lines[0]
    assert not (project / "r.sarif").exists()


def test_report_to_dev_stdout_redirected_to_a_file_keeps_both_reports(
    project: Path, write: Callable[..., Path], tmp_path: Path
) -> None:
    """The reviewer's run: `-f sarif -o /dev/stdout -f github > both.out` leaves the SARIF
    and then the annotations in both.out, and /dev/stdout a link."""
    write("content/page.md", UNSUPPORTED)
    both = tmp_path / "both.out"
    command = (
        f"{shlex.quote(sys.executable)} -m kalypso_lint check content --no-cache "
        f"-f sarif -o /dev/stdout -f github > {shlex.quote(str(both))}"
    )
    completed = subprocess.run(
        ["sh", "-c", command], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 1, completed.stderr
    text = both.read_text()
    sarif_end = text.index("\n}\n") + 3
    assert json.loads(text[:sarif_end])["version"] == "2.1.0"
    assert text[sarif_end:].startswith("::error file=content/page.md")
    assert not Path("/dev/stdout").is_file() or Path("/dev/stdout").is_symlink()

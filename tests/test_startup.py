"""The garbage collector while `check` starts (kalypso_lint/startup.py, issue 16): paused
until the first file is checked, and always on again when the command ends."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGE = "Over 70% of clients felt calmer after one session.\n"

# Counts the collections of a whole one-page check in a fresh interpreter.
COUNTING = """
import gc, sys
count = [0]
gc.callbacks.append(lambda phase, info: count.__setitem__(0, count[0] + (phase == "stop")))
sys.argv = ["kalypso-lint", "check", "--no-cache", "content/page.md"]
from kalypso_lint.cli import main
try:
    main()
except SystemExit:
    pass
print(count[0], gc.isenabled(), file=sys.stderr)
"""


def test_check_leaves_the_collector_on(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/page.md", PAGE)
    assert gc.isenabled()
    assert run_cli("check", "content", cwd=project).exit_code == 1
    assert gc.isenabled()
    # Ended before any file was checked: a usage error, then no files at all.
    assert run_cli("check", "content", "--select", "KL999", cwd=project).exit_code == 2
    assert gc.isenabled()
    (project / "content" / "page.md").unlink()
    assert run_cli("check", "content", cwd=project).exit_code == 3
    assert gc.isenabled()


def test_a_one_page_check_starts_without_collecting(
    project: Path, write: Callable[..., Path]
) -> None:
    write("content/page.md", PAGE)
    done = subprocess.run(
        [sys.executable, "-c", COUNTING], cwd=project, capture_output=True, text=True, check=True
    )
    collections, enabled = done.stderr.split()[-2:]
    assert enabled == "True"
    # Without the pause, importing spaCy and building the pipeline alone took about 300.
    assert int(collections) < 100, done.stderr


def test_the_first_page_is_checked_with_the_collector_on(
    project: Path, write: Callable[..., Path]
) -> None:
    # Paused until the whole first file was done, one large file ran without collection
    # and peaked higher (a 3.5 MB page: 264 MB against 222 MB); start-up ends with the
    # pipeline built, so the page's own garbage is collected as it is made.
    write(
        "content/page.md",
        "\n\n".join(f"Clinic {n} opened in {1990 + n % 30}." for n in range(3000)),
    )
    done = subprocess.run(
        [sys.executable, "-c", COUNTING], cwd=project, capture_output=True, text=True, check=True
    )
    collections, enabled = done.stderr.split()[-2:]
    assert enabled == "True"
    assert int(collections) > 100, done.stderr  # about 190; paused to the end: about 30

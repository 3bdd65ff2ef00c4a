"""Ctrl-C at any moment of a command-line run ends with one line and exit code 130.

Python turns SIGINT into KeyboardInterrupt wherever the program happens to be. A command
catches it in `error_handler` (which prints "kalypso-lint: interrupted" and exits 130), but
before a command starts and after it ends the interrupt used to land elsewhere: while click
and the command's modules were being imported it gave a traceback, and while click was
parsing, click's own "Aborted!" with exit code 1, which CI reads as "findings". So the
console script installs `end_start_up` first of all, and each command hands SIGINT back to
Python while it runs (`interrupts_raise`), so that its pools, caches and atomic writes
clean up on the way out as before.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from kalypso_lint.exit_codes import EXIT_INTERRUPTED

INTERRUPTED_MESSAGE = "kalypso-lint: interrupted"


def end_start_up(signum: int, frame: FrameType | None) -> None:
    """SIGINT outside a command: say so and exit 130 (SystemExit, not KeyboardInterrupt,
    passes through click and imports untouched, and finally blocks still run)."""
    sys.stderr.write(f"\n{INTERRUPTED_MESSAGE}\n")
    raise SystemExit(EXIT_INTERRUPTED)


def install_start_up_handler() -> None:
    """Called by the console script before anything else is imported. Leaves SIGINT alone
    when the parent process ignores it (a background job) or someone installed their own."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, end_start_up)


@contextmanager
def interrupts_raise() -> Iterator[None]:
    """While a command runs, SIGINT raises KeyboardInterrupt again, for its error handler;
    the start-up handler comes back when the command ends (only where it was installed)."""
    ours = (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is end_start_up
    )
    if ours:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if ours:
            signal.signal(signal.SIGINT, end_start_up)

"""The console script `kalypso-lint` (and `python -m kalypso_lint`, `python cli.py`).

Imports only the standard library until the interrupt handler is in place: importing click
and the commands takes tens of milliseconds, and Ctrl-C (or a CI job cancelled) during
them must end like any other interrupt (kalypso_lint.interrupts).
"""

from __future__ import annotations

from kalypso_lint.interrupts import install_start_up_handler


def main() -> None:
    install_start_up_handler()
    from kalypso_lint.cli import main as run_command_line

    run_command_line()

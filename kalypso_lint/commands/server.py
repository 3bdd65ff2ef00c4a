"""`kalypso-lint server`: the language server, over standard input and output (issue 18)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from kalypso_lint.commands.common import error_handler


@click.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Speak LSP over standard input and output (the only transport, and the default; "
    "accepted because many editors pass it).",
)
@click.option(
    "--debounce",
    "debounce_ms",
    type=click.IntRange(0, 5000),
    default=50,
    show_default=True,
    metavar="MS",
    help="Wait this long after the last change before checking a page.",
)
@click.option(
    "--log-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the server's log here (standard output carries the protocol).",
)
def server(stdio: bool, debounce_ms: int, log_file: Path | None) -> None:
    """Run the language server: editors show findings as you type (see README, "In the
    editor")."""
    with error_handler():
        code = run_server(debounce_ms / 1000, log_file)
    sys.exit(code)


def run_server(debounce: float, log_file: Path | None) -> int:
    """Serve until the client disconnects; logs go to stderr or `log_file`, never stdout."""
    handler: logging.Handler = (
        logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler()
    )
    logging.basicConfig(
        level=logging.INFO if log_file else logging.WARNING,
        handlers=[handler],
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    from kalypso_lint.server.app import serve

    serve(debounce)
    return 0

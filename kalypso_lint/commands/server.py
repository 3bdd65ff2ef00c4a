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
    handler = _log_handler(log_file)
    with error_handler():
        code = run_server(debounce_ms / 1000, handler, verbose=log_file is not None)
    sys.exit(code)


def _log_handler(log_file: Path | None) -> logging.Handler:
    """The log's handler; a file that cannot be opened (a missing folder, no permission) is a
    usage error, as a bad option value is, not a crash."""
    if log_file is None:
        return logging.StreamHandler()
    try:
        return logging.FileHandler(log_file, encoding="utf-8")
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write '{log_file}': {exc.strerror or exc}", param_hint="--log-file"
        ) from None


def run_server(debounce: float, handler: logging.Handler, verbose: bool = False) -> int:
    """Serve until the client disconnects; logs go to `handler` (stderr or a file, never
    stdout), at INFO when `verbose` (a log file), else WARNING."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        handlers=[handler],
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    from kalypso_lint.server.app import serve

    return serve(debounce)

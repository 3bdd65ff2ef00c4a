"""`kalypso-lint baseline ...`: record today's findings so `check --baseline` reports new ones."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from kalypso_lint.baseline import DEFAULT_BASELINE
from kalypso_lint.commands.common import (
    error_handler,
    load_config_for,
    parse_today,
    refuse_inputs,
    registry_inputs,
)
from kalypso_lint.errors import ConfigError


@click.group()
def baseline() -> None:
    """Accept the findings of existing content, to report only new ones."""


@baseline.command("write")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=DEFAULT_BASELINE,
    show_default=True,
    help="The baseline file to write (atomically).",
)
@click.option("--config", "config_path", type=click.Path(path_type=Path))
@click.option("--registry", "registry_paths", multiple=True, type=click.Path(path_type=Path))
@click.option("--today", metavar="YYYY-MM-DD", help="Judge review and expiry dates as of this day.")
def baseline_write(
    paths: tuple[Path, ...],
    output: Path,
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    today: str | None,
) -> None:
    """Check PATHS and record every finding in a baseline file."""
    with error_handler():
        count = write_baseline(paths, output, config_path, registry_paths, parse_today(today))
        click.echo(f"kalypso-lint: recorded {count} findings in {output}", err=True)
    sys.exit(0)


def write_baseline(
    paths: tuple[Path, ...],
    output: Path,
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    today: date,
) -> int:
    from kalypso_lint.atomic import write_atomic
    from kalypso_lint.baseline import baseline_text
    from kalypso_lint.pipeline import CheckRequest, run_check

    config = load_config_for(config_path, paths[0] if paths else Path.cwd())
    registry_files, registry_folders = registry_inputs(registry_paths or config.registry_paths())
    others = [config.path] if config.path is not None else []
    refuse_inputs([output], [*registry_files, *others], registry_folders)
    request = CheckRequest(paths=paths, registry_paths=registry_paths, today=today)
    result = run_check(config, request)
    refuse_inputs([output], (Path(file.path) for file in result.files))
    try:
        write_atomic(output, baseline_text(result.findings, output))
    except OSError as exc:
        raise ConfigError(
            f"cannot write the baseline: {exc.strerror or exc}", str(output)
        ) from None
    return result.summary.findings

"""`kalypso-lint check`: the pre-publish check of pages against the registry."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from kalypso_lint import __version__
from kalypso_lint.commands.common import (
    check_codes,
    error_handler,
    load_config_for,
    parse_today,
    write_reports,
)

_FORMAT_CHOICE = click.Choice(["text", "json"])


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Configuration file (default: nearest rules.yaml, .kalypso-lint.yaml or "
    "pyproject.toml [tool.kalypso-lint] above the first path).",
)
@click.option(
    "--registry",
    "registry_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Registry file or folder; repeatable. Overrides `registry:` in the config.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=_FORMAT_CHOICE,
    help="Report format; repeatable, paired in order with --output.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Write the report to FILE (atomically) instead of standard output.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only these rule codes or prefixes (KL1, KL101); comma-separated.",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that makes the exit code 1 (default: error).",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Judge review and expiry dates as of this day (reproducible reports).",
)
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a TTY).")
def check(
    paths: tuple[Path, ...],
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    today: str | None,
    color: bool | None,
) -> None:
    """Check PATHS (files or folders; default: the configured include globs)."""
    select = check_codes("--select", select)
    ignore = check_codes("--ignore", ignore)
    with error_handler():
        code = run_check_command(
            paths,
            config_path,
            registry_paths,
            formats,
            outputs,
            select,
            ignore,
            fail_on,
            parse_today(today),
            sys.stdout.isatty() if color is None else color,
        )
    sys.exit(code)


def run_check_command(
    paths: tuple[Path, ...],
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    today: date,
    color: bool,
) -> int:
    from kalypso_lint.pipeline import CheckRequest, run_check
    from kalypso_lint.report import ReportContext, render

    config = load_config_for(config_path, paths[0] if paths else Path.cwd())
    if fail_on:
        config = type(config)(
            settings=config.settings.model_copy(update={"fail_on": fail_on}),
            base_dir=config.base_dir,
            path=config.path,
        )
    request = CheckRequest(
        paths=paths, select=select, ignore=ignore, registry_paths=registry_paths, today=today
    )
    result = run_check(config, request)
    context = ReportContext(tool_version=__version__, color=color)
    write_reports(formats, outputs, lambda fmt: render(fmt, result, context))
    return result.exit_code

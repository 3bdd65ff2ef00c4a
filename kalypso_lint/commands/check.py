"""`kalypso-lint check`: the pre-publish check of pages against the registry."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from kalypso_lint import __version__
from kalypso_lint.commands.common import (
    check_codes,
    config_options,
    error_handler,
    load_config_for,
    parse_today,
    policy_options,
    report_options,
    with_fail_on,
    write_reports,
)

_FORMAT_CHOICE = click.Choice(["text", "json"])


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_options("the first path")
@report_options(_FORMAT_CHOICE)
@policy_options
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

    config = with_fail_on(load_config_for(config_path, paths[0] if paths else Path.cwd()), fail_on)
    request = CheckRequest(
        paths=paths, select=select, ignore=ignore, registry_paths=registry_paths, today=today
    )
    result = run_check(config, request)
    context = ReportContext(tool_version=__version__, color=color)
    write_reports(formats, outputs, lambda fmt: render(fmt, result, context))
    return result.exit_code

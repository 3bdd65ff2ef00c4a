"""`kalypso-lint check`: the pre-publish check of pages against the registry."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
def check(paths: tuple[Path, ...], **options: Any) -> None:
    """Check PATHS (files or folders; default: the configured include globs)."""
    with error_handler():
        code = run_check_command(CheckOptions(paths=paths, **options))
    sys.exit(code)


@dataclass(frozen=True)
class CheckOptions:
    """The options of `check`, as click parsed them."""

    paths: tuple[Path, ...]
    config_path: Path | None
    registry_paths: tuple[Path, ...]
    formats: tuple[str, ...]
    outputs: tuple[Path, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    today: str | None
    color: bool | None


def run_check_command(options: CheckOptions) -> int:
    """Load configuration and registry, run the pipeline, write the reports; the exit code."""
    from kalypso_lint.pipeline import CheckRequest, run_check
    from kalypso_lint.report import ReportContext, render

    start = options.paths[0] if options.paths else Path.cwd()
    config = with_fail_on(load_config_for(options.config_path, start), options.fail_on)
    codes = config.rulebook.codes
    request = CheckRequest(
        paths=options.paths,
        select=check_codes("--select", options.select, codes),
        ignore=check_codes("--ignore", options.ignore, codes),
        registry_paths=options.registry_paths,
        today=parse_today(options.today),
    )
    result = run_check(config, request)
    color = sys.stdout.isatty() if options.color is None else options.color
    context = ReportContext(tool_version=__version__, color=color)
    write_reports(options.formats, options.outputs, lambda fmt: render(fmt, result, context))
    return result.exit_code

"""`kalypso-lint check`: the pre-publish check of pages against the registry."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from kalypso_lint import __version__
from kalypso_lint.commands.common import (
    check_codes,
    error_handler,
    load_config_for,
    parse_today,
    write_reports,
)
from kalypso_lint.models import RunStats

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
@click.option(
    "-j",
    "--jobs",
    metavar="N",
    help="Check files in N processes (default: one per CPU, up to 8, when there are "
    "20 or more files to check; otherwise 1).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path),
    help="Results cache folder (default: $KALYPSO_LINT_CACHE_DIR, `cache-dir` in the "
    "configuration, or .kalypso-lint-cache next to it).",
)
@click.option(
    "--shard",
    metavar="I/N",
    help="Check only the I-th of N parts of the files (split by a hash of each path), "
    "for CI matrices.",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Say on stderr how many results came from the cache."
)
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
    jobs: str | None = None
    no_cache: bool = False
    cache_dir: Path | None = None
    shard: str | None = None
    verbose: bool = False


def run_check_command(options: CheckOptions) -> int:
    """Load configuration and registry, run the pipeline, write the reports; the exit code."""
    from kalypso_lint.cache import resolve_cache_dir
    from kalypso_lint.pipeline import CheckRequest, run_check
    from kalypso_lint.report import ReportContext, render
    from kalypso_lint.runner import Execution, parse_jobs, parse_shard

    config = load_config_for(options.config_path, options.paths[0] if options.paths else Path.cwd())
    if options.fail_on:
        config = replace(
            config, settings=config.settings.model_copy(update={"fail_on": options.fail_on})
        )
    codes = config.rulebook.codes
    request = CheckRequest(
        paths=options.paths,
        select=check_codes("--select", options.select, codes),
        ignore=check_codes("--ignore", options.ignore, codes),
        registry_paths=options.registry_paths,
        today=parse_today(options.today),
    )
    execution = Execution(
        jobs=parse_jobs(options.jobs),
        cache_dir=None
        if options.no_cache
        else resolve_cache_dir(options.cache_dir, config.cache_dir(), config.base_dir),
        shard=parse_shard(options.shard),
    )
    result = run_check(config, request, execution)
    if options.verbose:
        echo_stats(result.stats)
    color = sys.stdout.isatty() if options.color is None else options.color
    context = ReportContext(tool_version=__version__, color=color)
    write_reports(options.formats, options.outputs, lambda fmt: render(fmt, result, context))
    return result.exit_code


def echo_stats(stats: RunStats) -> None:
    """One line on stderr: where results came from (not part of any report)."""
    processes = f"{stats.jobs} process{'es' if stats.jobs != 1 else ''}"
    line = f"kalypso-lint: {stats.cached} from cache, {stats.checked} checked in {processes}"
    if stats.cache_dir is None:
        line += "; cache off"
    elif stats.cache_problem:
        line += f"; cache not used: {stats.cache_problem}"
    else:
        line += f"; cache {stats.cache_dir}"
    click.echo(line, err=True)

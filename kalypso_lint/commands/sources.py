"""`kalypso-lint sources ...`: keeping the registry's evidence alive."""

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
    refuse_inputs,
    refuse_repeated_outputs,
    registry_inputs,
    report_options,
    with_fail_on,
    write_reports,
)
from kalypso_lint.report import FORMATS


@click.group()
def sources() -> None:
    """Check the sources cited by the claims registry."""


@sources.command("check")
@config_options("the registry or the current folder")
@click.option(
    "--offline",
    is_flag=True,
    help="Only the checks that need no network: missing sources, dates, malformed URLs.",
)
@click.option("--refresh", is_flag=True, help="Ask every server again and refresh the cache.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the response cache.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow sources on private, loopback and link-local addresses (intranet sources).",
)
@click.option(
    "--timeout",
    type=float,
    metavar="S",
    help="Seconds to wait for each answer (default: `timeout` under `sources:`, 20).",
)
@report_options(click.Choice(sorted(FORMATS)))
@policy_options
def sources_check(
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    offline: bool,
    refresh: bool,
    no_cache: bool,
    allow_private: bool,
    timeout: float | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    today: str | None,
    color: bool | None,
) -> None:
    """Check every source of every registry entry: links, quotes and figures, DOIs and
    PMIDs, retractions, and review and expiry dates."""
    if offline and refresh:
        raise click.UsageError("--refresh needs the network; leave out --offline")
    with error_handler():
        code = run_sources_command(
            config_path,
            registry_paths,
            formats,
            outputs,
            select,
            ignore,
            with_network=not offline,
            use_cache=not no_cache,
            refresh=refresh,
            allow_private=allow_private,
            timeout=timeout,
            fail_on=fail_on,
            today=parse_today(today),
            color=sys.stdout.isatty() if color is None else color,
        )
    sys.exit(code)


def run_sources_command(
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    *,
    with_network: bool,
    use_cache: bool,
    refresh: bool,
    allow_private: bool,
    timeout: float | None,
    fail_on: str | None,
    today: date,
    color: bool,
) -> int:
    from kalypso_lint.report import ReportContext, render
    from kalypso_lint.sources import RunStats, SourcesRequest, resolve_options, run_sources_check
    from kalypso_lint.sources.progress import progress_for

    start = registry_paths[0] if registry_paths else Path.cwd()
    config = with_fail_on(load_config_for(config_path, start), fail_on)
    select = check_codes("--select", select, config.rulebook.codes)
    ignore = check_codes("--ignore", ignore, config.rulebook.codes)
    options = resolve_options(
        config,
        today,
        offline=not with_network,
        use_cache=use_cache,
        refresh=refresh,
        allow_private=allow_private,
        timeout=timeout,
    )
    registry_files, registry_folders = registry_inputs(registry_paths or config.registry_paths())
    others = [config.path] if config.path is not None else []
    refuse_repeated_outputs(outputs)
    refuse_inputs(outputs, [*registry_files, *others], registry_folders)
    request = SourcesRequest(registry_paths=registry_paths, select=select, ignore=ignore)
    stats = RunStats()
    result = run_sources_check(config, request, options, progress_for("Checking sources"), stats)
    if sys.stderr.isatty():
        click.echo(stats.describe(not with_network), err=True)
    if stats.seems_offline:
        click.echo(
            f"kalypso-lint: note: none of the {stats.requests} requests reached a server; if "
            "this machine has no network, `--offline` runs the checks that need none",
            err=True,
        )
    context = ReportContext(
        tool_version=__version__,
        color=color,
        title="kalypso-lint sources report",
        subject="registry files",
    )
    write_reports(formats, outputs, lambda fmt: render(fmt, result, context))
    return result.exit_code

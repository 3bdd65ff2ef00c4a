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
from kalypso_lint.gitscope import GitOptions, paths_from_repo_root

_FORMAT_CHOICE = click.Choice(["text", "json", "html", "sarif", "github", "markdown", "junit"])


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_options("the first path")
@report_options(_FORMAT_CHOICE)
@policy_options
@click.option(
    "--staged",
    is_flag=True,
    help="Check the files staged for commit, as staged (their content in the git index).",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Check the files changed since REF's merge base with HEAD (committed, staged, "
    "unstaged or untracked); everything when the registry or config changed.",
)
@click.option(
    "--new-only",
    is_flag=True,
    help="Report only claims and findings on lines added or changed against the base "
    "(REF's merge base with --changed-since, otherwise HEAD).",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path),
    help="Report only findings not recorded in FILE (see `kalypso-lint baseline write`).",
)
@click.option(
    "--allow-no-files",
    is_flag=True,
    help="Exit 0 instead of 3 when no file is left to check (every file given is excluded).",
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
    staged: bool = False
    changed_since: str | None = None
    new_only: bool = False
    baseline_path: Path | None = None
    allow_no_files: bool = False


def run_check_command(options: CheckOptions) -> int:
    """Load configuration and registry, run the pipeline, write the reports; the exit code."""
    from kalypso_lint.baseline import load_baseline
    from kalypso_lint.pipeline import CheckRequest, run_check
    from kalypso_lint.report import ReportContext, render

    if options.staged and options.changed_since is not None:
        raise click.UsageError("--staged and --changed-since cannot be combined")
    start = options.paths[0] if options.paths else Path.cwd()
    config = with_fail_on(load_config_for(options.config_path, start), options.fail_on)
    codes = config.rulebook.codes
    request = CheckRequest(
        paths=options.paths,
        select=check_codes("--select", options.select, codes),
        ignore=check_codes("--ignore", options.ignore, codes),
        registry_paths=options.registry_paths,
        today=parse_today(options.today),
        keep_pages="html" in options.formats,
        git=GitOptions(options.staged, options.changed_since, options.new_only),
        baseline=load_baseline(options.baseline_path) if options.baseline_path else None,
        allow_no_files=options.allow_no_files,
    )
    result = run_check(config, request)
    color = sys.stdout.isatty() if options.color is None else options.color
    from_root: dict[str, str] = {}
    if {"sarif", "github"} & set(options.formats):
        from_root = paths_from_repo_root((file.path for file in result.files), Path.cwd())
    context = ReportContext(
        tool_version=__version__,
        color=color,
        rulebook=config.rulebook,
        paths_from_root=from_root,
    )
    write_reports(options.formats, options.outputs, lambda fmt: render(fmt, result, context))
    return result.exit_code

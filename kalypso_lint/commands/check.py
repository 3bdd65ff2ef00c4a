"""`kalypso-lint check`: the pre-publish check of pages against the registry."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kalypso_lint import __version__
from kalypso_lint.commands.common import (
    check_codes,
    config_options,
    describe_config,
    error_handler,
    formats_for_outputs,
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
from kalypso_lint.gitscope import GitOptions, paths_from_repo_root
from kalypso_lint.models import RunStats
from kalypso_lint.startup import pause_collection, resume_collection

if TYPE_CHECKING:
    from kalypso_lint.config import Config
    from kalypso_lint.discover import SourceFile
    from kalypso_lint.pipeline import CheckRequest


class PathOrURL(click.ParamType):
    """A file or folder, or an http(s) URL of a published page (issue 17), kept as text: a
    Path would fold its "//" and drop a trailing slash."""

    name = "path_or_url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
            return value
        return Path(value)


_FORMAT_CHOICE = click.Choice(["text", "json", "html", "sarif", "github", "markdown", "junit"])


@click.command()
@click.argument("paths", nargs=-1, type=PathOrURL())
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
    help="Report only claims and findings on lines added or changed against the base, "
    "and required disclaimers the change removed "
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
@click.option(
    "--follow-external-symlinks",
    is_flag=True,
    help="Read pages that are symbolic links to files outside the checked folders and the "
    "project folder (by default they are reported as KL905 and not read).",
)
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
    "--sitemap",
    "sitemaps",
    metavar="URL",
    multiple=True,
    help="Check every page the sitemap (or sitemap index) at URL lists; repeatable.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let pages be fetched from private, loopback and link-local addresses.",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Say on stderr which configuration file is used and how many results came from the cache.",
)
def check(paths: tuple[Path | str, ...], **options: Any) -> None:
    """Check PATHS (files, folders or page URLs; default: the configured include globs)."""
    pause_collection()  # until the pipeline is built (kalypso_lint.startup)
    try:
        with error_handler():
            files = tuple(p for p in paths if isinstance(p, Path))
            urls = tuple(p for p in paths if isinstance(p, str))
            code = run_check_command(CheckOptions(paths=files, urls=urls, **options))
    finally:
        resume_collection()  # also when no file was checked (an error, or no files)
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
    jobs: str | None = None
    no_cache: bool = False
    cache_dir: Path | None = None
    shard: str | None = None
    verbose: bool = False
    follow_external_symlinks: bool = False
    urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allow_private: bool = False


def run_check_command(options: CheckOptions) -> int:
    """Load configuration and registry, run the pipeline, write the reports; the exit code."""
    from kalypso_lint.baseline import load_baseline
    from kalypso_lint.cache import resolve_cache_dir
    from kalypso_lint.pipeline import CheckRequest, run_check
    from kalypso_lint.report import ReportContext, render
    from kalypso_lint.runner import Execution, parse_jobs, parse_shard

    if options.staged and options.changed_since is not None:
        raise click.UsageError("--staged and --changed-since cannot be combined")
    start = options.paths[0] if options.paths else Path.cwd()
    config = with_fail_on(load_config_for(options.config_path, start), options.fail_on)
    if options.verbose:
        click.echo(
            "kalypso-lint: " + describe_config(config, options.config_path is not None, start),
            err=True,
        )
    codes = config.rulebook.codes
    registry_files, registry_folders = registry_inputs(
        options.registry_paths or config.registry_paths()
    )
    others = [p for p in (config.path, options.baseline_path) if p is not None]
    refuse_repeated_outputs(options.outputs)
    refuse_inputs(options.outputs, [*registry_files, *others], registry_folders)
    formats = formats_for_outputs(options.formats, options.outputs)
    cache_dir = (
        None
        if options.no_cache
        else resolve_cache_dir(options.cache_dir, config.cache_dir(), config.base_dir)
    )
    request = CheckRequest(
        paths=options.paths,
        select=check_codes("--select", options.select, codes),
        ignore=check_codes("--ignore", options.ignore, codes),
        registry_paths=options.registry_paths,
        today=parse_today(options.today),
        keep_pages="html" in formats,
        git=GitOptions(options.staged, options.changed_since, options.new_only),
        baseline=load_baseline(options.baseline_path) if options.baseline_path else None,
        allow_no_files=options.allow_no_files,
        follow_external_symlinks=options.follow_external_symlinks,
        pages=fetch_published(options, config),
        own_folders=(cache_dir,) if cache_dir is not None else (),
    )
    execution = Execution(
        jobs=parse_jobs(options.jobs), cache_dir=cache_dir, shard=parse_shard(options.shard)
    )
    result = run_check(config, request, execution=execution)
    refuse_inputs(options.outputs, (Path(file.path) for file in result.files))
    if options.verbose:
        echo_stats(result.stats)
    color = sys.stdout.isatty() if options.color is None else options.color
    from_root: dict[str, str] = {}
    if {"sarif", "github"} & set(formats):
        from_root = paths_from_repo_root((file.path for file in result.files), Path.cwd())
    context = ReportContext(
        tool_version=__version__,
        color=color,
        rulebook=config.rulebook,
        paths_from_root=from_root,
        run_severities=run_severities(config, request) if "sarif" in formats else {},
    )
    write_reports(formats, options.outputs, lambda fmt: render(fmt, result, context))
    return result.exit_code


def run_severities(config: Config, request: CheckRequest) -> dict[str, str | None]:
    """Each rule's severity in this run (None: off), as the checker's policy decides it."""
    from kalypso_lint.rules import RulePolicy

    policy = RulePolicy(
        config.settings, request.select, request.ignore, config.rulebook, base_dir=config.base_dir
    )
    return {code: policy.severity(code) for code in config.rulebook.codes}


def fetch_published(options: CheckOptions, config: Config) -> tuple[SourceFile, ...]:
    """The pages named by URL or listed in sitemaps, fetched (kalypso_lint.crawl)."""
    if not options.urls and not options.sitemaps:
        return ()
    from kalypso_lint.crawl import fetch_pages
    from kalypso_lint.sources.http import HttpClient
    from kalypso_lint.sources.options import resolve_options
    from kalypso_lint.sources.progress import progress_for

    net = resolve_options(
        config,
        parse_today(options.today),
        use_cache=not options.no_cache,
        allow_private=options.allow_private,
    )
    client = HttpClient(net)
    notes: list[str] = []
    try:
        progress = progress_for("Fetching pages")
        pages = fetch_pages(client, options.urls, options.sitemaps, progress, notes)
    finally:
        client.close()
    for note in notes:
        click.echo(f"kalypso-lint: {note}", err=True)
    return tuple(pages)


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
    if stats.jobs_capped:
        line += f"; {stats.jobs_capped}"
    click.echo(line, err=True)

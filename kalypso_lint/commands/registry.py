"""`kalypso-lint registry ...`: commands for the registry's owners."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kalypso_lint.commands.common import (
    EXIT_ERROR,
    config_options,
    echo_error,
    error_handler,
    load_config_for,
    parse_today,
)

if TYPE_CHECKING:
    from kalypso_lint.config import Config
    from kalypso_lint.models import RunResult
    from kalypso_lint.registry import Entry, Registry
    from kalypso_lint.registry.scaffold import Plan, Written
    from kalypso_lint.registry.usage import EntryUse, RegistryStats

_CONFIG_OPTION = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), help="Configuration file."
)
_TODAY_OPTION = click.option(
    "--today", metavar="YYYY-MM-DD", help="Judge review and expiry dates as of this day."
)
_FORMAT_OPTION = click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text"
)
_PATHS_ARGUMENT = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


@click.group()
def registry() -> None:
    """Work with the claims registry."""


@registry.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_options("the first path")
def registry_validate(
    paths: tuple[Path, ...], config_path: Path | None, registry_paths: tuple[Path, ...]
) -> None:
    """Load the registry (--registry, PATHS or the configured one) and report every problem,
    each as file:line: field: message (exit 2 when there is one)."""
    from kalypso_lint.errors import RegistryError
    from kalypso_lint.pipeline import load_run_registry
    from kalypso_lint.registry.validate import registry_problems, unit_warnings

    with error_handler():
        chosen = (*registry_paths, *paths)
        config = load_config_for(config_path, chosen[0] if chosen else Path.cwd())
        try:
            # The streaming loader `check` uses: fast and small on a valid registry.
            loaded = load_run_registry(config, chosen)
        except RegistryError as first:
            # Only then is every file read whole, to list all its problems at once.
            try:
                problems = registry_problems(
                    list(chosen) or config.registry_paths(), config.base_dir
                )
            except RegistryError:
                problems = []  # a path or link problem: the loader's message says it best
            if not problems:
                raise first from None
            for problem in problems:
                echo_error(str(problem))
            files = len({problem.path for problem in problems})
            click.echo(
                f"kalypso-lint: {len(problems)} problem{'s' if len(problems) != 1 else ''} "
                f"in {files} registry file{'s' if files != 1 else ''}",
                err=True,
            )
            sys.exit(EXIT_ERROR)
        for warning in unit_warnings(loaded):
            click.echo(f"kalypso-lint: warning: {warning}", err=True)
        click.echo(_registry_ok(loaded))


def _registry_ok(loaded: Registry) -> str:
    """The count of entries and of files read; files without entries are named as a count,
    so a folder with only init's commented example does not read as "0 files"."""
    by_status: dict[str, int] = {}
    for entry in loaded.entries:
        by_status[entry.status] = by_status.get(entry.status, 0) + 1
    details = [f"{n} {s}" for s, n in sorted(by_status.items())]
    empty = loaded.files - len({loc.path for loc in loaded.locations.values()})
    if empty > 0:
        details.append(f"{_count(empty, 'file')} with no entries yet")
    detail = ", ".join(details)
    return (
        f"registry OK: {_count(len(loaded.entries), 'entry', 'entries')} "
        f"in {_count(loaded.files, 'file')}" + (f" ({detail})" if detail else "")
    )


# --- scaffold ---------------------------------------------------------------------------


@registry.command("scaffold")
@_PATHS_ARGUMENT
@_CONFIG_OPTION
@click.option(
    "--registry",
    "target",
    type=click.Path(path_type=Path),
    help="Folder (or one YAML file) to write drafts into (default: the first configured "
    "registry path).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be drafted; write nothing.")
def registry_scaffold(
    paths: tuple[Path, ...], config_path: Path | None, target: Path | None, dry_run: bool
) -> None:
    """Draft registry entries for the claims in PATHS that no entry matches."""
    with error_handler():
        code = run_scaffold(paths, config_path, target, dry_run)
    sys.exit(code)


def run_scaffold(
    paths: tuple[Path, ...], config_path: Path | None, target: Path | None, dry_run: bool
) -> int:
    from kalypso_lint.errors import RegistryError

    config = load_config_for(config_path, paths[0] if paths else Path.cwd())
    configured = config.registry_paths()
    destination = target or (configured[0] if configured else config.base_dir / "claims")
    if destination.is_file() and destination.suffix not in (".yaml", ".yml"):
        raise RegistryError("--registry must be a folder or a .yaml file", str(destination))
    with ExitStack() as held:
        if not dry_run:
            held.enter_context(registry_lock(destination))
        return _scaffold_locked(paths, config, configured, destination, dry_run)


LOCK_WAIT_SECONDS = 600.0


@contextmanager
def registry_lock(destination: Path) -> Iterator[None]:
    """One `registry scaffold` at a time per registry (issue 15: two at once wrote every
    draft twice and left duplicate ids). The lock is held from loading the registry to
    writing it, so a second run waits and then drafts only what the first did not.

    The lock file sits in the temporary folder, named by a hash of the registry's resolved
    path, so nothing is added to the repository and every spelling of the path agrees."""
    import hashlib
    import tempfile

    from filelock import FileLock, Timeout

    from kalypso_lint.errors import RegistryError

    where = os.path.normpath(destination.absolute())
    digest = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    lock_path = Path(tempfile.gettempdir()) / f"kalypso-lint-registry-{digest}.lock"
    lock = FileLock(str(lock_path), timeout=LOCK_WAIT_SECONDS)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        click.echo(
            f"kalypso-lint: waiting for another `registry scaffold` writing to {destination}",
            err=True,
        )
        try:
            lock.acquire()
        except Timeout:
            raise RegistryError(
                f"another `registry scaffold` has held {lock_path} for "
                f"{LOCK_WAIT_SECONDS:g} s; try again when it has finished",
                str(destination),
            ) from None
    except OSError as exc:
        raise RegistryError(f"cannot lock the registry: {exc.strerror}", str(lock_path)) from None
    try:
        yield
    finally:
        lock.release()


def _scaffold_locked(
    paths: tuple[Path, ...],
    config: Config,
    configured: list[Path],
    destination: Path,
    dry_run: bool,
) -> int:
    from kalypso_lint.atomic import write_atomic
    from kalypso_lint.discover import display_path
    from kalypso_lint.extract.keyterms import claim_terms
    from kalypso_lint.pipeline import CheckRequest, run_check
    from kalypso_lint.registry import load_registry
    from kalypso_lint.registry.scaffold import existing_topics, plan_drafts, prepare_writes

    # Whatever any registry already holds is not drafted again. Missing paths are skipped:
    # a new user has no registry yet, and the destination is created by this command.
    chosen = destination.resolve()
    sources = [p for p in configured if p.exists() and p.resolve() != chosen]
    sources += [destination] if destination.exists() else []
    registry = load_registry(sources, base=config.base_dir)
    result = run_check(config, CheckRequest(paths=paths), registry)
    plan = plan_drafts(
        result.claims,
        registry,
        claim_terms,
        existing_topics(destination),
    )
    cwd = Path.cwd().resolve()
    texts, written = prepare_writes(destination, plan.drafts, lambda p: display_path(p, cwd))
    if not dry_run:
        for path, text in texts.items():
            write_atomic(path, text)
    _echo_scaffold(plan, written, result.summary.files, dry_run, lambda p: display_path(p, cwd))
    return 0


def _echo_scaffold(
    plan: Plan,
    written: list[Written],
    files: int,
    dry_run: bool,
    shown: Callable[[Path], str],
) -> None:
    for item in written:
        claim = item.draft.origin
        click.echo(
            f"{shown(item.path)}:{item.line}: {item.draft.id}  "
            f'"{claim.text}" ({claim.path}:{claim.span.line})'
        )
    for skipped in plan.skipped:
        claim = skipped.claim
        click.echo(
            f'skipped "{claim.text}" ({claim.path}:{claim.span.line}): '
            f"same figure and terms as {skipped.duplicate_of}"
        )
    targets = sorted({shown(item.path) for item in written})
    verb = "Would draft" if dry_run else "Drafted"
    if written:
        click.echo(
            f"{verb} {_count(len(written), 'entry', 'entries')} in "
            f"{_count(len(targets), 'file')} ({', '.join(targets)}) from {_count(files, 'file')}; "
            f"{_count(plan.covered, 'claim')} already matched an entry, "
            f"{len(plan.skipped)} repeated one."
        )
        click.echo(
            "Drafts support nothing until a reviewer checks the figure, adds sources and a "
            "`reviewed` date, and sets `status: approved`."
        )
    else:
        repeats = f" or repeats one ({len(plan.skipped)})" if plan.skipped else ""
        click.echo(
            f"Nothing to draft: every claim in {_count(files, 'file')} already matches a "
            f"registry entry{repeats}."
        )


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


# --- stats and show: both read the registry against a check of the copy -----------------


def _checked_copy(
    paths: tuple[Path, ...],
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    today: date,
) -> tuple[Config, Registry, RunResult]:
    from kalypso_lint.pipeline import CheckRequest, load_run_registry, run_check

    config = load_config_for(config_path, paths[0] if paths else Path.cwd())
    loaded = load_run_registry(config, registry_paths)
    # Without PATHS the copy is optional: the registry owner reads expiry and review dates
    # of a registry no page uses yet (or in a repository holding only the registry).
    request = CheckRequest(
        paths=paths, registry_paths=registry_paths, today=today, allow_no_files=not paths
    )
    return config, loaded, run_check(config, request, loaded)


@registry.command("stats")
@_PATHS_ARGUMENT
@config_options("the first path")
@_TODAY_OPTION
@_FORMAT_OPTION
def registry_stats_command(
    paths: tuple[Path, ...],
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    today: str | None,
    fmt: str,
) -> None:
    """Entries by status, without sources, expiring, never matched, and claims each backs.

    Checks PATHS (default: the configured include globs) to see which entries the copy uses.
    """
    from kalypso_lint.registry.usage import registry_stats

    with error_handler():
        day = parse_today(today)
        config, loaded, result = _checked_copy(paths, config_path, registry_paths, day)
        settings = config.settings
        stats = registry_stats(
            loaded, result, day, settings.expiry_warning_days, settings.review_interval_days
        )
        if fmt == "json":
            click.echo(json.dumps(_stats_record(stats), indent=2, ensure_ascii=False))
        else:
            _echo_stats(stats, settings.expiry_warning_days, settings.review_interval_days)


def _stats_record(stats: RegistryStats) -> dict[str, Any]:
    return {
        "entries": sum(stats.by_status.values()),
        "files": stats.files,
        "by_status": stats.by_status,
        "without_sources": list(stats.without_sources),
        "expired": [{"id": d.entry_id, "expires": d.day.isoformat()} for d in stats.expired],
        "expiring": [{"id": d.entry_id, "expires": d.day.isoformat()} for d in stats.expiring],
        "review_overdue": [
            {"id": d.entry_id, "reviewed": d.day.isoformat()} for d in stats.review_overdue
        ],
        "never_matched": list(stats.never_matched),
        "claims": {
            use.entry.id: {"matched": len(use.places), "supported": use.backed}
            for use in stats.uses
        },
        "checked": {
            "files": stats.checked_files,
            "claims": stats.checked_claims,
            "matched": stats.matched_claims,
        },
    }


def _echo_stats(stats: RegistryStats, warning_days: int, review_days: int) -> None:
    by_status = ", ".join(f"{n} {status}" for status, n in stats.by_status.items())
    total = sum(stats.by_status.values())
    click.echo(
        f"Registry: {_count(total, 'entry', 'entries')} in {_count(stats.files, 'file')} "
        f"({by_status})"
    )
    click.echo(
        f"Checked copy: {_count(stats.checked_files, 'file')}, "
        f"{_count(stats.checked_claims, 'claim')}, {stats.matched_claims} matched an entry"
    )
    click.echo()
    uses = {use.entry.id: use for use in stats.uses}

    def section(title: str, rows: list[str]) -> None:
        click.echo(f"{title} ({len(rows)}):" if rows else f"{title}: none")
        for row in rows:
            click.echo(f"  {row}")

    def row(entry_id: str, detail: str = "") -> str:
        use = uses[entry_id]
        where = f"{use.location.path}:{use.location.line}" if use.location else ""
        columns = [f"{entry_id:<40}", f"{use.entry.status:<10}", f"{detail:<22}" if detail else ""]
        return " ".join(c for c in [*columns, where] if c).rstrip()

    section("Without sources", [row(i) for i in stats.without_sources])
    section("Expired", [row(d.entry_id, f"expired {d.day}") for d in stats.expired])
    section(
        f"Expiring within {warning_days} days",
        [row(d.entry_id, f"expires {d.day}") for d in stats.expiring],
    )
    section(
        f"Review older than {review_days} days",
        [row(d.entry_id, f"reviewed {d.day}") for d in stats.review_overdue],
    )
    section("Never matched by the checked copy", [row(i) for i in stats.never_matched])
    click.echo(f"Claims per entry ({len(stats.uses)}):")
    click.echo(f"  {'entry':<40} {'status':<10} {'claims':>6} {'supported':>9}")
    for use in stats.uses:
        click.echo(
            f"  {use.entry.id:<40} {use.entry.status:<10} {len(use.places):>6} {use.backed:>9}"
        )


@registry.command("show")
@click.argument("entry_id", metavar="ID")
@_PATHS_ARGUMENT
@config_options("the first path")
@_TODAY_OPTION
@_FORMAT_OPTION
def registry_show(
    entry_id: str,
    paths: tuple[Path, ...],
    config_path: Path | None,
    registry_paths: tuple[Path, ...],
    today: str | None,
    fmt: str,
) -> None:
    """An entry, its sources, and every place in the copy (PATHS) that states it."""
    from difflib import get_close_matches

    from kalypso_lint.errors import RegistryError
    from kalypso_lint.registry.usage import entry_uses

    with error_handler():
        config, loaded, result = _checked_copy(
            paths, config_path, registry_paths, parse_today(today)
        )
        use = entry_uses(loaded, result).get(entry_id)
        if use is None:
            close = get_close_matches(entry_id, [e.id for e in loaded.entries], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise RegistryError(f"no registry entry has the id {entry_id!r}{hint}")
        if fmt == "json":
            record = _show_record(use, config.settings.tolerance)
            click.echo(json.dumps(record, indent=2, ensure_ascii=False))
        else:
            _echo_entry(use, config.settings.tolerance)


def _figure(use: EntryUse) -> str | None:
    from kalypso_lint.figures import format_figure

    entry = use.entry
    if not entry.is_numeric:
        return None
    low, high = entry.range if entry.range else (None, None)
    return format_figure(entry.value, low, high, entry.unit)


def _show_record(use: EntryUse, default_tolerance: float) -> dict[str, Any]:
    from kalypso_lint.locations import paged_format
    from kalypso_lint.report.json_report import claim_record

    entry = use.entry
    return {
        "entry": _shown_entry(entry),
        "location": f"{use.location.path}:{use.location.line}" if use.location else None,
        "figure": _figure(use),
        "tolerance": entry.tolerance if entry.tolerance is not None else default_tolerance,
        "places": [
            {
                **claim_record(place.verdict, paged_format(place.verdict.claim.path)),
                "codes": list(place.codes),
            }
            for place in use.places
        ],
    }


def _shown_entry(entry: Entry) -> dict[str, Any]:
    """The entry as JSON, with credentials in source URLs redacted (issue 15)."""
    from kalypso_lint.redact import redact_urls

    record = entry.model_dump(mode="json", exclude_none=True)
    for source in record.get("sources", []):
        if "url" in source:
            source["url"] = redact_urls(source["url"])
    return record


def _echo_entry(use: EntryUse, default_tolerance: float) -> None:
    entry = use.entry
    where = f" ({use.location.path}:{use.location.line})" if use.location else ""
    click.echo(f"{entry.id} [{entry.status}]{where}")
    click.echo(f"  statement: {entry.statement}")
    figure = _figure(use)
    if figure:
        tolerance = entry.tolerance if entry.tolerance is not None else default_tolerance
        click.echo(f"  figure:    {figure} (tolerance ±{tolerance * 100:g}%)")
    if entry.kind:
        click.echo(f"  kind:      {entry.kind}")
    groups = " and ".join(f"[{', '.join(group)}]" for group in entry.match)
    click.echo(f"  match:     {groups}")
    for label, value in (("reviewed", entry.reviewed), ("expires", entry.expires)):
        if value:
            click.echo(f"  {label + ':':<10} {value.isoformat()}")
    if entry.notes:
        click.echo(f"  notes:     {entry.notes}")
    click.echo(f"\nSources ({len(entry.sources)})" + (":" if entry.sources else ""))
    for number, source in enumerate(entry.sources, start=1):
        click.echo(
            f"  {number}. {source.title}" + (f" ({source.publisher})" if source.publisher else "")
        )
        click.echo(f"     {source.link}")
        facts = [
            f"{name} {value}"
            for name, value in (
                ("locator", source.locator),
                ("accessed", source.accessed.isoformat() if source.accessed else None),
            )
            if value
        ]
        if facts:
            click.echo(f"     {', '.join(facts)}")
        if source.quote:
            click.echo(f'     "{source.quote}"')
    click.echo(f"\nStated in {_count(len(use.places), 'place')}" + (":" if use.places else ""))
    for place in use.places:
        claim = place.verdict.claim
        codes = f" ({', '.join(place.codes)})" if place.codes else ""
        click.echo(
            f'  {claim.path}:{claim.span.line}:{claim.span.column}: "{claim.text}" '
            f"{place.verdict.verdict}{codes}"
        )

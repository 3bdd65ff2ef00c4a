"""The command line: click parses, plain functions do the work and return an exit code.

Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage/config/registry
error, 3 no files to check, 4 internal error (a bug), 130 interrupted. spaCy is imported
only by `check` (through extract), never by --help, --version, rules, explain or schema.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from kalypso_lint import __version__
from kalypso_lint.errors import ConfigError, KalypsoError, NoFilesError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_NO_FILES, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def _echo_error(message: str) -> None:
    click.echo(f"kalypso-lint: error: {message}", err=True)


@contextmanager
def error_handler() -> Iterator[None]:
    """One place mapping expected failures to one line and exit 2 (pre-commit's pattern)."""
    try:
        yield
    except NoFilesError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_NO_FILES)
    except KalypsoError as exc:
        _echo_error(str(exc))
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("kalypso-lint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Exit:
        raise
    except click.ClickException:
        raise
    except Exception as exc:  # our own bug: say so, keep the details
        log = Path(os.environ.get("KALYPSO_LINT_CRASH_LOG", ".kalypso-lint-crash.log"))
        try:
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f"; details in {log}"
        except OSError:
            where = ""
        click.echo(
            f"kalypso-lint: internal error (this is a bug, please report it): "
            f"{type(exc).__name__}: {exc}{where}",
            err=True,
        )
        sys.exit(EXIT_BUG)


def _load_config(config_path: Path | None, start: Path) -> Any:
    from kalypso_lint.catalog import known_codes
    from kalypso_lint.config import discover_config, load_config

    path = config_path or discover_config(start)
    return load_config(path, known_codes())


def _parse_today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--today: expected a date as YYYY-MM-DD, got {value!r}") from None


def _check_codes(option: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    from kalypso_lint.catalog import known_codes
    from kalypso_lint.config import is_known_selector

    known = known_codes()
    expanded = tuple(c.strip() for value in codes for c in value.split(",") if c.strip())
    for code in expanded:
        if not is_known_selector(code, known):
            raise click.UsageError(
                f"{option}: unknown rule code {code!r} (see `kalypso-lint rules`)"
            )
    return expanded


def write_reports(
    formats: tuple[str, ...], outputs: tuple[Path, ...], render_one: Callable[[str], str]
) -> None:
    """Pair each --format with the --output at the same position; the rest go to stdout."""
    from kalypso_lint.atomic import write_atomic

    if len(outputs) > len(formats) and not (len(formats) <= 1 and len(outputs) == 1):
        raise click.UsageError("give one --format for each --output")
    formats = formats or ("text",)
    to_stdout = [f for i, f in enumerate(formats) if i >= len(outputs)]
    if len(to_stdout) > 1:
        raise click.UsageError(
            "only one report can go to standard output; give --output for the others"
        )
    for index, fmt in enumerate(formats):
        text = render_one(fmt)
        if index < len(outputs):
            write_atomic(outputs[index], text)
        else:
            click.echo(text, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="kalypso-lint")
def app() -> None:
    """kalypso-lint: check the figures and medical claims in health marketing copy
    against a claims registry with sources."""


_FORMAT_CHOICE = click.Choice(["text", "json"])


@app.command()
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
    select = _check_codes("--select", select)
    ignore = _check_codes("--ignore", ignore)
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
            _parse_today(today),
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

    config = _load_config(config_path, paths[0] if paths else Path.cwd())
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


@app.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
@click.option("--config", "config_path", type=click.Path(path_type=Path))
def rules_command(fmt: str, config_path: Path | None) -> None:
    """List every rule with its code, name, default severity and state here."""
    from kalypso_lint.catalog import rule_catalog, rules_markdown
    from kalypso_lint.rules import RulePolicy

    if fmt == "markdown":
        click.echo(rules_markdown(), nl=False)
        return
    with error_handler():
        config = _load_config(config_path, Path.cwd())
        policy = RulePolicy(config.settings)
        rows = []
        for rule in rule_catalog().values():
            severity = policy.severity(rule.code)
            rows.append(
                {
                    "code": rule.code,
                    "name": rule.name,
                    "family": rule.family,
                    "status": rule.status,
                    "default": rule.severity,
                    "state": severity or "off",
                }
            )
        if fmt == "json":
            click.echo(json.dumps(rows, indent=2))
            return
        click.echo(f"{'code':<7} {'name':<32} {'family':<10} {'default':<8} state")
        for row in rows:
            click.echo(
                f"{row['code']:<7} {row['name']:<32} {row['family']:<10} "
                f"{row['default']:<8} {row['state']}"
            )


@app.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule: what it flags, why it matters, an example and how to fix it."""
    from kalypso_lint.catalog import get_rule

    rule = get_rule(code)
    if rule is None:
        _echo_error(f"unknown rule code {code!r} (see `kalypso-lint rules`)")
        sys.exit(EXIT_ERROR)
    click.echo(rule.explanation())


@app.command()
def schema() -> None:
    """Print the JSON Schema of the claims registry format (for editors and CI)."""
    from kalypso_lint.registry.model import RegistryFile

    document = RegistryFile.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "kalypso-lint claims registry"
    click.echo(json.dumps(document, indent=2))


@app.group()
def registry() -> None:
    """Work with the claims registry."""


@registry.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", "config_path", type=click.Path(path_type=Path))
def registry_validate(paths: tuple[Path, ...], config_path: Path | None) -> None:
    """Load the registry (PATHS or the configured one) and report the first error."""
    from kalypso_lint.pipeline import load_run_registry

    with error_handler():
        config = _load_config(config_path, paths[0] if paths else Path.cwd())
        loaded = load_run_registry(config, paths)
        files = len({loc.path for loc in loaded.locations.values()})
        by_status: dict[str, int] = {}
        for entry in loaded.entries:
            by_status[entry.status] = by_status.get(entry.status, 0) + 1
        detail = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items()))
        click.echo(
            f"registry OK: {len(loaded.entries)} entries in {files} files"
            + (f" ({detail})" if detail else "")
        )


def main() -> None:
    app(prog_name="kalypso-lint")

"""What every command shares: the error handler, exit codes, configuration and output.

Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage/config/registry
error, 3 no files to check, 4 internal error (a bug), 130 interrupted. spaCy is imported
only by `check` (through extract), never by --help, --version, rules, explain or schema.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kalypso_lint.errors import ConfigError, KalypsoError, NoFilesError
from kalypso_lint.exit_codes import (  # noqa: F401 (re-exported: the commands import them from here)
    EXIT_BUG,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_NO_FILES,
    EXIT_OK,
)
from kalypso_lint.interrupts import INTERRUPTED_MESSAGE, interrupts_raise
from kalypso_lint.usage import PREFIX

if TYPE_CHECKING:
    from kalypso_lint.config import Config

Command = TypeVar("Command", bound=Callable[..., Any])


def config_options(start: str) -> Callable[[Command], Command]:
    """--config and --registry; `start` says where the configuration search begins."""

    def apply(command: Command) -> Command:
        command = click.option(
            "--registry",
            "registry_paths",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Registry file or folder; repeatable. Overrides `registry:` in the config.",
        )(command)
        return click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path),
            help="Configuration file (default: nearest rules.yaml, .kalypso-lint.yaml or "
            f"pyproject.toml [tool.kalypso-lint] above {start}).",
        )(command)

    return apply


def report_options(formats: click.Choice) -> Callable[[Command], Command]:
    """-f/--format (repeatable) and -o/--output, paired in order (see write_reports)."""

    def apply(command: Command) -> Command:
        command = click.option(
            "-o",
            "--output",
            "outputs",
            multiple=True,
            type=click.Path(path_type=Path),
            help=(
                "Write the report to FILE (atomically; a device or pipe such as /dev/stdout "
                "is written straight through) instead of standard output."
            ),
        )(command)
        return click.option(
            "-f",
            "--format",
            "formats",
            multiple=True,
            type=formats,
            help="Report format; repeatable, paired in order with --output.",
        )(command)

    return apply


def policy_options(command: Command) -> Command:
    """--select, --ignore, --fail-on, --today and --color: what is reported, and how."""
    options = [
        click.option(
            "--select",
            multiple=True,
            metavar="CODES",
            help="Only these rule codes or prefixes (KL1, KL101); comma-separated.",
        ),
        click.option(
            "--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes."
        ),
        click.option(
            "--fail-on",
            type=click.Choice(["error", "warning", "info"]),
            help="Lowest severity that makes the exit code 1 (default: error).",
        ),
        click.option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Judge review and expiry dates as of this day (reproducible reports).",
        ),
        click.option(
            "--color/--no-color", default=None, help="Colour text output (default: on a TTY)."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def echo_error(message: str) -> None:
    click.echo(PREFIX + message, err=True)


@contextmanager
def error_handler() -> Iterator[None]:
    """One place mapping expected failures to one line and exit 2 (pre-commit's pattern)."""
    try:
        with interrupts_raise():
            yield
    except NoFilesError as exc:
        echo_error(str(exc))
        sys.exit(EXIT_NO_FILES)
    except KalypsoError as exc:
        echo_error(str(exc))
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo(INTERRUPTED_MESSAGE, err=True)
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


def load_config_for(config_path: Path | None, start: Path) -> Config:
    """--config, else the configuration discovered from `start`; a second configuration
    file in the chosen one's folder is named on stderr, since only one of them applies."""
    from kalypso_lint.config import discover_configs, load_config, shown_path

    if config_path is not None:
        return load_config(config_path)
    found = discover_configs(start)
    if found.path is not None:
        for other in found.ignored:
            click.echo(
                f"kalypso-lint: warning: {shown_path(other)} is ignored: "
                f"{shown_path(found.path)} in the same folder is used (one configuration "
                "file per folder; merge the settings into one)",
                err=True,
            )
    return load_config(found.path)


def describe_config(config: Config, given: bool, start: Path) -> str:
    """Which configuration a run uses, for -v."""
    from kalypso_lint.config import shown_path

    if config.path is None:
        folder = start if start.is_dir() else start.parent
        return (
            f"no configuration file in {shown_path(folder)} or above; using the defaults "
            "(registry: claims/ in the current folder)"
        )
    how = " (given with --config)" if given else ""
    return f"using configuration {shown_path(config.path)}{how}"


def with_fail_on(config: Config, fail_on: str | None) -> Config:
    """The configuration with `--fail-on` applied (the config itself when not given)."""
    if not fail_on:
        return config
    return replace(config, settings=config.settings.model_copy(update={"fail_on": fail_on}))


def parse_today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--today: expected a date as YYYY-MM-DD, got {value!r}") from None


def check_codes(option: str, codes: tuple[str, ...], known: frozenset[str]) -> tuple[str, ...]:
    """Split comma-separated codes and check each against this run's rules."""
    from kalypso_lint.config import is_known_selector

    expanded = tuple(c.strip() for value in codes for c in value.split(",") if c.strip())
    for code in expanded:
        if not is_known_selector(code, known):
            raise ConfigError(f"{option}: unknown rule code {code!r} (see `kalypso-lint rules`)")
    return expanded


def refuse_inputs(
    outputs: Iterable[Path],
    files: Iterable[Path],
    folders: Iterable[Path] = (),
    option: str = "--output",
) -> None:
    """Refuse to write over any input (issue 15): a checked page, a registry or configuration
    file, or anything inside a registry folder. Paths are compared once resolved, so a
    symlink or `./` spelling of an input is caught too."""
    from kalypso_lint.fileio import safe_resolve

    protected = {p for p in map(safe_resolve, files) if p is not None}
    inside = [p for p in map(safe_resolve, folders) if p is not None]
    for output in outputs:
        target = safe_resolve(output)
        if target is None:
            continue
        if target in protected:
            raise ConfigError(
                f"{option} {output}: this file is an input of the run (a checked page, "
                "registry, configuration or baseline); choose another path"
            )
        for folder in inside:
            if target == folder or folder in target.parents:
                raise ConfigError(
                    f"{option} {output}: inside the registry folder {folder}; a report there "
                    "would be read as registry data; choose another path"
                )


def refuse_repeated_outputs(outputs: Iterable[Path], option: str = "-o") -> None:
    """Refuse two reports written to one file: the second would silently replace the first.
    Paths are compared once resolved, so `./r.sarif` and `r.sarif` are the same file."""
    from kalypso_lint.fileio import safe_resolve

    seen: dict[Path, Path] = {}
    for output in outputs:
        target = safe_resolve(output) or output.absolute()
        if target in seen:
            first = seen[target]
            same = str(output) if first == output else f"{first} (also given as {output})"
            raise ConfigError(
                f"{option}: {same} is named twice; each report would overwrite the other, so "
                "give each --format its own --output file"
            )
        seen[target] = output


def registry_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Registry paths split into files and folders, for `refuse_inputs`."""
    files: list[Path] = []
    folders: list[Path] = []
    for path in paths:
        (folders if path.is_dir() else files).append(path)
    return files, folders


# The report format an --output file's extension names when no --format is given (issue 14).
FORMAT_BY_SUFFIX = {
    ".json": "json",
    ".sarif": "sarif",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xml": "junit",
    ".txt": "text",
}


def formats_for_outputs(formats: tuple[str, ...], outputs: tuple[Path, ...]) -> tuple[str, ...]:
    """The formats as given; without any, each --output's format from its extension, so
    `-o report.html` writes HTML rather than text under an .html name."""
    if formats or not outputs:
        return formats
    chosen = []
    for output in outputs:
        fmt = FORMAT_BY_SUFFIX.get(output.suffix.lower())
        if fmt is None:
            known = ", ".join(FORMAT_BY_SUFFIX)
            raise ConfigError(
                f"--output {output}: cannot tell the report format from the extension "
                f"{output.suffix or '(none)'!r}; use one of {known}, or give --format"
            )
        chosen.append(fmt)
    return tuple(chosen)


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
            try:
                write_atomic(outputs[index], text)
            except OSError as exc:
                raise ConfigError(
                    f"cannot write the report: {exc.strerror or exc}", str(outputs[index])
                ) from None
        else:
            click.echo(text, nl=False)

"""Usage errors (a bad option value, a missing argument, an unknown command) as one line.

click prints three lines for them (usage, a hint, `Error: ...`); the README promises every
error is one `kalypso-lint: error: ...` line with exit 2, so `cli.LazyGroup` re-raises each
click.UsageError as a `OneLineUsageError`, whose `show` click's standalone main calls.
"""

from __future__ import annotations

from typing import IO, Any

import click

from kalypso_lint.exit_codes import EXIT_ERROR

PREFIX = "kalypso-lint: error: "


def _param_hint(error: click.BadParameter) -> str | None:
    """The option's long name (`--format`, not `'-f' / '--format'`) or the argument's name."""
    hint = error.param_hint
    if isinstance(hint, str):
        return hint
    if hint:
        return max(hint, key=len)
    param = error.param
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    if param is not None:
        return param.human_readable_name
    return None


def _tidy(text: str) -> str:
    """One line in the house style: no line breaks, no closing full stop, lower-case start
    (click writes sentences, our errors are clauses after `error:`)."""
    text = " ".join(text.split()).rstrip(".")
    return text[:1].lower() + text[1:]


def describe(error: click.UsageError) -> str:
    """The error's facts in one line, with where to read more."""
    possibilities = getattr(error, "possibilities", None)
    if isinstance(error, click.MissingParameter):
        text = _tidy(error.format_message())
    elif isinstance(error, click.BadParameter) and (hint := _param_hint(error)):
        text = f"{hint}: {_tidy(error.message)}"
    elif possibilities:  # NoSuchOption, NoSuchCommand: click's "(Did you mean ...?)" reworded
        suggestions = ", ".join(repr(p) for p in sorted(possibilities))
        text = f"{_tidy(error.message)}; did you mean {suggestions}?"
    else:
        text = _tidy(error.format_message())
    ctx = error.ctx
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        help_name = max(ctx.command.get_help_option_names(ctx), key=len)
        text += f" (see '{ctx.command_path} {help_name}')"
    return text


class OneLineUsageError(click.UsageError):
    """A usage error click shows as one house-style line (exit 2, like every usage error)."""

    exit_code = EXIT_ERROR

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(PREFIX + self.message, file=file, err=file is None)


def one_line(error: click.UsageError) -> click.UsageError:
    """`error` as a OneLineUsageError; a request for help (a group run without a command)
    stays as it is, since its `show` prints the help."""
    help_request = getattr(click.exceptions, "NoArgsIsHelpError", None)  # click 8.2+
    if isinstance(error, OneLineUsageError) or (
        help_request is not None and isinstance(error, help_request)
    ):
        return error
    return OneLineUsageError(describe(error), error.ctx)

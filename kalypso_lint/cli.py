"""The command line: click parses, plain functions do the work and return an exit code.

Each command lives in kalypso_lint/commands/; this module only assembles the group.
Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage/config/registry
error, 3 no files to check, 4 internal error (a bug), 130 interrupted. spaCy is imported
only by `check` (through extract), never by --help, --version, rules, explain or schema.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from kalypso_lint import __version__
from kalypso_lint.usage import one_line

# Command name -> (module, attribute). A command's module is imported only when that command
# runs (or --help lists it): a one-file `check` does not pay for importing the registry,
# sources, baseline and server commands and what they pull in (issue 16, cold start).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("kalypso_lint.commands.init", "init"),
    "check": ("kalypso_lint.commands.check", "check"),
    "rules": ("kalypso_lint.commands.info", "rules_command"),
    "explain": ("kalypso_lint.commands.info", "explain"),
    "schema": ("kalypso_lint.commands.info", "schema"),
    "registry": ("kalypso_lint.commands.registry", "registry"),
    "baseline": ("kalypso_lint.commands.baseline", "baseline"),
    "sources": ("kalypso_lint.commands.sources", "sources"),
    "server": ("kalypso_lint.commands.server", "server"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name when first needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, attribute = COMMANDS[cmd_name]
            command: click.Command = getattr(import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    # Parsing the group's own options, then choosing, parsing and running the command (and
    # a subgroup's command): every usage error of the command line passes one of these two.
    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise one_line(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise one_line(error) from None


@click.group(
    "kalypso-lint", cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "-V", "--version", prog_name="kalypso-lint")
def app() -> None:
    """kalypso-lint: check the figures and medical claims in health marketing copy
    against a claims registry with sources."""


def main() -> None:
    app(prog_name="kalypso-lint")

"""The command line: click parses, plain functions do the work and return an exit code.

Each command lives in kalypso_lint/commands/; this module only assembles the group.
Exit codes: 0 clean, 1 findings at or above the failing severity, 2 usage/config/registry
error, 3 no files to check, 4 internal error (a bug), 130 interrupted. spaCy is imported
only by `check` (through extract), never by --help, --version, rules, explain or schema.
"""

from __future__ import annotations

import click

from kalypso_lint import __version__
from kalypso_lint.commands.baseline import baseline
from kalypso_lint.commands.check import check
from kalypso_lint.commands.info import explain, rules_command, schema
from kalypso_lint.commands.init import init
from kalypso_lint.commands.registry import registry
from kalypso_lint.commands.server import server
from kalypso_lint.commands.sources import sources


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="kalypso-lint")
def app() -> None:
    """kalypso-lint: check the figures and medical claims in health marketing copy
    against a claims registry with sources."""


for command in (
    init,
    check,
    rules_command,
    explain,
    schema,
    registry,
    baseline,
    sources,
    server,
):
    app.add_command(command)


def main() -> None:
    app(prog_name="kalypso-lint")

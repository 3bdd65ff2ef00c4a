"""Commands that describe kalypso-lint itself: `rules`, `explain`, `schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kalypso_lint.commands.common import EXIT_ERROR, echo_error, error_handler, load_config_for


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
@click.option("--config", "config_path", type=click.Path(path_type=Path))
def rules_command(fmt: str, config_path: Path | None) -> None:
    """List every rule with its code, name, default severity and state here."""
    from kalypso_lint.catalog import rules_markdown
    from kalypso_lint.rules import RulePolicy

    if fmt == "markdown":
        click.echo(rules_markdown(), nl=False)
        return
    with error_handler():
        config = load_config_for(config_path, Path.cwd())
        policy = RulePolicy(config.settings, rulebook=config.rulebook)
        rows = []
        for rule in config.rulebook.rules.values():
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
        columns = ("code", "name", "family", "default", "state")
        table = [list(columns), *([row[c] for c in columns] for row in rows)]
        for line in aligned(table):
            click.echo(line)


def aligned(table: list[list[str]]) -> list[str]:
    """Rows as lines, each column as wide as its widest cell (rule names and families of
    the project's own rules vary, so no width is fixed); the last column is not padded."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]) - 1)]
    return [
        " ".join(
            [*(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)), row[-1]]
        )
        for row in table
    ]


@click.command()
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(path_type=Path))
def explain(code: str, config_path: Path | None) -> None:
    """Explain a rule: what it flags, why it matters, an example and how to fix it.

    Built-in rules need no configuration; the project's own phrase rules come from the
    discovered (or given) configuration.
    """
    from kalypso_lint.catalog import get_rule

    rule = get_rule(code)
    if rule is None:
        with error_handler():
            rule = load_config_for(config_path, Path.cwd()).rulebook.get(code)
    if rule is None:
        echo_error(f"unknown rule code {code!r} (see `kalypso-lint rules`)")
        sys.exit(EXIT_ERROR)
    click.echo(rule.explanation())


@click.command()
def schema() -> None:
    """Print the JSON Schema of the claims registry format (for editors and CI)."""
    from kalypso_lint.registry.model import RegistryFile

    document = RegistryFile.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "kalypso-lint claims registry"
    click.echo(json.dumps(document, indent=2))

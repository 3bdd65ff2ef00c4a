"""`kalypso-lint init`: a project's first configuration and registry (issue 14).

It writes rules.yaml and a claims/ folder holding one commented example entry, then shows
the pre-commit snippet and the next commands. It never overwrites: an existing
configuration stops it (exit 2, nothing written) and an existing claims/ folder is kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kalypso_lint.commands.common import EXIT_ERROR, EXIT_OK, echo_error, error_handler

RULES_YAML = """\
# kalypso-lint configuration, written by `kalypso-lint init`. Paths are relative to this file.
# Every setting: https://github.com/kalypso-lint/kalypso-lint#configuration
registry: [claims]                 # registry files or folders
include: ["**/*.md", "**/*.markdown", "**/*.html", "**/*.htm", "**/*.txt"]
exclude: []                        # e.g. ["drafts/**"]; files .gitignore ignores are skipped
tolerance: 0.05                    # relative tolerance when comparing figures
fail-on: error                     # error | warning | info
review-interval-days: 365          # entries reviewed longer ago than this are stale
sells: auto                        # products | services | auto: what the site sells
"""

EXAMPLE_YAML = """\
# Claims registry: one entry per claim your pages may make, with its sources.
# `kalypso-lint registry scaffold` drafts entries from your pages; a reviewer then checks each
# figure against a source, adds sources and a `reviewed` date and sets `status: approved`.
# The format: docs/registry.md; `kalypso-lint schema` prints its JSON Schema for editors.
claims: []
# An example entry (uncomment and adapt it, or delete it):
#
#  - id: migraine-us-prevalence          # unique kebab-case id
#    statement: About 39 million people in the US live with migraine.
#    value: 39000000                     # a number, or `range: [18, 44]`
#    unit: people                        # people | percent | usd | hours | years | ...
#    match:                              # every group must occur in the claim's sentence;
#      - [migraine]                      # any term of a group, inflections included
#      - [us, united states, americans]
#    sources:
#      - title: Migraine facts
#        publisher: Migraine Research Foundation
#        url: https://migraineresearchfoundation.org/about-migraine/migraine-facts/
#        accessed: 2026-11-20
#    reviewed: 2026-11-20
#    expires: 2027-11-20                 # optional; past it a matching claim is stale
#    status: approved                    # approved | draft | retired | prohibited
"""

PRE_COMMIT_SNIPPET = """\
repos:
  - repo: https://github.com/kalypso-lint/kalypso-lint
    rev: v0.1.0
    hooks:
      - id: kalypso-lint
        # Pages with findings already: accept them once with `kalypso-lint baseline write`,
        # then report only new ones (or use --new-only; see docs/ci.md):
        # args: [--baseline, kalypso-lint-baseline.json]
"""

# Any of these means the project is already configured (config.CONFIG_NAMES, pyproject).
_CONFIG_FILES = ("rules.yaml", ".kalypso-lint.yaml")


@click.command("init")
@click.argument(
    "folder",
    required=False,
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(),
)
def init(folder: Path) -> None:
    """Write rules.yaml and a claims/ registry with a commented example entry in FOLDER
    (default: the current folder), and show the pre-commit snippet. Never overwrites."""
    with error_handler():
        code = run_init(folder)
    sys.exit(code)


def run_init(folder: Path) -> int:
    from kalypso_lint.atomic import write_atomic
    from kalypso_lint.config import discover_config

    folder.mkdir(parents=True, exist_ok=True)
    existing = {folder / name for name in _CONFIG_FILES if (folder / name).exists()}
    found = discover_config(folder)
    if found is not None and found.parent.resolve() == folder.resolve():
        existing.add(folder / found.name)
    pyproject = next((p for p in existing if p.name == "pyproject.toml"), None)
    if pyproject is not None:
        # The project's own file, not ours: never suggest deleting it.
        echo_error(
            f"{pyproject}: a configuration already exists in pyproject.toml "
            "([tool.kalypso-lint]); `init` changes nothing (edit that section instead)"
        )
        return EXIT_ERROR
    if existing:
        names = ", ".join(sorted(str(p) for p in existing))
        echo_error(
            f"{names}: already exists; `init` never overwrites, so nothing was written "
            "(edit it, or delete it and run `kalypso-lint init` again)"
        )
        return EXIT_ERROR
    rules = folder / "rules.yaml"
    write_atomic(rules, RULES_YAML)
    click.echo(f"wrote {rules}")
    claims = folder / "claims"
    if claims.exists():
        click.echo(f"kept {claims}/ as it is (it already exists)")
    else:
        claims.mkdir()
        write_atomic(claims / "example.yaml", EXAMPLE_YAML)
        click.echo(f"wrote {claims / 'example.yaml'} (a commented example entry)")
    click.echo(
        "\nNext:\n"
        "  kalypso-lint registry scaffold      # draft registry entries from your pages\n"
        "  kalypso-lint check                  # check the pages against the registry\n"
        "  kalypso-lint baseline write         # accept today's findings on existing pages\n"
        "  kalypso-lint check --baseline kalypso-lint-baseline.json"
        "   # then report only new ones\n"
        "\nPre-commit hook: put this in .pre-commit-config.yaml, then run "
        "`pre-commit install`:\n\n" + PRE_COMMIT_SNIPPET
    )
    return EXIT_OK

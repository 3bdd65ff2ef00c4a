"""`kalypso-lint registry ...`: commands for the registry's owners."""

from __future__ import annotations

from pathlib import Path

import click

from kalypso_lint.commands.common import error_handler, load_config_for


@click.group()
def registry() -> None:
    """Work with the claims registry."""


@registry.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", "config_path", type=click.Path(path_type=Path))
def registry_validate(paths: tuple[Path, ...], config_path: Path | None) -> None:
    """Load the registry (PATHS or the configured one) and report the first error."""
    from kalypso_lint.pipeline import load_run_registry

    with error_handler():
        config = load_config_for(config_path, paths[0] if paths else Path.cwd())
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

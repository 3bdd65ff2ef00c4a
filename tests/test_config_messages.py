"""What the configuration's messages say: which file is used, which is ignored, and paths as
the user reads them (from the current folder, as registry errors show them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGE = "About 50% of adults sleep badly.\n"


def test_a_config_without_registry_says_the_default_folder_was_missing(
    run_cli: Any, write: Callable[..., Path], tmp_path: Path
) -> None:
    write("site/rules.yaml", "registry: [claims]\n")
    write("site/claims/.keep", "")
    write("site/content/.kalypso-lint.yaml", "fail-on: error\n")
    write("site/content/p.md", PAGE)
    result = run_cli("check", "--no-cache", "content", cwd=tmp_path / "site")
    assert result.exit_code == 2
    assert result.stderr == (
        "kalypso-lint: error: content/claims: registry path not found: "
        "content/.kalypso-lint.yaml sets no `registry:`, so the default claims/ folder next "
        "to it was looked for; set `registry:` in content/.kalypso-lint.yaml to your registry "
        "files or folders (relative to it), run `kalypso-lint registry scaffold` to draft "
        "entries into claims/, or pass --registry PATH\n"
    )


def test_a_config_error_names_the_file_from_the_current_folder(
    run_cli: Any, write: Callable[..., Path], tmp_path: Path
) -> None:
    write("site/rules.yaml", "registry: [claims]\nfail-on: bogus\n")
    write("site/content/p.md", PAGE)
    result = run_cli("check", "--no-cache", "content", cwd=tmp_path / "site")
    assert result.exit_code == 2
    assert result.stderr.startswith("kalypso-lint: error: rules.yaml:2: fail-on: ")
    result = run_cli("check", "--no-cache", "site/content", cwd=tmp_path)
    assert result.stderr.startswith("kalypso-lint: error: site/rules.yaml:2: fail-on: ")


def test_verbose_names_the_configuration_used(
    run_cli: Any, write: Callable[..., Path], tmp_path: Path
) -> None:
    write("site/rules.yaml", "registry: [claims]\n")
    write("site/claims/.keep", "")
    write("site/content/p.md", PAGE)
    result = run_cli("check", "-v", "--no-cache", "content", cwd=tmp_path / "site")
    assert result.exit_code == 1, result.output
    assert "kalypso-lint: using configuration rules.yaml\n" in result.stderr
    write("bare/claims/.keep", "")
    write("bare/p.md", PAGE)
    result = run_cli("check", "-v", "--no-cache", ".", cwd=tmp_path / "bare")
    assert "kalypso-lint: no configuration file in . or above; using the defaults" in (
        result.stderr
    )


def test_the_nearest_folder_wins_over_a_rules_yaml_above(
    run_cli: Any, write: Callable[..., Path], tmp_path: Path
) -> None:
    """README: the nearest folder with a configuration file wins, pyproject.toml included."""
    write("site/rules.yaml", "registry: [claims]\n")
    write("site/claims/.keep", "")
    write("site/content/pyproject.toml", '[tool.kalypso-lint]\nregistry = ["../claims"]\n')
    write("site/content/p.md", PAGE)
    result = run_cli("check", "-v", "--no-cache", "content", cwd=tmp_path / "site")
    assert "kalypso-lint: using configuration content/pyproject.toml\n" in result.stderr


def test_two_config_files_in_one_folder_warn_which_is_used(
    run_cli: Any, write: Callable[..., Path], tmp_path: Path
) -> None:
    write("site/rules.yaml", "registry: [claims]\n")
    write("site/.kalypso-lint.yaml", "fail-on: warning\n")
    write("site/pyproject.toml", '[tool.kalypso-lint]\nfail-on = "info"\n')
    write("site/claims/.keep", "")
    write("site/content/p.md", PAGE)
    result = run_cli("check", "--no-cache", "content", cwd=tmp_path / "site")
    assert result.exit_code == 1, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert warnings == [
        f"kalypso-lint: warning: {name} is ignored: rules.yaml in the same folder is used "
        "(one configuration file per folder; merge the settings into one)"
        for name in (".kalypso-lint.yaml", "pyproject.toml")
    ]

"""The files a run reads besides pages: the configuration file and the claims registry.

Any verdict may change with them, so `--changed-since` checks every page when one changed, and
a registry or configuration file named on the command line stands for the whole project: the
pre-commit hook passes the staged ones among the pages (a commit that changes the registry
used to skip the hook, so a malformed or loosened registry went in unchecked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kalypso_lint.fileio import safe_resolve

if TYPE_CHECKING:
    from kalypso_lint.config import Config

# What the registry loader reads in a registry folder (registry/load.py REGISTRY_SUFFIXES):
# a README beside the entries is not the registry.
_REGISTRY_SUFFIXES = (".yaml", ".yml")


def settings_files(config: Config, registry_override: Iterable[Path] = ()) -> list[Path]:
    """The registry files and folders of the run (`--registry`, else the configured ones)
    and the configuration file, if any."""
    watched = list(registry_override) or config.registry_paths()
    if config.path is not None:
        watched.append(config.path)
    return watched


def touches(path: Path, watched: Sequence[Path]) -> bool:
    """Whether `path` is one of the resolved `watched` paths or lies under one."""
    return any(path == w or w in path.parents for w in watched)


def is_settings_file(path: Path, watched: Iterable[Path]) -> bool:
    """Whether the file `path` is the configuration file, a registry file, or a YAML file
    in a registry folder."""
    target = safe_resolve(path)
    if target is None or not path.is_file():
        return False
    for setting in watched:
        resolved = safe_resolve(setting)
        if resolved == target:
            return True
        if resolved in target.parents and target.suffix.lower() in _REGISTRY_SUFFIXES:
            return True
    return False


def project_for_settings(paths: Sequence[Path], watched: Sequence[Path], base: Path) -> list[Path]:
    """The paths with registry and configuration files replaced by the project folder
    (`base`, where the configuration lives): a changed entry may support or stop supporting
    a claim on any page, as `--changed-since` assumes."""
    kept = [path for path in paths if not is_settings_file(path, watched)]
    if len(kept) < len(paths) and base not in kept:
        kept.append(base)
    return kept

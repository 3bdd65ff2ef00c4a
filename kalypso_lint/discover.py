"""Stage 1, discover: command-line paths and configuration become the sorted list of files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kalypso_lint.errors import InputError

if TYPE_CHECKING:
    from kalypso_lint.gitscope import GitBlob

# Folders never worth walking into: tool caches, dependencies, version control.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "site-packages",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".kalypso-lint-cache",
    }
)


class Blob(Protocol):
    """Content that is not read from `path`: a staged file, a fetched page (issue 17)."""

    def read(self) -> bytes: ...


@dataclass(frozen=True, order=True)
class SourceFile:
    """A file to check: `display` is how reports name it (relative to cwd, POSIX slashes)."""

    display: str
    path: Path
    # Read the content from git instead of the working tree (`check --staged`).
    blob: GitBlob | Blob | None = field(default=None, compare=False)


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a gitignore-style glob (`**/` = any folders, `*` = within one name)."""
    parts: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(parts) + "$")


def glob_match(relative: str, pattern: str) -> bool:
    """Patterns without a slash match the file name anywhere (like .gitignore)."""
    pattern = pattern.strip().removeprefix("./")
    if pattern.endswith("/"):
        pattern += "**"
    if "/" not in pattern:
        return bool(_glob_regex(pattern).match(relative.rsplit("/", 1)[-1]))
    return bool(_glob_regex(pattern).match(relative))


def display_path(path: Path, base: Path) -> str:
    """`path` relative to the resolved `base` with POSIX slashes, or as given if outside it."""
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def discover_files(
    paths: list[Path], include: list[str], exclude: list[str], base_dir: Path
) -> list[SourceFile]:
    """Files named explicitly are checked unless excluded; folders are walked for `include`."""
    cwd = Path.cwd().resolve()
    base = base_dir.resolve()
    found: dict[Path, SourceFile] = {}

    def excluded(path: Path) -> bool:
        relative = display_path(path, base)
        return any(glob_match(relative, pattern) for pattern in exclude)

    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputError("path not found", str(path))
        if path.is_dir():
            for folder, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if _walked_folder(d))
                for name in files:
                    candidate = Path(folder) / name
                    relative = display_path(candidate, base)
                    if not any(glob_match(relative, p) for p in include):
                        continue
                    if excluded(candidate) or not candidate.is_file():
                        continue
                    found.setdefault(
                        candidate.resolve(), SourceFile(display_path(candidate, cwd), candidate)
                    )
        elif not excluded(path):
            found.setdefault(path.resolve(), SourceFile(display_path(path, cwd), path))
    return sorted(found.values())


def _walked_folder(name: str) -> bool:
    return name not in SKIPPED_DIRS and not name.startswith(".")


def select_listed(
    listed: Iterable[Path],
    paths: list[Path],
    include: list[str],
    exclude: list[str],
    base_dir: Path,
) -> list[SourceFile]:
    """Of files listed by git (absolute), those `discover_files(paths, ...)` would check.

    The same rules apply as when walking the paths (include and exclude globs, skipped and
    hidden folders below a given folder), so `--staged` and `--changed-since` narrow a run
    without changing what it covers. A listed file need not exist in the working tree.
    """
    cwd = Path.cwd().resolve()
    base = base_dir.resolve()
    roots = [path.resolve() for path in paths]
    chosen: list[SourceFile] = []
    for candidate in listed:
        relative = display_path(candidate, base)
        if any(glob_match(relative, pattern) for pattern in exclude):
            continue
        for root in roots:
            if candidate == root:
                break
            if root in candidate.parents:
                inside = candidate.relative_to(root).parts[:-1]
                if all(_walked_folder(part) for part in inside) and any(
                    glob_match(relative, pattern) for pattern in include
                ):
                    break
        else:
            continue
        chosen.append(SourceFile(display_path(candidate, cwd), candidate))
    return sorted(chosen)

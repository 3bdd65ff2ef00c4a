"""Stage 1, discover: command-line paths and configuration become the sorted list of files.

Folders are walked for the include globs minus the exclude globs and what `.gitignore` files
ignore (issue 14). Nothing kalypso-lint wrote is ever read as a page: its cache folder
(`Skipped`) and its reports (own_reports, by their mark). An `--output` naming a page is
refused by the command, not skipped here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

from kalypso_lint.errors import InputError
from kalypso_lint.fileio import safe_resolve
from kalypso_lint.gitignore import GitIgnores, repository_root
from kalypso_lint.own_reports import is_own_report

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
    """Content that is not read from `path`: staged content (gitscope.GitBlob), a fetched
    page (issue 17) or an editor's unsaved buffer (the language server)."""

    def read(self) -> bytes: ...


@dataclass(frozen=True, order=True)
class SourceFile:
    """A file to check: `display` is how reports name it (relative to cwd, POSIX slashes)."""

    display: str
    path: Path
    # Read the content from git (`check --staged`) or an editor instead of the working tree.
    blob: Blob | None = field(default=None, compare=False)
    # Why the file must not be read, as (rule code, reason): reported without opening it.
    refused: tuple[str, str] | None = field(default=None, compare=False)


EXTERNAL_REASON = (
    "a symbolic link to a file outside the checked folders; not read "
    "(--follow-external-symlinks reads it)"
)
LOOP_REASON = "a symbolic link that loops or cannot be resolved; not checked"


@dataclass(frozen=True)
class Zones:
    """Where a page may live once its symlinks are resolved (issue 15): the checked folders
    (a named file's own folder) and the project folder. A link leading anywhere else is
    refused, so a page in a pull request cannot pull a runner's file into the report."""

    folders: tuple[Path, ...]
    follow_external: bool = False

    @classmethod
    def of(cls, paths: Iterable[Path], base: Path, follow_external: bool) -> Zones:
        folders = [base]
        for path in paths:
            where = safe_resolve(path if path.is_dir() else path.absolute().parent)
            if where is not None:
                folders.append(where)
        return cls(tuple(folders), follow_external)

    def refusal(self, candidate: Path, target: Path | None) -> tuple[str, str] | None:
        if target is None:
            return ("KL901", LOOP_REASON)
        if _is_dangling(candidate):
            return ("KL901", dangling_reason(candidate))
        if self.follow_external:
            return None
        if any(target == folder or folder in target.parents for folder in self.folders):
            return None
        return ("KL905", EXTERNAL_REASON)


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
    resolved = None if _is_dangling(path) else safe_resolve(path)
    if resolved is None:  # a symlink loop or a dangling link: name it as given (not its
        # target), absolute paths made relative
        resolved = Path(os.path.normpath(path.absolute()))
        if not resolved.is_relative_to(base):
            return path.as_posix()
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Skipped:
    """What kalypso-lint itself writes, never read as a page: files and folders named by the
    run (its cache folder), resolved, plus reports recognised by their mark."""

    files: frozenset[Path] = frozenset()
    folders: tuple[Path, ...] = ()

    @classmethod
    def of(cls, files: Iterable[Path] = (), folders: Iterable[Path] = ()) -> Skipped:
        return cls(
            frozenset(p for p in map(safe_resolve, files) if p is not None),
            tuple(p for p in map(safe_resolve, folders) if p is not None),
        )

    def skips(self, path: Path) -> bool:
        target = safe_resolve(path)
        if target is not None and (
            target in self.files or any(f in target.parents for f in self.folders)
        ):
            return True
        return is_own_report(path)


NOTHING_SKIPPED = Skipped()
# YAML and TOML hold data and settings (the registry, CI workflows, a site's configuration),
# which no reader understands: the text reader would take keys for copy. Named on the command
# line, as the pre-commit hook names every staged one, they are pages only when an include
# glob names them.
DATA_SUFFIXES = frozenset({".yaml", ".yml", ".toml"})


def _named_file_read(path: Path, base: Path, include: list[str]) -> bool:
    if path.suffix.lower() not in DATA_SUFFIXES:
        return True
    relative = display_path(path, base)
    return any(glob_match(relative, pattern) for pattern in include)


def _ignores_for(folder: Path) -> GitIgnores:
    """The .gitignore files that apply in a walked folder: from its repository's root, or
    from the folder itself outside a repository."""
    resolved = safe_resolve(folder) or folder.absolute()
    return GitIgnores(repository_root(resolved) or resolved)


def discover_files(
    paths: list[Path],
    include: list[str],
    exclude: list[str],
    base_dir: Path,
    follow_external_symlinks: bool = False,
    skipped: Skipped = NOTHING_SKIPPED,
) -> list[SourceFile]:
    """Files named explicitly are checked unless excluded; folders are walked for `include`,
    leaving out what `.gitignore` ignores. Our own outputs (`skipped`) are never checked.

    Symbolic links are resolved without ever raising: a loop or a dangling link is a KL901
    finding at the link's own path, a link out of the checked folders a KL905 one (unless
    followed), and the other files are checked.
    """
    cwd = Path.cwd().resolve()
    base = base_dir.resolve()
    zones = Zones.of(paths, base, follow_external_symlinks)
    found: dict[Path, SourceFile] = {}

    def add(candidate: Path) -> None:
        if skipped.skips(candidate):
            return
        target = safe_resolve(candidate)
        refused = zones.refusal(candidate, target)
        # A link with nothing behind it is its own file (two dangling links to one missing
        # page are two findings); any other file is known by what it resolves to.
        whole = target is not None and not _is_dangling(candidate)
        key = target if whole and target else Path(os.path.normpath(candidate.absolute()))
        found.setdefault(key, SourceFile(display_path(candidate, cwd), candidate, None, refused))

    def excluded(path: Path) -> bool:
        relative = display_path(path, base)
        return any(glob_match(relative, pattern) for pattern in exclude)

    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputError("path not found", str(path))
        if path.is_dir():
            ignores = _ignores_for(path)
            for folder, dirs, files in os.walk(path, followlinks=False):
                # Resolved once per folder, like the top of `ignores` (a symlinked tmp).
                here = safe_resolve(Path(folder)) or Path(folder).absolute()
                dirs[:] = sorted(
                    d for d in dirs if _walked_folder(d) and not ignores.ignored(here / d, True)
                )
                for name in files:
                    candidate = Path(folder) / name
                    relative = display_path(candidate, base)
                    if not any(glob_match(relative, p) for p in include):
                        continue
                    if excluded(candidate) or ignores.ignored(here / name):
                        continue
                    # Regular files only (not FIFOs, devices, sockets); a symlink loop or
                    # a dangling link is reported rather than silently dropped.
                    if candidate.is_file() or _is_dangling(candidate):
                        add(candidate)
        elif not excluded(path) and _named_file_read(path, base, include):
            add(path)
    return sorted(found.values())


def _is_dangling(path: Path) -> bool:
    """A symbolic link whose target does not exist (a loop counts too: exists() is False)."""
    return path.is_symlink() and not path.exists()


def dangling_reason(path: Path) -> str:
    try:
        target = path.readlink()
    except OSError:  # replaced since the check; say what is known
        return "a dangling symbolic link: nothing to read"
    return f"dangling symbolic link to {target}: nothing to read"


def _walked_folder(name: str) -> bool:
    return name not in SKIPPED_DIRS and not name.startswith(".")


def select_listed(
    listed: Iterable[Path],
    paths: list[Path],
    include: list[str],
    exclude: list[str],
    base_dir: Path,
    follow_external_symlinks: bool = False,
    skipped: Skipped = NOTHING_SKIPPED,
) -> list[SourceFile]:
    """Of files listed by git (absolute), those `discover_files(paths, ...)` would check.

    The same rules apply as when walking the paths (include and exclude globs, skipped and
    hidden folders below a given folder), so `--staged` and `--changed-since` narrow a run
    without changing what it covers. A listed file need not exist in the working tree.
    """
    cwd = Path.cwd().resolve()
    base = base_dir.resolve()
    roots = [path.resolve() for path in paths]
    zones = Zones.of(paths, base, follow_external_symlinks)
    chosen: list[SourceFile] = []
    for candidate in listed:
        relative = display_path(candidate, base)
        if any(glob_match(relative, pattern) for pattern in exclude):
            continue
        for root in roots:
            if candidate == root:
                if _named_file_read(candidate, base, include):
                    break
                continue
            if root in candidate.parents:
                inside = candidate.relative_to(root).parts[:-1]
                if all(_walked_folder(part) for part in inside) and any(
                    glob_match(relative, pattern) for pattern in include
                ):
                    break
        else:
            continue
        if candidate.exists() and skipped.skips(candidate):
            continue
        target = safe_resolve(candidate) if candidate.is_symlink() else candidate
        refused = zones.refusal(candidate, target) if target != candidate else None
        chosen.append(SourceFile(display_path(candidate, cwd), candidate, None, refused))
    return sorted(chosen)

"""Diff-aware runs: the files git says changed, their staged content and their changed lines.

Only the `git` command is used (no GitPython), always in forms no user setting can change:
NUL-separated names (`-z`), fixed diff prefixes, no external diff, textconv or colour, and
paths left unquoted (`core.quotePath=false`; the few characters git still quotes are undone
by `_unquote`).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kalypso_lint.errors import GitError
from kalypso_lint.settings_files import touches

_DIFF = (
    "-c",
    "core.quotePath=false",
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--ignore-submodules",
    "-M",
)
_CHECKED_STATUSES = frozenset("ACMR")  # added, copied, modified, renamed: content to check
_NOT_CONTENT_MODES = frozenset({"120000", "160000"})  # symlinks and submodules
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r"}


class GitMissing(GitError):
    """No `git` executable: diff-aware options cannot work at all."""


def _run(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitMissing("git is not installed or not on PATH") from None
    except NotADirectoryError:
        raise GitError(f"{cwd}: not a folder") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[0] if lines else f"exit status {done.returncode}"
        raise GitError(f"git {args[0]} failed: {reason.removeprefix('fatal: ')}")
    return done.stdout


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _split_z(raw: bytes) -> list[str]:
    return [_decode(item) for item in raw.split(b"\0") if item]


def _unquote(name: str) -> str:
    """Undo git's C-style quoting of a path in patch headers ("a\\tb", "\\303\\251").

    git ends a `---`/`+++` name containing a space with a tab (for GNU patch); a name that
    really ends in a tab is quoted, so one trailing raw tab is always that marker.
    """
    name = name.removesuffix("\t")
    if not (len(name) >= 2 and name.startswith('"') and name.endswith('"')):
        return name
    body, out, i = name[1:-1], bytearray(), 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out += _ESCAPES.get(nxt, nxt).encode()
            i += 2
            continue
        out += char.encode("utf-8", "surrogateescape")
        i += 1
    return _decode(bytes(out))


def repo_root(start: Path, *, need_git: bool = False) -> Path | None:
    """The top folder of the git working tree around `start`, or None outside one (or
    without git, unless `need_git`)."""
    try:
        return Path(_decode(_run(["rev-parse", "--show-toplevel"], start)).strip()).resolve()
    except GitMissing:
        if need_git:
            raise
        return None
    except GitError:
        return None


def paths_from_repo_root(display_paths: Iterable[str], cwd: Path) -> dict[str, str]:
    """Display path -> path relative to the repository root (cwd outside a repository).

    SARIF and GitHub annotations name files from the root of the repository, whatever folder
    kalypso-lint ran in; a file outside the root keeps its display path.
    """
    cwd = cwd.resolve()
    root = repo_root(cwd) or cwd
    mapping: dict[str, str] = {}
    for shown in display_paths:
        if shown.startswith(("http://", "https://")):  # a published page (issue 17)
            mapping[shown] = shown
            continue
        absolute = Path(os.path.normpath(cwd / shown))
        try:
            mapping[shown] = absolute.relative_to(root).as_posix()
        except ValueError:
            mapping[shown] = shown
    return mapping


@dataclass(frozen=True)
class GitOptions:
    """The diff-aware options of `check`."""

    staged: bool = False
    changed_since: str | None = None
    new_only: bool = False

    @property
    def active(self) -> bool:
        return self.staged or self.changed_since is not None or self.new_only

    @property
    def option(self) -> str:
        if self.staged:
            return "--staged"
        return "--changed-since" if self.changed_since is not None else "--new-only"


@dataclass(frozen=True)
class GitBlob:
    """Content stored in git (a staged file), read when the file is checked."""

    root: Path
    oid: str

    def read(self) -> bytes:
        from kalypso_lint.documents.decode import UnreadableFile  # keeps `--help` light

        try:
            return _run(["cat-file", "blob", self.oid], self.root)
        except GitError as exc:
            raise UnreadableFile("KL901", f"cannot read the staged content: {exc}") from None


@dataclass(frozen=True)
class ChangedLines:
    """Lines added or changed against the base, by path relative to the repository root.

    A path the diff does not mention is unchanged when the base has it, and new throughout
    when it does not (untracked or added files).
    """

    lines: Mapping[str, frozenset[int]]
    base_files: Mapping[str, str]  # path -> blob id at the base
    renamed: Mapping[str, str] = field(default_factory=dict)  # new path -> path at the base

    def covers(self, path: str, first: int, last: int) -> bool:
        changed = self.lines.get(path)
        if changed is None:
            return path not in self.base_files
        return any(number in changed for number in range(first, last + 1))

    def base_blob(self, path: str) -> str | None:
        """The blob id of a changed page as the base had it (None: unchanged, or not there)."""
        if path not in self.lines:
            return None
        return self.base_files.get(self.renamed.get(path, path))


@dataclass(frozen=True)
class GitScope:
    """What git narrows a run to: the files to check (None: all), their staged content, and
    the changed lines that findings must touch (None: every line)."""

    root: Path
    files: tuple[Path, ...] | None
    blobs: Mapping[Path, GitBlob]
    changed: ChangedLines | None

    def _relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:  # outside the repository: git knows nothing of it
            return None

    def keeps(self, path: Path, first: int, last: int) -> bool:
        if self.changed is None:
            return True
        relative = self._relative(path)
        if relative is None:  # all of a file git does not know is new
            return True
        return self.changed.covers(relative, first, last)

    def base_blob(self, path: Path) -> GitBlob | None:
        """A changed page's content at the base, for --new-only's findings about what a page
        lacks (None: the page is unchanged, new, or outside the repository)."""
        relative = self._relative(path) if self.changed is not None else None
        oid = self.changed.base_blob(relative) if self.changed and relative else None
        return GitBlob(self.root, oid) if oid else None


class _Repo:
    def __init__(self, start: Path, option: str) -> None:
        folder = start if start.is_dir() else start.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        root = repo_root(folder, need_git=True)
        if root is None:
            raise GitError(f"{option} needs a git repository, and {folder} is not inside one")
        self.root = root

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        return _run(list(args), self.root, stdin)

    def head_or_empty_tree(self) -> str:
        """HEAD, or the empty tree before the first commit (everything is then new)."""
        try:
            return _decode(self.git("rev-parse", "--verify", "--quiet", "HEAD^{commit}")).strip()
        except GitError:
            return _decode(self.git("hash-object", "-t", "tree", "--stdin", stdin=b"")).strip()

    def merge_base(self, ref: str) -> str:
        try:
            commit = self.git(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
            )
        except GitError:
            raise GitError(f"--changed-since: unknown git revision {ref!r}") from None
        try:
            return _decode(self.git("merge-base", _decode(commit).strip(), "HEAD")).strip()
        except GitError:
            raise GitError(
                f"--changed-since: {ref!r} and HEAD share no history in this clone "
                "(a shallow clone? fetch more history, e.g. `git fetch --unshallow`)"
            ) from None

    def name_status(self, *diff_args: str) -> list[tuple[str, str]]:
        """(status letter, path) of every changed file; a rename gives its new path."""
        tokens = _split_z(self.git(*_DIFF, "--name-status", "-z", *diff_args, "--"))
        changes: list[tuple[str, str]] = []
        i = 0
        while i < len(tokens):
            status = tokens[i][:1]
            if status in "RC":
                changes.append((status, tokens[i + 2]))
                i += 3
            else:
                changes.append((status, tokens[i + 1]))
                i += 2
        return changes

    def untracked(self) -> list[str]:
        return _split_z(self.git("ls-files", "-z", "--others", "--exclude-standard"))

    def index_blobs(self) -> dict[str, str]:
        """Path -> blob id of every regular file in the index (stage 0: no conflict)."""
        blobs: dict[str, str] = {}
        for entry in _split_z(self.git("ls-files", "-z", "--stage")):
            info, _, path = entry.partition("\t")
            mode, oid, stage = info.split(" ")
            if stage == "0" and mode not in _NOT_CONTENT_MODES:
                blobs[path] = oid
        return blobs

    def changed_lines(self, base: str, *diff_args: str) -> ChangedLines:
        patch = self.git(*_DIFF, "-U0", *diff_args, "--")
        base_files: dict[str, str] = {}
        for entry in _split_z(self.git("ls-tree", "-r", "-z", base)):
            info, _, path = entry.partition("\t")
            mode, _, oid = info.split(" ")
            if mode not in _NOT_CONTENT_MODES:
                base_files[path] = oid
            else:
                base_files[path] = ""  # there at the base, but no content to check
        return ChangedLines(_parse_patch(patch), base_files, _renames(patch))


def _parse_patch(patch: bytes) -> dict[str, frozenset[int]]:
    """New-side line numbers of every hunk of a `-U0` patch, by new path.

    Hunk bodies are counted off using the header's line counts, so an added line that
    happens to start with "++ " is never mistaken for a file header.
    """
    lines: dict[str, set[int]] = {}
    current: str | None = None
    pending = 0
    for raw in patch.split(b"\n"):
        line = _decode(raw)
        if pending:
            if line[:1] in ("+", "-"):
                pending -= 1
            continue
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("rename to "):
            current = _unquote(line[len("rename to ") :])
            lines.setdefault(current, set())
        elif line.startswith("+++ "):
            target = _unquote(line[4:])
            current = None if target == "/dev/null" else target.removeprefix("b/")
            if current is not None:
                lines.setdefault(current, set())
        elif match := _HUNK.match(line):
            old_count = 1 if match.group(2) is None else int(match.group(2))
            start = int(match.group(3))
            new_count = 1 if match.group(4) is None else int(match.group(4))
            pending = old_count + new_count
            if current is not None:
                lines[current].update(range(start, start + new_count))
    return {path: frozenset(numbers) for path, numbers in lines.items()}


def _renames(patch: bytes) -> dict[str, str]:
    """New path -> old path of every rename in a patch."""
    renames: dict[str, str] = {}
    source: str | None = None
    for raw in patch.split(b"\n"):
        line = _decode(raw)
        if line.startswith("diff --git "):
            source = None
        elif line.startswith("rename from "):
            source = _unquote(line[len("rename from ") :])
        elif line.startswith("rename to ") and source is not None:
            renames[_unquote(line[len("rename to ") :])] = source
    return renames


def git_scope(options: GitOptions, start: Path, watched: Iterable[Path] = ()) -> GitScope:
    """Ask git what to check. `watched` are the configuration and registry paths: when one of
    them changed since the `--changed-since` base, every verdict may have changed, so every
    file is checked and every finding reported."""
    repo = _Repo(start, options.option)
    root = repo.root
    files: tuple[Path, ...] | None = None
    blobs: dict[Path, GitBlob] = {}
    new_only = options.new_only
    if options.staged:
        base = repo.head_or_empty_tree()
        diff_args: tuple[str, ...] = ("--cached", base)
        index = repo.index_blobs()
        staged = [
            path
            for status, path in repo.name_status(*diff_args)
            if status in _CHECKED_STATUSES and path in index
        ]
        files = tuple(root / path for path in staged)
        blobs = {root / path: GitBlob(root, index[path]) for path in staged}
    elif options.changed_since is not None:
        base = repo.merge_base(options.changed_since)
        diff_args = (base,)
        changes = repo.name_status(base) + [("A", path) for path in repo.untracked()]
        resolved = [w.resolve() for w in watched]
        if any(touches(root / path, resolved) for _, path in changes):
            new_only = False
        else:
            files = tuple(root / path for status, path in changes if status in _CHECKED_STATUSES)
    else:
        base = repo.head_or_empty_tree()
        diff_args = (base,)
    changed = repo.changed_lines(base, *diff_args) if new_only else None
    return GitScope(root, files, blobs, changed)

"""`.gitignore` files, as git reads them, for discovery (issue 14; ruff does the same).

The patterns are matched by pathspec's GitIgnoreSpec (git's own rules, negations included).
Every `.gitignore` from the repository root (or the walked folder, outside a repository)
down to a file's folder applies, the deeper one winning, as in git.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec


def repository_root(start: Path) -> Path | None:
    """The folder holding `.git` at or above `start`, if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


class GitIgnores:
    """The `.gitignore` files below `top`, read once each."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            spec = None
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
                # Imported here: checking named files walks no folder (issue 16, cold start).
                import pathspec

                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            except (OSError, UnicodeDecodeError):
                pass  # no .gitignore here, or one git could not read either
            self._specs[folder] = spec
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        """Whether git ignores `path` (absolute, below `top`)."""
        try:
            relative = path.relative_to(self.top)
        except ValueError:
            return False
        verdict = False
        folder = self.top
        parts = relative.parts
        for depth in range(len(parts)):
            spec = self._spec(folder)
            if spec is not None:
                rest = "/".join(parts[depth:]) + ("/" if is_dir else "")
                result = spec.check_file(rest)
                if result.include is not None:
                    verdict = result.include
            folder = folder / parts[depth]
        return verdict

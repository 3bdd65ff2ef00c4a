"""The errors a user can cause. `cli.py` maps every one of them to exit 2 and one readable line."""

from __future__ import annotations


class KalypsoError(Exception):
    """Base: an expected failure with a one-line message naming the file (and line when known)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(KalypsoError):
    """rules.yaml, pyproject.toml or a command-line option is wrong."""


class RegistryError(KalypsoError):
    """The claims registry cannot be loaded or is invalid."""


class InputError(KalypsoError):
    """The paths to check are missing or unusable."""


class NoFilesError(InputError):
    """Nothing matched the paths and include/exclude globs (exit 3, its own code)."""


class GitError(KalypsoError):
    """A diff-aware run cannot ask git (no repository, unknown revision, git missing)."""


class SourceError(KalypsoError):
    """`sources check` cannot run (not a problem with one source: those are findings)."""

"""A progress bar for long runs, on a terminal only: silent when stderr is a file or pipe,
and in CI (the CI environment variable), so logs and reports stay clean."""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import Any, Protocol


class Progress(Protocol):
    def __enter__(self) -> Progress: ...
    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def start(self, total: int) -> None: ...
    def advance(self) -> None: ...


class Silent:
    def __enter__(self) -> Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def start(self, total: int) -> None:
        return None

    def advance(self) -> None:
        return None


class Bar:
    """rich's progress bar on stderr; it disappears when the run ends."""

    def __init__(self, description: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self._progress = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._description = description
        self._task: Any = None

    def __enter__(self) -> Bar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def start(self, total: int) -> None:
        self._task = self._progress.add_task(self._description, total=total)

    def advance(self) -> None:
        if self._task is not None:
            self._progress.advance(self._task)


def progress_for(description: str) -> Progress:
    """A bar when a person is watching a terminal, otherwise nothing."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        return Bar(description)
    return Silent()

"""Reading input files: regular files only, and path resolution that never raises (issue 15).

Every file kalypso-lint reads (pages, registry, configuration, baseline) goes through
`read_regular`, so a FIFO, a device or a socket given by name, or swapped in for a file after
discovery, is refused instead of blocking the run or streaming forever. The file is opened
without blocking and checked with fstat on the open descriptor, so there is no window
between the check and the read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The path is not a regular file; an OSError so every caller's read error path takes it."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file but {kind}")
        self.kind = kind


class FileTooLarge(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, f"file is {size} bytes")
        self.size = size


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of `path` if it is a regular file (after symlinks), else NotRegularFile.

    O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; it has
    no effect on regular files. Over `max_bytes`, FileTooLarge without reading.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # opening a socket file
            raise NotRegularFile("a socket") from None
        raise
    with os.fdopen(fd, "rb", closefd=True) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(_kind(info.st_mode))
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileTooLarge(info.st_size)
        return handle.read(-1 if max_bytes is None else max_bytes + 1)


def safe_resolve(path: Path) -> Path | None:
    """`path.resolve()`, or None for a symlink loop (RuntimeError before Python 3.13, OSError
    after) or an unresolvable path, so one bad link never ends a run."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None

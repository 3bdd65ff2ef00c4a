"""Writing files so an interrupted run never leaves a half-written one (temp file + rename).

Only a regular file (or a path that does not exist yet) is replaced that way: renaming over
/dev/stdout, /dev/null or a named pipe would put a regular file in the device's place (as
root, for every later user of it), so those are written straight through.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

# /dev/stdout, /dev/fd/1, /proc/self/fd/1: a link to one of this process's open descriptors.
_OWN_FD = re.compile(rf"^/(?:dev|proc/self|proc/{os.getpid()})/fd/(\d+)$")


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step; the old file survives any failure before it.
    A symlink is followed: its target is replaced, the link stays a link."""
    descriptor = _own_descriptor(path)
    if descriptor is not None:
        _write_descriptor(descriptor, text)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode: int | None = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        _write_through(target, text)
        return
    _replace(target, text, None if mode is None else mode & 0o777)


def _own_descriptor(path: Path) -> int | None:
    """The descriptor `path` names through /dev/stdout or /dev/fd/N, if it does. Opening it
    anew would start at offset 0 of a redirected file (`> both.txt`) and the other report,
    written to the same descriptor, would overwrite this one; writing to the descriptor
    itself shares its offset, as the shell's own /dev/stdout does."""
    current = path.absolute()
    for _ in range(40):  # the kernel's limit on symlinks followed
        match = _OWN_FD.match(current.as_posix())
        if match:
            return int(match.group(1))
        if not current.is_symlink():
            return None
        # Not resolve(): /proc/self/fd/1 itself reads as the file it has open.
        current = Path(os.path.normpath(current.parent / current.readlink()))
    return None


def _write_descriptor(descriptor: int, text: str) -> None:
    for stream in (sys.stdout, sys.stderr):  # what was printed before comes first
        stream.flush()
    data = text.encode("utf-8")
    while data:
        written = os.write(descriptor, data)
        data = data[written:]


def _write_through(path: Path, text: str) -> None:
    """Write into a device or FIFO as it is (no temp file, no rename); a folder fails here
    with the usual OSError."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(text)


def _replace(path: Path, text: str, mode: int | None) -> None:
    folder = path.parent if str(path.parent) else Path()
    folder.mkdir(parents=True, exist_ok=True)
    if mode is None:  # mkstemp makes 0600 files; a new report should get the usual permissions
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp_name).chmod(mode)
        Path(temp_name).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        raise

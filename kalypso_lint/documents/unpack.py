"""Bounded unpacking of compressed input (zip and gzip bombs).

`max-file-size` and `max-response-size` measure compressed bytes, but a 134 KB .docx can
unpack to 33 MB of XML and a 408 KB gzip sitemap to gigabytes, and lxml and python-docx
hold all of it in memory. So what a file unpacks to is limited too, and it is read in
chunks: a zip member's declared size (ZipInfo.file_size) refuses a bomb at once, and the
chunked read stops one that lies about its size before the lie costs memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

_CHUNK = 64 * 1024


class UnpackTooLarge(ValueError):
    """The unpacked content would exceed its limit; the message says which and why."""


def megabytes(size: int) -> str:
    """33 MB, 10 MB, 1.5 MB; under a megabyte in KB (a test's or a cautious user's limit)."""
    if size < 1048576:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1048576:.1f}".removesuffix(".0") + " MB"


def _too_large(what: str, size: int, limit: int, setting: str, exact: bool) -> UnpackTooLarge:
    if exact:  # the size a header declares
        return UnpackTooLarge(
            f"{what} would unpack to {megabytes(size)}, more than the {megabytes(limit)} limit "
            f"({setting})"
        )
    return UnpackTooLarge(f"{what} unpacks to more than the {megabytes(limit)} limit ({setting})")


def gunzip(data: bytes, limit: int, what: str, setting: str) -> bytes:
    """`data` decompressed, in chunks, refused once it passes `limit` bytes. Concatenated
    gzip members are read one after another, as gzip.decompress does."""
    parts: list[bytes] = []
    size = 0
    pending = data
    while pending:
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)  # gzip header and trailer
        while pending and not decompressor.eof:
            part = decompressor.decompress(pending, _CHUNK)
            pending = decompressor.unconsumed_tail
            size += len(part)
            if size > limit:
                raise _too_large(what, size, limit, setting, exact=False)
            parts.append(part)
        if not decompressor.eof:
            raise zlib.error("the gzip data ends early")
        pending = decompressor.unused_data.lstrip(b"\0")  # padding between members
    return b"".join(parts)


def unpack_zip(
    data: bytes, limit_for: Callable[[str], tuple[int, str]], total: tuple[int, str], what: str
) -> bytes:
    """The archive re-packed uncompressed, each member within `limit_for(name)` (bytes, name of
    the setting) and all of them within `total`; a reader then cannot unpack more than this.

    Raises UnpackTooLarge, or zipfile.BadZipFile for a damaged archive (a member whose data
    does not match its declared size fails its CRC check)."""
    total_limit, total_setting = total
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        for info in members:  # the declared sizes first: a bomb is refused before any work
            limit, setting = limit_for(info.filename)
            if info.file_size > limit:
                raise _too_large(info.filename, info.file_size, limit, setting, exact=True)
        declared = sum(info.file_size for info in members)
        if declared > total_limit:
            raise _too_large(what, declared, total_limit, total_setting, exact=True)
        out = io.BytesIO()
        unpacked = 0
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in members:
                limit, setting = limit_for(info.filename)
                content = _read_member(archive, info, limit, setting)
                unpacked += len(content)
                if unpacked > total_limit:
                    raise _too_large(what, unpacked, total_limit, total_setting, exact=False)
                copy.writestr(info.filename, content)
    return out.getvalue()


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, setting: str
) -> bytes:
    # read(n) decompresses at most about n bytes a call; read() would unpack the whole stream
    # in one call whatever the header says, and only then cut it to the declared size.
    parts: list[bytes] = []
    size = 0
    with archive.open(info) as member:
        while part := member.read(_CHUNK):
            size += len(part)
            if size > limit:
                raise _too_large(info.filename, size, limit, setting, exact=False)
            parts.append(part)
    return b"".join(parts)

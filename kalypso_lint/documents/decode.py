"""Turning a file's bytes into text, or a clear reason why not (reported as KL901/KL902)."""

from __future__ import annotations

import codecs
from collections.abc import Mapping


class UnreadableFile(Exception):
    """A file that cannot be checked; becomes a finding, never stops the run."""

    def __init__(
        self, code: str, reason: str, line: int = 1, args: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.line = line  # where the problem starts (1: the whole file)
        self.extra = dict(args or {})  # other arguments of the rule's message template


UNKNOWN_ENCODING = (
    "unknown encoding (NUL bytes, but not readable as UTF-8 or UTF-16); save the file as "
    "UTF-8; not checked"
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM (issue 15): text in a Latin script has a NUL in every
    other byte, the high half of each code unit. Which half is NUL tells the byte order."""
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 2:
        return None
    pairs = len(sample) // 2
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if even >= 0.4 and odd <= 0.05:
        return "utf-16-be"
    if odd >= 0.4 and even <= 0.05:
        return "utf-16-le"
    return None


def _mostly_text(text: str) -> bool:
    """Guards the guess: what was read must be text, not control characters."""
    sample = text[:4096]
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\t\r")
    return printable >= 0.95 * len(sample)


def decode(data: bytes) -> str:
    """Decode UTF-8 (BOM optional), BOM-marked UTF-16/32 or UTF-16 without a BOM; normalise
    newlines to "\\n".

    Newlines are normalised because markdown-it does the same; lines and columns are
    unchanged by it, so positions still point into the original file.
    """
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[3:], "utf-8"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data[:8192]:
            encoding = _utf16_without_bom(data) or ""
            if not encoding:
                raise UnreadableFile("KL901", "binary file (contains NUL bytes); not checked")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding in ("utf-16-le", "utf-16-be"):  # only a guess: say what we know
            raise UnreadableFile("KL901", UNKNOWN_ENCODING) from None
        if encoding != "utf-8":
            raise UnreadableFile("KL901", f"not valid {encoding.upper()}: {exc.reason}") from None
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise UnreadableFile(
            "KL901",
            f"not valid UTF-8 at line {line}, column {column} (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8",
        ) from None
    if "\x00" in text:
        raise UnreadableFile("KL901", "binary file (contains NUL characters); not checked")
    if encoding in ("utf-16-le", "utf-16-be") and not _mostly_text(text):
        raise UnreadableFile("KL901", UNKNOWN_ENCODING)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text

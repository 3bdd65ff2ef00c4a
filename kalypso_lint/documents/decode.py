"""Turning a file's bytes into text, or a clear reason why not (reported as KL901/KL902)."""

from __future__ import annotations

import codecs


class UnreadableFile(Exception):
    """A file that cannot be checked; becomes a finding, never stops the run."""

    def __init__(self, code: str, reason: str, line: int = 1) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.line = line  # where the problem starts (1: the whole file)


def decode(data: bytes) -> str:
    """Decode UTF-8 (BOM optional) or BOM-marked UTF-16/32; normalise newlines to "\\n".

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
            raise UnreadableFile("KL901", "binary file (contains NUL bytes); not checked")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
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
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text

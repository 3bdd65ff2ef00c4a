"""Columns as LSP counts them: UTF-16 code units by default (LSP 3.17, "Position").

Our spans count Unicode code points in the text with newlines normalised to "\\n"
(documents/decode.py); an emoji is one code point but two UTF-16 units, and four UTF-8
bytes. The server converts on the text it checked, never re-searching.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kalypso_lint.models import Span

Encoding = Literal["utf-8", "utf-16", "utf-32"]


def normalised_lines(text: str) -> list[str]:
    """The lines of `text` as the readers number them (CRLF and CR are one newline)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _units(chars: str, encoding: Encoding) -> int:
    if encoding == "utf-32":
        return len(chars)
    if encoding == "utf-8":
        return len(chars.encode("utf-8"))
    return len(chars) + sum(1 for char in chars if ord(char) > 0xFFFF)


@dataclass(frozen=True)
class LineIndex:
    """Converts between our 1-based code-point columns and 0-based LSP columns."""

    lines: tuple[str, ...]
    encoding: Encoding = "utf-16"

    @classmethod
    def of(cls, text: str, encoding: str = "utf-16") -> LineIndex:
        chosen: Encoding = encoding if encoding in ("utf-8", "utf-32") else "utf-16"  # type: ignore[assignment]
        return cls(tuple(normalised_lines(text)), chosen)

    def _line(self, line: int) -> str:
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def to_client(self, line: int, column: int) -> tuple[int, int]:
        """1-based line and code-point column -> 0-based line and client units."""
        text = self._line(line - 1)
        return line - 1, _units(text[: max(column - 1, 0)], self.encoding)

    def span_to_client(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.to_client(span.line, span.column), self.to_client(
            span.end_line, span.end_column
        )

    def from_client(self, line: int, units: int) -> tuple[int, int]:
        """0-based line and client units -> 1-based line and code-point column."""
        text = self._line(line)
        if self.encoding == "utf-32":
            return line + 1, min(units, len(text)) + 1
        counted = 0
        for index, char in enumerate(text):
            if counted >= units:
                return line + 1, index + 1
            counted += _units(char, self.encoding)
        return line + 1, len(text) + 1

    def end_of_line(self, line: int) -> tuple[int, int]:
        """0-based line -> the client position at its end."""
        return line, _units(self._line(line), self.encoding)

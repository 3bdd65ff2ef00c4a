"""Documents whose source is text laid out by a reader, one line per paragraph (issue 17).

A Word document or a page's main content has no text file to point into, so the reader
writes one: each paragraph on its own line, which is then its own prose block. Line numbers
are paragraph numbers, and columns count characters within the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kalypso_lint.documents.base import BlockBuilder, build_document
from kalypso_lint.models import Document, Notice, TextBlock

_SPACES = re.compile(r"[\s\u200b]+")


@dataclass(frozen=True)
class Line:
    """One paragraph: its text (already on one line), block kind and any prefix to skip."""

    text: str
    kind: str = "paragraph"
    skip: int = 0  # characters at the start that are not prose (a list marker)
    has_link: bool = False


def one_line(text: str) -> str:
    """A paragraph's text on one line: breaks, tabs and runs of spaces as one space."""
    return _SPACES.sub(" ", text).strip()


def lines_document(
    path: str,
    fmt: str,
    lines: list[Line],
    comments: list[tuple[str, int, int]] | None = None,
    notices: tuple[Notice, ...] = (),
) -> Document:
    """Source = the lines joined by newlines; `comments` are (text, first line, last line),
    lines 1-based, and last 0 for the point where the first line starts."""
    starts: list[int] = []
    offset = 0
    blocks: list[TextBlock] = []
    for line in lines:
        starts.append(offset)
        builder = BlockBuilder(line.kind)
        builder.has_link = line.has_link
        builder.add(line.text[line.skip :], offset + line.skip)
        block = builder.build()
        if block is not None:
            blocks.append(block)
        offset += len(line.text) + 1
    source = "\n".join(line.text for line in lines)
    raw_comments = []
    for text, first, last in comments or []:
        first_index = min(max(first, 1), max(len(lines), 1)) - 1
        last_index = min(max(last, first), max(len(lines), 1)) - 1
        start = starts[first_index] if starts else 0
        end = (starts[last_index] + len(lines[last_index].text)) if starts else 0
        if last == 0:  # a point: the start of the first line (where a `claim=` pin applies)
            end = start
        raw_comments.append((text, start, end))
    document = build_document(path, fmt, source, blocks, raw_comments)
    return replace(document, notices=notices) if notices else document

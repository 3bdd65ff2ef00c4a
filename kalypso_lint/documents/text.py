"""Plain-text reader: paragraphs are separated by blank lines; list markers are not prose."""

from __future__ import annotations

import re

from kalypso_lint.documents.base import BlockBuilder, build_document
from kalypso_lint.models import Document, TextBlock

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# "1. ", "2) ", "- ", "* ", "• " at the start of a line: a list marker, not a figure.
_LIST_MARKER = re.compile(r"^[ \t]*(?:\d{1,3}[.)]|[-*•+])[ \t]+", re.MULTILINE)


def read_text(path: str, source: str) -> Document:
    blocks: list[TextBlock] = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(source), None]:
        end = match.start() if match else len(source)
        paragraph = source[start:end]
        builder = BlockBuilder("paragraph")
        last = 0
        for marker in _LIST_MARKER.finditer(paragraph):
            if marker.start() > last:
                builder.add(paragraph[last : marker.start()], start + last)
            # Each list item is a sentence of its own, even without a full stop.
            block = builder.build()
            if block is not None:
                blocks.append(block)
            builder = BlockBuilder("list_item")
            last = marker.end()
        builder.add(paragraph[last:], start + last)
        block = builder.build()
        if block is not None:
            blocks.append(block)
        if match:
            start = match.end()
    return build_document(path, "text", source, blocks, [])

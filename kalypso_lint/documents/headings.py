"""Heading levels, read from the source while the page is read (issue 12): what a section
of a page is for (extract/page_context.py) and which citations stand under a heading
(extract/citations.py) depend on them, and extraction runs after the decoded source is let go
(issue 16: a large page in bounded memory)."""

from __future__ import annotations

import re
from dataclasses import replace

from kalypso_lint.models import Document

# A blockquote's "> " may stand before either kind of Markdown heading.
_OPENING = r"[ ]{0,3}(?:>[ ]?)*[ ]{0,3}"
_MARKDOWN_HEADING = re.compile(_OPENING + r"(#{1,6})[ \t]")
_LINE_OPENING = re.compile(_OPENING)
_SETEXT_UNDERLINE = re.compile(_OPENING + r"(=+|-+)[ \t]*$")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^<]*$", re.IGNORECASE)


def heading_level(source: str, offset: int) -> int:
    line_start = source.rfind("\n", 0, offset) + 1
    markdown = _MARKDOWN_HEADING.match(source, line_start, offset + 1)
    if markdown:
        return len(markdown.group(1))
    html = _HTML_HEADING.search(source, max(0, offset - 300), offset)
    if html:
        return int(html.group(1))
    # A setext heading's text starts its line (a front matter title's follows its key).
    underline = None
    if _LINE_OPENING.fullmatch(source, line_start, offset):
        underline = _setext_underline(source, offset)
    return 2 if underline is not None and underline.startswith("-") else 1


def _setext_underline(source: str, offset: int) -> str | None:
    """The "===" or "---" under a setext heading that starts at `offset` (its text may run
    over several lines), or None: the heading ends at the first underline or blank line."""
    position = source.find("\n", offset)
    for _ in range(20):  # a heading of more lines than this is no heading a reader sees
        if position < 0:
            return None
        end = source.find("\n", position + 1)
        line = source[position + 1 : end if end >= 0 else len(source)]
        if not line.strip():
            return None
        found = _SETEXT_UNDERLINE.match(line)
        if found:
            return found.group(1)
        position = end
    return None


def with_heading_levels(document: Document) -> Document:
    """The document with each heading block's `level` set from its source."""
    if not any(block.kind == "heading" for block in document.blocks):
        return document
    blocks = tuple(
        replace(block, level=heading_level(document.source, block.source_offset(0)))
        if block.kind == "heading"
        else block
        for block in document.blocks
    )
    return replace(document, blocks=blocks)

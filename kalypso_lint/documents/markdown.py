"""Markdown reader on markdown-it-py (CommonMark + tables + front matter).

markdown-it gives block tokens a line map but no columns, and inline children no position
at all. We locate each inline token's raw content line by line in the source, then walk its
children with a cursor, so every prose character keeps its source offset.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from itertools import pairwise
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from kalypso_lint.documents.base import BlockBuilder, align, build_document, note_link
from kalypso_lint.documents.front_matter import DEFAULT_FIELDS, read_front_matter
from kalypso_lint.documents.html import extract_html
from kalypso_lint.documents.limits import MARKDOWN_MAX_NESTING, nesting_cuts
from kalypso_lint.models import Document, TextBlock, line_starts_of
from kalypso_lint.yamlio import load_plain_yaml

_INLINE_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_KIND_OF_OPENER = {
    "heading_open": "heading",
    "th_open": "table_cell",
    "td_open": "table_cell",
    "list_item_open": "list_item",
    "blockquote_open": "quote",
}


@cache
def _parser() -> MarkdownIt:
    options = {"html": True, "maxNesting": MARKDOWN_MAX_NESTING}
    return MarkdownIt("commonmark", options).enable("table").use(front_matter_plugin)


def front_matter_lines(source: str) -> tuple[int, int] | None:
    """The first and last 1-based lines of the YAML between a page's `---` lines, if any."""
    if not source.startswith("---"):
        return None
    token = _parser().parse(source)[0]
    if token.type != "front_matter" or not token.map:
        return None
    return token.map[0] + 2, token.map[1] - 1


class Lines:
    """The source's lines, sliced from it when asked: a list of them would hold a second copy
    of the page and an object per line (issue 16: a 50 MB page)."""

    def __init__(self, source: str, line_starts: tuple[int, ...]) -> None:
        self.source = source
        self.starts = line_starts

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> str:
        return self.text(index, index + 1)

    def text(self, first: int, last: int) -> str:
        """Lines first..last-1 joined by newlines, as "\\n".join(lines[first:last]) would."""
        end = self.starts[last] - 1 if last < len(self.starts) else len(self.source)
        return self.source[self.starts[first] : end]


class _RawMap:
    """Maps offsets in a token's raw content to source offsets, one content line at a time.

    Container markers ("> ", "- ", indentation) are stripped from content lines, so each line
    is found again in its own source line.
    """

    def __init__(
        self,
        content: str,
        first_line: int,
        lines: list[str] | Lines,
        line_starts: tuple[int, ...],
        cursors: dict[int, int],
    ) -> None:
        self.raw_starts: list[int] = []
        self.source_starts: list[int] = []
        raw_pos = 0
        # Lines the token's content lost at its start: markdown-it strips a paragraph with
        # Python's str.strip(), which also drops a line of only Unicode spaces ("\xa0")
        # that the block parser did not count as blank.
        skipped = 0
        for index, content_line in enumerate(content.split("\n")):
            line_no = first_line + index + skipped
            while (
                index == 0
                and content_line.strip()
                and line_no + 1 < len(lines)
                and not lines[line_no].strip()
            ):
                skipped += 1
                line_no += 1
            if line_no >= len(lines):
                break
            src_line = lines[line_no]
            cursor = cursors.get(line_no, 0)
            column = src_line.find(content_line, cursor) if content_line else cursor
            if column == -1:
                stripped = content_line.strip()
                column = src_line.find(stripped, cursor) if stripped else -1
                if column == -1:
                    column = len(src_line) - len(src_line.lstrip())
                else:
                    raw_pos += len(content_line) - len(content_line.lstrip())
            cursors[line_no] = column + len(content_line)
            self.raw_starts.append(raw_pos)
            self.source_starts.append(line_starts[line_no] + column)
            raw_pos += len(content_line) + 1

    def __call__(self, raw_offset: int) -> int:
        index = max(bisect_right(self.raw_starts, raw_offset) - 1, 0)
        return self.source_starts[index] + raw_offset - self.raw_starts[index]


def _skip_link_tail(raw: str, cursor: int) -> int:
    """Index just past the `](destination "title")`, `][ref]` or `]` closing a link."""
    close = raw.find("]", cursor)
    if close == -1:
        return cursor
    after = close + 1
    if after < len(raw) and raw[after] == "[":
        end = raw.find("]", after)
        return end + 1 if end != -1 else after
    if after < len(raw) and raw[after] == "(":
        depth, quote, i = 0, "", after
        while i < len(raw):
            char = raw[i]
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'" and raw[i - 1] in " \t\n":
                quote = char
            elif char == "\\":
                i += 1
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(raw)
    return after


def _inline_block(
    token: Token, kind: str, raw_map: _RawMap, comments: list[tuple[str, int, int]]
) -> TextBlock | None:
    raw = token.content
    builder = BlockBuilder(kind)
    cursor = 0
    in_autolink = False
    for child in token.children or ():
        kind_ = child.type
        if kind_ == "text":
            found = align(child.content, raw, cursor)
            if found is None:
                continue
            offsets, cursor = found
            if in_autolink or not offsets:
                continue
            if offsets[-1] - offsets[0] == len(offsets) - 1:
                builder.add_raw(child.content, offsets[0], raw_map)
            else:
                builder.add_aligned(child.content, [raw_map(o) for o in offsets])
        elif kind_ in ("softbreak", "hardbreak"):
            newline = raw.find("\n", cursor)
            if newline != -1:
                builder.add_separator(raw_map(newline))
                cursor = newline + 1
        elif kind_ == "code_inline":
            start = raw.find(child.markup, cursor)
            if start != -1:
                close = raw.find(child.markup, start + len(child.markup) + len(child.content))
                cursor = close + len(child.markup) if close != -1 else start + len(child.markup)
                builder.add_separator(raw_map(start))
        elif kind_ == "html_inline":
            start = raw.find(child.content, cursor)
            if start != -1:
                cursor = start + len(child.content)
                if child.content.startswith("<!--"):
                    text = (
                        child.content[4:-3] if child.content.endswith("-->") else child.content[4:]
                    )
                    comments.append((text, raw_map(start), raw_map(cursor)))
                if child.content.lower().startswith("<br"):
                    builder.add_separator(raw_map(start))
                href = _INLINE_HREF.match(child.content)
                if href:  # an inline <a href="..."> is a link like [text](...)
                    note_link(builder, href.group(1))
        elif kind_ == "link_open":
            in_autolink = child.markup == "autolink"
            note_link(builder, str(child.attrs.get("href") or ""))
        elif kind_ == "link_close":
            if in_autolink:
                end = raw.find(">", cursor)
                cursor = end + 1 if end != -1 else cursor
                in_autolink = False
            else:
                cursor = _skip_link_tail(raw, cursor)
        elif kind_ == "image":
            start = raw.find("![", cursor)
            if start != -1:
                cursor = _skip_link_tail(raw, start + 2 + len(child.content))
    return builder.build()


def _front_matter(content: str) -> dict[str, Any]:
    try:
        data = load_plain_yaml(content)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def read_markdown(
    path: str,
    source: str,
    front_matter_fields: tuple[str, ...] = DEFAULT_FIELDS,
    chunk_chars: int | None = None,
) -> Document:
    """A Markdown page as prose blocks; `chunk_chars` (default CHUNK_CHARS) is how much of a
    long source markdown-it parses at a time."""
    line_starts = line_starts_of(source)
    chunk_chars = chunk_chars or CHUNK_CHARS
    # A list of lines is quicker to index; a long page's lines are sliced when needed.
    lines = source.split("\n") if len(source) <= chunk_chars else Lines(source, line_starts)
    blocks: list[TextBlock] = []
    comments: list[tuple[str, int, int]] = []
    front_matter: dict[str, Any] = {}
    cursors: dict[int, int] = {}  # per source line, how far table cells have been found
    skipped: tuple[tuple[int, str], ...] = ()
    parts = (
        [_parser().parse(source)] if isinstance(lines, list) else _token_chunks(lines, chunk_chars)
    )
    for tokens in parts:
        skipped = skipped or nesting_cuts(tokens, MARKDOWN_MAX_NESTING)
        openers: list[str] = []
        for token in tokens:
            if token.nesting == 1:
                openers.append(token.type)
            elif token.nesting == -1:
                if openers:
                    openers.pop()
            elif token.type == "front_matter":
                front_matter = _front_matter(token.content)
                if token.map and len(line_starts) > 1:  # the content starts after the `---` line
                    fm_blocks, fm_comments = read_front_matter(
                        token.content, line_starts[1], front_matter_fields
                    )
                    blocks.extend(fm_blocks)
                    comments.extend(fm_comments)
            elif token.type == "inline" and token.map:
                kind = next(
                    (_KIND_OF_OPENER[o] for o in reversed(openers) if o in _KIND_OF_OPENER),
                    "paragraph",
                )
                raw_map = _RawMap(token.content, token.map[0], lines, line_starts, cursors)
                block = _inline_block(token, kind, raw_map, comments)
                if block is not None:
                    blocks.append(block)
            elif token.type == "html_block" and token.map:
                raw_map = _RawMap(token.content, token.map[0], lines, line_starts, cursors)
                html_blocks, html_comments = extract_html(token.content, raw_map)
                blocks.extend(html_blocks)
                comments.extend(html_comments)
    document = build_document(path, "markdown", source, blocks, comments, front_matter, line_starts)
    return replace(document, skipped=skipped)


# Sources longer than this are parsed a part at a time (issue 16): markdown-it's tokens take
# about 25 bytes per character of source, so a 50 MB page parsed whole needs over a gigabyte.
CHUNK_CHARS = 1_000_000
_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*$")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)
# HTML blocks of CommonMark's kinds 1-5 end at their closing marker, not at a blank line.
_HTML_OPENERS = (
    ("<!--", "-->"),
    ("<?", "?>"),
    ("<![CDATA[", "]]>"),
    ("<script", "</script>"),
    ("<pre", "</pre>"),
    ("<style", "</style>"),
    ("<textarea", "</textarea>"),
    ("<!", ">"),
)


def _token_chunks(lines: Lines, chunk_chars: int) -> Iterator[list[Token]]:
    """markdown-it's tokens for a long source, one part at a time, with line maps into the
    whole source. It is cut only before an ATX heading at the start of a line that follows
    a blank line, outside fenced code and HTML blocks: CommonMark closes every open block
    there (paragraphs, lists, quotes, tables), so each part parses as it would inside the
    whole. Link reference definitions are document-wide, so a source that has any is read
    for them first and every part sees them all."""
    parser = _parser()
    cuts = list(_cut_lines(lines, chunk_chars))
    env: dict[str, Any] = {}
    if _REFERENCE_DEFINITION.search(lines.source):
        for first, last in pairwise(cuts):
            parser.parse(lines.text(first, last), env)
    for first, last in pairwise(cuts):
        tokens = parser.parse(lines.text(first, last), env)
        if first:
            for token in tokens:
                if token.map:
                    token.map = [token.map[0] + first, token.map[1] + first]
        yield tokens


def _cut_lines(lines: Lines, chunk_chars: int) -> Iterator[int]:
    """0, the lines a long source may be cut before (see _token_chunks), and len(lines).
    Any doubt (a fence or HTML block that may be open) means no cut: fewer cuts are safe."""
    yield 0
    size, since, fence, html_end = 0, 0, "", ""
    previous_blank = False
    for index in range(len(lines)):
        line = lines[index]
        if (
            size - since >= chunk_chars
            and previous_blank
            and not fence
            and not html_end
            and _ATX_HEADING.match(line)
        ):
            yield index
            since = size
        size += len(line) + 1
        previous_blank = not line.strip()
        if fence:
            closing = _FENCE_CLOSE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = ""
            continue
        if html_end:
            if html_end in line.lower():
                html_end = ""
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group(1)
            continue
        lowered = line.lower()
        for start, end in _HTML_OPENERS:
            at = lowered.rfind(start)
            if at != -1 and end not in lowered[at + len(start) :]:
                html_end = end
                break
    yield len(lines)

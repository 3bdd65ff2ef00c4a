"""HTML reader, on the standard library's tolerant HTML tokenizer (`html.parser`).

It reports the line and column of every event, which is what we need to point back into the
file; with `convert_charrefs=False` entities arrive separately, so text offsets stay exact.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from kalypso_lint.documents.base import BlockBuilder, align, build_document, note_link
from kalypso_lint.models import Document, TextBlock, line_starts_of

# Elements whose boundaries end a block of prose (a sentence never runs across them).
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "button",
        "label",
        "legend",
    ]
)
# Elements whose content is not prose: code, scripts, styles, embedded documents.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "template",
        "svg",
        "math",
        "noscript",
        "iframe",
        "object",
        "textarea",
        "select",
    ]
)
LINE_BREAK_TAGS = frozenset({"br", "wbr", "img"})
# Block kinds shared with the Markdown reader: the figure classifier reads a table cell or a
# list item as a fragment, not prose (issue 12). The nearest such element around the text
# decides; a paragraph inside a list item is still a list item.
_STRUCTURAL_KINDS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "td": "table_cell",
    "th": "table_cell",
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "quote",
}
_VOID_BLOCKS = frozenset({"hr"})
# The page's description as search engines and social cards show it: copy like a Markdown
# page's `description:` front matter field.
_DESCRIPTION_METAS = frozenset({"description", "og:description", "twitter:description"})
# An attribute of a start tag as html.parser reads it: a name after a space, slash or the
# previous value's quote, then a quoted or bare value.
_ATTRIBUTE = re.compile(r"""(?<=[\s/'"])([^\s/>=]+)\s*=\s*('[^']*'|"[^"]*"|[^\s'"=<>`]+)""")
_CELL_TAGS = frozenset({"td", "th"})


@dataclass(frozen=True)
class AttributeCopy:
    """Which attribute values are read as copy, each as a block of its own at its place in
    the file: the meta descriptions (`front-matter-fields` naming `description`) and images'
    alt text (`alt-text`), which screen readers read out and browsers show for a missing
    image. None by default: the Markdown reader's HTML blocks keep to element text."""

    descriptions: bool = False
    alt_text: bool = False


class _ProseParser(HTMLParser):
    def __init__(
        self, text: str, to_source: Callable[[int], int], attributes: AttributeCopy
    ) -> None:
        super().__init__(convert_charrefs=False)
        self._attributes = attributes
        self.attribute_blocks: list[TextBlock] = []
        self._descriptions: set[str] = set()  # meta description contents read so far
        self._line_starts = line_starts_of(text)
        self._to_source = to_source
        self._skip: list[str] = []
        self._block = BlockBuilder("html")
        self._open: list[str] = []  # open block elements, outermost first
        self.blocks: list[TextBlock] = []
        self.comments: list[tuple[str, int, int]] = []  # (text, source start, source end)
        # An inline element just closed: "<em>87%</em></span><span>of patients" is laid out
        # as a figure over its label (a stat card), not as one word "87%of".
        self._closed_inline = False
        self._cell = -1  # the open table cell's place in its row

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _kind(self) -> str:
        """The kind of text inside the open elements: the nearest heading, cell, list item or
        quote; a paragraph outside those; otherwise plain "html"."""
        for tag in reversed(self._open):
            if tag in _STRUCTURAL_KINDS:
                return _STRUCTURAL_KINDS[tag]
        return "paragraph" if "p" in self._open else "html"

    def _flush(self) -> None:
        block = self._block.build()
        if block is not None:
            if block.kind == "table_cell" and self._cell >= 0:
                block = replace(block, cell=self._cell)
            self.blocks.append(block)
        self._block = BlockBuilder(self._kind())

    def _attribute_copy(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and self._attributes.descriptions:
            named = dict(attrs)
            kind = (named.get("name") or named.get("property") or "").strip().lower()
            # Pages repeat one description for search and each social card: read it once.
            content = (named.get("content") or "").strip()
            if kind in _DESCRIPTION_METAS and content not in self._descriptions:
                self._descriptions.add(content)
                self._attribute_block("content")
        elif tag == "img" and self._attributes.alt_text:
            self._attribute_block("alt")

    def _attribute_block(self, name: str) -> None:
        """The value of attribute `name` of the tag just read, each character mapped to its
        place in the source (entities included)."""
        written = self.get_starttag_text() or ""
        tag_start = self._offset()
        for match in _ATTRIBUTE.finditer(written):
            if match.group(1).lower() != name:
                continue
            value, start = match.group(2), match.start(2)
            if value[:1] in ("'", '"'):
                value, start = value[1:-1], start + 1
            decoded = html.unescape(value)
            found = align(decoded, value, 0)
            if found is None:
                return
            builder = BlockBuilder("paragraph")
            builder.add_aligned(decoded, [self._to_source(tag_start + start + o) for o in found[0]])
            block = builder.build()
            if block is not None:
                self.attribute_blocks.append(block)
            return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag in SKIP_TAGS:
                self._skip.append(tag)
            return
        self._attribute_copy(tag, attrs)
        if tag in SKIP_TAGS:
            self._skip.append(tag)
            self._block.add_separator(self._to_source(self._offset()))
        elif tag in BLOCK_TAGS:
            if tag not in _VOID_BLOCKS:
                self._open.append(tag)
            self._flush()
            if tag == "tr":
                self._cell = -1
            elif tag in _CELL_TAGS:
                self._cell += 1
        elif tag in LINE_BREAK_TAGS:
            self._block.add_separator(self._to_source(self._offset()))
        elif tag == "a":
            note_link(self._block, dict(attrs).get("href"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            return
        self._attribute_copy(tag, attrs)
        if tag in BLOCK_TAGS:
            self._flush()
        elif tag in LINE_BREAK_TAGS:
            self._block.add_separator(self._to_source(self._offset()))

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag in BLOCK_TAGS:
            if tag in self._open:  # close it and whatever was left open inside it
                while self._open.pop() != tag:
                    pass
            self._flush()
        else:
            self._closed_inline = True

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        glued = self._block.last_char()
        if self._closed_inline and data[:1].isalpha() and (glued.isdigit() or glued == "%"):
            self._block.add_separator(self._to_source(self._offset()))
        self._closed_inline = False
        self._block.add_raw(data, self._offset(), self._to_source)

    def _add_reference(self, written: str) -> None:
        if self._skip:
            return
        decoded = html.unescape(written)
        start = self._to_source(self._offset())
        if len(decoded) == 1:
            if decoded.isspace():
                self._block.add_separator(start)
            else:
                self._block.add(decoded, start)
        else:
            self._block.add_raw(written, self._offset(), self._to_source)

    def handle_entityref(self, name: str) -> None:
        self._add_reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._add_reference(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        end = start + len(data) + 7  # "<!--" + data + "-->"
        self.comments.append((data, self._to_source(start), self._to_source(end)))
        self._block.add_separator(self._to_source(start))

    def close(self) -> None:
        super().close()
        self._flush()
        if self.attribute_blocks:  # in the order of the page, as the reader found the rest
            self.blocks = sorted(
                [*self.blocks, *self.attribute_blocks], key=lambda b: b.run_offsets[0]
            )


def extract_html(
    text: str, to_source: Callable[[int], int], attributes: AttributeCopy = AttributeCopy()
) -> tuple[list[TextBlock], list[tuple[str, int, int]]]:
    """Prose blocks and comments of an HTML fragment; offsets are mapped through `to_source`."""
    parser = _ProseParser(text, to_source, attributes)
    parser.feed(text)
    parser.close()
    return parser.blocks, parser.comments


def read_html(path: str, source: str, attributes: AttributeCopy = AttributeCopy()) -> Document:
    blocks, raw_comments = extract_html(source, lambda offset: offset, attributes)
    return build_document(path, "html", source, blocks, raw_comments)

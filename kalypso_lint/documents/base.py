"""Shared pieces of the readers: prose blocks that remember where each character came from."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from kalypso_lint.models import Comment, Document, TextBlock, line_starts_of, span_between

# URLs, e-mail addresses and bare domains are never prose: their digits are not claims.
_URL_LIKE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"')\]]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co|us|uk|info|health|clinic)\b(?:/[^\s<>\"')\]]*)?",
    re.IGNORECASE,
)

# A substring each alternative above needs: most prose has none, and this search is much
# cheaper than the one above, whose last alternative is tried at every word (issue 7).
_URL_CUE = re.compile(
    r"://|www\.|@|\.(?:com|org|net|gov|edu|io|co|us|uk|info|health|clinic)\b", re.IGNORECASE
)

_WHITESPACE_OR_WORD = re.compile(r"\s+|\S+")
# A DOI ("10.1016/S0015-0282(00)01662-9") and a Markdown footnote marker ("[^2]", which
# CommonMark leaves as text) are references, not figures: their digits are masked like a
# URL's, and they stay on the block as citation targets (issue 12).
_REFERENCE = re.compile(r"\b10\.\d{4,9}/[^\s<>\"]+[^\s<>\".,;:)\]]|\[\^[^\]\s]{1,20}\]")


# Most blocks are one run copied from one place: they share this run_starts tuple (a 50 MB
# page has 400,000 blocks, issue 16).
_ONE_RUN = (0,)


def is_citation_link(href: str | None) -> bool:
    """A link that can point at evidence (not a phone number, e-mail or in-page anchor)."""
    return bool(href) and not str(href).lower().startswith(("tel:", "mailto:", "#", "sms:"))


def note_link(builder: BlockBuilder, href: str | None) -> None:
    """Keep a link's target on the block being built; extraction judges whether it cites."""
    if is_citation_link(href):
        builder.has_link = True
        builder.links.append(str(href).strip())
    elif href and str(href).startswith("#"):
        builder.links.append(str(href).strip())  # a footnote or reference-list anchor


def mask_urls(text: str) -> str:
    """Blank out URLs and addresses, keeping the length so offsets stay valid."""
    if not _URL_CUE.search(text):
        return text
    return _URL_LIKE.sub(lambda m: " " * len(m.group(0)), text)


class BlockBuilder:
    """Accumulates prose pieces for one block, each tied to its offset in the source."""

    def __init__(self, kind: str = "paragraph") -> None:
        self.kind = kind
        self.has_link = False
        self.links: list[str] = []
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._offsets: list[int] = []
        self._length = 0

    def __bool__(self) -> bool:
        return self._length > 0

    def last_char(self) -> str:
        """The last character added so far ("" for none)."""
        return self._parts[-1][-1:] if self._parts else ""

    def add(self, text: str, source_offset: int) -> None:
        """Add text copied contiguously from `source_offset`, collapsing runs of whitespace.

        spaCy makes a token of any whitespace beyond one space, which would break token
        patterns such as "49 million" written across a line break; one space keeps them whole.
        """
        if not text:
            return
        if "\n" in text or "\t" in text or "  " in text or "\r" in text or "\xa0" in text:
            for match in _WHITESPACE_OR_WORD.finditer(text):
                if match.group(0)[0].isspace():
                    self.add_separator(source_offset + match.start())
                else:
                    self._append(match.group(0), source_offset + match.start())
            return
        if text[0] == " " and self._parts and self._parts[-1].endswith(" "):
            text, source_offset = text[1:], source_offset + 1
            if not text:
                return
        self._append(text, source_offset)

    def add_raw(self, text: str, raw_start: int, to_source: Callable[[int], int]) -> None:
        """Add text found at `raw_start` of a string whose lines map to the source separately."""
        start = 0
        while start <= len(text):
            newline = text.find("\n", start)
            end = len(text) if newline == -1 else newline
            if end > start:
                self.add(text[start:end], to_source(raw_start + start))
            if newline == -1:
                break
            self.add_separator(to_source(raw_start + newline))
            start = newline + 1

    def _append(self, text: str, source_offset: int) -> None:
        contiguous = (
            self._starts and self._offsets[-1] + (self._length - self._starts[-1]) == source_offset
        )
        if not contiguous:
            self._starts.append(self._length)
            self._offsets.append(source_offset)
        self._parts.append(text)
        self._length += len(text)

    def add_aligned(self, text: str, offsets: list[int]) -> None:
        """Add text whose characters come from scattered source offsets (escapes, entities)."""
        for char, offset in zip(text, offsets, strict=True):
            self.add(char, offset)

    def add_separator(self, source_offset: int) -> None:
        """A space standing for a line break or a tag boundary, mapped to where it occurs."""
        if self._parts and not self._parts[-1].endswith(" "):
            self._append(" ", source_offset)

    def build(self) -> TextBlock | None:
        text = "".join(self._parts)
        if not text.strip():
            return None
        if "10." in text or "[^" in text:
            for match in _REFERENCE.finditer(text):
                found = match.group(0)
                self.links.append(
                    f"doi:{found}" if found.startswith("10.") else f"#fn{found[2:-1]}"
                )
            text = _REFERENCE.sub(lambda m: " " * len(m.group(0)), text)
        return TextBlock(
            mask_urls(text),
            _ONE_RUN if len(self._starts) == 1 else tuple(self._starts),
            tuple(self._offsets),
            self.kind,
            self.has_link,
            tuple(self.links),
        )


def align(decoded: str, raw: str, start: int) -> tuple[list[int], int] | None:
    """Find `decoded` (text with escapes and entities resolved) in `raw` at or after `start`.

    Returns the raw index of every decoded character and the index just past the match.
    markdown-it resolves backslash escapes and entities in text tokens, so a plain `find`
    fails on them; then each character may also be written as `\\c` or `&name;`.
    """
    if not decoded:
        return [], start
    direct = raw.find(decoded, start)
    if direct != -1 and "\\" not in raw[start:direct] and "&" not in raw[start:direct]:
        return list(range(direct, direct + len(decoded))), direct + len(decoded)
    first = decoded[0]
    for pos in range(start, len(raw)):
        if raw[pos] not in (first, "\\", "&"):
            continue
        found = _align_at(decoded, raw, pos)
        if found is not None:
            return found
    if direct != -1:
        return list(range(direct, direct + len(decoded))), direct + len(decoded)
    return None


def _align_at(decoded: str, raw: str, pos: int) -> tuple[list[int], int] | None:
    offsets: list[int] = []
    i = pos
    for char in decoded:
        if i >= len(raw):
            return None
        # An escape or entity is tried first: "&amp;" also starts with a literal "&".
        if raw[i] == "\\" and i + 1 < len(raw) and raw[i + 1] == char and char != "\\":
            offsets.append(i + 1)
            i += 2
            continue
        if raw[i] == "&":
            end = raw.find(";", i, i + 12)
            if end != -1 and html.unescape(raw[i : end + 1]) == char:
                offsets.append(i)
                i = end + 1
                continue
        if raw[i] == char:
            offsets.append(i)
            i += 1
            continue
        return None
    return offsets, i


def build_document(
    path: str,
    fmt: str,
    source: str,
    blocks: list[TextBlock],
    raw_comments: list[tuple[str, int, int]],
    front_matter: dict[str, object] | None = None,
    line_starts: tuple[int, ...] | None = None,
) -> Document:
    """Assemble a Document; comments arrive as (text, source start, source end), and
    `line_starts` when the reader has them already."""
    if line_starts is None:
        line_starts = line_starts_of(source)
    comments = tuple(
        Comment(text.strip(), span_between(line_starts, start, min(end, len(source))))
        for text, start, end in raw_comments
    )
    return Document(
        path=path,
        format=fmt,
        source=source,
        blocks=tuple(blocks),
        comments=comments,
        front_matter=dict(front_matter or {}),
        line_starts=line_starts,
    )

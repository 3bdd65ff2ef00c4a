"""PDF reader (issue 17): the text layer of each page through pypdf, laid out by page and line.

Page p's lines become document lines (p-1)*1000+1 onwards (kalypso_lint.locations), so a
location says page and line. pypdf gives the text in the order it is drawn; the common
two-column layouts (InDesign, Word, LaTeX, reportlab frames) draw one column after the other,
so each column's sentences stay whole. A word hyphenated at a line end is joined again
("pa-/tients"), but a hyphen after a digit or a number word is kept ("2-/72 hours",
"two-/thirds"). A page without a text layer (a scan) gets a KL921 notice; a PDF none of whose
pages has one cannot be checked at all (KL921 on the file).
"""

from __future__ import annotations

import io
import logging
import math
import re
from dataclasses import dataclass, replace
from typing import Any

from kalypso_lint.documents.base import BlockBuilder, build_document
from kalypso_lint.documents.decode import UnreadableFile
from kalypso_lint.locations import PDF_PAGE_LINES, pdf_line
from kalypso_lint.models import Document, Notice, TextBlock

_NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"}
    | {"twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
    | {"hundred", "thousand"}
)
_SOFT_END = re.compile(r"([A-Za-z]+)-$")
_BULLET = re.compile(r"^\s*(?:[•▪●◦\u2013\u2014*-]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*$")


def read_pdf(path: str, data: bytes) -> Document:
    pages = _page_texts(data)
    headings: set[str] = set()
    lines_by_number: dict[int, str] = {}
    notices: list[Notice] = []
    for page_number, (text, page_headings) in enumerate(pages, start=1):
        headings |= page_headings
        page_lines = [line.rstrip() for line in text.split("\n")]
        while page_lines and not page_lines[-1].strip():
            page_lines.pop()
        if not page_lines:
            notices.append(
                Notice(
                    "KL921",
                    f"page {page_number} has no text layer (a scan or an image?); "
                    "its copy was not checked",
                    pdf_line(page_number, 1),
                )
            )
            continue
        if len(page_lines) >= PDF_PAGE_LINES:  # fold the excess into the last line
            keep = PDF_PAGE_LINES - 1
            page_lines = [*page_lines[: keep - 1], " ".join(page_lines[keep - 1 :])]
        for index, line in enumerate(page_lines, start=1):
            lines_by_number[pdf_line(page_number, index)] = line
    if not lines_by_number:
        raise UnreadableFile(
            "KL921",
            "no page of this PDF has a text layer (a scan?); run OCR on it, or check the "
            "copy it was made from",
        )
    last = max(lines_by_number)
    texts = [lines_by_number.get(number, "") for number in range(1, last + 1)]
    source = "\n".join(texts)
    blocks = _blocks(texts, headings)
    document = build_document(path, "pdf", source, blocks, [])
    return replace(document, notices=tuple(notices))


def _page_texts(data: bytes) -> list[tuple[str, set[str]]]:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter is not ours
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("KL901", "the PDF is encrypted; save an unprotected copy")
        return [_page_text(page) for page in reader.pages]
    except UnreadableFile:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; all mean "unreadable"
        raise UnreadableFile("KL901", f"the PDF cannot be read ({type(exc).__name__})") from None


@dataclass(frozen=True)
class _Fragment:
    x: float
    y: float
    size: float
    text: str


def _page_text(page: Any) -> tuple[str, set[str]]:
    """The page's text in drawing order, or column by column when columns are drawn side by
    side a line at a time (pypdf would interleave their lines); and the lines set in a type
    larger than the body's (headings)."""
    fragments: list[_Fragment] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]) or 1.0
        fragments.append(_Fragment(x, y, max(size * scale, 1.0), text.strip("\n")))

    plain: str = page.extract_text(visitor_text=visit) or ""
    return _by_columns(fragments) or plain, _headings(fragments)


def _headings(fragments: list[_Fragment]) -> set[str]:
    weights: dict[float, int] = {}
    for fragment in fragments:
        size = round(fragment.size, 1)
        weights[size] = weights.get(size, 0) + len(fragment.text)
    if not weights:
        return set()
    body = max(weights, key=lambda size: weights[size])  # the size most text is set in
    return {
        " ".join(f.text.split())
        for f in fragments
        if f.size > 1.15 * body and len(f.text) < 120 and "\n" not in f.text
    }


def _by_columns(fragments: list[_Fragment]) -> str | None:
    rows: list[list[_Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: -f.y):
        if rows and abs(rows[-1][0].y - fragment.y) <= 0.4 * fragment.size:
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    segmented: list[list[list[_Fragment]]] = []
    for row in rows:
        row.sort(key=lambda f: f.x)
        segments = [[row[0]]]
        for fragment in row[1:]:
            last = segments[-1][-1]
            end = last.x + 0.5 * last.size * len(last.text)  # a rough width: no font metrics
            if fragment.x - end > 1.5 * fragment.size:
                segments.append([fragment])
            else:
                segments[-1].append(fragment)
        segmented.append(segments)
    side_by_side = [segments for segments in segmented if len(segments) > 1]
    if len(side_by_side) < 2 or len(side_by_side) < 0.25 * len(segmented):
        return None
    starts = sorted(seg[0].x for segments in side_by_side for seg in segments[1:])
    groups: list[list[float]] = []
    for start in starts:
        if groups and start - groups[-1][-1] <= 20:
            groups[-1].append(start)
        else:
            groups.append([start])
    boundaries = [sorted(g)[len(g) // 2] for g in groups if len(g) >= 2]
    right = [len(" ".join(f.text for f in seg)) for segs in side_by_side for seg in segs[1:]]
    # Short cells side by side are a table (label, value), read row by row as drawn.
    if not boundaries or sum(right) < 15 * len(right):
        return None
    columns: list[list[str]] = [[] for _ in range(len(boundaries) + 1)]
    for segments in segmented:
        for segment in segments:
            column = sum(1 for b in boundaries if segment[0].x >= b - 5)
            columns[column].append(" ".join(f.text for f in segment))
    return "\n".join(line for column in columns for line in column)


def _blocks(texts: list[str], headings: set[str]) -> list[TextBlock]:
    """Lines become paragraphs: a block ends at a blank line, after a line that ends a
    sentence, or after a short line (a heading); list bullets start a block of their own."""
    widths = sorted(len(t.strip()) for t in texts if t.strip())
    full = widths[int(len(widths) * 0.9)] if widths else 0
    blocks: list[TextBlock] = []
    builder = BlockBuilder("paragraph")
    offset = 0
    joined = False  # the previous line ended in a hyphen that joins this one

    def close() -> None:
        nonlocal builder
        block = builder.build()
        if block is not None:
            blocks.append(block)
        builder = BlockBuilder("paragraph")

    for index, text in enumerate(texts):
        start = offset
        offset += len(text) + 1
        stripped = text.strip()
        if not stripped:
            if not joined:
                close()
            continue
        if not joined and " ".join(stripped.split()) in headings:
            close()
            builder.kind = "heading"
            builder.add(text.lstrip(), start + len(text) - len(text.lstrip()))
            close()
            continue
        bullet = _BULLET.match(text)
        if bullet and not joined:
            close()
            builder.kind = "list_item"
        skip = bullet.end() if bullet and not joined else len(text) - len(text.lstrip())
        following = _next_text(texts, index)
        body = text[skip:].rstrip()
        hyphen = _hyphen_join(body, following)
        if builder and not joined:
            builder.add_separator(start - 1)  # the line break before this line
        if hyphen == "drop":
            builder.add(body[:-1], start + skip)
        else:
            builder.add(body, start + skip)
        joined = hyphen is not None
        if joined:
            continue
        short = len(stripped) < 0.6 * full
        # A line that stops short of the column, without punctuation, before a capital:
        # a heading (pypdf marks no blank lines between paragraphs).
        titled = len(stripped) < 0.85 * full and following[:1].isupper()
        unpunctuated = not stripped.endswith((",", "-"))
        if _SENTENCE_END.search(stripped) or ((short or titled) and unpunctuated):
            if short and not _SENTENCE_END.search(stripped) and builder.kind == "paragraph":
                builder.kind = "heading" if _is_alone(builder) else builder.kind
            close()
    close()
    return blocks


def _is_alone(builder: BlockBuilder) -> bool:
    block = builder.build()
    return block is not None and len(block.text) < 80


def _next_text(texts: list[str], index: int) -> str:
    for text in texts[index + 1 :]:
        if text.strip():
            return text.lstrip()
    return ""


def _hyphen_join(body: str, following: str) -> str | None:
    """ "drop" to join a hyphenated word, "keep" for a compound split at its hyphen."""
    if not body.endswith("-") or not following:
        return None
    if len(body) >= 2 and body[-2].isdigit() and following[0].isdigit():
        return "keep"
    word = _SOFT_END.search(body)
    if word is None or not following[0].islower():
        return None
    return "keep" if word.group(1).lower() in _NUMBER_WORDS else "drop"

"""A fetched source as plain text: HTML through the standard library's parser, PDF through
pypdf, text as it is; then one normalisation so a quote compares with the page regardless of
typography (curly quotes, dashes, non-breaking spaces, ligatures), case and line breaks."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from html.parser import HTMLParser

from kalypso_lint.sources.http import Fetched

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Elements whose content is not text a reader sees (they always have an end tag).
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_PDF_HYPHENATION = re.compile(r"(\w)-\n\s*(\w)")
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)


class NotCheckable(Exception):
    """The content cannot be searched for evidence; the message says why."""


def normalise(text: str) -> str:
    """Compatibility forms (NFKC: ligatures, non-breaking spaces, "…" as "..."), plain quotes
    and hyphens, case folded, every whitespace run one space."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return " ".join(text.casefold().split())


def kind_of(fetched: Fetched) -> str:
    """html, pdf, text or other, from the content type (and the first bytes when it is vague)."""
    mime = fetched.content_type
    head = fetched.body[:512].lstrip().lower()
    if mime in PDF_TYPES or fetched.body.startswith(b"%PDF-"):
        return "pdf"
    if mime in HTML_TYPES:
        return "html"
    if mime in ("", "application/octet-stream", "text/plain") and head.startswith(
        (b"<!doctype html", b"<html")
    ):
        return "html"
    if mime.startswith("text/") or mime == "":
        return "text"
    return "other"


def page_text(fetched: Fetched) -> str:
    """The normalised text of a fetched source; NotCheckable when there is none to search."""
    kind = kind_of(fetched)
    if kind == "other":
        raise NotCheckable(f"its content type {fetched.content_type} is not HTML, PDF or text")
    if not fetched.body:
        raise NotCheckable("the response is empty")
    if kind == "pdf":
        text = pdf_text(fetched.body)
    else:
        decoded = decode(fetched.body, fetched.charset)
        text = html_text(decoded) if kind == "html" else decoded
    normalised = normalise(text)
    if not normalised:
        raise NotCheckable(f"the {kind.upper() if kind == 'pdf' else kind} has no text")
    return normalised


def decode(body: bytes, charset: str | None) -> str:
    """Bytes as text: the declared charset, a BOM, a <meta charset>, else UTF-8 (lenient)."""
    candidates: list[str] = []
    if charset:
        candidates.append(charset)
    if body.startswith(b"\xef\xbb\xbf"):
        candidates.append("utf-8-sig")
    elif body.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates.append("utf-16")
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii"))
    candidates.append("utf-8")
    for name in candidates:
        try:
            return body.decode(name, errors="replace")
        except LookupError:
            continue
    return body.decode("utf-8", errors="replace")  # pragma: no cover - utf-8 always exists


class _TextParser(HTMLParser):
    """Collects the text of a page outside scripts, styles and embedded documents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skipping += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self._skipping:
            self._skipping -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The text of an HTML page: every tag a word break, entities decoded, scripts, styles,
    templates, SVG and MathML left out. (Positions do not matter here, so this is a plain
    pass of the standard library's parser, not the position-keeping reader `check` uses.)"""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def pdf_text(body: bytes) -> str:
    """The text of every page of a PDF; words hyphenated across lines are joined again."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter is not ours
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not reader.decrypt(""):
            raise NotCheckable("the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except NotCheckable:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; all mean "unreadable"
        raise NotCheckable(f"the PDF cannot be read ({type(exc).__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise NotCheckable("the PDF has no extractable text (scanned pages?)")
    return _PDF_HYPHENATION.sub(r"\1\2", text)

"""Published-page reader (issue 17): the page's main content, one line per paragraph.

Navigation, footers, cookie banners and scripts are not the page's copy, and their figures
("© 2025", "call 555-0134", "4.9 stars") would only make noise. trafilatura (Apache-2.0)
finds the main content; docs/formats.md has the measurements that chose it over
readability-lxml. Its text output puts each paragraph, heading, list item and table row on a
line; a location is the page's URL and a line of that text (the HTML report shows it).
"""

from __future__ import annotations

import logging
import re

from kalypso_lint.documents.decode import UnreadableFile
from kalypso_lint.documents.lines import Line, lines_document, one_line
from kalypso_lint.models import Document

_LIST_MARKER = re.compile(r"^(?:[-*•]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*$")


def read_web(path: str, data: bytes) -> Document:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its warnings are not ours
    try:
        text = trafilatura.extract(
            data,
            output_format="txt",
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            favor_recall=True,
        )
    except Exception as exc:  # lxml and trafilatura raise several types on broken markup
        raise UnreadableFile("KL901", f"the page cannot be parsed ({type(exc).__name__})") from None
    if not text or not text.strip():
        raise UnreadableFile("KL901", "no main content found on the page (built by JavaScript?)")
    lines = [_line(raw) for raw in text.split("\n")]
    return lines_document(path, "web", lines)


def _line(raw: str) -> Line:
    text = one_line(raw)
    marker = _LIST_MARKER.match(text)
    if marker:
        return Line(text, "list_item", marker.end())
    if text.startswith("|") and text.endswith("|"):
        cells = text.strip("|").strip(" -|:")
        return Line(text, "table_cell", 1) if cells else Line("", "table_cell")
    if len(text) <= 80 and not _SENTENCE_END.search(text):
        return Line(text, "heading")  # trafilatura's text output marks no headings
    return Line(text)

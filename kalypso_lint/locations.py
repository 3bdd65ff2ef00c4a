"""How a place in a Word document or a PDF is written for a writer (issue 17).

Readers of those formats lay their text out so that a 1-based line number says where it
is: a .docx has one line per paragraph (line 14 is ¶14), and a PDF gives page p the lines
(p-1)*PDF_PAGE_LINES+1 onwards (line 2014 is page 3, line 14). JSON and SARIF carry those
numbers as `line`; this module turns them back into what Word and a PDF viewer show.

Which layout a file has is the reader's choice, not its name's: a PDF served at
`/download?id=3` is read as a PDF, an HTML page at `/guide.pdf` as a page. The pipeline
records it per file (`RunResult.layouts`, from the path the reader was chosen by) and the
reports pass it here.
"""

from __future__ import annotations

# A page of a PDF never holds this many lines; a reader folds any excess into the last one.
PDF_PAGE_LINES = 1000


def pdf_line(page: int, line: int) -> int:
    """The document line of line `line` (1-based) on page `page` (1-based)."""
    return (page - 1) * PDF_PAGE_LINES + line


def pdf_page_line(line: int) -> tuple[int, int]:
    """(page, line on the page) of a PDF document line."""
    return (line - 1) // PDF_PAGE_LINES + 1, (line - 1) % PDF_PAGE_LINES + 1


def paged_format(path: str) -> str | None:
    """The format ("docx", "pdf") a reader picks for `path` by its name, else None."""
    lowered = path.lower().split("?", 1)[0].split("#", 1)[0]
    return next((kind for kind in ("docx", "pdf") if lowered.endswith("." + kind)), None)


def line_label(line: int, layout: str | None) -> str:
    """The line as every human-facing report writes it: "¶14" in Word, "p3:14" (page 3,
    line 14) in a PDF, "14" elsewhere."""
    if layout == "docx":
        return f"¶{line}"
    if layout == "pdf":
        page, on_page = pdf_page_line(line)
        return f"p{page}:{on_page}"
    return str(line)


def place(path: str, line: int, column: int, layout: str | None) -> str:
    """`path:line:column` as a writer follows it: ¶ for Word, page and line for PDF."""
    return f"{path}:{line_label(line, layout)}:{column}"


def place_label(line: int, layout: str | None) -> str | None:
    """The line as a writer reads it ("¶14", "page 3, line 14"), or None for plain lines."""
    if layout == "docx":
        return f"¶{line}"
    if layout == "pdf":
        page, on_page = pdf_page_line(line)
        return f"page {page}, line {on_page}"
    return None

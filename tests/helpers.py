"""Small helpers shared by tests (not fixtures)."""

from __future__ import annotations

from pathlib import Path

from kalypso_lint.documents import read_document
from kalypso_lint.extract import extract_claims
from kalypso_lint.models import Claim, Span


def claims_in(path: Path, terms: tuple[str, ...] = ()) -> list[Claim]:
    document = read_document(path, path.name)
    return [c for c in next(extract_claims([document], terms))[1] if c.category == "numeric"]


def claims_of_text(text: str, name: str = "page.txt", tmp: Path | None = None) -> list[Claim]:
    """Claims of a plain-text snippet (written to a temporary file by the caller's tmp dir)."""
    assert tmp is not None
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return claims_in(path)


def source_at(path: Path, span: Span) -> str:
    """The original file's text covered by a one-line span (1-based, end exclusive)."""
    raw = path.read_bytes().decode("utf-8-sig")
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert span.line == span.end_line, span
    return lines[span.line - 1][span.column - 1 : span.end_column - 1]

"""Small helpers shared by tests (not fixtures)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kalypso_lint.documents import read_document
from kalypso_lint.extract import extract_claims
from kalypso_lint.models import Claim, Span


def claims_in(path: Path, terms: tuple[str, ...] = ()) -> list[Claim]:
    document = read_document(path, path.name)
    return [c for c in next(extract_claims([document], terms))[1] if c.category == "numeric"]


def figures_of(write: Callable[..., Path], text: str, name: str = "page.md") -> list[Claim]:
    """Numeric claims of `text` written to `name` by the `write` fixture."""
    return claims_in(write(name, text))


def only_claim(claims: list[Claim], text: str) -> Claim:
    """The one claim whose text is `text` (fails with every claim's text and class if not one)."""
    found = [c for c in claims if c.text == text]
    assert len(found) == 1, [(c.text, c.figure_class) for c in claims]
    return found[0]


def assert_figure_class(claims: list[Claim], figure: str, figure_class: str, cue: str) -> None:
    """The one claim `figure` has class `figure_class`, and `cue` among the cues that set it."""
    claim = only_claim(claims, figure)
    assert (claim.figure_class, cue in claim.class_cues) == (figure_class, True), claim.class_cues


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

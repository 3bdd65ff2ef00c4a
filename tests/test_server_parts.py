"""The language server's pure parts: column conversion and figures written the copy's way."""

from __future__ import annotations

from pathlib import Path

import pytest

from kalypso_lint.figures import rewrite_figure
from kalypso_lint.models import Span
from kalypso_lint.server.positions import LineIndex

REPO_ROOT = Path(__file__).resolve().parent.parent
LINE = "é😀 over 80% of «patients»"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", 4), ("utf-8", 7), ("utf-32", 3)],  # é: 1/2/1 units, 😀: 2/4/1, space: 1
)
def test_columns_count_the_units_the_client_negotiated(encoding: str, expected: int) -> None:
    index = LineIndex.of(f"# Title\r\n{LINE}\n", encoding)
    start, end = index.span_to_client(Span(2, 4, 2, 12))
    assert start == (1, expected)
    assert end == (1, expected + len("over 80%"))
    assert index.from_client(*start) == (2, 4)  # and back to our code-point column


def test_a_position_inside_a_surrogate_pair_maps_to_the_character_after_it() -> None:
    index = LineIndex.of(LINE)
    assert index.from_client(0, 2) == (1, 3)  # the second half of 😀: past the emoji


@pytest.mark.parametrize(
    ("copy", "low", "high", "expected"),
    [
        ("almost 49 million", 39e6, 39e6, "almost 39 million"),
        ("ages 35-45", 18, 44, "ages 18-44"),
        ("2–72 hours", 4, 72, "4–72 hours"),
        ("over 92%", 97.6, 97.6, "over 97.6%"),
        ("1.2B people", 1.5e9, 1.5e9, "1.5B people"),
        ("12,000 visits", 9000, 9000, "9,000 visits"),
        ("$36 billion", 3.6e10, 3.6e10, "$36 billion"),
        ("about 45 minutes", 30, 60, "about 30–60 minutes"),
    ],
)
def test_a_figure_is_rewritten_in_the_copys_own_style(
    copy: str, low: float, high: float, expected: str
) -> None:
    assert rewrite_figure(copy, low, high) == expected


@pytest.mark.parametrize("copy", ["roughly 2/3", "one in 4 adults", "almost forty million"])
def test_figures_not_written_in_digits_are_left_alone(copy: str) -> None:
    assert rewrite_figure(copy, 90, 90) is None


def test_a_page_checked_again_after_an_edit_extracts_what_a_fresh_extractor_does() -> None:
    """The extractor reuses the unchanged blocks' Docs from the page before (issue 18)."""
    from kalypso_lint.documents import read_document
    from kalypso_lint.extract import PageExtractor

    page = REPO_ROOT / "examples" / "ketamine-infusions.md"
    text = page.read_text(encoding="utf-8")
    edited = text.replace("almost 49 million", "almost 41 million").replace(
        "Over 80%", "Over 70%\n\nOver 80%"
    )
    reused = PageExtractor(("migraine", "ketamine"))
    reused.extract(read_document(page, "page.md", data=text.encode()))
    document = read_document(page, "page.md", data=edited.encode())
    again = reused.extract(document)[1]
    fresh = PageExtractor(("migraine", "ketamine")).extract(document)[1]
    assert again == fresh
    assert any(claim.text == "almost 41 million" for claim in again.claims)

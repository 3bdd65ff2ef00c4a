"""Is the evidence still on the page? The reviewer's `quote` (fuzzily) or the entry's figure.

A quote counts as present when every part of it (parts are separated by "..." or "…", for
omitted text) appears in the page with a similarity of at least the threshold (rapidfuzz's
partial ratio: the best-matching stretch of the page) AND every number of the part is in
that stretch. The second condition is the point of the check: "About 40 million" is 97%
similar to "About 39 million", and that is exactly the drift to catch.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from kalypso_lint.sources.text import normalise

_NUMBERS = re.compile(r"\d+(?:[.,]\d+)*")
_MIN_PART = 3  # characters; shorter parts between ellipses carry no evidence


@dataclass(frozen=True)
class QuoteSearch:
    found: bool
    score: float  # similarity of the worst-matching part, 0-100
    passage: str  # the page's closest stretch to that part ("" when found verbatim)


def find_quote(quote: str, page: str, threshold: float) -> QuoteSearch:
    """Search normalised page text for a quote (normalised here)."""
    parts = [p.strip() for p in re.split(r"\.\.\.", normalise(quote))]
    parts = [p for p in parts if len(p) >= _MIN_PART]
    worst = QuoteSearch(True, 100.0, "")
    for part in parts:
        result = _find_part(part, page, threshold)
        if not result.found or result.score < worst.score:
            worst = result
        if not result.found:
            break
    return worst


def _find_part(part: str, page: str, threshold: float) -> QuoteSearch:
    if part in page:
        return QuoteSearch(True, 100.0, "")
    alignment = fuzz.partial_ratio_alignment(part, page)
    if alignment is None:  # pragma: no cover - only with a score cutoff
        return QuoteSearch(False, 0.0, "")
    passage = _widen(page, alignment.dest_start, alignment.dest_end)
    missing = Counter(_NUMBERS.findall(part)) - Counter(_NUMBERS.findall(passage))
    found = alignment.score >= threshold and not missing
    return QuoteSearch(found, round(alignment.score, 1), passage)


def _widen(page: str, start: int, end: int) -> str:
    """The aligned stretch grown to whole words, so a number is never cut in half."""
    while start > 0 and not page[start - 1].isspace():
        start -= 1
    while end < len(page) and not page[end].isspace():
        end += 1
    return page[start:end].strip()


def shorten(text: str, limit: int = 120) -> str:
    """A message-sized excerpt."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

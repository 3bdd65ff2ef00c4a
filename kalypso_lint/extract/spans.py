"""Turning the spans our components wrote on a spaCy Doc into plain Claim values."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kalypso_lint.extract.numbers import NUMERIC_SPANS_KEY, NumericReading
from kalypso_lint.extract.terms import TERMS_SPANS_KEY
from kalypso_lint.models import Claim, Document, TextBlock


def _clean(value: float | None) -> float | None:
    """Round away float noise (1/3 -> 33.3333...) so output and comparisons are stable."""
    if value is None:
        return None
    rounded = round(value, 4)
    return float(int(rounded)) if rounded == int(rounded) else rounded


def claims_from_doc(document: Document, block: TextBlock, doc: Doc) -> Iterator[Claim]:
    term_spans = doc.spans.get(TERMS_SPANS_KEY, [])
    for span in doc.spans[NUMERIC_SPANS_KEY]:
        reading: NumericReading = span._.kl_reading
        sentence = span.sent
        terms = frozenset(
            t.label_ for t in term_spans if t.start >= sentence.start and t.end <= sentence.end
        )
        start = block.source_offset(span.start_char)
        end = block.source_offset(span.end_char - 1) + 1
        yield Claim(
            path=document.path,
            span=document.span(start, end),
            text=span.text,
            sentence=sentence.text.strip(),
            kind=reading.kind,
            value=_clean(reading.value),
            low=_clean(reading.low),
            high=_clean(reading.high),
            unit=reading.unit,
            qualifier=reading.qualifier,
            terms=terms,
        )

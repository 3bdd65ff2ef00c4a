"""Turning the spans our components wrote on spaCy Docs into plain values (Claim, PhraseHit)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Span

from kalypso_lint.documents.limits import MAX_SENTENCE_CHARS
from kalypso_lint.extract.business_names import names_a_business
from kalypso_lint.extract.citations import blocks_cited
from kalypso_lint.extract.classify import FigureClass
from kalypso_lint.extract.doctext import block_text
from kalypso_lint.extract.function_scope import medical_claim_kind
from kalypso_lint.extract.guards import NumericReading
from kalypso_lint.extract.medical import MEDICAL_SPANS_KEY, PRODUCT_SPANS_KEY
from kalypso_lint.extract.numbers import NUMERIC_SPANS_KEY
from kalypso_lint.extract.page_claims import (
    PAGE_SPANS_KEY,
    TOPIC_KINDS,
    Candidate,
    PageTopics,
    read_label,
)
from kalypso_lint.extract.page_context import (
    PageFigure,
    Sections,
    Tables,
    block_words,
    page_figure,
    revise,
)
from kalypso_lint.extract.phrases import PHRASES_SPANS_KEY
from kalypso_lint.extract.terms import TERMS_SPANS_KEY
from kalypso_lint.models import Claim, Document, PageExtract, PhraseHit, PossibleClaim, TextBlock
from kalypso_lint.models import Span as SourceSpan


def _clean(value: float | None) -> float | None:
    """Round away float noise (1/3 -> 33.3333...) so output and comparisons are stable."""
    if value is None:
        return None
    rounded = round(value, 4)
    return float(int(rounded)) if rounded == int(rounded) else rounded


def clip_sentence(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> str:
    """`text` (a sentence), or at most `limit` characters of it around `start:end` (the
    claim), marked with ellipses where it was cut."""
    if len(text) <= limit:
        return text
    low = max(0, start - max(0, limit - (end - start)) // 2)
    high = min(len(text), max(end, low + limit))
    low = max(0, min(low, high - limit))
    return ("…" if low else "") + text[low:high].strip() + ("…" if high < len(text) else "")


# A block this short may be the label of a stat card's figure ("Success rate").
_LABEL_CHARS = 80


class _Locator:
    """Maps spans of one block's Doc back to the source file and makes claims of them."""

    def __init__(
        self,
        document: Document,
        block: TextBlock,
        doc: Doc,
        index: int,
        cited: bool,
        term_sets: dict[frozenset[str], frozenset[str]] | None = None,
    ) -> None:
        self.document = document
        self.block = block
        self.doc = doc
        self.index = index
        self.cited = cited
        self.term_spans = list(doc.spans.get(TERMS_SPANS_KEY, []))
        self.text = block_text(doc)
        # Per sentence (by its first token), worked out once however many claims it holds.
        self._sentences: dict[int, tuple[str, int, frozenset[str]]] = {}
        # One object per distinct set of terms on the page: a frozenset takes 200 bytes or
        # more, and a 50 MB page has 100,000 claims, most with the same few sets (issue 16).
        self.term_sets = {} if term_sets is None else term_sets

    def sentence_of(self, span: Span) -> tuple[str, frozenset[str]]:
        """The sentence of `span`, clipped around it, and the terms the whole sentence has."""
        sentence = span.sent
        known = self._sentences.get(sentence.start)
        if known is None:
            raw = self.text[sentence.start_char : sentence.end_char]
            text = raw.strip()
            lead = sentence.start_char + len(raw) - len(raw.lstrip())
            known = (text, lead, self.terms(sentence))
            self._sentences[sentence.start] = known
        text, lead, terms = known
        return clip_sentence(text, span.start_char - lead, span.end_char - lead), terms

    def claim(self, span: Span, kind: str, **fields: Any) -> Claim:
        sentence, terms = self.sentence_of(span)
        return Claim(
            path=self.document.path,
            span=self.span(span),
            text=span.text,
            sentence=sentence,
            kind=kind,
            terms=terms,
            block=self.index,
            cited=self.cited,
            **fields,
        )

    def span(self, span: Span) -> SourceSpan:
        start = self.block.source_offset(span.start_char)
        end = self.block.source_offset(span.end_char - 1) + 1
        return self.document.span(start, end)

    def terms(self, sentence: Span) -> frozenset[str]:
        found = frozenset(
            t.label_ for t in self.term_spans if t.start >= sentence.start and t.end <= sentence.end
        )
        return self.term_sets.setdefault(found, found)


def _numeric_claims(loc: _Locator) -> Iterator[tuple[Claim, Span, FigureClass]]:
    """Each figure's claim, with its span and class for the page pass (page_context.py)."""
    for span in loc.doc.spans[NUMERIC_SPANS_KEY]:
        reading: NumericReading = span._.kl_reading
        figure_class: FigureClass = span._.kl_class or FigureClass("claim")
        claim = loc.claim(
            span,
            reading.kind,
            value=_clean(reading.value),
            low=_clean(reading.low),
            high=_clean(reading.high),
            unit=reading.unit,
            qualifier=reading.qualifier,
            figure_class=figure_class.name,
            class_cues=figure_class.cues,
        )
        yield claim, span, figure_class


def _medical_keys(products: bool) -> tuple[str, ...]:
    """The medical claims' span keys of a page: product-only readings on product pages."""
    return (MEDICAL_SPANS_KEY, PRODUCT_SPANS_KEY) if products else (MEDICAL_SPANS_KEY,)


def _medical_claims(loc: _Locator, products: bool) -> Iterator[Claim]:
    for key in _medical_keys(products):
        for span in loc.doc.spans.get(key, []):
            if not names_a_business(span):
                yield loc.claim(span, medical_claim_kind(span), category="medical")


def _page_reading(
    loc: _Locator, products: bool, topics: PageTopics
) -> Iterator[tuple[Candidate, Claim]]:
    """Round 16 (extract/page_claims.py): record what the block's claims name in `topics`,
    and make the block's page candidates claims, for the page to accept or not."""
    kinds: dict[int, set[str]] = {}  # the claim kinds of each sentence, by its first token
    sentences: dict[int, Span] = {}
    for key in _medical_keys(products):
        for span in loc.doc.spans.get(key, []):
            sent = span.sent  # Span.sent walks the Doc: once a span
            sentence = sentences.setdefault(sent.start, sent)
            kinds.setdefault(sentence.start, set()).add(span.label_)
    for start, sentence in sentences.items():
        if not TOPIC_KINDS.isdisjoint(kinds[start]):
            topics.add_claim(kinds[start], [t.lower_ for t in sentence])
    for span in loc.doc.spans.get(PAGE_SPANS_KEY, []):
        if not names_a_business(span):
            candidate = read_label(span.label_)
            yield candidate, loc.claim(span, candidate.kind, category="medical")


def page_from_docs(
    document: Document,
    docs: Iterable[Doc],
    claim_kinds: dict[str, str | None],
    blocks: list[TextBlock | None] | None = None,
    possible_claims: bool = False,
    products: bool = False,
) -> PageExtract:
    """Claims and phrase hits of the page whose blocks are `blocks` (default: the
    document's), each block's from its Doc. Given a list, each block is let go (set to None)
    once its claims are made, so the caller's memory is not held by blocks already done.
    With `possible_claims` (KL207 on), sentences without any other claim go to the model;
    with `products` (a product page, seller.py), the product-only readings are claims too."""
    listed: list[TextBlock | None] = list(document.blocks) if blocks is None else blocks
    present = [block for block in listed if block is not None]
    if len(present) != len(listed):
        raise ValueError("page_from_docs needs every block")
    cited_blocks = blocks_cited(present)
    claims: list[Claim] = []
    hits: list[PhraseHit] = []
    possible: list[PossibleClaim] = []
    sentence_base = 0
    term_sets: dict[frozenset[str], frozenset[str]] = {}
    count = 0
    sections = Sections()  # the headings above, for page_context.py
    tables = Tables()  # and the column headings of table cells
    figures: list[PageFigure] = []
    labels: dict[int, str] = {}  # short blocks' text: the label under a stat card's figure
    topics = PageTopics(products)  # what the page's claims name (round 16)
    candidates: list[tuple[Candidate, Claim]] = []
    for index, doc in enumerate(docs):
        block = listed[index]
        assert block is not None  # let go only below
        count += 1
        if len(block.text) <= _LABEL_CHARS:
            labels[index] = block.text.lower()
        loc = _Locator(document, block, doc, index, cited_blocks[index], term_sets)
        sentence_ids = {s.start: n for n, s in enumerate(doc.sents)}
        if block.kind == "heading":
            sections.enter(block.level or 1, block.text)
        first = block.source_offset(0)
        column = tables.enter(block.kind, document.span(first, first).line, block.text, block.cell)
        row = tables.row
        numeric = list(_numeric_claims(loc))
        block_claims = [claim for claim, _, _ in numeric]
        block_claims.extend(_medical_claims(loc, products))
        candidates.extend(_page_reading(loc, products, topics))
        for span in doc.spans.get(PHRASES_SPANS_KEY, []):
            code, role, _ = span.label_.split("|")
            sentence = span.sent
            claim_kind = claim_kinds.get(code)
            if role == "hit" and claim_kind:
                block_claims.append(loc.claim(span, claim_kind, category="medical", rule=code))
                continue
            hits.append(
                PhraseHit(
                    code=code,
                    role=role,
                    text=span.text,
                    span=loc.span(span),
                    sentence=loc.sentence_of(span)[0],
                    block=index,
                    sentence_id=sentence_base + sentence_ids[sentence.start],
                )
            )
        if possible_claims:
            possible.extend(_possible_claims(loc, products))
        block_claims.sort(key=lambda c: (c.span.line, c.span.column, c.category))
        at = {id(claim): len(claims) + n for n, claim in enumerate(block_claims)}
        if numeric:
            shape = block_words(doc)
            figures.extend(
                page_figure(
                    at[id(claim)],
                    span,
                    figure,
                    claim.kind,
                    block.kind,
                    sections.open,
                    shape,
                    column,
                    index,
                    row,
                )
                for claim, span, figure in numeric
            )
        claims.extend(block_claims)
        sentence_base += len(sentence_ids)
        listed[index] = None
    if count != len(listed):
        raise ValueError(f"{len(listed)} blocks but {count} Docs")
    revise(claims, figures, products, labels)
    accepted = [claim for candidate, claim in candidates if topics.accepts(candidate)]
    if accepted:
        # In page order, as the block loop made them; a KL207 sentence the page reads as a
        # claim is that claim.
        claims = sorted(
            [*claims, *accepted], key=lambda c: (c.block, c.span.line, c.span.column, c.category)
        )
        possible = [p for p in possible if not any(_within(c.span, p.span) for c in accepted)]
    return PageExtract(claims, hits, possible)


def _within(inner: SourceSpan, outer: SourceSpan) -> bool:
    start = (inner.line, inner.column)
    return (outer.line, outer.column) <= start <= (outer.end_line, outer.end_column)


def _possible_claims(loc: _Locator, products: bool) -> Iterator[PossibleClaim]:
    """The block's sentences the KL207 model flags, of those where neither the medical
    finder nor a phrase rule found anything (the model only adds what the rules miss)."""
    from kalypso_lint.extract.claim_model import read_sentence

    doc = loc.doc
    keys = (*_medical_keys(products), PHRASES_SPANS_KEY)
    taken = {span.sent.start for key in keys for span in doc.spans.get(key, [])}
    for sentence in doc.sents:
        if sentence.start in taken:
            continue
        tokens = [t for t in sentence if not t.is_space]
        if not tokens:
            continue
        reading = read_sentence([t.text for t in tokens])
        if reading is None:
            continue
        span = doc[tokens[0].i : tokens[-1].i + 1]
        yield PossibleClaim(
            span=loc.span(span),
            sentence=clip_sentence(loc.text[span.start_char : span.end_char], 0, 0),
            score=reading.score,
            reasons=reading.reasons,
            terms=loc.terms(sentence),
        )

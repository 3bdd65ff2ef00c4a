"""Stage 3, extract: Documents become Claims and phrase-rule hits.

spaCy objects never leave this package: spans.py turns them into plain values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kalypso_lint.models import Claim, Document, PageExtract, TextBlock

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Longer prose blocks are cut into pieces before spaCy sees them (see split_long_block).
MAX_BLOCK_CHARS = 100_000


class PageExtractor:
    """The pipeline for one registry and rule set, looked up once and reused for every page."""

    def __init__(
        self, terms: tuple[str, ...] = (), phrase_specs: tuple[dict[str, Any], ...] = ()
    ) -> None:
        from kalypso_lint.extract.medical import register_extensions
        from kalypso_lint.extract.nlp import build_pipeline

        self.nlp = build_pipeline(tuple(sorted(set(terms))), json.dumps(list(phrase_specs)))
        register_extensions()
        self.claim_kinds = {spec["code"]: spec.get("claim_kind") for spec in phrase_specs}
        # The last page's processed Docs by (text, block kind). The language server checks a
        # page again after every edit, and all its blocks but the edited one come back
        # unchanged (issue 18); a Doc depends on nothing else, so reusing one changes no result.
        self._last_docs: dict[tuple[str, str], Doc] = {}

    def extract(self, document: Document) -> tuple[Document, PageExtract]:
        """What the document claims, in order; the document comes back with long blocks cut."""
        from kalypso_lint.extract.spans import page_from_docs

        blocks = [piece for block in document.blocks for piece in split_long_block(block)]
        if len(blocks) != len(document.blocks):
            document = replace(document, blocks=tuple(blocks))
        keys = [(block.text, block.kind) for block in document.blocks]
        fresh = [key for key in dict.fromkeys(keys) if key not in self._last_docs]
        docs = []
        for text, kind in fresh:
            doc = self.nlp.make_doc(text)
            doc._.kl_block_kind = kind
            doc._.kl_text = text
            docs.append(doc)
        made = dict(zip(fresh, self.nlp.pipe(docs, batch_size=256), strict=True))
        processed = [made[key] if key in made else self._last_docs[key] for key in keys]
        self._last_docs = dict(zip(keys, processed, strict=True))
        return document, page_from_docs(document, processed, self.claim_kinds)


def extract_pages(
    documents: Iterable[Document],
    terms: tuple[str, ...] = (),
    phrase_specs: tuple[dict[str, Any], ...] = (),
) -> Iterator[tuple[Document, PageExtract]]:
    """What each document claims, in order of appearance."""
    extractor = PageExtractor(terms, phrase_specs)
    for document in documents:
        yield extractor.extract(document)


def split_long_block(block: TextBlock, limit: int = MAX_BLOCK_CHARS) -> Iterator[TextBlock]:
    """Very long blocks (a 50 MB line) are cut at sentence ends or spaces into pieces of at
    most `limit` characters, so spaCy's memory stays bounded and no Doc exceeds max_length."""
    text = block.text
    if len(text) <= limit:
        yield block
        return
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max(text.rfind(". ", start, end), text.rfind("\n", start, end))
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        yield block.slice(start, end)
        start = end


def extract_claims(
    documents: Iterable[Document], terms: tuple[str, ...] = ()
) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims only (numeric and medical), with the default phrase rules' claims left out."""
    for document, page in extract_pages(documents, terms):
        yield document, page.claims

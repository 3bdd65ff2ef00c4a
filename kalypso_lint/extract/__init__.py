"""Stage 3, extract: Documents become Claims and phrase-rule hits.

spaCy objects never leave this package: spans.py turns them into plain values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from kalypso_lint.models import Claim, Document, PageExtract, TextBlock

# Longer prose blocks are cut into pieces before spaCy sees them (see split_long_block).
MAX_BLOCK_CHARS = 100_000


def extract_pages(
    documents: Iterable[Document],
    terms: tuple[str, ...] = (),
    phrase_specs: tuple[dict[str, Any], ...] = (),
) -> Iterator[tuple[Document, PageExtract]]:
    """What each document claims, in order of appearance. Builds (or reuses) the pipeline."""
    from kalypso_lint.extract.medical import register_extensions
    from kalypso_lint.extract.nlp import build_pipeline
    from kalypso_lint.extract.spans import page_from_docs

    nlp = build_pipeline(tuple(sorted(set(terms))), json.dumps(list(phrase_specs)))
    register_extensions()
    claim_kinds = {spec["code"]: spec.get("claim_kind") for spec in phrase_specs}
    for document in documents:
        blocks = [piece for block in document.blocks for piece in split_long_block(block)]
        if len(blocks) != len(document.blocks):
            document = replace(document, blocks=tuple(blocks))
        docs = []
        for block in document.blocks:
            doc = nlp.make_doc(block.text)
            doc._.kl_block_kind = block.kind
            docs.append(doc)
        processed = list(nlp.pipe(docs, batch_size=256))
        yield document, page_from_docs(document, processed, claim_kinds)


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

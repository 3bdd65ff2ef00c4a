"""Stage 3, extract: Documents become Claims and phrase-rule hits.

spaCy objects never leave this package: spans.py turns them into plain values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from kalypso_lint.models import Claim, Document, PageExtract


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
        docs = []
        for block in document.blocks:
            doc = nlp.make_doc(block.text)
            doc._.kl_block_kind = block.kind
            docs.append(doc)
        processed = list(nlp.pipe(docs, batch_size=256))
        yield document, page_from_docs(document, processed, claim_kinds)


def extract_claims(
    documents: Iterable[Document], terms: tuple[str, ...] = ()
) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims only (numeric and medical), with the default phrase rules' claims left out."""
    for document, page in extract_pages(documents, terms):
        yield document, page.claims

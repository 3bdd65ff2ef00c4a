"""Stage 3, extract: Documents become Claims. spaCy objects never leave this package."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kalypso_lint.models import Claim, Document


def extract_claims(
    documents: Iterable[Document], terms: tuple[str, ...] = ()
) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, in order of appearance. Builds (or reuses) the pipeline."""
    from kalypso_lint.extract.nlp import build_pipeline
    from kalypso_lint.extract.spans import claims_from_doc

    nlp = build_pipeline(tuple(sorted(set(terms))))
    for document in documents:
        texts = [block.text for block in document.blocks]
        claims: list[Claim] = []
        for block, doc in zip(document.blocks, nlp.pipe(texts, batch_size=256), strict=True):
            claims.extend(claims_from_doc(document, block, doc))
        yield document, claims

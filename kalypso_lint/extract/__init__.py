"""Stage 3, extract: Documents become Claims and phrase-rule hits.

spaCy objects never leave this package: spans.py turns them into plain values.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kalypso_lint.extract import spacy_cli
from kalypso_lint.models import Claim, Document, PageExtract, TextBlock

# Before any module of this package imports spaCy: its command line is imported on first use
# only (extract/spacy_cli.py).
spacy_cli.defer()

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Longer prose blocks are cut into pieces before spaCy sees them (see split_long_block).
MAX_BLOCK_CHARS = 100_000
# Blocks go through spaCy in batches of at most this many blocks or characters.
BATCH_BLOCKS = 256
BATCH_CHARS = 200_000
# The block memo keeps at most this many characters of blocks (their Docs take roughly
# 40 bytes a character, about 20 MB in all), and no block longer than MEMO_BLOCK_CHARS: long
# ones rarely repeat.
MEMO_CHARS = 500_000
MEMO_BLOCK_CHARS = 5_000


class BlockMemo:
    """Processed spaCy Docs by (block text, block kind), least recently used dropped first.

    A block's Doc depends on its text and kind and on the pipeline, and on nothing else: no
    component reads another block or keeps state between blocks that could change a result
    (the structural finder's sentence memo keeps only what a sentence's own inputs decide,
    extract/sentence_memo.py; test_identical_outputs.py checks the whole outputs). The memo
    belongs to one PageExtractor, whose pipeline is built for one registry and rule set
    within one version of the code, so it is exact: the same text and kind give the same
    Doc, and page_from_docs places its spans on the page where the block stands. Real sites
    repeat navigation, footers, disclaimers and calls to action on every page (issue 16);
    the language server checks a page again after every edit, and all its blocks but the
    edited one come back unchanged (issue 18).

    Bounded by the characters it holds, so a large file never keeps its Docs alive."""

    def __init__(
        self, max_chars: int = MEMO_CHARS, max_block_chars: int = MEMO_BLOCK_CHARS
    ) -> None:
        self.max_chars = max_chars
        self.max_block_chars = max_block_chars
        self.chars = 0
        self.docs: OrderedDict[tuple[str, str], Doc] = OrderedDict()
        self.hits = self.misses = 0  # blocks, for benchmarks/stages.py
        self.hit_chars = self.miss_chars = 0

    def get(self, key: tuple[str, str]) -> Doc | None:
        doc = self.docs.get(key)
        if doc is None:
            self.misses += 1
            self.miss_chars += len(key[0])
            return None
        self.docs.move_to_end(key)
        self.hits += 1
        self.hit_chars += len(key[0])
        return doc

    def put(self, key: tuple[str, str], doc: Doc) -> None:
        size = len(key[0])
        if size > self.max_block_chars or key in self.docs:
            return
        self.docs[key] = doc
        self.chars += size
        while self.chars > self.max_chars:
            old, _ = self.docs.popitem(last=False)
            self.chars -= len(old[0])


class PageExtractor:
    """The pipeline for one registry and rule set, looked up once and reused for every page."""

    def __init__(
        self,
        terms: tuple[str, ...] = (),
        phrase_specs: tuple[dict[str, Any], ...] = (),
        memo_chars: int = MEMO_CHARS,
        possible_claims: bool = False,
    ) -> None:
        from kalypso_lint.extract.medical import register_extensions
        from kalypso_lint.extract.nlp import build_pipeline

        self.nlp = build_pipeline(tuple(sorted(set(terms))), json.dumps(list(phrase_specs)))
        register_extensions()
        self.claim_kinds = {spec["code"]: spec.get("claim_kind") for spec in phrase_specs}
        self.memo = BlockMemo(memo_chars)
        # KL207 on: sentences without another claim are also read by extract/claim_model.py.
        self.possible_claims = possible_claims

    def extract(self, document: Document) -> tuple[Document, PageExtract]:
        """What the document claims, in order; the document comes back with long blocks cut."""
        pieces = split_long_blocks(document.blocks)
        if len(pieces) != len(document.blocks):
            document = replace(document, blocks=tuple(pieces))
        return document, self.extract_blocks(document, [*pieces])

    def extract_blocks(
        self,
        document: Document,
        blocks: list[TextBlock | None],
        possible_claims: bool | None = None,
        products: bool = False,
    ) -> PageExtract:
        """What `blocks` (the document's, long ones already cut) claim, in order. Each block
        is let go (its place in the list set to None) once its claims are taken: a caller
        that holds no other reference to the blocks keeps memory bounded by the claims, not
        the file (issue 16: a 50 MB page). `possible_claims` (default: as built) runs the
        KL207 model; `products` adds the readings right for a product page (seller.py)."""
        from kalypso_lint.extract.spans import page_from_docs

        if possible_claims is None:
            possible_claims = self.possible_claims
        return page_from_docs(
            document, self._docs(blocks), self.claim_kinds, blocks, possible_claims, products
        )

    def _docs(self, blocks: list[TextBlock | None]) -> Iterator[Doc]:
        """The processed Doc of each block, in order, made a batch at a time: a Doc is
        dropped once its claims are taken (unless the memo keeps it), so memory stays
        bounded by the batch, not the file (issue 16: a 50 MB page). A batch's blocks are
        read when it is made, so blocks already let go by the consumer are never read."""
        start = 0
        while start < len(blocks):
            end, chars = start, 0
            batch: list[tuple[str, str]] = []
            while end < len(blocks) and (
                end == start or (end - start < BATCH_BLOCKS and chars < BATCH_CHARS)
            ):
                block = blocks[end]
                assert block is not None  # only blocks before this batch are let go
                batch.append((block.text, block.kind))
                chars += len(block.text)
                end += 1
            found = {key: self.memo.get(key) for key in dict.fromkeys(batch)}
            fresh = [key for key, doc in found.items() if doc is None]
            made = []
            for text, kind in fresh:
                doc = self.nlp.make_doc(text)
                doc._.kl_block_kind = kind
                doc._.kl_text = text
                made.append(doc)
            for key, doc in zip(fresh, self.nlp.pipe(made, batch_size=BATCH_BLOCKS), strict=True):
                found[key] = doc
                self.memo.put(key, doc)
            del made
            for key in batch:
                yield found[key]  # type: ignore[misc]
            start = end


def extract_pages(
    documents: Iterable[Document],
    terms: tuple[str, ...] = (),
    phrase_specs: tuple[dict[str, Any], ...] = (),
) -> Iterator[tuple[Document, PageExtract]]:
    """What each document claims, in order of appearance."""
    extractor = PageExtractor(terms, phrase_specs)
    for document in documents:
        yield extractor.extract(document)


def split_long_blocks(blocks: Iterable[TextBlock]) -> list[TextBlock]:
    """The blocks with every long one cut into pieces (split_long_block), in order."""
    return [piece for block in blocks for piece in split_long_block(block)]


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

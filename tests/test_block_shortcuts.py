"""Per-block shortcuts of issue 16 give what the long way gives: a block's kept text read
without `doc._` (extract/doctext.py), and kl_terms skipping the inflection and merged-token
lookups in blocks that cannot hold one (extract/terms.py)."""

from __future__ import annotations

from spacy.tokens import Doc

from kalypso_lint.extract import PageExtractor
from kalypso_lint.extract.doctext import block_text
from kalypso_lint.extract.terms import TERMS_SPANS_KEY, TermFinder

# Written for this test.
TEXTS = [
    "Migraines keep 4 in 10 of our patients home; chronic migraine costs $635 billion.",
    "Sleep apnea and insomnias are common, and so is back pain.",
    "Nothing here names a term at all.",
    "Over 2 million Americans live with cluster headaches.",
    "",
]
TERMS = ("migraine", "chronic migraine", "insomnia", "cluster headache", "billion", "back pain")


def test_block_text_is_the_kept_text_or_the_docs() -> None:
    nlp = PageExtractor().nlp
    doc = nlp.make_doc("Over  two weeks")
    assert block_text(doc) == doc.text
    doc._.kl_text = "Over  two weeks."
    assert block_text(doc) == doc._.kl_text == "Over  two weeks."


def _terms(finder: TermFinder, doc: Doc) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label_) for s in finder(doc).spans[TERMS_SPANS_KEY]]


def test_term_spans_are_the_same_without_the_shortcuts() -> None:
    nlp = PageExtractor(TERMS).nlp
    finder: TermFinder = nlp.get_pipe("kl_terms")
    docs = []
    for text in TEXTS:
        doc = nlp.make_doc(text)
        for name, pipe in nlp.pipeline:
            if name == "kl_terms":
                break
            doc = pipe(doc)
        docs.append(doc)
    found = [_terms(finder, doc) for doc in docs]
    kept = finder.first_ids
    long_way = []
    try:
        for doc in docs:
            # Every word of the block may start an inflected term: the gate lets it through.
            finder.first_ids = frozenset(doc.to_array("LOWER").tolist()) or kept
            long_way.append(_terms(finder, doc))
    finally:
        finder.first_ids = kept
    assert found == long_way
    labels = {label for spans in found for *_, label in spans}
    assert {"migraine", "insomnia", "cluster headache", "billion"} <= labels

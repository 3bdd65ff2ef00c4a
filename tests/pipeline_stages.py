"""The whole extraction pipeline for tests that hold a component's shortcut against the long
way (issue 16), the Doc as one component receives it, and the corpus texts they run over."""

from __future__ import annotations

from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from kalypso_lint.catalog import build_rulebook
from kalypso_lint.extract import PageExtractor

CORPUS = Path(__file__).resolve().parent / "corpus"
ALL_CORPORA = ("numeric.yaml", "numeric-heldout.yaml", "medical.yaml")


def corpus_texts(*names: str) -> list[str]:
    """The texts of the labelled corpora `names` (all three by default), in order."""
    texts: list[str] = []
    for name in names or ALL_CORPORA:
        cases = yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
        texts.extend(case["text"] for case in cases)
    return texts


def full_pipeline() -> Language:
    """The pipeline a check builds with the default rules, without the block memo."""
    specs = tuple(rule.spec() for rule in build_rulebook().phrase_rules)
    return PageExtractor((), specs, memo_chars=0).nlp


def doc_before(nlp: Language, text: str, component: str) -> Doc:
    """The Doc as `component` gets it: made, and every earlier component run."""
    doc = nlp.make_doc(text)
    doc._.kl_block_kind = "paragraph"
    doc._.kl_text = text
    for name, pipe in nlp.pipeline:
        if name == component:
            return doc
        doc = pipe(doc)
    raise AssertionError(component)

"""kl_figure_classes keeps a figure's sentence text and its verb tests (issue 16, round 8):
every figure of the corpus texts takes the class it takes when each cue makes them afresh."""

from __future__ import annotations

import pytest
from pipeline_stages import corpus_texts, doc_before, full_pipeline
from spacy.language import Language
from spacy.tokens import Span

from kalypso_lint.extract import classify
from kalypso_lint.extract.classify import FigureClass, FigureClassifier, _Context

# Written for this test: labels, fragments, questions and figures after verbs.
TEXTS = [
    "Price: $23.44. Standard Dose: 2 capsules daily.",
    "Age 41: 28-35%. Success rates: 10-20% per cycle.",
    "Did 9 out of 10 patients feel better? 60% fewer hospital stays.",
    "Adults: take 2 tablets with water. Power Peel (face only) 20 minutes",
    "Our balm cut joint pain by 40% in 3 weeks, and 92% would recommend it.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return full_pipeline()


def _classes(nlp: Language) -> list[FigureClass]:
    classifier: FigureClassifier = nlp.get_pipe("kl_figure_classes")
    found = []
    for text in [*TEXTS, *corpus_texts()]:
        doc = doc_before(nlp, text, "kl_figure_classes")
        spans: list[Span] = list(doc.spans.get(classifier.spans_key, []))
        starts = sorted(span.start for span in spans)
        found.extend(classifier.classify(span, starts) for span in spans)
    return found


def test_kept_sentence_texts_and_verb_tests_give_the_classes_made_afresh(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = _classes(nlp)

    def has_verb_afresh(ctx: _Context, start: int, end: int) -> bool:
        return any(
            ctx.is_verb(token.lower_)
            for token in ctx.doc[start:end]
            if token.is_alpha or "'" in token.text
        )

    monkeypatch.setattr(classify._Context, "has_verb", has_verb_afresh)
    monkeypatch.setattr(classify._Context, "sent_text", property(lambda ctx: ctx.sent.text))
    assert _classes(nlp) == kept
    assert len(kept) > 500
    assert {figure.name for figure in kept} >= {"claim", "fact", "identifier"}

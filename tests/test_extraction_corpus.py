"""Extraction accuracy on the labelled corpora (tests/corpus/); the figures go in the notes."""

from __future__ import annotations

import pytest
from corpus_eval import CORPUS, score_corpus


def test_numeric_precision_and_recall_at_least_95_percent(
    record_property: pytest.RecordProperty,
) -> None:
    score = score_corpus(CORPUS)
    record_property("numeric_corpus", score.summary())
    print(score.summary())
    assert score.true_positives + score.false_negatives >= 200, "the corpus needs 200+ claims"
    assert score.precision >= 0.95, "\n".join(score.misses)
    assert score.recall >= 0.95, "\n".join(score.misses)
    assert score.kind_right / score.true_positives >= 0.95
    assert score.qualifier_right / score.true_positives >= 0.95

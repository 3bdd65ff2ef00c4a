"""The Matchers that see only part of a block find what they found over the whole block
(issue 16): the figure Matcher in its cue windows (extract/windows.py), the
testimonial Matcher in the sentences that can keep a match (extract/claims.py), the
medical Matcher only on blocks holding words its patterns need (extract/medical.py)."""

from __future__ import annotations

from typing import Any

import pytest
from pipeline_stages import corpus_texts, doc_before, full_pipeline
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Span

from kalypso_lint.extract.numbers import _CUE_NORMS, NumericClaimFinder
from kalypso_lint.extract.windows import CueWindows

# Written for this test: matches that reach across sentence ends, past long runs of
# capitalised words or number words, and figures at both ends of a block.
TRICKY = [
    "Call today! (555) 013-4567 is open late.",
    "Visit us at 1200 North Very Long Old Mill Creek Valley Farm Road, Springfield.",
    "— Dana Maria Lopez Garcia, 41",
    "Call us or text or call: HQ 555 0134 or 013 today.",
    "Over twenty - five and a half thousand people joined; 12.",
    "Between the ages of 18 and 65, 3 in 10 adults sleep 7 hours or less.",
    "Prices from $20 to $30. 50%-60% of users saw results in 2–3 weeks.",
    "Up to 2000% more. 4,500 patients. Dec. 5, 2024. 10 Ways To Sleep.",
    "No number here at all, just words about sleep and calm.",
    "7",
    "She threw away her cane after two weeks of drops. His pain went away within days.",
    "I ordered the balm and within a week they were healed. Gone! She quit her meds.",
    "Her eczema cleared up after a week. Their child walked. It made my son talk again.",
]


def _texts() -> list[str]:
    texts = [*TRICKY, *corpus_texts()]
    return texts


@pytest.fixture(scope="module")
def nlp() -> Language:
    return full_pipeline()


def _in_tie_order(matches: list[Any]) -> list[tuple[int, int, int]]:
    """The order kl_numbers reads figures in: longest first, then by start; ties keep the
    Matcher's order (a stable sort), so that order must be the same too."""
    return sorted(((m[0], m[1], m[2]) for m in matches), key=lambda m: (m[1] - m[2], m[1]))


def test_the_bundled_patterns_have_windows(nlp: Language) -> None:
    finder: NumericClaimFinder = nlp.get_pipe("kl_numbers")
    assert finder.figure_windows is not None
    assert finder.figure_windows.reach >= 1


def test_windows_find_every_match_of_the_whole_block(nlp: Language) -> None:
    finder: NumericClaimFinder = nlp.get_pipe("kl_numbers")
    assert finder.figure_windows is not None
    seen = windowed = compared = 0
    for text in _texts():
        doc = doc_before(nlp, text, "kl_numbers")
        finder._merge_numbers(doc)
        whole = list(finder.figure_matcher.full(doc))
        parts = finder.figure_windows.matches(finder.figure_matcher, doc)
        assert _in_tie_order(parts) == _in_tie_order(whole), text
        assert len(parts) == len(whole), text
        compared += 1
        seen += len(doc)
        windowed += sum(end - start for start, end in finder.figure_windows.ranges(doc))
    assert compared > 500
    assert windowed < seen  # the point of it: part of the tokens are skipped


def test_testimonials_by_sentence_match_the_whole_block(nlp: Language) -> None:
    structure = nlp.get_pipe("kl_medical").structure
    assert structure.stories.testimonials_by_sentence and structure.stories.testimonial_starts
    found = 0
    for text in _texts():
        doc = doc_before(nlp, text, "kl_medical")
        lower = [t.lower for t in doc]
        by_sentence = structure.stories._testimonials(doc, lower)
        structure.stories.testimonials_by_sentence = False
        try:
            whole = structure.stories._testimonials(doc, lower)
        finally:
            structure.stories.testimonials_by_sentence = True
        assert [(s.start, s.end) for s in by_sentence] == [(s.start, s.end) for s in whole], text
        found += len(whole)
    assert found >= 3  # the tricky sentences hold testimonials


def test_medical_matcher_is_skipped_only_where_it_finds_nothing(nlp: Language) -> None:
    finder = nlp.get_pipe("kl_medical")
    matched = skipped = 0
    for text in [*_texts(), "Ketamine is popular.", "Botox works on wrinkles.", ""]:
        doc = doc_before(nlp, text, "kl_medical")
        may_match = finder._may_match(doc, doc.count_by(LOWER).keys())
        found = list(finder.matcher(doc))
        assert may_match or not found, text
        matched += bool(found)
        skipped += bool(doc.ents) and not may_match
    assert matched >= 20  # the corpus holds medical claims
    assert skipped >= 1  # the point of it: a block with an entity can skip the Matcher


def _build(nlp: Language, patterns: list[list[dict[str, Any]]]) -> CueWindows | None:
    finder: NumericClaimFinder = nlp.get_pipe("kl_numbers")
    words = finder._cue_words()
    return CueWindows.build(
        nlp.vocab,
        patterns,
        lambda step: step.get("LOWER") in words or step.get("NORM") in _CUE_NORMS,
        finder.cue_flag,
        _CUE_NORMS,
    )


def test_patterns_that_cannot_be_bounded_switch_the_windows_off(nlp: Language) -> None:
    cue = {"NORM": "<num>"}
    assert _build(nlp, [[cue, {"LOWER": "mg"}]]) is not None
    # No step takes only cue tokens: a match need not hold one.
    assert _build(nlp, [[{"LOWER": "mg"}, {"NORM": "<num>", "OP": "?"}]]) is None
    # A repeated step with no condition the windows can test.
    assert _build(nlp, [[cue, {"OP": "*"}, {"LOWER": "mg"}]]) is None
    # A negated cue step takes one token that is not a cue: it is no cue step.
    assert _build(nlp, [[{"NORM": "<num>", "OP": "!"}, {"LOWER": "mg"}]]) is None
    negated = _build(nlp, [[cue, {"LOWER": "mg", "OP": "!"}, {"LOWER": "daily"}]])
    assert negated is not None and negated.reach == 2


def test_windows_reach_as_far_as_the_patterns(nlp: Language) -> None:
    windows = _build(nlp, [[{"LOWER": "about"}, {"LOWER": "over", "OP": "?"}, {"NORM": "<num>"}]])
    assert windows is not None and windows.reach == 2
    doc = nlp("We saw it , well , about over 40 of them , yes .")
    start, end = windows.ranges(doc)[0]
    assert (start, end) == (6, 11)  # "about over 40" and two words after it
    assert isinstance(doc[start:end], Span)

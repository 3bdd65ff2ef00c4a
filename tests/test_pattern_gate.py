"""A Matcher run with only the patterns that can match (extract/pattern_gate.py) finds what
the Matcher of every pattern finds, in the same order (issue 16, round 7): the figure
Matcher of kl_numbers in its cue windows, the testimonial Matcher per sentence and the
told-story Matcher per block, on the corpus texts and on made-up word salads."""

from __future__ import annotations

import random

import pytest
from pipeline_stages import corpus_texts, doc_before, full_pipeline
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from kalypso_lint.extract import pattern_gate
from kalypso_lint.extract.numbers import NumericClaimFinder
from kalypso_lint.extract.pattern_gate import GatedMatcher
from kalypso_lint.extract.patterns import compile_patterns

# Words the figure, testimonial and story patterns name, and some they do not, for the
# made-up texts (written for this test).
_WORDS_TEXT = (
    "12 3 45 2024 555 0134 013 4567 1.5 20 7 30 one two twenty half a single within few "
    "% percent per cent times fold - – to from between and of in out every $ € dollars "
    "mg g kg ml days weeks week months years old olds ages aged age am pm : ( ) [ ] , . "
    "January Dec. Street Road North Ways Tips stars / call text or at HQ FY Q1 number "
    "cause third most common leading she he they my her his I we our gave threw away up "
    "rid no longer have took tried ordered used healed cleared went gone was completely "
    "now saved life back me it this pain blood sugar dropped down came fell after with "
    "taking the patients sleep better felt Dana Lopez help who anymore do n't not"
)


# Written for this test: stories the testimonial and told-story patterns take.
_STORIES = [
    "She threw away her cane after two weeks of drops. His pain went away within days.",
    "I ordered the balm and within a week they were healed. Gone! She quit her meds.",
    "Her eczema cleared up after a week. Their child walked. It made my son talk again.",
    "My blood sugar dropped to 110 after taking it. I no longer have cold sores.",
    "We do not need the inhaler anymore. They tossed their pills in the bin.",
    "It saved my life. The drops gave me my life back. My numbers came down from 180 to 120.",
    "I have used this with my patients for years and their joints healed.",
    "His rash is completely gone now. Nobody who tried the tea got sick.",
    "I cut my dose in half. The swelling disappeared after using the cream.",
    "My husband started the capsules and his knees were totally better.",
]


def _texts() -> list[str]:
    texts = [*_STORIES, *corpus_texts()]
    salad = random.Random(16)
    for _ in range(600):
        words = salad.choices(_WORDS_TEXT.split(), k=salad.randint(1, 24))
        texts.append(" ".join(words) + salad.choice(("", ".", "!", "?")))
    return texts


@pytest.fixture(scope="module")
def nlp() -> Language:
    return full_pipeline()


def _same(gated: GatedMatcher, doclike: Doc | Span, bits: list[int]) -> int:
    """Asserts the gated matches are the full Matcher's, in order; how many there are."""
    whole = [(key, start, end) for key, start, end in gated.full(doclike)]
    assert gated.matches_in(doclike, bits) == whole, doclike.text
    return len(whole)


def test_figure_matches_are_the_full_matchers_in_order(nlp: Language) -> None:
    finder: NumericClaimFinder = nlp.get_pipe("kl_numbers")
    gated = finder.figure_matcher
    assert finder.figure_windows is not None
    found = windows = 0
    for text in _texts():
        doc = doc_before(nlp, text, "kl_numbers")
        finder._merge_numbers(doc)
        found += _same(gated, doc, gated.doc_bits(doc))
        bits = gated.doc_bits(doc)
        for start, end in finder.figure_windows.ranges(doc):
            _same(gated, doc[start:end], bits[start:end])
            windows += 1
    assert found > 1000 and windows > 1000
    # The point of it: most runs hold a few of the 78 patterns.
    assert len(gated._built) > 10
    assert min(patterns.bit_count() for patterns, _ in gated._built[1:]) < 20


def test_the_full_matcher_is_the_one_built_before(nlp: Language) -> None:
    """The patterns go in label by label, as numbers.py added them to one Matcher."""
    finder: NumericClaimFinder = nlp.get_pipe("kl_numbers")
    plain = Matcher(nlp.vocab, validate=False)
    for label, patterns in [
        *finder.lex.quantity_patterns.items(),
        *finder.lex.non_claim_patterns.items(),
    ]:
        plain.add(label, compile_patterns(nlp.vocab, patterns))
    for text in _texts()[:400]:
        doc = doc_before(nlp, text, "kl_numbers")
        finder._merge_numbers(doc)
        assert list(finder.figure_matcher.full(doc)) == list(plain(doc)), text


def test_story_matches_are_the_full_matchers_in_order(nlp: Language) -> None:
    stories = nlp.get_pipe("kl_medical").structure.stories
    found = 0
    for text in _texts():
        doc = doc_before(nlp, text, "kl_medical")
        bits = stories.testimonials.doc_bits(doc)
        for sentence in doc.sents:
            found += _same(stories.testimonials, sentence, bits[sentence.start : sentence.end])
        found += _same(stories.told, doc, stories.told.doc_bits(doc))
        assert stories.told(doc) == list(stories.told.full(doc))
    assert found >= 15


def test_no_room_for_more_matchers_falls_back_to_the_full_one(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    finder: NumericClaimFinder = nlp.get_pipe("kl_numbers")
    lex = finder.lex
    gated = GatedMatcher(
        nlp.vocab, [*lex.quantity_patterns.items(), *lex.non_claim_patterns.items()]
    )
    monkeypatch.setattr(pattern_gate, "MAX_MATCHERS", 0)
    monkeypatch.setattr(pattern_gate, "SPARE", 0)
    for text in _texts()[-100:]:
        doc = doc_before(nlp, text, "kl_numbers")
        finder._merge_numbers(doc)
        _same(gated, doc, gated.doc_bits(doc))
    assert not gated._built


def test_a_step_that_may_take_no_token_gates_nothing(nlp: Language) -> None:
    strings = nlp.vocab.strings
    assert pattern_gate._step_test({"LOWER": "mg", "OP": "?"}, strings) is None
    assert pattern_gate._step_test({"LOWER": "mg", "OP": "!"}, strings) is None
    assert pattern_gate._step_test({"IS_TITLE": True}, strings) is None
    assert pattern_gate._step_test({"LOWER": "mg", "OP": "+"}, strings) == (
        "LOWER",
        frozenset({strings["mg"]}),
    )
    gated = GatedMatcher(nlp.vocab, [("X", [[{"LOWER": "mg", "OP": "?"}, {"LOWER": "daily"}]])])
    doc = nlp.make_doc("Take it daily, 5 mg daily.")
    assert gated(doc) == list(gated.full(doc))
    assert gated(nlp.make_doc("Take it weekly.")) == []

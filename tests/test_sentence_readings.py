"""The structural finder's shortcuts give what it gave without them (issue 16): the readings
left out at an anchor word read nothing there (extract/reading_gates.py), and a sentence's
readings kept by the sentence memo are the ones it reads afresh (extract/sentence_memo.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pipeline_stages import corpus_texts, full_pipeline
from spacy.language import Language
from spacy.tokens import Doc

from kalypso_lint.extract.claims import StructureFinder
from kalypso_lint.extract.reading_gates import READINGS
from kalypso_lint.extract.sentence_memo import SentenceMemo, Watched, gives_the_same

# Written for this test: the same sentences after different ones, "it" and "the problem"
# standing for a disease named before, questions answered, and claims in several forms.
SENTENCES = [
    "Tired of joint pain? Our balm soothes it.",
    "Tired of the weather? Our balm soothes it.",
    "Eczema flares every winter. Our cream calms it within days.",
    "Winter is long. Our cream calms it within days.",
    "Can essential oils fight the virus? Yes! Our blend fights the flu.",
    "Our tea helps prevent colds. Our tea helps prevent colds.",
    "Say goodbye to migraines for good. Call us today.",
    "This cholesterol-lowering supplement works in as little as 20 minutes.",
    "The most effective sinus clinic in town. Anti-inflammatory drops for hay fever.",
    "Stay flu-free all winter with our syrup.",
    "Patients with gout take our capsules daily. Arthritis sufferers swear by it.",
    "Our drops are a natural alternative to antibiotics for ear infections.",
    "Studied for its effects on arthritis, the root is sold here.",
    "I no longer have cold sores. My blood sugar dropped to 110.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return full_pipeline()


@pytest.fixture(scope="module")
def structure(nlp: Language) -> StructureFinder:
    finder: StructureFinder = nlp.get_pipe("kl_medical").structure
    return finder


def _texts() -> list[str]:
    return [*SENTENCES, *corpus_texts("medical.yaml")]


def _doc(nlp: Language, text: str) -> Doc:
    """The Doc as kl_medical gets it: made, and every earlier component run."""
    doc = nlp.make_doc(text)
    doc._.kl_block_kind = "paragraph"
    doc._.kl_text = text
    for name, pipe in nlp.pipeline:
        if name == "kl_medical":
            return doc
        doc = pipe(doc)
    raise AssertionError("kl_medical")


def _spans(structure: StructureFinder, doc: Doc) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label_) for s in structure(doc)]


@pytest.fixture
def fresh_memo(structure: StructureFinder) -> Iterator[None]:
    kept = structure.memo
    structure.memo = SentenceMemo()
    yield
    structure.memo = kept


def test_gated_readings_find_what_every_reading_finds(
    nlp: Language, structure: StructureFinder, fresh_memo: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [_doc(nlp, text) for text in _texts()]
    gated = [_spans(structure, doc) for doc in docs]
    every = tuple(reading for _, reading in READINGS)
    monkeypatch.setattr(structure.reading_table, "at", lambda word: every)
    structure.memo = SentenceMemo()
    assert [_spans(structure, doc) for doc in docs] == gated
    assert sum(map(len, gated)) >= 50  # the corpus holds claims of many forms


def test_a_reading_left_out_reads_nothing_at_its_word(structure: StructureFinder) -> None:
    """Each anchor word in made-up places: a reading its gate leaves out returns None."""
    places = [
        ((), ("migraine", ".")),
        (("our", "tea"), ("the", "flu", "fast", ".")),
        (("cold", "sore", "-"), ("serum", "for", "eczema")),
        (("anti", "-"), ("of", "arthritis", ":", "pain")),
        (("most",), ("with", "allergies", "to", "gout")),
    ]
    tried = 0
    for word in sorted(structure.anchors):
        kept = set(map(id, structure.reading_table.at(word)))
        left_out = [(name, r) for name, r in READINGS if id(r) not in kept]
        for left, right in places:
            words = [*left, word, *right]
            i = len(left)
            terms = structure.vocabulary.find(words)
            term_at = {t.start: t for t in terms}
            spaces = ["" if w == "-" else " " for w in words]
            for name, reading in left_out:
                found = reading(structure, words, spaces, i, terms, term_at, ["winter", "?"])
                assert found is None, (name, words)
                tried += 1
    assert tried > 10_000


def test_the_memo_gives_what_reading_afresh_gives(
    nlp: Language, structure: StructureFinder, fresh_memo: None
) -> None:
    docs = [_doc(nlp, text) for text in _texts()]
    structure.memo = SentenceMemo(max_tokens=0)  # keeps nothing
    afresh = [_spans(structure, doc) for doc in docs]
    structure.memo = SentenceMemo()
    first = [_spans(structure, doc) for doc in docs]
    again = [_spans(structure, doc) for doc in reversed(docs)][::-1]
    assert first == afresh
    assert again == afresh
    assert structure.memo.hits >= structure.memo.misses  # the second round came from it


def test_a_reading_that_looks_back_is_kept_with_what_came_before(
    nlp: Language, structure: StructureFinder, fresh_memo: None
) -> None:
    """The same answer after a question about a disease and after one about the weather."""
    disease = _spans(structure, _doc(nlp, SENTENCES[0]))
    weather = _spans(structure, _doc(nlp, SENTENCES[1]))
    assert disease != weather
    structure.memo = SentenceMemo()
    assert _spans(structure, _doc(nlp, SENTENCES[1])) == weather
    assert _spans(structure, _doc(nlp, SENTENCES[0])) == disease
    logged = [reads for variants in structure.memo.entries.values() for reads, _ in variants]
    assert any(logged) and not all(logged)  # some readings looked back, some did not


def test_watched_logs_each_read_and_what_it_gave() -> None:
    words = Watched(["tired", "of", "pain", "?"])
    assert not words.reads
    assert words and len(words) == 4 and words[-1] == "?" and words[1:3] == ["of", "pain"]
    assert words.reads == [
        ("bool", None, True),
        ("len", None, 4),
        ("item", -1, "?"),
        ("slice", (1, 3, None), ("of", "pain")),
    ]
    words = Watched(["a"])
    assert list(words) == ["a"]  # reads item 0, then item 1 past the end
    assert gives_the_same(words.reads, ["a"])
    assert not gives_the_same(words.reads, ["a", "b"])
    assert not Watched([])


def test_a_log_serves_only_earlier_sentences_that_read_the_same() -> None:
    reads = Watched(["winter", "is", "long", "."])
    assert reads and reads[-1] == "."
    assert gives_the_same(reads.reads, ["our", "tea", "."])
    assert not gives_the_same(reads.reads, ["tired", "of", "pain", "?"])
    assert not gives_the_same(reads.reads, [])
    assert gives_the_same([], ["anything"])


def test_the_memo_is_bounded_by_tokens() -> None:
    memo = SentenceMemo(max_tokens=10)
    for n in range(5):
        memo.put(("s", n), 4, [], ())
    assert memo.tokens <= 10
    assert memo.get(("s", 4), []) == ()
    assert memo.get(("s", 0), []) is None
    memo.put(("big",), 11, [], ())
    assert memo.get(("big",), []) is None
    looked = Watched(["a", "?"])
    assert looked[-1] == "?"
    memo.put(("q",), 2, looked.reads, ())
    assert memo.get(("q",), ["b", "?"]) == ()
    assert memo.get(("q",), ["b", "."]) is None

"""kl_medical's shortcuts of round 8 give what the long way gives (issue 16): the structural
finder's words read once per block (against reading each sentence Token by Token), the
reference, DOI and bracket gates, the three dots of an omission read by id, a drug phrase
looked for only where its first word stands, a gapped cue phrase split once, quoted
testimonials compared by id, and the lexicon Matcher gated by the words a block holds."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from pipeline_stages import corpus_texts, doc_before, full_pipeline
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from kalypso_lint.extract import cues
from kalypso_lint.extract.claim_kinds import DISEASE_TERMS, PRODUCTS_ONLY
from kalypso_lint.extract.claims import StructureFinder
from kalypso_lint.extract.cues import claim_cues, plain_apostrophes
from kalypso_lint.extract.editorial_marks import (
    ELISION,
    INNER_BRACKET,
    elisions,
    has_inner_bracket,
    unbracketed,
)
from kalypso_lint.extract.medical import _QUOTES, MedicalClaimFinder
from kalypso_lint.extract.page_talk import quotes_mention
from kalypso_lint.extract.patterns import compile_patterns
from kalypso_lint.extract.sentence_memo import SentenceMemo
from kalypso_lint.extract.structure_words import contains_phrase
from kalypso_lint.extract.testimonials import inside_quotes

# Written for this test: omissions, editorial brackets, reference entries and DOIs, curly
# apostrophes, answered questions and quoted results, beside claims of several forms.
TEXTS = [
    "Our drops help prevent . . . flu symptoms. They [r]elieve migraine fast.",
    "Helps prevent . . . [t]he common cold. Nothing else . . . Works.",
    "The tea (s)oothes sore throats . . . and calms coughs.",
    "Lee K, Ortiz M. Turmeric for the relief of arthritis pain. 2019;12(3):44-51.",
    "Turmeric eases arthritis pain, doi:10.1000/xyz123 shows how.",
    "See DOI:10.1000/abc for the trial of zinc against colds.",
    "Grant P et al. Garlic lowers blood pressure in adults.",
    "It doesn’t cure diabetes. Our capsules don’t replace insulin.",
    "Can our balm fight eczema? Yes! It soothes it within days.",
    '"My migraines are finally gone," says Dana. "I feel great."',
    "The panic attacks stopped after two sessions of our therapy.",
    "Ketamine infusions relieve migraine pain. Ketamine blocks NMDA receptors.",
    "Migraine relief with ketamine infusions, and no side effects.",
    "Skip the painkillers: our oil is a natural alternative to pain medication for gout.",
    "A safer alternative to the flu shot. Replaces your prescription drugs for reflux.",
    "Avoid blood thinners before the procedure. Ditch the sleeping pills for good.",
    "Not intended to diagnose, treat, cure, or prevent any disease.",
    "Studies show that our gummies support immune health . . . and fight colds.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return full_pipeline()


@pytest.fixture(scope="module")
def finder(nlp: Language) -> MedicalClaimFinder:
    medical: MedicalClaimFinder = nlp.get_pipe("kl_medical")
    return medical


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    return [doc_before(nlp, text, "kl_medical") for text in [*TEXTS, *corpus_texts()]]


def _long_way(structure: StructureFinder, doc: Doc) -> list[tuple[int, int, str]]:
    """The structural finder's spans with each sentence read Token by Token: its words,
    spaces, earlier sentences and ending from its Tokens, every sentence read afresh."""
    found = [(s.start, s.end, s.label_) for s in structure.stories(doc, _lower(doc))]
    text = doc.text
    edited = unbracketed(doc) if INNER_BRACKET.search(text) else {}
    words = [t.lower_ for t in doc]
    wanted = structure.triggers | structure.purpose_words
    if wanted.isdisjoint(words) and not edited:
        return found
    markers = structure.lex.reference_markers
    if (
        contains_phrase(words, markers, 0, len(words))
        or any(w.startswith("doi:") for w in words)
        or structure.cues.reference_entry(text)
    ):
        return found
    sentences = [s.start for s in doc.sents]
    elided = _elisions_long_way(doc, sentences)
    edited = {**edited, **elided}
    starts = [i for i in sentences if i - 1 not in elided]
    for index, (start, end) in enumerate(zip(starts, [*starts[1:], len(doc)], strict=True)):
        tokens = doc[start:end]
        fixed = {t.i - start: edited[t.i] for t in tokens if t.i in edited}
        if wanted.isdisjoint(t.lower_ for t in tokens) and not fixed:
            continue
        said = plain_apostrophes([fixed.get(t.i - start, t.lower_) for t in tokens])
        if fixed and structure.anchors.isdisjoint(said) and wanted.isdisjoint(said):
            continue
        spaces = [t.whitespace_ for t in tokens]
        last = next((w for w in reversed(said) if w.strip()), "")[-1:]
        if last == "?" and end < len(doc) and structure.cues.answers(doc[end].lower_):
            last = "."
        before = plain_apostrophes([t.lower_ for t in doc[starts[max(0, index - 3)] : start]])
        texts = [t.text for t in tokens]
        for claim in structure.sentence_claims(said, spaces, last, before, texts):
            first, last_end = start + claim.start, start + claim.end
            if elided:
                anchor = start + claim.anchor
                own = max(i for i in sentences if i <= anchor)
                own_end = next((i for i in sentences if i > anchor), len(doc))
                first, last_end = max(first, own), min(last_end, own_end)
            label = claim.kind + (PRODUCTS_ONLY if claim.products_only else "")
            found.append((first, last_end, label))
    return found


def _elisions_long_way(doc: Doc, sentences: list[int]) -> dict[int, str]:
    """editorial_marks.elisions as it read the three dots from their Tokens."""
    found: dict[int, str] = {}
    for start in sentences:
        if start < 3 or start >= len(doc):
            continue
        dots = doc[start - 3 : start]
        first = doc[start].text[:1]
        if (
            all(t.text == "." for t in dots)
            and all(t.whitespace_ for t in dots[:2])
            and (first.islower() or first == "[")
        ):
            found.update(dict.fromkeys(range(start - 3, start), ELISION))
    return found


def _lower(doc: Doc) -> list[int]:
    ids: list[int] = doc.to_array(LOWER).tolist()
    return ids


def test_the_structural_finder_reads_what_token_by_token_reading_gives(
    finder: MedicalClaimFinder, docs: list[Doc]
) -> None:
    structure = finder.structure
    kept = structure.memo
    structure.memo = SentenceMemo()
    try:
        for doc in docs:
            long_way = _long_way(structure, doc)
            assert [(s.start, s.end, s.label_) for s in structure(doc)] == long_way, doc.text
            shared = structure(doc, _lower(doc))
            assert [(s.start, s.end, s.label_) for s in shared] == long_way, doc.text
    finally:
        structure.memo = kept
    assert sum(len(_long_way(structure, doc)) for doc in docs[: len(TEXTS)]) >= 15


def test_the_reference_gates_decide_as_the_full_tests(
    nlp: Language, finder: MedicalClaimFinder, docs: list[Doc]
) -> None:
    structure = finder.structure
    extra = ["doi", "DOI:10.1/x", "Doi:5", "et al", "et al.", "eds. et al .", "ÉT AL", "do i:"]
    texts = [*(doc.text for doc in docs), *extra]
    caught = 0
    for text in texts:
        doc = nlp.make_doc(text)
        lower = _lower(doc)
        block = [doc.vocab.strings[i] for i in lower]
        full = (
            contains_phrase(block, structure.lex.reference_markers, 0, len(block))
            or any(w.startswith("doi:") for w in block)
            or structure.cues.reference_entry(text)
        )
        assert structure._reference_entry(block, lower, text) == full, text
        assert has_inner_bracket(text) == bool(INNER_BRACKET.search(text)), text
        caught += full
    assert caught >= 8


def test_omission_dots_read_by_id_are_the_dots_read_by_token(docs: list[Doc]) -> None:
    found = 0
    for doc in docs:
        sentences = [s.start for s in doc.sents]
        long_way = _elisions_long_way(doc, sentences)
        dot = doc.vocab.strings.add(".")
        assert elisions(doc, sentences, _lower(doc), dot) == long_way, doc.text
        found += bool(long_way)
    assert found >= 3


def _drug_target_long_way(
    structure: StructureFinder, words: list[str], start: int, stop: int
) -> int | None:
    """FinderBase._drug_target as it read before the first-word test."""
    lex = structure.lex
    for phrase in lex.drug_words:
        size = len(phrase)
        for j in range(start, min(stop, len(words) - size + 1)):
            if tuple(words[j : j + size]) == phrase:
                return j + size
    for term in structure.vocabulary.find(words[start : stop + 4]):
        if term.start + start >= stop:
            break
        end = term.end + start
        name = " ".join(words[term.start + start : end])
        if term.category == "treatment" and name not in lex.not_drugs:
            return end
        if term.category in DISEASE_TERMS and (
            words[end : end + 1] and words[end] in lex.likeness_drug_nouns
        ):
            return end + 1
    return None


def test_drug_targets_are_found_where_every_phrase_is_tried(
    finder: MedicalClaimFinder, docs: list[Doc]
) -> None:
    structure = finder.structure
    found = 0
    for doc in docs:
        words = plain_apostrophes([t.lower_ for t in doc])
        for i in range(len(words)):
            target = structure._drug_target(words, i + 1, i + 10)
            assert target == _drug_target_long_way(structure, words, i + 1, i + 10), (i, words)
            found += target is not None
    assert found >= 50


def _gapped_long_way(
    words: Sequence[str],
    phrase: tuple[str, ...],
    start: int,
    end: int,
    first_at: int | None,
    unless_next: frozenset[str],
    gap: int,
) -> bool:
    """cues._gapped as it read before its pieces were kept and first words compared."""
    parts: list[tuple[str, ...]] = []
    current: list[str] = []
    for word in phrase:
        if word == cues.GAP:
            parts.append(tuple(current))
            current = []
        else:
            current.append(word)
    parts.append(tuple(current))

    def match(part: int, at: int, limit: int) -> bool:
        piece = parts[part]
        for i in range(at, min(limit, end - len(piece) + 1)):
            if tuple(words[i : i + len(piece)]) == piece:
                if part + 1 == len(parts):
                    after = words[i + len(piece)] if i + len(piece) < len(words) else ""
                    if after not in unless_next:
                        return True
                    continue
                nxt = i + len(piece)
                if match(part + 1, nxt, nxt + gap + 1):
                    return True
        return False

    return match(0, start, end if first_at is None else first_at + 1)


def test_gapped_cue_phrases_match_as_split_afresh(docs: list[Doc]) -> None:
    made_up = [
        ("no", "...", "will", "cure"),
        ("...", "alone"),
        ("not", "...", "...", "a", "cure"),
        ("nothing",),
    ]
    phrases = {p for cue in claim_cues().classes for p in cue.phrases if cues.GAP in p}
    phrases.update(made_up)
    sentences = [plain_apostrophes([t.lower_ for t in doc]) for doc in docs]
    sentences += [["no", "pill", "alone", "will", "cure", "a", "cold", "."], ["alone"]]
    matched = 0
    for words in sentences:
        for phrase in sorted(phrases):
            # Past the end and from before the start too (the slices decide there).
            places = ((0, len(words), None), (2, 7, None), (1, 9, 1), (-3, len(words) + 4, None))
            for start, end, first_at in places:
                args = (words, phrase, start, end, first_at, frozenset({"only"}), 3)
                assert cues._gapped(*args) == _gapped_long_way(*args), (phrase, words)
                matched += _gapped_long_way(*args)
    assert matched >= 10


def _testimonials_long_way(finder: MedicalClaimFinder, doc: Doc) -> list[Span]:
    """MedicalClaimFinder._testimonials as it read the words of Tokens."""
    found = []
    quoted_block = doc._.kl_block_kind == "quote"
    for sentence in doc.sents:
        words = {t.lower_ for t in sentence}
        personal = words & finder.lex.first_person or any(
            e.label_ == "CONDITION" for e in sentence.ents
        )
        if not (personal and words & finder.lex.outcome_words):
            continue
        if quoted_block or (_QUOTES.search(sentence.text) and not quotes_mention(sentence.text)):
            start, end = inside_quotes(doc, sentence.start, sentence.end)
            found.append(Span(doc, start, end, label="testimonial"))
    return found


def test_quoted_testimonials_by_id_are_those_read_by_token(
    finder: MedicalClaimFinder, docs: list[Doc]
) -> None:
    found = 0
    for doc in docs:
        for kind in ("paragraph", "quote"):
            doc._.kl_block_kind = kind
            long_way = _testimonials_long_way(finder, doc)
            assert finder._testimonials(doc, _lower(doc)) == long_way, doc.text
            found += len(long_way)
        doc._.kl_block_kind = "paragraph"
    assert found >= 10


def test_the_gated_lexicon_matcher_finds_what_one_matcher_finds(
    nlp: Language, finder: MedicalClaimFinder, docs: list[Doc]
) -> None:
    """The nine patterns in one Matcher, label by label as medical.py added them before."""
    plain = Matcher(nlp.vocab, validate=False)
    for label, patterns in finder.lex.patterns.items():
        plain.add(label, compile_patterns(nlp.vocab, patterns))
    found = 0
    for doc in docs:
        whole = list(plain(doc))
        assert finder.matcher(doc) == whole, doc.text
        assert list(finder.matcher.full(doc)) == whole, doc.text
        found += len(whole)
    assert found >= 20

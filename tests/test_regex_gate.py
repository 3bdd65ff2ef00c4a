"""A phrase rule's regular expression is skipped only on texts it cannot match (issue 16,
extract/regex_gate.py); the citation expressions, tried one by one behind their gates,
decide as their alternation did (extract/citations.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from kalypso_lint.catalog import build_rulebook
from kalypso_lint.extract import PageExtractor
from kalypso_lint.extract.citations import citation_rules
from kalypso_lint.extract.phrases import PHRASES_SPANS_KEY
from kalypso_lint.extract.regex_gate import literal_gate

CORPUS = Path(__file__).resolve().parent / "corpus"

# Written for this test: expressions of every shape the gate reads, and texts for them.
PATTERNS = [
    r"(?i)\bbacked\s+by\s+science",
    r"(?i)(?<!clinically )\b(?:proven|shown)\s+to\s+(?:cure|heal)",
    r"(?i)\b(?:efficacy|effectiveness)\s+of\s+(?:\w+\s+){1,3}has",
    r"(?i)\bno\s+(?:other\s+)?(?:pill|tea)s?\s+(?:is|are)\s+(?:safer|better)",
    r"(?i)(research)+[- ]based",
    r"Doctor[- ]Approved",
    r"\d+% (?:natural|organic)",
    r"(?i)a|b",
    r"(?i:shown) to work",
    r"(?x) backed \s+ by",
    r"(?<=[a-z.])[¹²³]+",
    r"step [\[(]\d",
]
TEXTS = [
    "Our tea is backed by science.",
    "BACKED   BY SCIENCE, they say.",
    "Proven to cure colds.",
    "clinically proven to cure colds.",
    "Shown to heal wounds fast.",
    "The effectiveness of this warm tea has surprised us.",
    "The efficacy of tea has been studied.",
    "No other pills are safer.",
    "no teas is better",
    "Research-based care. researchresearch based.",
    "Doctor-Approved balm; doctor approved balm.",
    "100% natural, 50% Organic.",
    "A cup a day.",
    "ſhown to work, and ſhown to cure colds.",  # a long s folds to "s" without case
    "Kept warm: the ﬁnest tea, proven to heal.",
    "Zinc shortens colds.² See the trial.¹³ step [2] and step (3).",
    "",
]


def test_a_gate_never_turns_away_a_text_the_expression_matches() -> None:
    gated = 0
    for raw in PATTERNS:
        pattern = re.compile(raw)
        gate = literal_gate(pattern)
        gated += gate is not None
        for text in TEXTS:
            lowered = text.lower() if text.isascii() else None
            if pattern.search(text):
                assert gate is None or gate.may_match(text, lowered), (raw, text)
    assert gated >= 8


def test_gates_read_the_required_words() -> None:
    gate = literal_gate(re.compile(r"(?i)\b(?:has|have|had)\s+(?:been\s+)?shown"))
    assert gate is not None and gate.strings == frozenset({"shown"})
    gate = literal_gate(re.compile(r"(?i)\bno\s+(?:other\s+)?(?:pill|tea)s?\s+is"))
    assert gate is not None and gate.strings == frozenset({"pill", "tea"})
    assert literal_gate(re.compile(r"\w+\s+\d+")) is None
    assert literal_gate(re.compile(r"(?:a|)b?")) is None
    gate = literal_gate(re.compile(r"(?<=[a-z.,;])[¹²³]+"))
    assert gate is not None and gate.strings == frozenset("¹²³")
    assert literal_gate(re.compile(r"[^¹²]x?")) is None  # a negated class names no character
    assert literal_gate(re.compile(r"[a-c]")) is None  # nor does a range (not read)
    gate = literal_gate(re.compile(r"(?i)Backed"))
    assert gate is not None and not gate.may_match("Our tea.", "our tea.")
    assert gate.may_match("Our téa.", None)  # not ASCII: the expression decides


def test_the_bundled_expressions_have_gates() -> None:
    patterns = [p for rule in build_rulebook().phrase_rules for p in rule.spec()["patterns"]]
    assert patterns
    assert all(literal_gate(re.compile(p)) is not None for p in patterns)


@pytest.fixture(scope="module")
def nlp() -> Language:
    specs = tuple(rule.spec() for rule in build_rulebook().phrase_rules)
    return PageExtractor((), specs, memo_chars=0).nlp


def test_phrase_hits_are_the_same_without_the_gates(nlp: Language) -> None:
    cases = yaml.safe_load((CORPUS / "medical.yaml").read_text(encoding="utf-8"))
    texts = [*TEXTS, *(case["text"] for case in cases)]
    finder = nlp.get_pipe("kl_phrases")

    def hits() -> list[list[tuple[int, int, str]]]:
        found = []
        for doc in nlp.pipe(texts):
            found.append([(s.start, s.end, s.label_) for s in doc.spans[PHRASES_SPANS_KEY]])
        return found

    gated = hits()
    kept = finder.regexes
    finder.regexes = [(label, pattern, None) for label, pattern, _ in kept]
    try:
        assert hits() == gated
    finally:
        finder.regexes = kept
    assert any(any(label.startswith("KL305") for *_, label in doc) for doc in gated)


def test_citation_expressions_one_by_one_decide_as_their_alternation() -> None:
    """CitationRules tries each expression where its gate lets it (extract/citations.py); the
    expressions joined in one alternation, as before, find a citation in the same texts."""
    rules = citation_rules()
    joined = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in rules.text))
    cases = yaml.safe_load((CORPUS / "medical.yaml").read_text(encoding="utf-8"))
    texts = [
        *TEXTS,
        *(case["text"] for case in cases),
        # Written for this test: each kind of citation the expressions read, and near misses.
        "Zinc helps (Reyes et al., 2019) and (Park and Lee, 2021).",
        "As shown [3, 5-7] and [^note].",
        "doi: 10.1000/abc12 and PMID 4455.",
        "J Nutr. 2018 says so; Journal of Sleep. 2020 too.",
        "Sleep improved.² Pain fell by half.",
        "In 2019 we opened; call 10.30 am; doi is a word.",
    ]
    found = 0
    for text in texts:
        one_by_one = any(pattern.search(text) for pattern, _ in rules.text)
        assert one_by_one == bool(joined.search(text)), text
        journal = any(m in text for m in rules.journal_markers) and bool(
            rules.journals.search(text)
        )
        assert rules.cites_in_text(text) == (one_by_one or journal), text
        found += one_by_one
    assert found >= 6

"""The `kl_numbers` spaCy component: finds numeric claims and reads their value, unit and qualifier.

Two Matchers and a PhraseMatcher, all compiled once when the pipeline is built:
1. number spans ("forty-nine million", "1.2B", "one-third") are parsed and merged into one
   token each, whose NORM becomes "<num>", "<frac>" or "<times>";
2. in one pass, quantity patterns over those tokens say what kind of figure it is (percent,
   money, ...) and non-claim patterns (phones, dates, times, addresses, citations) find what
   vetoes an overlapping figure;
3. a PhraseMatcher finds qualifiers ("almost", "more than", "up to") right before a figure.
Python only validates and computes values (numparse) and applies context guards. A block
without a number cue (a digit, a number word, "half", "twice"...) skips all of it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.attrs import IDX, LIKE_NUM, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kalypso_lint.extract.guards import NOT_A_CLAIM, NumericReading
from kalypso_lint.extract.lexicon import NumericLexicon, numeric_lexicon
from kalypso_lint.extract.numparse import ParsedNumber, parse_number
from kalypso_lint.extract.pattern_gate import GatedMatcher
from kalypso_lint.extract.patterns import (
    Pattern,
    WordFlag,
    compile_patterns,
    is_optional,
    lexeme_getters,
    word_flag,
)
from kalypso_lint.extract.readers import QuantityReaders
from kalypso_lint.extract.windows import CueWindows

NUMERIC_SPANS_KEY = "kl_numeric"


def register_extensions() -> None:
    """Idempotent: spaCy extensions are process-wide, so register them once."""
    if not Token.has_extension("kl_number"):
        Token.set_extension("kl_number", default=None)
    if not Span.has_extension("kl_reading"):
        Span.set_extension("kl_reading", default=None)


@Language.factory(
    "kl_numbers",
    assigns=["doc.spans"],
    default_config={"spans_key": NUMERIC_SPANS_KEY},
)
def make_numeric_finder(nlp: Language, name: str, spans_key: str) -> NumericClaimFinder:
    return NumericClaimFinder(nlp, spans_key)


class NumericClaimFinder(QuantityReaders):
    def __init__(self, nlp: Language, spans_key: str = NUMERIC_SPANS_KEY) -> None:
        register_extensions()
        self.spans_key = spans_key
        self.lex: NumericLexicon = numeric_lexicon()
        vocab = nlp.vocab
        # Patterns were validated against spaCy's schema by the tests; compiled ones may hold
        # lexeme flags (extract/patterns.py), which the schema does not know.
        self.number_matcher = Matcher(vocab, validate=False)
        self.number_matcher.add("NUMBER", compile_patterns(vocab, self.lex.number_patterns))
        # "a single visit", "within a week": tried only in blocks holding "single" or
        # "within" (their lower-case ids looked up in one array), not at every "a" of every
        # block (round 9).
        self.one_matcher = Matcher(vocab, validate=False)
        self.one_matcher.add("NUMBER", compile_patterns(vocab, self.lex.one_patterns))
        self.one_leads = tuple(vocab.strings.add(word) for word in sorted(self.lex.one_leads))
        # Each stretch of tokens goes through only the patterns that can match in it
        # (extract/pattern_gate.py): the same matches, in the same order, as one Matcher.
        self.figure_matcher = GatedMatcher(
            vocab, [*self.lex.quantity_patterns.items(), *self.lex.non_claim_patterns.items()]
        )
        self.non_claim_ids = frozenset(vocab.strings[name] for name in self.lex.non_claim_patterns)
        self.cue_flag = self._cue_flag(nlp)
        # The figure Matcher sees only the tokens around number cues (extract/windows.py). The
        # number Matcher (cheap: 2 µs a token) gained less than its windows cost, measured.
        cue_words = self._cue_words()

        def takes_only_cues(step: dict[str, Any]) -> bool:
            return _step_needs_cue(step, cue_words)

        self.figure_windows = CueWindows.build(
            vocab,
            [
                *(p for group in self.lex.quantity_patterns.values() for p in group),
                *(p for group in self.lex.non_claim_patterns.values() for p in group),
            ],
            takes_only_cues,
            self.cue_flag,
            _CUE_NORMS,
        )
        self.qualifier_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for canonical in sorted(set(self.lex.qualifiers.values())):
            phrases = [p for p, c in self.lex.qualifiers.items() if c == canonical]
            self.qualifier_matcher.add(canonical, [nlp.make_doc(p) for p in phrases])

    # -- the cue: can this block hold a figure at all? ---------------------------------
    def _cue_words(self) -> frozenset[str]:
        lex = self.lex
        words = {
            *lex.units,
            *lex.tens,
            *lex.scales,
            *lex.denominators,
            *lex.multiplier_words,
            *lex.one_leads,
        }
        plurals = {f"{w}s" for w in lex.scales if w.isalpha() and len(w) > 5}  # "millions"
        return frozenset(w.lower() for w in (*words, *plurals, "dozen", "half"))

    def _cue_flag(self, nlp: Language) -> int | None:
        """A lexeme flag for "digit, number word or multiplier word", if every number and
        quantity pattern needs such a token; None (no shortcut) when one does not."""
        words = self._cue_words()
        patterns = [*self.lex.number_patterns]
        for group in self.lex.quantity_patterns.values():
            patterns.extend(group)
        if not all(_needs_cue(pattern, words) for pattern in patterns):
            return None
        return word_flag(nlp.vocab, _NumberCue(nlp, words))

    def _has_cue(self, doc: Doc) -> bool:
        if self.cue_flag is None:
            return True
        return bool(doc.count_by(self.cue_flag).get(1))

    # -- stage 1: numbers -------------------------------------------------------------
    def _merge_numbers(self, doc: Doc) -> None:
        found = self.number_matcher(doc, as_spans=True)
        lowers = doc.to_array(LOWER)  # an array: each comparison runs in C
        if any((lowers == lead).any() for lead in self.one_leads):
            found = [*found, *self.one_matcher(doc, as_spans=True)]
        candidates = filter_spans(found)
        parsed: dict[int, ParsedNumber] = {}
        merges: list[Span] = []
        for span in candidates:
            # A candidate may hold several numbers ("twelve and fifteen"): parse them in turn.
            index = span.start
            while index < span.end:
                number = parse_number([t.text for t in doc[index : span.end]], self.lex)
                if number is None:
                    index += 1
                    continue
                parsed[doc[index].idx] = number
                if number.used > 1:
                    merges.append(doc[index : index + number.used])
                index += number.used
        if merges:
            with doc.retokenize() as retokenizer:
                for span in merges:
                    retokenizer.merge(span)
        if not parsed:
            return
        # Token offsets in bulk: a Token object per word of the block was most of this loop.
        for index, offset in enumerate(doc.to_array(IDX).tolist()):
            number = parsed.get(offset)
            if number is not None:
                token = doc[index]
                token._.kl_number = number
                token.norm_ = (
                    "<frac>" if number.fraction else "<times>" if number.times else "<num>"
                )

    # -- stage 2: figures and vetoes ---------------------------------------------------
    def _figures(self, doc: Doc) -> tuple[list[Span], list[tuple[int, int]]]:
        """Every quantity span, in the Matcher's order, and the non-claim vetoes."""
        quantities: list[Span] = []
        non_claims: list[tuple[int, int, int]] = []
        for match_id, start, end in _matches(self.figure_matcher, self.figure_windows, doc):
            if match_id in self.non_claim_ids:
                non_claims.append((match_id, start, end))
            else:
                quantities.append(Span(doc, start, end, label=match_id))
        return quantities, self._non_claims(doc, non_claims)

    def _non_claims(self, doc: Doc, matches: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
        vetoes = []
        for match_id, start, end in matches:
            label = doc.vocab.strings[match_id]
            if label == "phone_short" and end < len(doc):
                following = doc[end].lower_
                # "300-1200 people" is a range; "555-0134" alone is a phone number.
                if following in self.lex.person_nouns or following in self.lex.percent:
                    continue
                if following in self.lex.time_units or following in self.lex.currencies:
                    continue
                if following in self.lex.measure_units:  # "300-1250mg" is a dose range
                    continue
            vetoes.append((start, end))
        return vetoes

    # -- stage 3: qualifiers ----------------------------------------------------------
    def _qualifiers(self, doc: Doc) -> dict[int, tuple[int, str]]:
        """Qualifier phrases by the token index they end at: end -> (start, canonical)."""
        found: dict[int, tuple[int, str]] = {}
        for match_id, start, end in self.qualifier_matcher(doc):
            if end not in found or start < found[end][0]:
                found[end] = (start, doc.vocab.strings[match_id])
        return found

    def _trailing_qualifier(self, doc: Doc, end: int) -> tuple[int, str | None]:
        if end < len(doc) and doc[end].text == "+":
            return end + 1, self.lex.trailing_qualifiers["+"]
        if end + 1 < len(doc):
            pair = f"{doc[end].lower_} {doc[end + 1].lower_}"
            if pair in self.lex.trailing_qualifiers:
                return end + 2, self.lex.trailing_qualifiers[pair]
        return end, None

    def __call__(self, doc: Doc) -> Doc:
        if not self._has_cue(doc):
            doc.spans[self.spans_key] = []
            return doc
        self._merge_numbers(doc)
        quantities, vetoes = self._figures(doc)
        qualifiers = self._qualifiers(doc)
        # Longest quantity first; when it does not read ("from 14 weeks to 5 weeks" is no
        # range), the shorter matches inside it still get their turn.
        candidates = sorted(quantities, key=lambda s: (s.start - s.end, s.start))
        taken: set[int] = set()
        accepted: list[tuple[Span, NumericReading]] = []
        for span in candidates:
            if taken.intersection(range(span.start, span.end)):
                continue
            if any(start < span.end and span.start < end for start, end in vetoes):
                # "7–9 p.m.": the vetoed span keeps its parts ("7") from being read alone.
                taken.update(range(span.start, span.end))
                continue
            reading = self._read(doc, span)
            if reading is NOT_A_CLAIM:
                taken.update(range(span.start, span.end))  # its parts are no claims either
                continue
            if reading is None:
                continue
            taken.update(range(span.start, span.end))
            accepted.append((span, reading))
        found: list[Span] = []
        for span, reading in sorted(accepted, key=lambda pair: pair[0].start):
            start, end = span.start, span.end
            trail_end, trailing = self._trailing_qualifier(doc, end)
            qualifier = reading.qualifier or trailing
            if trailing:
                end = trail_end
            if start in qualifiers and qualifier is None:
                qual_start, qualifier = qualifiers[start]
                if not self._qualifies(doc, qual_start, qualifier, reading):
                    qualifier = None
                else:
                    start = qual_start
            if qualifier is None and self._needs_qualifier(span):
                continue
            reading = self._age_from_context(doc, start, span, reading, qualifier)
            claim = Span(doc, start, end, label=reading.kind)
            claim._.kl_reading = replace(reading, qualifier=qualifier)
            found.append(claim)
        doc.spans[self.spans_key] = found
        return doc


def _matches(
    matcher: GatedMatcher, windows: CueWindows | None, doc: Doc
) -> list[tuple[int, int, int]]:
    """The matcher's matches in `doc`, found in its cue windows when it has them."""
    if windows is None:
        return matcher(doc)
    return windows.matches(matcher, doc)


class _NumberCue(WordFlag):
    """Lexeme flag getter: a word that can start or anchor a figure."""

    def __init__(self, nlp: Language, words: frozenset[str]) -> None:
        self.key = ("kl_number_cue", words)
        self.like_num = lexeme_getters(nlp.vocab)[LIKE_NUM]
        self.words = words

    def __call__(self, text: str) -> bool:
        if text.lower() in self.words or self.like_num(text):
            return True
        return any(char.isdigit() for char in text)


_CUE_NORMS = frozenset({"<num>", "<frac>", "<times>"})  # only ever set on a number


def _step_needs_cue(step: dict[str, Any], words: frozenset[str]) -> bool:
    """Whether every token this step accepts passes the number cue."""
    if is_optional(step):
        return False  # may match no token at all
    if step.get("NORM") in _CUE_NORMS or step.get("LIKE_NUM") is True:
        return True
    for attr in ("LOWER", "SHAPE"):
        value = step.get(attr)
        members = value.get("IN") if isinstance(value, dict) else [value]
        if value is None or not isinstance(members, list):
            continue
        if attr == "LOWER" and all(isinstance(m, str) and m in words for m in members):
            return True
        if attr == "SHAPE" and all(isinstance(m, str) and "d" in m for m in members):
            return True
    return False


def _needs_cue(pattern: Pattern, words: frozenset[str]) -> bool:
    return any(_step_needs_cue(step, words) for step in pattern)

"""Testimonials the structural finder reads: results told as a story (issue 13).

Two Matchers over data/claim_structure.yaml's patterns (and data/common_forms.yaml's
recoveries, round 13): results a sentence names ("my pain was gone", quoted or not) and
stories that need a term in the sentence or the one before ("my blood sugar dropped").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from kalypso_lint.extract.common_forms import CommonLexicon
from kalypso_lint.extract.cues import plain_apostrophes
from kalypso_lint.extract.pattern_gate import GatedMatcher
from kalypso_lint.extract.patterns import lower_words
from kalypso_lint.extract.structure_lexicon import StructureLexicon
from kalypso_lint.extract.vocabulary import Vocabulary

_TOLD_PLAIN = "told-plain"
_TOLD_RECOVERY = "told-recovery"
_QUOTED = "testimonial-quoted"
_TOLD_TERMS = frozenset({"condition", "agent", "symptom", "marker", "treatment"})


class TestimonialFinder:
    """The testimonial Matchers, built once with the structural finder; `vocabulary` loads
    the medical vocabulary on first use (a page without a story never needs it)."""

    def __init__(
        self,
        nlp: Language,
        lex: StructureLexicon,
        common: CommonLexicon,
        vocabulary: Callable[[], Vocabulary],
    ) -> None:
        self.lex = lex
        self._vocabulary = vocabulary
        strings = nlp.vocab.strings
        self.testimonial_ids = frozenset(strings.add(w) for w in lex.testimonial_results)
        # Each run sees only the patterns whose words the sentence holds (pattern_gate.py).
        self.testimonials = GatedMatcher(
            nlp.vocab,
            [("testimonial", lex.testimonial_patterns), (_QUOTED, lex.testimonial_quoted)],
            compile_flags=False,
        )
        self.quoted_id = strings.add(_QUOTED)
        # Every step after a pattern's first is IS_SENT_START: false, so a match lies within
        # one sentence: the Matcher need only see the sentences that can keep one.
        self.testimonials_by_sentence = all(
            all(step.get("IS_SENT_START") is False for step in pattern[1:])
            for pattern in (*lex.testimonial_patterns, *lex.testimonial_quoted)
        )
        # The words a match can start with, when every pattern's first step names them.
        self.testimonial_starts = first_words(
            [*lex.testimonial_patterns, *lex.testimonial_quoted], strings
        )
        self.told_ids = frozenset(
            strings.add(w)
            for w in (*lex.testimonial_told_words, *common.told_gate, *common.told_plain_gate)
        )
        self.told = GatedMatcher(
            nlp.vocab,
            [
                ("told", [*lex.testimonial_told, *lex.testimonial_used]),
                # Stories that are results in themselves, with or without a term (round 6).
                (_TOLD_PLAIN, [*lex.testimonial_told_plain, *common.told_plain_patterns]),
                # Round 13: recoveries told by the person; a body function counts as the term.
                (_TOLD_RECOVERY, common.told_patterns),
            ],
            compile_flags=False,
        )

    def __call__(self, doc: Doc, lower: list[int]) -> list[Span]:
        """Both readings' spans, the result sentences first; `lower` holds the LOWER ids."""
        spans: list[Span] = []
        if not self.testimonial_ids.isdisjoint(lower):
            spans.extend(self._testimonials(doc, lower))
        if not self.told_ids.isdisjoint(lower):
            spans.extend(self._told(doc))
        return spans

    def _told(self, doc: Doc) -> list[Span]:
        """Results told as a story ("my blood sugar dropped to 115", "I no longer have cold
        sores"): a testimonial when the sentence or the one before names a term."""
        spans: list[Span] = []
        done: set[int] = set()
        plain = doc.vocab.strings[_TOLD_PLAIN]
        recovery = doc.vocab.strings[_TOLD_RECOVERY]
        for match_id, start, _end in self.told(doc):
            sentence = doc[start].sent
            if sentence.start in done:
                continue
            before = doc[sentence.start - 1].sent if sentence.start > 0 else None
            named = match_id == plain
            told_terms = _TOLD_TERMS | {"function"} if match_id == recovery else _TOLD_TERMS
            for part in (sentence, before):
                if part is not None and not named:
                    words = plain_apostrophes([t.lower_ for t in part])
                    named = any(
                        t.category in told_terms for t in self._vocabulary().find(words)
                    ) or any((w,) in self.lex.drug_words for w in words)
            if named:
                done.add(sentence.start)
                start, end = sentence.start, last_word(sentence)
                if match_id == plain:
                    # A quoted story ('"It gave me my life back." —') is the words inside the
                    # quotes, as kl_medical's quoted testimonials are, so the two are one.
                    start, end = inside_quotes(doc, start, end)
                spans.append(Span(doc, start, end, label="testimonial"))
        return spans

    def _testimonials(self, doc: Doc, lower: list[int]) -> list[Span]:
        """A sentence per match in a sentence holding a result word (`testimonial_results`)."""
        if self.testimonials_by_sentence:
            # The same spans, in the same order, as matching the whole block (issue 16: this
            # Matcher, with its `{0,10}` steps, cost about 14 µs a token over whole blocks).
            spans = []
            starts = self.testimonial_starts
            bits: list[int] | None = None
            for sentence in doc.sents:
                ids = lower[sentence.start : sentence.end]
                if self.testimonial_ids.isdisjoint(ids):
                    continue
                if starts is not None and starts.isdisjoint(ids):
                    continue
                if bits is None:
                    bits = self.testimonials.doc_bits(doc)
                found = self.testimonials.matches_in(sentence, bits[sentence.start : sentence.end])
                for match_id, _start, _end in found:
                    spans.append(self._testimonial(doc, sentence, match_id))
            return spans
        spans = []
        for match_id, start, _end in self.testimonials(doc):
            sentence = doc[start].sent
            words = {t.lower_ for t in sentence}
            if words.isdisjoint(self.lex.testimonial_results):
                continue
            spans.append(self._testimonial(doc, sentence, match_id))
        return spans

    def _testimonial(self, doc: Doc, sentence: Span, match_id: int) -> Span:
        """The matched sentence's span: its words inside the quotes for a quoted match."""
        start, end = sentence.start, last_word(sentence)
        if match_id == self.quoted_id:
            start, end = inside_quotes(doc, start, end)
        return Span(doc, start, end, label="testimonial")


def first_words(patterns: list[Any], strings: StringStore) -> frozenset[int] | None:
    """The ids of the lower-case words the patterns' matches can start with; None when a
    pattern's first step may be skipped or is not a plain `LOWER` list."""
    words: set[int] = set()
    for pattern in patterns:
        first = pattern[0]
        members = lower_words(first)
        if members is None or set(first) != {"LOWER"}:
            return None
        words.update(strings.add(word) for word in members)
    return frozenset(words)


def inside_quotes(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """`start:end` without the quote marks, the dash before an attribution and the white
    space around the words (a final ".", "!" or "?" stays): a quoted testimonial's words,
    for kl_medical's quoted results and this module's told stories alike."""
    while end - start > 1 and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in ".!?")
    ):
        end -= 1
    while end - start > 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def last_word(sentence: Span) -> int:
    end = sentence.end
    while end > sentence.start + 1 and (sentence.doc[end - 1].is_space):
        end -= 1
    return end

"""A Matcher that runs, on each stretch of tokens, only the patterns that can match there.

spaCy's Matcher starts a state for every pattern at every token, so its cost grows with the
number of patterns (the figure Matcher: 78 patterns, about 10 µs a token, issue 16). Most
patterns need words that few stretches hold: "percent", a month, a currency sign, a phone
number's shape. Each pattern's required steps (no `?`, `*` or `!`) each bring one test that
every token the step takes passes: the step's NORM, or its LOWER, ORTH or SHAPE value or
`IN` list. A stretch of tokens is run through a Matcher holding only the patterns whose tests
all pass on some token of the stretch; Matchers are built once per set of such patterns.

This changes no match and no order. The Matcher's states advance independently: each
pattern's states see the same tokens whatever else the Matcher holds, its states are kept
in the order they were made and a match is reported when its state finishes. A pattern left
out cannot match in the stretch (one of its required steps finds no token), so its states
only die and report nothing; the patterns kept report the same matches in the same order.
Patterns are added label by label as in the full Matcher, which is kept for the whole list
(tests/test_pattern_gate.py compares the two).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.attrs import NORM, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from kalypso_lint.extract.patterns import Pattern, WordTable, compile_patterns

# Lexeme attributes a step's value is compared with, as the Matcher compares them.
_WORD_ATTRS = ("LOWER", "ORTH", "SHAPE")
# Steps that take at least one token.
_REQUIRED_OPS = ("", "1", "+")
# At most this many Matchers are built; beyond, the full one serves.
MAX_MATCHERS = 256
# At most this many sets of tests and of patterns are remembered with their Matcher.
MAX_KEYS = 4096
# A Matcher built for other patterns serves when it holds at most this many patterns more.
SPARE = 12

Match = tuple[int, int, int]
# (attribute, accepted string ids): one test of a required step.
_Test = tuple[str, frozenset[int]]


def _step_test(step: dict[str, Any], strings: Any) -> _Test | None:
    """One condition every token the step accepts passes, or None (no such condition)."""
    if str(step.get("OP", "")) not in _REQUIRED_OPS:
        return None
    for attr, value in step.items():
        name = attr.upper()
        if name != "NORM" and name not in _WORD_ATTRS:
            continue
        if isinstance(value, str):
            return name, frozenset({strings.add(value)})
        if isinstance(value, dict) and set(value) == {"IN"}:
            members = value["IN"]
            if isinstance(members, list) and all(isinstance(m, str) for m in members):
                return name, frozenset(strings.add(m) for m in members)
    return None


class GatedMatcher:
    """`Matcher.add(label, patterns)` for each group in turn, run pattern by pattern where
    the patterns can match."""

    def __init__(
        self,
        vocab: Vocab,
        groups: Sequence[tuple[str, Sequence[Pattern]]],
        compile_flags: bool = True,
    ) -> None:
        """`compile_flags`: with `IN` sets as lexeme flags (extract/patterns.py), or as
        written."""
        self.vocab = vocab
        self._full: Matcher | None = None
        # (group index, label, compiled pattern, bits of the tests it needs)
        self._entries: list[tuple[int, str, Pattern, int]] = []
        tests: dict[_Test, int] = {}
        for group, (label, patterns) in enumerate(groups):
            compiled = compile_patterns(vocab, patterns) if compile_flags else list(patterns)
            for raw, pattern in zip(patterns, compiled, strict=True):
                needs = 0
                for step in raw:
                    test = _step_test(step, vocab.strings)
                    if test is not None:
                        needs |= 1 << tests.setdefault(test, len(tests))
                self._entries.append((group, label, pattern, needs))
        # Per attribute, value id -> the bits of the tests that accept it.
        by_value: dict[str, dict[int, int]] = {name: {} for name in ("NORM", *_WORD_ATTRS)}
        for (attr, ids), bit in tests.items():
            accepts = by_value[attr]
            for value in ids:
                accepts[value] = accepts.get(value, 0) | 1 << bit
        self._norm_bits = by_value["NORM"]
        lowers, orths, shapes = by_value["LOWER"], by_value["ORTH"], by_value["SHAPE"]

        def word_bits(orth: int) -> int:
            lexeme = vocab[orth]
            return lowers.get(lexeme.lower, 0) | orths.get(orth, 0) | shapes.get(lexeme.shape, 0)

        # Word id -> the bits of the word tests it passes.
        self._word_bits = WordTable(word_bits)
        # Bits present in a stretch -> the Matcher of the patterns that can match there.
        self._by_bits: dict[int, Matcher] = {}
        # The patterns kept (bit i: the i-th pattern) -> the Matcher that serves them.
        self._by_patterns: dict[int, Matcher] = {}
        # The Matchers built: their patterns and themselves.
        self._built: list[tuple[int, Matcher]] = []

    def token_bits(self, orths: list[int], norms: list[int]) -> list[int]:
        """Per token, the bits of the tests it passes (`orths`, `norms`: the tokens' ids)."""
        table, norm_bits = self._word_bits, self._norm_bits
        return [
            table[orth] | norm_bits.get(norm, 0) for orth, norm in zip(orths, norms, strict=True)
        ]

    def matcher_for(self, bits: int) -> Matcher:
        """A Matcher holding every pattern whose tests are all among `bits` (and perhaps a
        few more, which cannot match either: building a Matcher costs about as much as
        running one over 3,000 tokens)."""
        matcher = self._by_bits.get(bits)
        if matcher is not None:
            return matcher
        kept = 0
        for index, (_, _, _, needs) in enumerate(self._entries):
            if needs & bits == needs:
                kept |= 1 << index
        matcher = self._by_patterns.get(kept)
        if matcher is None:
            matcher = self._reuse(kept)
            if len(self._by_patterns) < MAX_KEYS:
                self._by_patterns[kept] = matcher
        if len(self._by_bits) < MAX_KEYS:
            self._by_bits[bits] = matcher
        return matcher

    def _reuse(self, kept: int) -> Matcher:
        """A Matcher built for a few patterns more than `kept`, else a new one."""
        if not kept:
            return self._build(0)  # holds nothing: never run
        size = kept.bit_count()
        best: tuple[int, Matcher] | None = None
        for patterns, matcher in self._built:
            extra = patterns.bit_count() - size
            if kept & ~patterns == 0 and extra <= SPARE and (best is None or extra < best[0]):
                best = (extra, matcher)
        if best is not None:
            return best[1]
        if len(self._built) >= MAX_MATCHERS or kept == (1 << len(self._entries)) - 1:
            return self.full
        matcher = self._build(kept)
        self._built.append((kept, matcher))
        return matcher

    @property
    def full(self) -> Matcher:
        """The Matcher of every pattern (built when first asked for)."""
        if self._full is None:
            self._full = self._build((1 << len(self._entries)) - 1)
        return self._full

    def _build(self, kept: int) -> Matcher:
        matcher = Matcher(self.vocab, validate=False)
        group: list[Pattern] = []
        current: tuple[int, str] | None = None
        for index, (number, label, pattern, _) in enumerate(self._entries):
            if not kept >> index & 1:
                continue
            if current is not None and current[0] != number:
                matcher.add(current[1], group)
                group = []
            current = (number, label)
            group.append(pattern)
        if current is not None:
            matcher.add(current[1], group)
        return matcher

    def run(self, matcher: Matcher, doclike: Doc | Span) -> list[Match]:
        """One Matcher call (a seam for the stage timer in benchmarks/stages.py)."""
        return list(matcher(doclike))

    def matches_in(self, doclike: Doc | Span, bits: list[int]) -> list[Match]:
        """The full Matcher's matches in `doclike`, whose tokens pass the tests `bits`."""
        present = 0
        for token_bits in bits:
            present |= token_bits
        matcher = self.matcher_for(present)
        if not len(matcher):
            return []
        return self.run(matcher, doclike)

    def doc_bits(self, doc: Doc) -> list[int]:
        """Per token of `doc`, the bits of the tests it passes."""
        if not len(doc):
            return []
        orths, norms = doc.to_array([ORTH, NORM]).T.tolist()
        return self.token_bits(orths, norms)

    def __call__(self, doc: Doc) -> list[Match]:
        """The full Matcher's matches in `doc`, in its order."""
        return self.matches_in(doc, self.doc_bits(doc))

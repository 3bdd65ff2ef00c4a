"""Cue windows: the parts of a Doc a Matcher must see to find all its matches (issue 16).

In every number, quantity and non-claim pattern some step takes only a cue token (a digit,
a number word, a merged number: numbers._NumberCue), so every match holds one. Outside its
cue tokens a match takes at most `reach` tokens before them, after them and between two of
them, not counting the tokens that a repeated step (`+`, `*`) takes: those are passed freely
when a window is grown. A match depends only on its own tokens, so the Matcher run over the
merged windows around the cue tokens finds exactly the matches it finds over the whole Doc,
while seeing a fraction of its tokens: most words of a block are far from any number, and
spaCy's Matcher costs about the same per token whatever its patterns.

This is exact by construction, for the patterns as they are: a pattern with no step that
takes only cue tokens, or with a repeated step this module cannot test, switches the windows
off (`CueWindows.build` returns None) and the Matcher sees the whole Doc again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from spacy.attrs import NORM, ORTH
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kalypso_lint.extract.pattern_gate import GatedMatcher
from kalypso_lint.extract.patterns import Pattern, WordTable

# The word attributes a repeated step can be tested on (a token's value is its word's).
_WORD_ATTRS = ("ORTH", "LOWER", "SHAPE")
_BOOL_ATTRS = ("IS_TITLE", "IS_UPPER", "IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "LIKE_NUM")
_BOUNDS = re.compile(r"\{(\d*)(,?)(\d*)\}")

# (Lexeme attribute, accepted values): a word passes when its value is accepted.
Test = tuple[str, frozenset[int]]
# What a word is to the windows.
_OTHER, _FREE, _CUE = 0, 1, 2


def _span_of(step: dict[str, Any]) -> tuple[int, int | None]:
    """How many tokens the step takes: at least, and at most (None: no limit)."""
    op = str(step.get("OP", ""))
    if op in ("", "1"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "!":
        return 1, 1  # one token the step's conditions do not accept
    if op == "+":
        return 1, None
    if op == "*":
        return 0, None
    bounds = _BOUNDS.fullmatch(op)
    if bounds is None:
        raise ValueError(f"unknown OP {op!r}")
    low, comma, high = bounds.groups()
    least = int(low or 0)
    if not comma:
        return least, least
    return least, int(high) if high else None


class CueWindows:
    """The windows of a Doc that hold every match of a set of patterns."""

    def __init__(
        self, vocab: Vocab, cue_flag: int, cue_norms: frozenset[int], reach: int, tests: list[Test]
    ) -> None:
        self.reach = reach
        self.cue_norms = cue_norms

        def kind(orth: int) -> int:
            lexeme = vocab[orth]
            if lexeme.check_flag(cue_flag):
                return _CUE
            if any(getattr(lexeme, attr) in values for attr, values in tests):
                return _FREE
            return _OTHER

        # Word -> _CUE, _FREE (a word some repeated step may take) or _OTHER.
        self.kinds = WordTable(kind)

    @classmethod
    def build(
        cls,
        vocab: Vocab,
        patterns: Sequence[Pattern],
        takes_only_cues: Callable[[dict[str, Any]], bool],
        cue_flag: int | None,
        cue_norms: frozenset[str],
    ) -> CueWindows | None:
        """Windows for `patterns` (their data-file form), or None when they cannot be bounded.

        `takes_only_cues(step)` says whether every token the step accepts is a cue token: one
        whose word has `cue_flag` set, or whose NORM is in `cue_norms`."""
        if cue_flag is None:
            return None
        strings = vocab.strings.add
        reach = 0
        tests: dict[Test, None] = {}
        for pattern in patterns:
            # Tokens outside cue tokens, in the parts before, between and after required cues.
            parts = [0]
            has_cue = False
            for step in pattern:
                least, most = _span_of(step)
                plain = {k: v for k, v in step.items() if k != "OP"}
                negated = step.get("OP") == "!"
                if not negated and takes_only_cues(plain):
                    if least > 0:
                        has_cue = True
                        parts.append(0)
                    continue
                if most is None:  # never negated: "!" takes one token
                    test = _test(plain, strings)
                    if test is None:
                        return None
                    tests[test] = None
                    continue
                parts[-1] += most
            if not has_cue:
                return None
            reach = max(reach, *parts)
        norms = frozenset(strings(norm) for norm in cue_norms)
        return cls(vocab, cue_flag, norms, reach, list(tests))

    def ranges(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges (start, end), in order and apart, that hold every match in `doc`."""
        orths, norms = doc.to_array([ORTH, NORM]).T.tolist()
        return self._ranges(orths, norms)

    def _ranges(self, orths: list[int], norms: list[int]) -> list[tuple[int, int]]:
        table, cue_norms, reach = self.kinds, self.cue_norms, self.reach
        kinds = [
            _CUE if norm in cue_norms else table[orth]
            for orth, norm in zip(orths, norms, strict=True)
        ]
        size = len(kinds)
        ranges: list[tuple[int, int]] = []
        for at, kind in enumerate(kinds):
            if kind != _CUE:
                continue
            start, used = at, 0
            while start > 0 and kinds[start - 1] != _CUE:
                if kinds[start - 1] == _OTHER:
                    if used == reach:
                        break
                    used += 1
                start -= 1
            end, used = at + 1, 0
            while end < size and kinds[end] != _CUE:
                if kinds[end] == _OTHER:
                    if used == reach:
                        break
                    used += 1
                end += 1
            # A walk stops at the next cue token, whose own window goes on from there.
            if ranges and start <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
            else:
                ranges.append((start, end))
        return ranges

    def matches(self, matcher: GatedMatcher, doc: Doc) -> list[tuple[int, int, int]]:
        """`matcher(doc)`'s (match_id, start, end) matches, found window by window."""
        found: list[tuple[int, int, int]] = []
        size = len(doc)
        orths, norms = doc.to_array([ORTH, NORM]).T.tolist()
        ranges = self._ranges(orths, norms)
        if not ranges:
            return found
        for start, end in ranges:
            bits = matcher.token_bits(orths[start:end], norms[start:end])
            if start == 0 and end == size:
                return matcher.matches_in(doc, bits)
            found.extend(
                (key, start + first, start + last)
                for key, first, last in matcher.matches_in(doc[start:end], bits)
            )
        return found


def _test(step: dict[str, Any], strings: Callable[[str], int]) -> Test | None:
    """One condition of the step as a word test: every token the step accepts passes it
    (a word may pass it and still not be accepted: the window only grows)."""
    for attr, value in step.items():
        name = attr.upper()
        if name in _BOOL_ATTRS and isinstance(value, bool):
            return name.lower(), frozenset({int(value)})
        if name in _WORD_ATTRS:
            if isinstance(value, str):
                return name.lower(), frozenset({strings(value)})
            if isinstance(value, dict) and set(value) == {"IN"}:
                members = value["IN"]
                if all(isinstance(m, str) for m in members):
                    return name.lower(), frozenset(strings(m) for m in members)
    return None

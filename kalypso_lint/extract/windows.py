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

from spacy.attrs import IDS
from spacy.tokens import Doc, Span

from kalypso_lint.extract.patterns import Pattern

# The attributes a repeated step is tested on, and how a step states them.
_WORD_ATTRS = ("ORTH", "LOWER", "NORM", "SHAPE")
_BOOL_ATTRS = ("IS_TITLE", "IS_UPPER", "IS_ALPHA", "IS_DIGIT", "IS_PUNCT", "LIKE_NUM")
_BOUNDS = re.compile(r"\{(\d*)(,?)(\d*)\}")

# (column, accepted values): a token passes a test when its value in the column is accepted.
Test = tuple[int, frozenset[int]]


def _span_of(step: dict[str, Any]) -> tuple[int, int | None]:
    """How many tokens the step takes: at least, and at most (None: no limit)."""
    op = str(step.get("OP", ""))
    if op in ("", "1"):
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "!":
        return 0, 0
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
        self,
        cue_flag: int,
        cue_norms: frozenset[int],
        reach: int,
        tests: Sequence[tuple[int, frozenset[int]]],
    ) -> None:
        self.reach = reach
        self.cue_norms = cue_norms
        self.attrs = [cue_flag, IDS["NORM"], *(attr for attr, _ in tests)]
        self.tests: list[Test] = [(2 + index, values) for index, (_, values) in enumerate(tests)]

    @classmethod
    def build(
        cls,
        strings: Callable[[str], int],
        patterns: Sequence[Pattern],
        takes_only_cues: Callable[[dict[str, Any]], bool],
        cue_flag: int | None,
        cue_norms: frozenset[str],
    ) -> CueWindows | None:
        """Windows for `patterns` (their data-file form), or None when they cannot be bounded.

        `strings` gives a word's hash (the vocab's StringStore.add); `takes_only_cues(step)`
        says whether every token the step accepts is a cue token: one with `cue_flag` set or
        a NORM in `cue_norms`."""
        if cue_flag is None:
            return None
        reach = 0
        tests: dict[tuple[int, frozenset[int]], None] = {}
        for pattern in patterns:
            # Tokens outside cue tokens, in the parts before, between and after required cues.
            parts = [0]
            has_cue = False
            for step in pattern:
                least, most = _span_of(step)
                plain = {k: v for k, v in step.items() if k != "OP"}
                if takes_only_cues(plain):
                    if least > 0:
                        has_cue = True
                        parts.append(0)
                    continue
                if most is None:
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
        return cls(cue_flag, norms, reach, list(tests))

    def ranges(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges (start, end), in order and apart, that hold every match in `doc`."""
        columns = doc.to_array(self.attrs).T.tolist()
        cue_norms, reach = self.cue_norms, self.reach
        cue = [
            flag == 1 or norm in cue_norms
            for flag, norm in zip(columns[0], columns[1], strict=True)
        ]
        tests = [(columns[column], values) for column, values in self.tests]

        def free(index: int) -> bool:  # a token a repeated step may take: passed freely
            return any(column[index] in values for column, values in tests)

        size = len(cue)
        ranges: list[tuple[int, int]] = []
        for at in [index for index, is_cue in enumerate(cue) if is_cue]:
            start, used = at, 0
            while start > 0 and not cue[start - 1]:
                if not free(start - 1):
                    if used == reach:
                        break
                    used += 1
                start -= 1
            end, used = at + 1, 0
            while end < size and not cue[end]:
                if not free(end):
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

    def matches(self, matcher: Callable[[Doc | Span], Any], doc: Doc) -> list[tuple[int, int, int]]:
        """`matcher(doc)`'s (match_id, start, end) matches, found window by window."""
        found: list[tuple[int, int, int]] = []
        size = len(doc)
        for start, end in self.ranges(doc):
            if start == 0 and end == size:
                return list(matcher(doc))
            found.extend(
                (key, start + first, start + last) for key, first, last in matcher(doc[start:end])
            )
        return found


def _test(step: dict[str, Any], strings: Callable[[str], int]) -> tuple[int, frozenset[int]] | None:
    """One condition of the step as a column test: every token the step accepts passes it
    (a token may pass it and still not be accepted: the window only grows)."""
    for attr, value in step.items():
        name = attr.upper()
        if name in _BOOL_ATTRS and isinstance(value, bool):
            return IDS[name], frozenset({int(value)})
        if name in _WORD_ATTRS:
            if isinstance(value, str):
                return IDS[name], frozenset({strings(value)})
            if isinstance(value, dict) and set(value) == {"IN"}:
                members = value["IN"]
                if all(isinstance(m, str) for m in members):
                    return IDS[name], frozenset(strings(m) for m in members)
    return None

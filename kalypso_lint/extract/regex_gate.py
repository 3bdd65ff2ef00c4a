"""A word a regular expression cannot match without (issue 16).

Phrase rules' regular expressions ran over every block's text, each a full scan, and were
most of kl_phrases' time although almost no block holds a match. Most such expressions
need one of a few literal words wherever they match: `\\bbacked\\s+by\\s+...` needs
"backed", `\\b(?:has|have|had)\\s+(?:been\\s+)?shown...` needs "has", "have" or "had". A
`LiteralGate` holds such a set, read from the expression's parse tree, and the expression is
run only on a text that holds one of them: it would find nothing in the others.

Exact by construction: the set is taken from an element every match must pass through (a
run of literal characters, an alternation of literal runs, a class of literal characters,
a group or a repetition of at least one of them); a match makes its characters appear in
the text. Case-insensitive
expressions are compared in lower case, on ASCII texts only (Unicode case folding lets a
few non-ASCII characters match ASCII letters); any other text runs the expression.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class LiteralGate:
    """Literal strings, one of which every match of an expression contains."""

    def __init__(self, strings: frozenset[str], ignore_case: bool) -> None:
        self.strings = strings
        self.ignore_case = ignore_case

    def may_match(self, text: str, lowered: str | None) -> bool:
        """False only when the expression cannot match `text`; `lowered` is text.lower()
        for an ASCII text, else None."""
        if self.ignore_case:
            if lowered is None:
                return True
            text = lowered
        return any(s in text for s in self.strings)


def literal_gate(pattern: re.Pattern[str]) -> LiteralGate | None:
    """The gate of `pattern`, or None when no element of it is a literal every match needs."""
    if pattern.flags & re.LOCALE:
        return None
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError):  # pragma: no cover - compiled before
        return None
    strings = _required(list(tree))
    if not strings or any(not s for s in strings):
        return None
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    if ignore_case:
        if not all(s.isascii() for s in strings):
            return None
        strings = frozenset(s.lower() for s in strings)
    return LiteralGate(strings, ignore_case)


def _required(items: list[Any]) -> frozenset[str] | None:
    """The most selective set of literal strings one of which the sequence `items` always
    matches (the set whose shortest string is longest), or None."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, argument in items:
        if op is sre.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        strings = _element(op, argument)
        if strings:
            found.append(strings)
    if run:
        found.append(frozenset({"".join(run)}))
    if not found:
        return None
    return max(found, key=lambda strings: min(map(len, strings)))


def _element(op: Any, argument: Any) -> frozenset[str] | None:
    if op is sre.BRANCH:
        strings = set()
        for branch in argument[1]:
            text = _literal(list(branch))
            if text is None:
                return None
            strings.add(text)
        return frozenset(strings)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = argument
        return None if add_flags or del_flags else _required(list(sub))
    if op in _REPEATS:
        least, _most, sub = argument
        return _required(list(sub)) if least >= 1 else None
    if op is sre.IN and argument and all(kind is sre.LITERAL for kind, _ in argument):
        # A class of single characters ("[¹²³]"): the character matched is one of them.
        return frozenset(chr(code) for _, code in argument)
    return None


def _literal(items: list[Any]) -> str | None:
    """The text of a sequence of literal characters, or None."""
    if not all(op is sre.LITERAL for op, _ in items):
        return None
    return "".join(chr(code) for _, code in items)

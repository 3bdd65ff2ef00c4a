"""Editorial marks in quoted text: brackets inside a word and spaced omission dots (issue 13).

A regulator's quotation prints "[r]elieves" and "helps prevent . . . flu symptoms"; the
structural finder reads the word without its brackets and the two parts as one sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

# Editorial brackets inside a word, as quotations print them: "[r]elieves", "Invigorate[s]",
# "(s)timulating". The word is read without them.
INNER_BRACKET = re.compile(r"\w[\[\]()]\w")
_BRACKETS = frozenset("[]()")


def has_inner_bracket(text: str) -> bool:
    """Whether INNER_BRACKET matches `text`; most texts hold no bracket at all, and a test
    for the four characters costs a small part of the expression's scan (issue 16)."""
    return any(c in text for c in "[]()") and INNER_BRACKET.search(text) is not None


def unbracketed(doc: Doc) -> dict[int, str]:
    """Token index -> its lower-case text without editorial brackets, for the tokens that
    have them between letters."""
    edited = {}
    for token in doc:
        text = token.lower_
        if len(text) > 2 and not _BRACKETS.isdisjoint(text):
            plain = "".join(c for c in text if c not in _BRACKETS)
            if plain.isalpha():
                edited[token.i] = plain
    return edited


ELISION = "…"


def elisions(doc: Doc, sentences: list[int], lower: list[int], dot: int) -> dict[int, str]:
    """Token index -> "…" for the dots of a spaced omission mark (". . .") that ends a
    sentence the next one continues in lower case (or with an editorial bracket: "[t]he"):
    the sentencizer splits a regulator's quotation there. `lower` holds the Doc's LOWER ids,
    `dot` the id of "." (most sentences end in none: no Token is made for them)."""
    found: dict[int, str] = {}
    for start in sentences:
        # Three dots, read by their ids: a token's text is "." exactly when its LOWER is.
        if start < 3 or start >= len(doc) or lower[start - 3 : start] != [dot, dot, dot]:
            continue
        if not all(t.whitespace_ for t in doc[start - 3 : start - 1]):
            continue
        first = doc[start].text
        if first[:1].islower() or first[:1] == "[":
            found.update(dict.fromkeys(range(start - 3, start), ELISION))
    return found

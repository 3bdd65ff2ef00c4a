"""Word lists of the data files as the claim readers compare them with a sentence's words:
lower case, and a phrase split as the tokenizer splits it ("the body's" is "the body 's");
and the matchers the reading modules below structure_words.py share (they cannot import it:
structure_words -> structure_lexicon -> them)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def word_set(raw: Iterable[object]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw)


def phrase_tuples(raw: Iterable[object]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(p).lower().replace("'s", " 's").split()) for p in raw)


def longest_phrase_at(words: Sequence[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the longest phrase of `phrases` starting at words[i], or 0."""
    best = 0
    for phrase in phrases:
        if len(phrase) > best and tuple(words[i : i + len(phrase)]) == phrase:
            best = len(phrase)
    return best


def phrase_pattern(raw: Iterable[object], word: str = r"[\w-]") -> re.Pattern[str]:
    """One pattern for any of the phrases, matched in lower-case text; the longest is tried
    first and a match may not touch a `word` character on either side (by default a hyphen
    joins words, so "pre-diabetes" holds no "diabetes")."""
    alternatives = sorted((re.escape(str(v).lower()) for v in raw), key=len, reverse=True)
    return re.compile(rf"(?<!{word})(?:{'|'.join(alternatives)})(?!{word})")

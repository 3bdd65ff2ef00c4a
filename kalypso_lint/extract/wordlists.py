"""Word lists of the data files as the claim readers compare them with a sentence's words:
lower case, and a phrase split as the tokenizer splits it ("the body's" is "the body 's");
and the matchers the reading modules below structure_words.py share (they cannot import it:
structure_words -> structure_lexicon -> them)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar, get_type_hints

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# A word in lower-case text, with its apostrophes and hyphens ("don't", "long-term").
LOWER_WORD = re.compile(r"[a-z][a-z'-]*")


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


def longest_phrase_ending_at(
    words: Sequence[str], i: int, phrases: tuple[tuple[str, ...], ...]
) -> tuple[str, ...] | None:
    """The longest phrase of `phrases` whose last word is words[i] (the first of equal
    length), or None."""
    best: tuple[str, ...] | None = None
    for phrase in phrases:
        size = len(phrase)
        fits = i + 1 >= size and tuple(words[i + 1 - size : i + 1]) == phrase
        if fits and (best is None or size > len(best)):
            best = phrase
    return best


def phrase_pattern(raw: Iterable[object], word: str = r"[\w-]") -> re.Pattern[str]:
    """One pattern for any of the phrases, matched in lower-case text; the longest is tried
    first and a match may not touch a `word` character on either side (by default a hyphen
    joins words, so "pre-diabetes" holds no "diabetes")."""
    alternatives = sorted((re.escape(str(v).lower()) for v in raw), key=len, reverse=True)
    return re.compile(rf"(?<!{word})(?:{'|'.join(alternatives)})(?!{word})")


# How a word table's field is read from its data key, by the field's declared type.
_READERS: dict[object, Callable[[Any], object]] = {
    frozenset[str]: word_set,
    tuple[tuple[str, ...], ...]: phrase_tuples,
    re.Pattern[str]: phrase_pattern,
    int: int,
    float: float,
}

Table = TypeVar("Table", bound="DataclassInstance")


def word_table(table: type[Table], raw: Mapping[str, Any], **given: object) -> Table:
    """The dataclass `table` with each field read from the data key of its name, as its type
    says (a word set, phrases, one pattern, a number): one loader for the word tables of the
    data files instead of a hand-written copy of every key in each module. `given` fields
    (read under another key, derived, or kept as written) are taken as they are."""
    types = get_type_hints(table)
    read = {
        f.name: given[f.name] if f.name in given else _READERS[types[f.name]](raw[f.name])
        for f in fields(table)
    }
    return table(**read)

"""Word lists of the data files as the claim readers compare them with a sentence's words:
lower case, and a phrase split as the tokenizer splits it ("the body's" is "the body 's")."""

from __future__ import annotations

from collections.abc import Iterable


def word_set(raw: Iterable[object]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw)


def phrase_tuples(raw: Iterable[object]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(p).lower().replace("'s", " 's").split()) for p in raw)

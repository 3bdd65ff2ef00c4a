"""The structural finder's readings of a sentence, kept for the next time it comes (issue 16).

Real sites repeat sentences across pages in blocks that differ elsewhere (a footer line in
a changing paragraph, a disclaimer after a different figure), so the block memo misses
them: on the benchmark site, 37% of the characters of the sentences the block memo does not
serve come again. `StructureFinder.sentence_claims` reads a sentence from its words (as
written and in lower case, with the block's edits), the spaces after them and how it ends,
which make the key here, and sometimes from the block's earlier sentences ("it" standing for
a disease named there, a question the sentence answers); nothing else varies within one
pipeline. The earlier sentences are handed over as a `Watched` sequence, which logs every
read of them and what it gave ("is there one?", "the last word", a slice). The readings are
kept with that log, and serve another sentence with the same key when every read in the log
gives the same value on its earlier sentences: the same inputs, read the same way, take the
same path to the same result. (Most readings look at nothing before; the question reading
only at the last word, so "Our balm soothes it." after any statement shares one entry.)

Bounded by the tokens it holds, least recently used out, so memory stays flat on a large
page.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import overload

from kalypso_lint.extract.claim_kinds import Found

# The sentences kept hold at most this many tokens in all (about 5.5 MB), and a sentence at most
# this many readings logged after different earlier sentences.
MEMO_TOKENS = 100_000
MAX_VARIANTS = 8

# What a read of the earlier sentences gave: ("bool", None, truth), ("len", None, length),
# ("item", index, word or _MISSING), ("slice", (start, stop, step), words).
Read = tuple[str, object, object]
_MISSING = object()  # an index past the end (IndexError)


class Watched(Sequence[str]):
    """A read-only sequence of words that logs every read of it and what it gave."""

    __slots__ = ("_items", "reads")

    def __init__(self, items: Sequence[str]) -> None:
        self._items = items
        self.reads: list[Read] = []

    def __bool__(self) -> bool:
        value = bool(self._items)
        self.reads.append(("bool", None, value))
        return value

    def __len__(self) -> int:
        value = len(self._items)
        self.reads.append(("len", None, value))
        return value

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            words = self._items[index]
            self.reads.append(("slice", (index.start, index.stop, index.step), tuple(words)))
            return words
        try:
            word = self._items[index]
        except IndexError:
            self.reads.append(("item", index, _MISSING))
            raise
        self.reads.append(("item", index, word))
        return word


def gives_the_same(reads: Sequence[Read], items: Sequence[str]) -> bool:
    """Whether every logged read gives the same value on `items`."""
    for kind, argument, value in reads:
        if kind == "bool":
            seen: object = bool(items)
        elif kind == "len":
            seen = len(items)
        elif kind == "slice":
            assert isinstance(argument, tuple)
            seen = tuple(items[slice(*argument)])
        else:
            assert isinstance(argument, int)
            seen = items[argument] if -len(items) <= argument < len(items) else _MISSING
        if seen != value and not (seen is _MISSING and value is _MISSING):
            return False
    return True


class SentenceMemo:
    """Readings by sentence key, each with the log of its reads of the earlier sentences."""

    def __init__(self, max_tokens: int = MEMO_TOKENS) -> None:
        self.max_tokens = max_tokens
        self.tokens = 0
        self.entries: OrderedDict[Hashable, list[tuple[tuple[Read, ...], tuple[Found, ...]]]]
        self.entries = OrderedDict()
        self.sizes: dict[Hashable, int] = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, before: Sequence[str]) -> tuple[Found, ...] | None:
        """The readings kept for the sentence `key` whose reads agree with `before`, or None."""
        variants = self.entries.get(key)
        if variants is not None:
            for reads, found in variants:
                if gives_the_same(reads, before):
                    self.entries.move_to_end(key)
                    self.hits += 1
                    return found
        self.misses += 1
        return None

    def put(self, key: Hashable, size: int, reads: Sequence[Read], found: Sequence[Found]) -> None:
        """Keep `found`, the readings of a sentence of `size` tokens that read its earlier
        sentences as `reads` logs."""
        if size > self.max_tokens:
            return
        variants = self.entries.setdefault(key, [])
        if len(variants) >= MAX_VARIANTS:
            return
        variants.append((tuple(reads), tuple(found)))
        self.sizes[key] = size
        self.tokens += size
        while self.tokens > self.max_tokens:
            old, dropped = self.entries.popitem(last=False)
            self.tokens -= self.sizes.pop(old) * len(dropped)

"""The structural finder's readings of a sentence, kept for the next time it comes (issue 16).

Real sites repeat sentences across pages in blocks that differ elsewhere (a footer line in
a changing paragraph, a disclaimer after a different figure), so the block memo misses
them: on the benchmark site, 37% of the characters of the sentences the block memo does not
serve come again. `StructureFinder.sentence_claims` reads a sentence from its words (as
written and in lower case, with the block's edits), the spaces after them, how it ends, and
sometimes the block's earlier sentences ("it" standing for a disease named there); nothing
else varies within one pipeline. So a sentence's readings are kept under a key of those
inputs, and the earlier sentences join the key only when the readings looked at them:

- the earlier sentences are handed over as a `Watched` sequence, which records a read;
- a reading that never read them depends on the rest of the key alone: the same words take
  the same path to the same result, whatever came before them, so it is kept under that key;
- otherwise the earlier sentences' words are part of its key.

Bounded by the tokens it holds, least recently used out, so memory stays flat on a large
page.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import overload

from kalypso_lint.extract.claim_kinds import Found

# The sentences kept hold at most this many tokens in all (a few MB).
MEMO_TOKENS = 200_000


class Watched(Sequence[str]):
    """A read-only sequence of words that records whether anything read it."""

    __slots__ = ("_items", "read")

    def __init__(self, items: Sequence[str]) -> None:
        self._items = items
        self.read = False

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        self.read = True
        return self._items[index]

    def __len__(self) -> int:
        self.read = True
        return len(self._items)


class SentenceMemo:
    """Readings by sentence key, and by (sentence key, context) when they read the context."""

    def __init__(self, max_tokens: int = MEMO_TOKENS) -> None:
        self.max_tokens = max_tokens
        self.tokens = 0
        self.entries: OrderedDict[Hashable, tuple[int, tuple[Found, ...]]] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: Hashable, context: Hashable) -> tuple[Found, ...] | None:
        """The readings kept for the sentence `key` after `context`, or None."""
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries.get((key, context))
            if entry is None:
                self.misses += 1
                return None
            self.entries.move_to_end((key, context))
        else:
            self.entries.move_to_end(key)
        self.hits += 1
        return entry[1]

    def put(
        self,
        key: Hashable,
        context: Hashable,
        read_context: bool,
        size: int,
        found: Sequence[Found],
    ) -> None:
        """Keep `found` (the readings of a sentence of `size` tokens): under `key` alone when
        they did not read the context, else under (key, context)."""
        if size > self.max_tokens:
            return
        full = (key, context) if read_context else key
        if full in self.entries:
            return
        self.entries[full] = (size, tuple(found))
        self.tokens += size
        while self.tokens > self.max_tokens:
            _, (old, _) = self.entries.popitem(last=False)
            self.tokens -= old

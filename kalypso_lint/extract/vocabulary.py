"""The medical vocabulary (data/vocabulary.txt, built by scripts/build_vocabulary.py).

About 20,000 terms. A PhraseMatcher would need a Doc per term at start-up (seconds); here
each category is a Python set of lower-case token sequences joined by spaces, read in a few
milliseconds, and a sentence is searched by looking up its n-grams, longest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

FILE = "vocabulary.txt"
# The header states the longest term in tokens, so loading need not measure every term.
LONGEST = "# Longest term (tokens): "


@dataclass(frozen=True)
class Term:
    start: int  # token index in the words searched
    end: int
    category: str


@dataclass(frozen=True)
class Vocabulary:
    categories: tuple[tuple[str, frozenset[str]], ...]  # in order of precedence
    longest: int
    # term -> category (the first category wins), and the words a term can start with: one
    # lookup per n-gram, none at words that start no term. Built on the first search.
    _index: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _firsts: set[str] = field(default_factory=set, compare=False, repr=False)

    def _build(self) -> None:
        for name, terms in reversed(self.categories):
            self._index.update(dict.fromkeys(terms, name))
        self._firsts.update(term.split(" ", 1)[0] for term in self._index)

    def category(self, key: str) -> str | None:
        if not self._index:
            self._build()
        return self._index.get(key)

    def find(self, words: Sequence[str]) -> list[Term]:
        """Terms in `words` (lower-case tokens), longest first, left to right, not overlapping."""
        if not self._index:
            self._build()
        found: list[Term] = []
        firsts = self._firsts
        i = 0
        count = len(words)
        while i < count:
            if words[i] not in firsts:
                i += 1
                continue
            for size in range(min(self.longest, count - i), 0, -1):
                category = self.category(" ".join(words[i : i + size]))
                if category is not None:
                    found.append(Term(i, i + size, category))
                    i += size
                    break
            else:
                i += 1
        return found


def parse(text: str) -> Vocabulary:
    """Sections start with '@name'; comment lines start with '#'."""
    marker = text.find(LONGEST)
    longest = int(text[marker + len(LONGEST) :].split(None, 1)[0]) if marker >= 0 else 6
    body = text[text.index("\n@") + 1 :]
    categories = []
    for section in body.split("\n@"):
        name, _, rest = section.lstrip("@").partition("\n")
        categories.append((name, frozenset(rest.split("\n")) - {""}))
    return Vocabulary(tuple(categories), longest)


@cache
def medical_vocabulary() -> Vocabulary:
    text = resources.files("kalypso_lint.data").joinpath(FILE).read_text(encoding="utf-8")
    return parse(text)

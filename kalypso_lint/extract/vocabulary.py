"""The medical vocabulary (data/vocabulary.txt, built by scripts/build_vocabulary.py).

About 20,000 terms. A PhraseMatcher would need a Doc per term at start-up (seconds); here
each category is a Python set of lower-case token sequences joined by spaces, read in a few
milliseconds, and a sentence is searched by looking up its n-grams, longest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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

    def category(self, key: str) -> str | None:
        for name, terms in self.categories:
            if key in terms:
                return name
        return None

    def find(self, words: Sequence[str]) -> list[Term]:
        """Terms in `words` (lower-case tokens), longest first, left to right, not overlapping."""
        found: list[Term] = []
        i = 0
        count = len(words)
        while i < count:
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

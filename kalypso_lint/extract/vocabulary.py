"""The medical vocabulary (data/vocabulary.txt, built by scripts/build_vocabulary.py).

About 20,000 terms. A PhraseMatcher would need a Doc per term at start-up (seconds); here the
terms go straight into one dict (term -> category) read in about 10 ms, and a sentence is
searched by looking up its n-grams, longest first, only at words that start some term (the
file's last section lists them, so loading need not split every term).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

FILE = "vocabulary.txt"
# The header states the longest term in tokens, so loading need not measure every term.
LONGEST = "# Longest term (tokens): "
FIRST_WORDS = "first-words"  # the section listing the words terms start with


@dataclass(frozen=True)
class Term:
    start: int  # token index in the words searched
    end: int
    category: str


@dataclass(frozen=True)
class Vocabulary:
    index: dict[str, str]  # term -> category; a term in two categories keeps the first
    firsts: frozenset[str]
    longest: int

    def category(self, key: str) -> str | None:
        return self.index.get(key)

    def find(self, words: Sequence[str]) -> list[Term]:
        """Terms in `words` (lower-case tokens), longest first, left to right, not overlapping."""
        found: list[Term] = []
        index, firsts = self.index, self.firsts
        i = 0
        count = len(words)
        while i < count:
            if words[i] not in firsts:
                i += 1
                continue
            for size in range(min(self.longest, count - i), 0, -1):
                key = " ".join(words[i : i + size])
                category = index.get(key)
                if category is None and size > 1:
                    category = index.get(_singular(key))
                    # Symptoms are the phenotype ontology's clinical names, plural or not
                    # ("vacuum extractions" is a delivery, not a sign); conditions, germs,
                    # markers and functions are named in the singular.
                    category = None if category == "symptom" else category
                if category is not None:
                    found.append(Term(i, i + size, category))
                    i += size
                    break
            else:
                i += 1
        return found


def _singular(key: str) -> str:
    """A term of several words with its last word in the plural ("premature ejaculations",
    "kidney stones"): the coded sources name most terms in the singular (issue 13, round
    12). Only a plain "-s" is dropped ("-ss", "-us", "-is" are no plurals), and not for a
    symptom."""
    if len(key) > 4 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        return key[:-1]
    return key


def parse(text: str) -> Vocabulary:
    """Sections start with '@name'; comment lines start with '#'."""
    marker = text.find(LONGEST)
    longest = int(text[marker + len(LONGEST) :].split(None, 1)[0]) if marker >= 0 else 6
    body = text[text.index("\n@") + 1 :]
    sections = []
    firsts: frozenset[str] | None = None
    for section in body.split("\n@"):
        name, _, rest = section.lstrip("@").partition("\n")
        words = rest.split("\n")
        if name == FIRST_WORDS:
            firsts = frozenset(words)
        else:
            sections.append((name, words))
    index: dict[str, str] = {}
    for name, words in reversed(sections):  # earlier sections win
        index.update(dict.fromkeys(words, name))
    index.pop("", None)
    if firsts is None:
        firsts = frozenset(term.split(" ", 1)[0] for term in index)
    return Vocabulary(index, firsts - {""}, longest)


@cache
def medical_vocabulary() -> Vocabulary:
    text = resources.files("kalypso_lint.data").joinpath(FILE).read_text(encoding="utf-8")
    return parse(text)

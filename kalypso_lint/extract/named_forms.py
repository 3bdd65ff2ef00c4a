"""Round 15 claim readings (issue 13): forms shared across six regulator sets.

Each is a class of wording over the word lists of data/named_forms.yaml (docs/medical-
claims.md "Round 15"):

- a product named by the disease it answers, on a page that sells it: "Shingles Relief",
  "Covid-19 Immune Support", "Natural Male Enhancement" (product-only);
- an immune system made strong: "makes your immune system stronger" (any page);
- promise told as research: "shows great promise in trials of people with shingles"
  (product-only);
- a cosmetic effect on the skin's look: "erases crow's feet", "improves the firmness of the
  skin" (product-only);
- a line of exosome products: "Stem Cell Exosome Serum" (read on any page: exosomes are a
  means no approval covers, as round 9 reads "can be treated with exosomes").

extract/claims.py calls these with a sentence's lower-case words; cues, providers and pages
are decided there as for every reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.claim_kinds import DISEASE, DISEASE_TERMS, EFFICACY, FUNCTION, Found
from kalypso_lint.extract.cues import CLAUSE_ENDS
from kalypso_lint.extract.structure_words import SENTENCE_ENDS
from kalypso_lint.extract.vocabulary import Term
from kalypso_lint.extract.wordlists import (
    longest_phrase_at,
    longest_phrase_ending_at,
    word_table,
)

# A comma ends these readings' reach too, unlike a claim's clause.
_CLAUSE_ENDS = CLAUSE_ENDS | {","}


@dataclass(frozen=True)
class NamedLexicon:
    name_nouns: frozenset[str]
    name_fillers: frozenset[str]
    name_conditions: frozenset[str]
    title_words: int
    euphemisms: tuple[tuple[str, ...], ...]
    strong_verbs: frozenset[str]
    strong_words: frozenset[str]
    strong_gap: int
    promise_verbs: frozenset[str]
    promise_degrees: frozenset[str]
    promise_reach: int
    cosmetic_verbs: frozenset[str]
    cosmetic_lines: tuple[tuple[str, ...], ...]
    skin_qualities: frozenset[str]
    skin_words: frozenset[str]
    cosmetic_gap: int
    exosome_nouns: frozenset[str]
    exosome_words: int
    exosome_products: frozenset[str]

    @property
    def anchors(self) -> frozenset[str]:
        """The words the readings hang on."""
        return (
            self.name_nouns
            | {p[-1] for p in self.euphemisms}
            | self.strong_verbs
            | {"promise"}
            | self.cosmetic_verbs
            | self.exosome_nouns
        )


@cache
def named_lexicon() -> NamedLexicon:
    return word_table(NamedLexicon, shared_data_file("named_forms.yaml"))


def _title(words: Sequence[str], limit: int) -> bool:
    """Whether the words are a short line with no stop: a name, a heading or a listing."""
    if any(w in SENTENCE_ENDS for w in words):
        return False
    return sum(1 for w in words if w.isalnum() or "-" in w) <= limit


def named_product(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: NamedLexicon
) -> Found | None:
    """ "Shingles Relief", "Flu Immune Support": a disease named right before the name noun
    at words[i] in a short line."""
    if words[i] not in lex.name_nouns or not _title(words, lex.title_words):
        return None
    k = i - 1
    if k > 0 and words[k] in lex.name_fillers:
        k -= 1
    if k < 0:
        return None
    if words[k] in lex.name_conditions:
        return Found(k, i + 1, DISEASE, i, True)
    term = next((t for t in term_at.values() if t.end == k + 1), None)
    # A disease or a germ names the product; a symptom or a body function does not ("Joint
    # Support", "Sleep Formula").
    if term is None or term.category not in DISEASE_TERMS:
        return None
    return Found(term.start, i + 1, DISEASE, i, True)


def euphemism(words: Sequence[str], i: int, lex: NamedLexicon) -> Found | None:
    """ "Natural Male Enhancement": a euphemism for a disease ending at words[i]."""
    phrase = longest_phrase_ending_at(words, i, lex.euphemisms)
    return None if phrase is None else Found(i + 1 - len(phrase), i + 1, DISEASE, i, True)


def _ahead(words: Sequence[str], start: int, gap: int) -> range:
    """Positions from start over up to gap words, stopping at a clause's end."""
    stop = min(len(words), start + gap + 1)
    end = next((k for k in range(start, stop) if words[k] in _CLAUSE_ENDS), stop)
    return range(start, end)


def immune_strong(words: Sequence[str], i: int, lex: NamedLexicon) -> Found | None:
    """ "making your immune system the strongest possible": a verb of making at words[i], the
    immune system and a word of strength."""
    if words[i] not in lex.strong_verbs:
        return None
    system = next(
        (
            k
            for k in _ahead(words, i + 1, lex.strong_gap + 1)
            if words[k] == "immune" and k + 1 < len(words) and words[k + 1] in {"system", "systems"}
        ),
        None,
    )
    if system is None:
        return None
    strong = next(
        (k for k in _ahead(words, system + 2, lex.strong_gap) if words[k] in lex.strong_words),
        None,
    )
    return None if strong is None else Found(i, strong + 1, FUNCTION, i)


def research_promise(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: NamedLexicon
) -> Found | None:
    """ "shows great promise in case studies of people with shingles": "promise" at words[i]
    after a verb of showing, and a disease or germ after it."""
    if words[i] != "promise":
        return None
    k = i - 1
    if k >= 0 and words[k] in lex.promise_degrees:
        k -= 1
    if k < 0 or words[k] not in lex.promise_verbs:
        return None
    reach = _ahead(words, i + 1, lex.promise_reach)
    term = next(
        (t for t in term_at.values() if t.start in reach and t.category in DISEASE_TERMS), None
    )
    return None if term is None else Found(k, term.end, DISEASE, i, True)


def cosmetic_effect(words: Sequence[str], i: int, lex: NamedLexicon) -> Found | None:
    """ "removes crow's feet", "improves the firmness and elasticity of the skin": a verb of
    change at words[i] and a line of ageing skin or a quality of the skin."""
    if words[i] not in lex.cosmetic_verbs:
        return None
    reach = _ahead(words, i + 1, lex.cosmetic_gap)
    for k in reach:
        line = longest_phrase_at(words, k, lex.cosmetic_lines)
        if line:
            return Found(i, k + line, EFFICACY, i, True)
        if words[k] in lex.skin_qualities:
            near = range(max(0, k - 1), min(len(words), k + lex.cosmetic_gap + 1))
            skin = [m for m in near if words[m] in lex.skin_words]
            if skin:
                return Found(i, max(k, skin[-1]) + 1, EFFICACY, i, True)
    return None


def exosome_line(words: Sequence[str], i: int, lex: NamedLexicon) -> Found | None:
    """ "Stem Cell Exosome Serum": exosomes at words[i] in a product's name or listing, which
    names a form, a size or a count ("Key Benefits of Exosome Therapy" names none)."""
    if words[i] not in lex.exosome_nouns or not _title(words, lex.exosome_words):
        return None
    sold = any(w in lex.exosome_products or w.replace(",", "").isdigit() for w in words)
    if not sold:
        return None
    start = next(k for k, w in enumerate(words) if w.isalnum() or "-" in w)
    end = max(k for k, w in enumerate(words) if w.isalnum() or "-" in w) + 1
    return Found(start, end, DISEASE, i, True)


def named_claim(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: NamedLexicon
) -> Found | None:
    """The first round 15 reading at words[i], or None."""
    return (
        named_product(words, i, term_at, lex)
        or euphemism(words, i, lex)
        or immune_strong(words, i, lex)
        or research_promise(words, i, term_at, lex)
        or cosmetic_effect(words, i, lex)
        or exosome_line(words, i, lex)
    )

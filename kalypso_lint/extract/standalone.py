"""Round 12 claim readings (issue 13): sentences that make a disease claim by their own words.

The default reading of a page (no `sells` setting) missed claims the seller's setting caught,
because their forms were read as product-only or not at all. These forms say what a product
is for whatever the page sells, over the word lists of data/standalone.yaml
(docs/medical-claims.md "Round 12"):

- a product made for, or supporting, people who have a disease: "Made for cancer patients",
  "designed to support people living with arthritis", "a powder for diabetics"
  (101.93(g)(2)(vi));
- support during a disease's treatment: "supports your body during chemotherapy";
- a disease gone as the reader's state: "Be free from eczema", "No more migraines";
- an erection said stronger (erectile dysfunction): "Harder, longer-lasting erections";
- a disease's cells made to die: "induces cell death in breast cancer cells";
- an infant kept safe by a sleep product: "Our sleep sacks keep babies safely on their backs".

The structural finder's product readings (product_readings.py) call `standalone_claim` with
a sentence's lower-case words; cues
(negation, advice, questions ...), providers, lifestyle subjects, medicines and whether the
clause names a product are decided there as for every reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.claim_kinds import DISEASE_TERMS
from kalypso_lint.extract.cues import CLAUSE_ENDS
from kalypso_lint.extract.vocabulary import Term
from kalypso_lint.extract.wordlists import longest_phrase_at, word_table

_BREAKS = frozenset({".", "!", "?", ";", ":", "but", "while", "because", "although"})
_SYMPTOM = "symptom"

# What a reading found: its span, and the kind of anchor that decides where it counts.
PEOPLE = "people"  # a product for people with a disease: product-only unless named or a fragment
DURING = "during"
FREE = "free"
PERFORMANCE = "performance"
DEATH = "death"
INFANT = "infant"


@dataclass(frozen=True)
class Standalone:
    start: int
    end: int
    form: str


@dataclass(frozen=True)
class StandaloneLexicon:
    made_words: frozenset[str]
    support_words: frozenset[str]
    people_fillers: frozenset[str]
    people_reach: int
    people_nouns: frozenset[str]
    people_links: tuple[tuple[str, ...], ...]
    people_link_reach: int
    disease_modifiers: frozenset[str]
    condition_people: frozenset[str]
    during_links: tuple[tuple[str, ...], ...]
    therapies: tuple[tuple[str, ...], ...]
    during_reach: int
    free_links: frozenset[str]
    free_leads: frozenset[str]
    free_reach: int
    no_length: int
    performance_nouns: tuple[tuple[str, ...], ...]
    performance_words: frozenset[str]
    performance_reach: int
    performance_not: tuple[tuple[str, ...], ...]
    death_verbs: frozenset[str]
    death_nouns: tuple[tuple[str, ...], ...]
    death_reach: int
    infant_words: tuple[tuple[str, ...], ...]
    infant_safety: frozenset[str]
    infant_reach: int
    sleep_products: tuple[tuple[str, ...], ...]
    belief_words: frozenset[str]
    anti_not_before: frozenset[str]
    composition_words: tuple[tuple[str, ...], ...]
    sold_nouns: frozenset[str]

    @cached_property
    def anchors(self) -> frozenset[str]:
        """The words the readings hang on."""
        return frozenset(
            self.made_words
            | self.support_words
            | {"for", "free", "no"}
            | {p[-1] for p in self.performance_nouns}
            | {p[-1] for p in self.death_nouns}
            | {p[-1] for p in self.infant_words}
        )


@cache
def standalone_lexicon() -> StandaloneLexicon:
    return word_table(StandaloneLexicon, shared_data_file("standalone.yaml"))


def _ending(words: Sequence[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The start of the longest phrase of `phrases` ending at words[i], or -1."""
    best = -1
    for phrase in phrases:
        start = i + 1 - len(phrase)
        if start >= 0 and tuple(words[start : i + 1]) == phrase and (best < 0 or start < best):
            best = start
    return best


def _clause_end(words: Sequence[str], start: int, reach: int) -> int:
    end = min(start + reach, len(words))
    return next((k for k in range(start, end) if words[k] in _BREAKS), end)


def _disease_after(
    words: Sequence[str], start: int, reach: int, term_at: Mapping[int, Term]
) -> Term | None:
    """A condition or a germ (a symptom right away) within `reach` words from words[start]."""
    for j in range(start, _clause_end(words, start, reach + 1)):
        term = term_at.get(j)
        if term is not None:
            near = term.category == _SYMPTOM and j == start
            return term if term.category in DISEASE_TERMS or near else None
    return None


def _people_group(
    words: Sequence[str], start: int, term_at: Mapping[int, Term], lex: StandaloneLexicon
) -> int | None:
    """Where a group of people who have a disease that starts within reach of words[start]
    ends: "patients suffering from prostate cancer", "cancer patients", "oncology patients",
    "diabetics"; None when there is none."""
    end = _clause_end(words, start, lex.people_reach + 1)
    for j in range(start, end):
        word = words[j]
        if word in lex.condition_people and (j + 1 >= len(words) or words[j + 1] != "-"):
            return j + 1
        if word in lex.people_nouns:
            # "cancer patients": a disease right before the people.
            before = next((t for t in term_at.values() if t.end == j), None)
            if (before is not None and before.category in DISEASE_TERMS) or (
                j > 0 and words[j - 1] in lex.disease_modifiers
            ):
                return j + 1
            # "patients suffering from prostate cancer".
            for k in range(j + 1, min(j + 2 + lex.people_link_reach, len(words))):
                size = longest_phrase_at(words, k, lex.people_links)
                if size:
                    term = _disease_after(words, k + size, lex.people_link_reach, term_at)
                    # ("patients with chronic pain": a symptom names a clinic's patients.)
                    term = term if term is None or term.category in DISEASE_TERMS else None
                    therapy = longest_phrase_at(words, k + size, lex.therapies)
                    if term is not None:
                        return term.end
                    return k + size + therapy if therapy else None
            return None
        filler = word in lex.people_fillers or word in lex.disease_modifiers
        if not filler and term_at.get(j) is None:
            return None
    return None


def _people_claim(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: StandaloneLexicon
) -> Standalone | None:
    word = words[i]
    made = word in lex.made_words
    support = word in lex.support_words
    # "a powder for diabetics": "for" after a word of the product (product_readings.py checks
    # which).
    if not (made or support or word == "for"):
        return None
    if made and words[i + 1 : i + 2] not in (["for"], ["to"], ["specifically"], ["especially"]):
        return None
    end = _people_group(words, i + 1, term_at, lex)
    if end is not None:
        return Standalone(i, end, PEOPLE)
    if not support:
        return None
    # "supports your body's resilience during oncology care".
    stop = _clause_end(words, i + 1, lex.during_reach)
    for k in range(i + 1, stop):
        size = longest_phrase_at(words, k, lex.during_links)
        if size:
            therapy = longest_phrase_at(words, k + size, lex.therapies)
            skip = 1 if words[k + size : k + size + 1] in (["your"], ["the"], ["their"]) else 0
            therapy = therapy or longest_phrase_at(words, k + size + skip, lex.therapies)
            if therapy:
                return Standalone(i, k + size + skip + therapy, DURING)
            return None
    return None


def _free_claim(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: StandaloneLexicon
) -> Standalone | None:
    """ "Be free from eczema", "NO premature ejaculation"."""
    if words[i] == "no":
        content = [w for w in words if w.isalnum()]
        if len(content) > lex.no_length or any(w.isalnum() for w in words[:i]):
            return None
        term = term_at.get(i + 1) or (
            term_at.get(i + 2) if words[i + 1 : i + 2] == ["more"] else None
        )
        if term is None or term.category not in DISEASE_TERMS or term.end < len(words) - 1:
            return None
        return Standalone(i, term.end, FREE)
    if words[i] != "free" or words[i + 1 : i + 2] == [] or words[i + 1] not in lex.free_links:
        return None
    if i > 0 and words[i - 1] == "-":
        return None
    opening = all(not w.isalnum() for w in words[:i])
    if not (opening or words[i - 1] in lex.free_leads):
        return None
    j = i + 2
    while j < len(words) and j < i + 2 + lex.free_reach and j not in term_at:
        j += 1
    term = term_at.get(j)
    if term is None or term.category not in DISEASE_TERMS | {_SYMPTOM}:
        return None
    return Standalone(i, term.end, FREE)


def _performance_claim(words: Sequence[str], i: int, lex: StandaloneLexicon) -> Standalone | None:
    """ "Harder, longer-lasting erections", "ROCK hard erections"."""
    start = _ending(words, i, lex.performance_nouns)
    if start < 0:
        return None
    window = words[max(0, start - lex.performance_reach - 2) : start]
    if lex.performance_words.isdisjoint(window):
        return None
    if any(longest_phrase_at(words, k, lex.performance_not) for k in range(len(words))):
        return None
    return Standalone(max(0, start - len(window)), i + 1, PERFORMANCE)


def _death_claim(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: StandaloneLexicon
) -> Standalone | None:
    """ "induces cell death in breast cancer cells"."""
    start = _ending(words, i, lex.death_nouns)
    if start < 0 or lex.death_verbs.isdisjoint(words[max(0, start - 4) : start]):
        return None
    for j in range(i + 1, _clause_end(words, i + 1, lex.death_reach)):
        term = term_at.get(j)
        if term is not None and term.category in DISEASE_TERMS:
            return Standalone(start, term.end, DEATH)
    return None


def _infant_claim(
    words: Sequence[str], i: int, lex: StandaloneLexicon, branded: bool
) -> Standalone | None:
    """ "These sleep sacks keep babies safely on their backs"; `branded`: the sentence names
    a brand ("Babies sleep safer in the DREAMPOD")."""
    start = _ending(words, i, lex.infant_words)
    if start < 0:
        return None
    near = words[max(0, start - lex.infant_reach) : i + 1 + lex.infant_reach]
    if lex.infant_safety.isdisjoint(near):
        return None
    # The product in the infant's clause: "Never use sleep positioners; babies sleep safest
    # on their backs" is advice, then a fact.
    first = next((k + 1 for k in range(start - 1, -1, -1) if words[k] in CLAUSE_ENDS), 0)
    last = next((k for k in range(i, len(words)) if words[k] in CLAUSE_ENDS), len(words))
    sold = any(longest_phrase_at(words, k, lex.sleep_products) for k in range(first, last))
    if not branded and not sold:
        return None
    return Standalone(start, i + 1, INFANT)


def standalone_claim(
    words: Sequence[str],
    i: int,
    term_at: Mapping[int, Term],
    lex: StandaloneLexicon,
    branded: bool = False,
) -> Standalone | None:
    """The round-12 reading anchored at words[i], or None; `branded`: the sentence names a
    brand."""
    if words[i] not in lex.anchors:
        return None
    return (
        _people_claim(words, i, term_at, lex)
        or _free_claim(words, i, term_at, lex)
        or _performance_claim(words, i, lex)
        or _death_claim(words, i, term_at, lex)
        or _infant_claim(words, i, lex, branded)
    )

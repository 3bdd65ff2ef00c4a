"""Round 8 claim forms (issue 13): results boasted as a rate, a superlative of effect and a
study result told as a count of people.

- rates: "a 97% success rate", "an improvement rate of 90 percent";
- superlatives: "the most effective sinus clinic", "the most powerful immune formula";
- study results: "9 out of 10 users reported less pain" (a percentage is a figure, which the
  numeric rules check).

Each is a claim of efficacy on any page: a clinic's or a product's results need
substantiation (FTC Act sections 5 and 12). The words are data (data/claim_structure.yaml,
"round 8"); the structural finder's research readings (research_readings.py) call these with
the sentence's lower-case words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.wordlists import phrase_tuples, word_set


def _phrase_end(words: Sequence[str], start: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Where the first of `phrases` found at words[start] ends; -1 if none is there."""
    for phrase in phrases:
        if tuple(words[start : start + len(phrase)]) == phrase:
            return start + len(phrase)
    return -1


@dataclass(frozen=True)
class BoastLexicon:
    rate_results: frozenset[str]
    rate_words: frozenset[str]
    rate_context: frozenset[str]
    superlatives: frozenset[str]
    nouns: frozenset[str]
    nouns_before: frozenset[str]
    list_nouns: frozenset[str]
    property_effects: frozenset[str]
    property_nouns: frozenset[str]
    study_results: frozenset[str]
    study_verbs: frozenset[str]
    study_people: frozenset[str]
    safety_heads: tuple[tuple[str, ...], ...]
    safety_links: tuple[tuple[str, ...], ...]
    work_verbs: frozenset[str]
    hashtag_prefixes: tuple[str, ...]
    hashtag_suffixes: tuple[str, ...]
    hashtag_products: tuple[str, ...]
    work_promises: tuple[tuple[str, ...], ...]

    @property
    def anchors(self) -> frozenset[str]:
        """The words these readings hang on."""
        return (
            self.rate_words
            | self.superlatives
            | self.study_results
            | self.property_nouns
            | self.work_verbs
            | {"without", "#"}
        )


@cache
def boast_lexicon() -> BoastLexicon:
    data = shared_data_file("claim_structure.yaml")
    return BoastLexicon(
        rate_results=word_set(data["boast_rate_results"]),
        rate_words=word_set(data["boast_rate_words"]),
        rate_context=word_set(data["boast_rate_context"]),
        superlatives=word_set(data["boast_superlatives"]),
        nouns=word_set(data["boast_nouns"]),
        nouns_before=word_set(data["boast_nouns_before"]),
        list_nouns=word_set(data["boast_list_nouns"]),
        property_effects=word_set(data["property_effects"]),
        property_nouns=word_set(data["property_nouns"]),
        study_results=word_set([*data["study_results"], *data["round9_study_results"]]),
        study_verbs=word_set(data["study_verbs"]),
        study_people=word_set(data["study_people"]),
        safety_heads=phrase_tuples(data["safety_heads"]),
        safety_links=phrase_tuples(data["safety_links"]),
        work_verbs=word_set(data["work_verbs"]),
        hashtag_prefixes=tuple(sorted(word_set(data["hashtag_prefixes"]), key=len, reverse=True)),
        hashtag_suffixes=tuple(sorted(word_set(data["hashtag_suffixes"]), key=len, reverse=True)),
        hashtag_products=tuple(
            sorted(word_set(data["hashtag_suffixes_products"]), key=len, reverse=True)
        ),
        work_promises=phrase_tuples(data["work_promises"]),
    )


def _figure(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _percent_at(words: Sequence[str], j: int) -> bool:
    """A percentage at words[j]: "97%", "97 %", "97 percent"."""
    if j < 0 or j >= len(words) or not _figure(words[j]):
        return False
    return words[j].endswith("%") or words[j + 1 : j + 2] in (["%"], ["percent"])


def rate_boast(words: Sequence[str], i: int, lex: BoastLexicon) -> tuple[int, int] | None:
    """(start, end) of a rate of results with a figure, for "rate" at words[i]: "a 97%
    success rate", "an improvement rate of 90 percent"; None otherwise ("the survival rate")."""
    if words[i] not in lex.rate_words or i == 0 or words[i - 1] not in lex.rate_results:
        return None
    for j in range(i - 2, max(i - 6, -1), -1):
        if _percent_at(words, j):
            return j, i + 1
    if words[i + 1 : i + 2] == ["of"]:
        for j in range(i + 2, min(i + 5, len(words))):
            if _percent_at(words, j):
                return i - 1, j + 2 if words[j + 1 : j + 2] in (["%"], ["percent"]) else j + 1
    return None


def superlative_boast(words: Sequence[str], i: int, lex: BoastLexicon) -> tuple[int, int] | None:
    """(start, end) of a superlative of effect before a provider or a product: "the most
    effective sinus clinic", "most powerful immune formula", or before a treatment after a
    list of superlatives ("the most effective, least expensive, and safest treatments"); None
    for other nouns ("the most effective way to ...")."""
    if words[i] not in lex.superlatives or words[i - 1 : i] != ["most"]:
        return None
    listed = False
    for j in range(i + 1, min(i + 9, len(words))):
        if words[j] in lex.nouns or (listed and words[j] in lex.list_nouns):
            return i - 1, j + 1
        if words[j] in lex.nouns_before:
            continue
        # ", least expensive, and safest": the list goes on.
        if words[j] in _LIST_WORDS or words[j - 1] in ("least", "most") or words[j].endswith("est"):
            listed = listed or words[j] == ","
            continue
        return None
    return None


def property_claim(words: Sequence[str], i: int, lex: BoastLexicon) -> int | None:
    """Where the effect of a property starts, for "properties" at words[i] after an effect's
    participle ("sugar-lowering properties", "pain relieving properties"); the caller reads
    the term that ends there. None without the participle."""
    if words[i] not in lex.property_nouns or i == 0 or words[i - 1] not in lex.property_effects:
        return None
    return i - 2 if words[i - 2 : i - 1] == ["-"] else i - 1


def study_result(words: Sequence[str], i: int, lex: BoastLexicon) -> int | None:
    """Where a study result told as a count of people starts, for the result word at
    words[i]: "9 out of 10 users reported less pain", "nine in ten customers noticed ...";
    None without a count, people and a reporting verb before it, or with a percentage ("88%
    of patients reported relief" is a figure the numeric rules check)."""
    if words[i] not in lex.study_results:
        return None
    verb = next((j for j in range(i - 1, max(i - 4, -1), -1) if words[j] in lex.study_verbs), None)
    if verb is None:
        return None
    people = next(
        (j for j in range(verb - 1, max(verb - 4, -1), -1) if words[j] in lex.study_people), None
    )
    if people is None:
        return None
    # "9 out of 10 users", "4 in 5 adults", "80% of participants", "nine in ten": the
    # count's first word.
    window = range(max(people - 5, 0), people)
    # "88% of patients reported relief" is a figure, checked against the registry's figures
    # (the numeric rules); a count of people is not.
    if any(words[j].endswith("%") or words[j] == "percent" for j in window):
        return None
    counts = [j for j in window if _figure(words[j]) or words[j] in _COUNT_WORDS]
    return counts[0] if counts else None


def safety_comparison(words: Sequence[str], i: int, lex: BoastLexicon) -> int | None:
    """Where the drug a product is set against may start, for "without" at words[i]:
    "without the side effects of antihistamines", "without the risks associated with"; the
    caller checks that a drug is named there. None otherwise."""
    if words[i] != "without":
        return None
    start = i + 1
    if words[start : start + 1] in (["the"], ["any"], ["all"]):
        start += 1
    head = _phrase_end(words, start, lex.safety_heads)
    if head < 0:
        return None
    link = _phrase_end(words, head, lex.safety_links)
    return None if link < 0 else link


def work_promise(words: Sequence[str], i: int, lex: BoastLexicon) -> int | None:
    """Where a promise of speed after a work verb at words[i] ends: "works in as little as
    20 minutes", "goes to work immediately"; None without one within two words."""
    if words[i] not in lex.work_verbs:
        return None
    for start in range(i + 1, min(i + 3, len(words))):
        end = _phrase_end(words, start, lex.work_promises)
        if end >= 0:
            return end
    return None


def hashtag_parts(words: Sequence[str], i: int, lex: BoastLexicon) -> list[tuple[str, bool]]:
    """The candidate terms of a hashtag after "#" at words[i], each with whether its effect
    is product-only: "#covidcure" -> [("covid", False)], "#anxietyrelief" ->
    [("anxiety", True)]. The caller keeps a candidate the vocabulary names."""
    if words[i] != "#" or i + 1 >= len(words):
        return []
    tag = words[i + 1]
    parts = [(tag[len(p) :], False) for p in lex.hashtag_prefixes if tag.startswith(p)]
    parts += [(tag[: -len(s)], False) for s in lex.hashtag_suffixes if tag.endswith(s)]
    parts += [(tag[: -len(s)], True) for s in lex.hashtag_products if tag.endswith(s)]
    return [(rest, products) for rest, products in parts if len(rest) >= 3 and rest.isalpha()]


_LIST_WORDS = frozenset({",", "and", "or", "least", "most"})
_COUNT_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})

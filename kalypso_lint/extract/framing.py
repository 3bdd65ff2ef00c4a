"""Round 9 claim readings (issue 13): how a claim is framed decides less than what it says.

- absolute effects: a cure-like verb or an object quantified as "any"/"all" is a claim even
  under a headline's framing ("How to Cure Arthritis", "tips to fight every virus"),
  which otherwise reads as patient education ("How to prevent the flu");
- the writer as maker: "I recently developed a remedy for ..." is the seller speaking,
  not a personal result;
- research framing on a product page: "Studied for its effects on arthritis", "investigated for
  its cardioprotective action" names the product's use (a product-only reading);
- a change perceived after a use: "has been taking ... and noticed a drop in her glucose
  levels" (a testimonial told in the third person).

The words are data (data/claim_structure.yaml, "round 9"); the structural finder
(claims.py, claim_guards.py, product_readings.py, research_readings.py) calls these readings
with the sentence's lower-case words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.wordlists import phrase_tuples, word_table

_CHANGE_REACH = 4  # words between a perception verb and the change perceived
_RESEARCH_REACH = 2  # words between a research participle and its "for"
_USE_REACH = 10  # words between a use in the perfect ("has taken") and its "for"
_SENTENCE_BREAKS = frozenset({".", ";", ":", "?", "!"})


@dataclass(frozen=True)
class FramingLexicon:
    framing: tuple[tuple[str, ...], ...]
    absolute_effects: frozenset[str]
    absolute_quantifiers: frozenset[str]
    maker_verbs: frozenset[str]
    research_words: frozenset[str]
    research_links: frozenset[str]
    perceived_verbs: frozenset[str]
    perceived_changes: frozenset[str]
    perceived_uses: frozenset[str]
    unapproved: tuple[tuple[str, ...], ...]
    approved_uses: tuple[tuple[str, ...], ...]
    use_aux: frozenset[str]
    use_verbs: frozenset[str]
    therapeutic_words: frozenset[str]
    therapeutic_heads: frozenset[str]

    @cached_property
    def unapproved_words(self) -> frozenset[str]:
        """The first words of the unapproved therapies, to test a sentence cheaply."""
        return frozenset(p[0] for p in self.unapproved)

    @cached_property
    def anchors(self) -> frozenset[str]:
        """The words the research and perception readings hang on."""
        return self.research_words | self.perceived_verbs | self.therapeutic_words


@cache
def framing_lexicon() -> FramingLexicon:
    data = shared_data_file("claim_structure.yaml")
    return word_table(
        FramingLexicon,
        data,
        framing=phrase_tuples(data["framing_informational"]),
        unapproved=phrase_tuples(data["unapproved_therapies"]),
        approved_uses=phrase_tuples(data["approved_therapy_uses"]),
    )


def absolute_effect(
    words: Sequence[str], anchor: int, end: int, lemma: str | None, lex: FramingLexicon
) -> bool:
    """Whether the claim from words[anchor] to `end` is absolute: a cure-like verb ("reverse
    diabetes") or an object quantified as any or all ("fight every virus")."""
    if lemma in lex.absolute_effects:
        return True
    return not lex.absolute_quantifiers.isdisjoint(words[anchor + 1 : end])


def made_by_writer(
    words: Sequence[str], anchor: int, first_person: frozenset[str], lex: FramingLexicon
) -> bool:
    """Whether the writer made or found what the claim at words[anchor] is about: "I
    recently developed a remedy for ..." (a maker verb after the last first-person
    word before the claim)."""
    last = next((j for j in range(anchor - 1, -1, -1) if words[j] in first_person), None)
    return last is not None and not lex.maker_verbs.isdisjoint(words[last + 1 : anchor])


def research_use(words: Sequence[str], i: int, lex: FramingLexicon) -> int | None:
    """Where the use named by research framing starts, for the participle at words[i]:
    "studied for its effects on arthritis" -> the word after "for"; None without the link."""
    if words[i] not in lex.research_words:
        return None
    for j in range(i + 1, min(i + 1 + _RESEARCH_REACH, len(words))):
        if words[j] in lex.research_links:
            return j + 1
    return None


def therapeutic_use(words: Sequence[str], i: int, lex: FramingLexicon) -> int | None:
    """Where a use said as therapy ends, for the word at words[i]: "therapeutic benefits",
    "a therapeutic agent", "valued therapeutically"; None for a modality
    ("therapeutic massage")."""
    if words[i] not in lex.therapeutic_words:
        return None
    if words[i].endswith("ly"):
        return i + 1
    if words[i + 1 : i + 2] and words[i + 1] in lex.therapeutic_heads:
        return i + 2
    return None


def perceived_change(words: Sequence[str], i: int, lex: FramingLexicon) -> int | None:
    """Where the change perceived after a use starts, for the perception verb at words[i]:
    "has been using the balm ... and noticed a decrease in her joint pain"; None without a change
    word within three words, or without a use named in the sentence ("patients may notice
    a drop in blood pressure" is a warning, not a result)."""
    if words[i] not in lex.perceived_verbs:
        return None
    change = next(
        (
            j
            for j in range(i + 1, min(i + 1 + _CHANGE_REACH, len(words)))
            if words[j] in lex.perceived_changes
        ),
        None,
    )
    if change is None or lex.perceived_uses.isdisjoint(words):
        return None
    return change


def used_for(words: Sequence[str], i: int, lex: FramingLexicon) -> int | None:
    """Where the use verb is when "for" at words[i] tells what a use in the perfect was
    for: "has taken the capsules since last spring for his gout", "has been using it
    for her arthritis" (the caller reads the disease after it, and what was used); None
    otherwise."""
    if words[i] != "for":
        return None
    for j in range(i - 1, max(i - _USE_REACH, 1) - 1, -1):
        if words[j] in _SENTENCE_BREAKS:
            return None
        if words[j] in lex.use_verbs:
            aux = j - 2 if words[j - 1] == "been" else j - 1
            return j if aux >= 0 and words[aux] in lex.use_aux else None
    return None

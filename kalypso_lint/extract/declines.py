"""A body function's decline, or a harm's rise, told as a symptom or a risk (issue 13,
real-page precision round 4).

"Reduced sex drive", "a sudden decrease in visual acuity", "stress can lower fertility",
"alcohol decreases blood flow": the effect word and a function term make the shape of a
structure/function claim, but the function declines. "This raises blood pressure",
"increased cholesterol": a harm rises. No product claims either; the sentence names a
symptom or a risk, in symptom lists, risk statements and the summaries of studies of seven
labelled page groups (docs/accuracy.md, "Real-page precision, round 4"). Only functions
whose decline is always a harm are read (data/declines.yaml): a product does claim to
reduce oil production or estrogen levels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.vocabulary import Term
from kalypso_lint.extract.wordlists import word_table

DATA_FILE = "declines.yaml"
_FUNCTION = "function"
_MARKER = "marker"


@dataclass(frozen=True)
class DeclineWords:
    decline_words: frozenset[str]
    fillers: frozenset[str]
    functions: frozenset[str]
    compounds: frozenset[str]
    comparisons: frozenset[str]
    compare_reach: int
    rise_words: frozenset[str]
    risk_words: frozenset[str]
    rising_categories: frozenset[str]
    rising_markers: frozenset[str]
    situation_words: frozenset[str]


@cache
def decline_words() -> DeclineWords:
    return word_table(DeclineWords, shared_data_file(DATA_FILE))


def declines(words: Sequence[str], anchor: int, term_at: Mapping[int, Term]) -> bool:
    """Whether the effect word at words[anchor] (lower case) says that the function term
    after it declines ("reduced sex drive", "a decrease in visual acuity"), or that a harm
    rises ("raises the risk of heart disease")."""
    talk = decline_words()
    if words[anchor] in talk.rise_words:
        return _rises(words, anchor, term_at, talk)
    if words[anchor] not in talk.decline_words:
        return False
    at = anchor + 1
    while at < len(words) and words[at] in talk.fillers:
        at += 1
    term = term_at.get(at)
    if term is None or term.category != _FUNCTION:
        return False
    if " ".join(words[term.start : term.end]) not in talk.functions:
        return False
    after = words[term.end : term.end + talk.compare_reach]
    # "reduced sleep apnoea symptoms": the term names part of a condition.
    if after and after[0] in talk.compounds:
        return False
    # "lower in concentration than tablets": a property compared.
    return talk.comparisons.isdisjoint(after)


def _rises(
    words: Sequence[str], anchor: int, term_at: Mapping[int, Term], talk: DeclineWords
) -> bool:
    """ "raises the risk of heart disease", "increased cholesterol": a harm rises."""
    if anchor > 0 and words[anchor - 1] in talk.situation_words:
        return False  # "boosters for times of increased stress"
    at = anchor + 1
    while at < len(words) and (words[at] in talk.fillers or words[at] in talk.risk_words):
        at += 1
    term = term_at.get(at)
    if term is None:
        return False
    if term.category in talk.rising_categories:
        return True
    name = " ".join(words[term.start : term.end])
    return term.category == _MARKER and name in talk.rising_markers

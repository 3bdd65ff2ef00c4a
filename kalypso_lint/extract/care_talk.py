"""Talk about care that claims no effect (issue 13, real-page precision round 3).

Three forms recur across the labelled page groups: a practice's approach set against
"treating symptoms" ("we look for the cause rather than just treating symptoms"), the
reader's own stress in a list of self-care steps ("Manage stress"), and a provider's
specialty told as a gerund ("our team specializes in treating heel pain"); and protection
from the sun told as advice ("Wear sunglasses to block UV rays"). The first two claim
nothing on any page; the last two are product-only readings, like a provider's service.
The words are data (data/care_talk.yaml).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.cues import plain_apostrophes
from kalypso_lint.extract.structure_words import contains_phrase
from kalypso_lint.extract.wordlists import longest_phrase_at, longest_phrase_ending_at, word_table

DATA_FILE = "care_talk.yaml"


@dataclass(frozen=True)
class CareTalk:
    symptom_words: frozenset[str]
    symptom_lead: tuple[tuple[str, ...], ...]
    symptom_followers: frozenset[str]
    contrast_phrases: tuple[tuple[str, ...], ...]
    contrast_reach: int
    cause_phrases: tuple[tuple[str, ...], ...]
    stress_verbs: frozenset[str]
    stress_openers: tuple[tuple[str, ...], ...]
    stress_lead: tuple[tuple[str, ...], ...]
    stress_words: frozenset[str]
    stress_tail: frozenset[str]
    stress_ends: frozenset[str]
    seller_words: frozenset[str]
    specialty_phrases: tuple[tuple[str, ...], ...]
    sun_words: frozenset[str]
    sun_reach: int
    sun_between: frozenset[str]
    sun_nouns: frozenset[str]


@cache
def care_talk() -> CareTalk:
    return word_table(CareTalk, shared_data_file(DATA_FILE))


def claims_nothing(words: Sequence[str], anchor: int) -> bool:
    """Whether the effect word at words[anchor] claims nothing on any page: symptoms set
    aside against their cause, or the reader's own stress as a self-care step."""
    return _symptoms_set_aside(words, anchor) or _own_stress(words, anchor)


def specialty(words: Sequence[str], anchor: int) -> bool:
    """ "specializes in treating heel pain", "experience in treating injuries": a provider's
    specialty, right before the effect word."""
    return longest_phrase_ending_at(words, anchor - 1, care_talk().specialty_phrases) is not None


def sun_advice(words: Sequence[str], anchor: int) -> bool:
    """ "Wear sunglasses to block UV rays", "protecting your skin from sun damage": protection
    from the sun, told as advice (no third-person verb)."""
    talk = care_talk()
    word = words[anchor]
    if word.endswith("s") and not word.endswith("ss"):
        return False  # "Our serum protects against UV damage"
    if word in talk.sun_nouns and any(w[:1].isalpha() for w in words[:anchor]):
        return False  # "provides protection from UV rays": a heading opens with the noun
    after = plain_apostrophes(words[anchor + 1 : anchor + 1 + talk.sun_reach])
    for word in after:
        if word in talk.sun_words:
            return True
        if word not in talk.sun_between and not word.replace(".", "").isdigit():
            return False
    return False


def _lead(words: Sequence[str], i: int, leads: tuple[tuple[str, ...], ...]) -> int:
    """The index after the lead words (determiners, "daily") starting at words[i]."""
    return i + longest_phrase_at(words, i, leads)


def _symptoms_set_aside(words: Sequence[str], anchor: int) -> bool:
    talk = care_talk()
    at = _lead(words, anchor + 1, talk.symptom_lead)
    if at >= len(words) or words[at] not in talk.symptom_words:
        return False
    if at + 1 < len(words) and words[at + 1] in talk.symptom_followers:
        return False  # "relief of the symptoms of arthritis" names a condition
    for i in range(max(0, anchor - talk.contrast_reach), anchor):
        if longest_phrase_at(words, i, talk.contrast_phrases):
            return True
    return contains_phrase(words, talk.cause_phrases, 0, len(words))


def _own_stress(words: Sequence[str], anchor: int) -> bool:
    talk = care_talk()
    if words[anchor] not in talk.stress_verbs:
        return False
    start = 0
    while start < anchor and not words[start][:1].isalpha():
        start += 1  # bullets, numbers, check marks
    start += longest_phrase_at(words, start, talk.stress_openers)
    if start != anchor:
        return False
    at = _lead(words, anchor + 1, talk.stress_lead)
    if at >= len(words) or words[at] not in talk.stress_words:
        return False
    at += 1
    while at < len(words) and words[at] in talk.stress_tail:
        at += 1
    if at == len(words):
        return True
    return words[at] in talk.stress_ends and talk.seller_words.isdisjoint(words[at:])

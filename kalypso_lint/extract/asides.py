"""Figures that look like a statistic and are none (issue 12, round 21).

Round 21 counted the false alarms left on the fourteen labelled page groups by what makes
each one no claim, and built only the forms that recur in at least three groups and never
stand where a labelled real claim does:

- a part of a thing read as a share ("the first half of treatment", "half of ring
  finger", "half a decade"): `part-of-whole` (a fact);
- a decade or an ordinal written with digits ("the 60's", "the 21 st century"):
  `decade-or-ordinal` (an identifier);
- terms of a service said as a percentage ("up to 100% back", "100% confidential", "the
  remaining 20% is the patient's responsibility"): `service-terms` (an offer);
- what a product is made of ("80% standardized silymarin", "11% of the RDA"):
  `product-content` (an offer);
- a volume, issue or year of a reference entry ("Online, 22, 3.", "pp. 1-11"):
  `reference-number` (an identifier);
- a small count of things the copy names ("all three fruits", "the two theories"):
  `refers-back` (a fact, round 18's cue, now read before any evidence is weighed);
- a practice's own years ("practicing ... for over 24 years"): `business-history` (a fact);
- a bound of the BMI ("a BMI of 30 or higher"): `index-threshold` (a fact);
- how long a visit or a procedure takes ("The procedure typically takes 30 to 60
  minutes"): `visit-length` (a fact);
- the length of a programme the business sells ("our 12-month programme", "a 30-day
  cleanse"): `programme-length` (an offer).

They are read for a figure the cues and the model leave a claim, before its health
evidence (evidence.py); a strong claim cue does not overturn them (classify.py).

A share of people ("half of adults", "half the people lose ...") is never one of these.
The words are data (data/figure_asides.yaml); docs/figure-classes.md ("Round 21")
explains them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.cues import CLAUSE_ENDS
from kalypso_lint.extract.wordlists import (
    longest_phrase_at,
    longest_phrase_ending_at,
    word_table,
)

DATA_FILE = "figure_asides.yaml"
# The cues of this module and the class each one gives.
ASIDE_CUES = {
    "part-of-whole": "fact",
    "decade-or-ordinal": "identifier",
    "service-terms": "offer",
    "product-content": "offer",
    "reference-number": "identifier",
    "refers-back": "fact",
    "business-history": "fact",
    "index-threshold": "fact",
    "visit-length": "fact",
    "programme-length": "offer",
}
# A figure of these kinds in the sentence states a result the programme's length times.
_STATISTIC_KINDS = frozenset({"percent", "fraction", "rate", "multiplier"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_DASHES = frozenset({"-", "\u2013", "\u2014"})
# "Online, 22, 3." / "Therapy, 10, pp.1-11": a volume between commas, then an issue or pages.
_VOLUME_AFTER = re.compile(r"^\s*[,(]\s*(?:pp?\.?\s*)?\d+")
# A clause of the figure ends at a sentence's clause end, a comma, a bracket or a dash.
_CLAUSE_ENDS = CLAUSE_ENDS | {",", "(", ")", "\u2014", "\u2013"}


@dataclass(frozen=True)
class AsideWords:
    part_before: frozenset[str]
    part_words: frozenset[str]
    part_nouns: frozenset[str]
    part_lengths: frozenset[str]
    decade_before: frozenset[str]
    decade_after: frozenset[str]
    ordinal_after: frozenset[str]
    terms_after: tuple[tuple[str, ...], ...]
    terms_reach: int
    refund_after: tuple[tuple[str, ...], ...]
    money_words: frozenset[str]
    made_words: frozenset[str]
    made_after: tuple[tuple[str, ...], ...]
    made_reach: int
    made_not: frozenset[str]
    reference_marks: frozenset[str]
    named_before: frozenset[str]
    named_at_most: float
    practice_words: re.Pattern[str]
    index_words: tuple[tuple[str, ...], ...]
    index_links: frozenset[str]
    session_subjects: frozenset[str]
    session_verbs: frozenset[str]
    session_units: frozenset[str]
    session_reach: int
    session_not: frozenset[str]
    session_nouns: frozenset[str]
    session_habits: frozenset[str]
    programme_nouns: frozenset[str]
    programme_reach: int
    programme_links: frozenset[str]


@cache
def aside_words() -> AsideWords:
    return word_table(AsideWords, shared_data_file(DATA_FILE))


def aside(
    span: Span, sent: Span, sent_words: AbstractSet[str], figures: Iterable[Span]
) -> tuple[str, str] | None:
    """(class, cue) of a figure that is no statistic by one of the module's forms, or
    None. `sent` is the figure's sentence, `sent_words` its words in lower case (the caller
    has read them), `figures` the block's figures."""
    words = aside_words()
    before = [t.lower_ for t in span.doc[sent.start : span.start]]
    after = [t.lower_ for t in span.doc[span.end : sent.end]]
    inside = [t.lower_ for t in span]
    reading = span._.kl_reading
    if _part_of_whole(inside, before, after, words):
        return "fact", "part-of-whole"
    if _decade_or_ordinal(span, before, after, words):
        return "identifier", "decade-or-ordinal"
    if reading.unit == "percent":
        if _service_terms(sent_words, after, words):
            return "offer", "service-terms"
        if _made_of(before, after, words):
            return "offer", "product-content"
    if reading.kind == "count":
        if _reference_number(span, sent, sent_words, before, after, words):
            return "identifier", "reference-number"
        small = reading.value is not None and reading.value <= words.named_at_most
        if small and before[-1:] and before[-1] in words.named_before:
            return "fact", "refers-back"  # "all three fruits", "the two theories"
    if reading.unit == "years" and words.practice_words.search(sent.text.lower()):
        return "fact", "business-history"  # "practicing ... for over 24 years"
    if _index_bound(before, words):
        return "fact", "index-threshold"  # "a BMI of 30 or higher"
    if reading.unit in words.session_units and _session_length(inside, before, after, words):
        return "fact", "visit-length"  # "The procedure typically takes 30 to 60 minutes"
    if reading.kind == "duration" and _programme_length(span, sent, after, figures, words):
        return "offer", "programme-length"  # "our 12-month programme", "a 30-day cleanse"
    return None


def _clause_after(after: list[str]) -> list[str]:
    for i, word in enumerate(after):
        if word in _CLAUSE_ENDS:
            return after[:i]
    return after


def _clause_before(before: list[str]) -> list[str]:
    for i in range(len(before) - 1, -1, -1):
        if before[i] in _CLAUSE_ENDS:
            return before[i + 1 :]
    return before


def _part_of_whole(
    inside: list[str], before: list[str], after: list[str], words: AsideWords
) -> bool:
    share = [w for w in inside if w in words.part_words]
    if not share:
        return False
    if inside[0] in words.part_words and before[-1:] and before[-1] in words.part_before:
        return True  # "the first half of", "the 2nd 1/2 of your cycle"
    rest = after[1:] if after[:1] == ["of"] else after
    if set(rest[:2]) & words.part_nouns:
        return True  # "half of ring finger"
    return after[:1] in (["a"], ["an"]) and after[1:2] != [] and after[1] in words.part_lengths


def _decade_or_ordinal(span: Span, before: list[str], after: list[str], words: AsideWords) -> bool:
    if len(span) != 1 or not span[0].is_digit:
        return False
    if after[:1] and after[0] in words.ordinal_after:
        return True  # "the 21 st century"
    value = int(span[0].text)
    decade = value % 10 == 0 and (10 <= value <= 90 or 1900 <= value <= 2090)
    return (
        decade
        and bool(after[:1])
        and after[0] in words.decade_after
        and bool(before[-1:])
        and before[-1] in words.decade_before
    )


def _made_of(before: list[str], after: list[str], words: AsideWords) -> bool:
    following = _clause_after(after)[: words.made_reach]
    if set(following) & words.made_not:
        return False  # "contains 40% more polyphenols than black tea" compares
    near = _clause_before(before)[-words.made_reach :] + following
    if set(near) & words.made_words:
        return True
    return longest_phrase_at(after, 0, words.made_after) > 0


def _reference_number(
    span: Span,
    sent: Span,
    sent_words: AbstractSet[str],
    before: list[str],
    after: list[str],
    words: AsideWords,
) -> bool:
    if sent_words & words.reference_marks:
        return True
    if _YEAR.fullmatch(span.text) and before[-1:] and before[-1] in _DASHES and len(before) <= 2:
        return True  # "- 2014 Scandinavian Journal of Urology": a reference line's year
    following = span.doc[span.end : sent.end].text
    preceded = len(before) >= 2 and before[-1] == "," and span.doc[span.start - 2].is_title
    return preceded and bool(_VOLUME_AFTER.match(following))


def _index_bound(before: list[str], words: AsideWords) -> bool:
    """An index word before the figure with only the links of a bound between them."""
    clause = _clause_before(before) if before[-1:] != ["("] else before
    for i in range(len(clause) - 1, -1, -1):
        if longest_phrase_ending_at(clause, i, words.index_words) is not None:
            return True
        if clause[i] not in words.index_links:
            return False
    return False


def _session_length(
    inside: list[str], before: list[str], after: list[str], words: AsideWords
) -> bool:
    reach = words.session_reach
    if inside[-1:] and inside[-1].rstrip("s") in ("minute", "hour"):
        tail = [w for w in after[: reach + 2] if w != "-"][:reach]
        if set(tail) & words.session_nouns and not set(tail) & words.session_habits:
            return True  # "20-25 minute follow-up sessions"
    clause = _clause_before(before)
    if set(clause) & words.session_not:
        return False
    for i in range(len(clause) - 1, max(-1, len(clause) - 2 - reach), -1):
        if clause[i] in words.session_verbs:
            return bool(set(clause[max(0, i - reach) : i]) & words.session_subjects)
    return False


def _service_terms(sent_words: AbstractSet[str], after: list[str], words: AsideWords) -> bool:
    starts = range(words.terms_reach + 1)
    if any(longest_phrase_at(after, i, words.terms_after) for i in starts):
        return True  # "100% confidential", "the remaining 20% is the patient's responsibility"
    if not any(longest_phrase_at(after, i, words.refund_after) for i in starts):
        return False
    return bool(sent_words & words.money_words)  # "up to 100% back ... insurer"


def _programme_length(
    span: Span, sent: Span, after: list[str], figures: Iterable[Span], words: AsideWords
) -> bool:
    if span[-1].lower_ in words.programme_links:
        return False  # the figure's reading took "on" in: "12 weeks on the plan"
    following = [w for w in _clause_after(after)[: words.programme_reach + 2] if w != "-"]
    named = False
    for word in following[: words.programme_reach + 1]:
        if word in words.programme_nouns:
            named = True
            break
        if word in words.programme_links:
            return False  # "after 12 weeks on the nutrition plan": time on it, not its name
    if not named:
        return False
    return not any(
        other._.kl_reading.kind in _STATISTIC_KINDS
        for other in figures
        if other.start != span.start and sent.start <= other.start < sent.end
    )

"""Lengths of time that belong to something else in their sentence (issue 12, round 19).

Three shapes recur on every kind of page and were labelled "not a claim" across the sets:

- the end of a range the grammar reads in two halves: "results last from 6 months to 2
  years" reports "6 months" as the claim; "2 years" is the same figure's upper bound;
- a window that closes the clause of a statistic: "80% improve within 3 months", "over 40%
  die within 5 years", "reduced symptoms by 78% within 2-4 treatments": the share is the
  claim, the window says when it is counted (a window that opens its clause, "After four
  months, 41% ...", is design.py's);
- a threshold for seeing a clinician: "no improvement after 2 weeks", "pain persisting
  beyond 2 weeks", "hoarseness lasting more than 3 weeks warrants a visit".

A result's own length stays a claim ("results last up to two years", "most patients heal
in 2 weeks", "50% will need a second treatment within 3 to 5 years": `window_verbs` names
only verbs that reach an outcome). The words are data (`time_frames` in
data/figure_evidence.yaml); docs/figure-classes.md ("Round 19b") explains them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.lexicon import numeric_lexicon
from kalypso_lint.extract.numparse import ParsedNumber
from kalypso_lint.extract.wordlists import LOWER_WORD, word_table

DATA_FILE = "figure_evidence.yaml"
_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", ".", "!", "?"})
_LENGTH_KINDS = frozenset({"duration", "duration_range"})
# A length's unit in days, to tell a range ("6 months to 2 years") from a fall.
_DAYS = {
    "seconds": 1 / 86400,
    "minutes": 1 / 1440,
    "hours": 1 / 24,
    "days": 1.0,
    "weeks": 7.0,
    "months": 30.4,
    "years": 365.25,
}


@dataclass(frozen=True)
class TimeFrameWords:
    range_joins: frozenset[str]
    window_openers: frozenset[str]
    window_kinds: frozenset[str]
    window_verbs: frozenset[str]
    window_gap: int
    window_not: frozenset[str]
    threshold_words: re.Pattern[str]
    threshold_bounds: frozenset[str]
    threshold_qualifiers: frozenset[str]
    threshold_after: frozenset[str]
    threshold_reach: int
    threshold_not: frozenset[str]


@cache
def time_frame_words() -> TimeFrameWords:
    return word_table(TimeFrameWords, shared_data_file(DATA_FILE)["time_frames"])


def belongs_to_figure(span: Span, sent: Span, beside_statistic: bool) -> str | None:
    """The `fact` reason of a length that belongs to another figure of its sentence `sent`
    (passed in: `Span.sent` walks the document each time it is read), or None.
    `beside_statistic`: a percentage, fraction, rate or multiplier stands in the sentence."""
    words = time_frame_words()
    if _range_end(span, sent, words):
        return "range-end"
    if beside_statistic and _closing_window(span, sent, words):
        return "qualifies-statistic"
    return None


def symptom_threshold(span: Span, sent: Span) -> bool:
    """Whether the length in sentence `sent` is a threshold for seeing a clinician (see
    `_threshold`)."""
    return _threshold(span, sent, time_frame_words())


def _is_length(token: Token) -> bool:
    return token.lower_ in numeric_lexicon().time_units


def _range_end(span: Span, sent: Span, words: TimeFrameWords) -> bool:
    """ "from 6 months to 2 years": a length with no qualifier right after "to" and a
    shorter length ("6 months"), written with its number and its unit."""
    reading = span._.kl_reading
    start = span.start
    if reading.kind not in _LENGTH_KINDS or reading.qualifier or start - 3 < sent.start:
        return False
    doc = span.doc
    join, unit, number = doc[start - 1], doc[start - 2], doc[start - 3]
    if join.lower_ not in words.range_joins or not _is_length(unit) or not _is_length(span[-1]):
        return False
    head: ParsedNumber | None = number._.kl_number
    tail = reading.value if reading.value is not None else reading.low
    if head is None or tail is None:
        return False
    # Upwards only: "dropped from 14 weeks to 5 weeks" is a change, both figures its own.
    return head.value * _in_days(unit) < tail * _in_days(span[-1])


def _in_days(token: Token) -> float:
    return _DAYS[numeric_lexicon().time_units[token.lower_]]


def _closing_window(span: Span, sent: Span, words: TimeFrameWords) -> bool:
    """ "80% improve within 3 months", "by 77.8% within 2-4 treatments": a window after
    `window_openers` in the clause of a percentage, with an outcome verb between them or
    the percentage at most `window_gap` words before the opener, and no `window_not` (a
    modal or "need": "50% will need one within 4 years" says when a treatment fails)."""
    reading, doc = span._.kl_reading, span.doc
    opener = span.start - 1
    if reading.kind not in words.window_kinds or opener <= sent.start:
        return False
    if doc[opener].lower_ not in words.window_openers:
        return False
    between: list[str] = []
    for index in range(opener - 1, sent.start - 1, -1):
        token = doc[index]
        if token.text in _CLAUSE_BREAKS:
            return False
        if token.text == "%" or token.lower_ == "percent":
            alpha = [w for w in between if w.isalpha()]
            if set(alpha) & words.window_verbs:
                return True
            return len(alpha) <= words.window_gap and not set(alpha) & words.window_not
        between.append(token.lower_)
    return False


def _threshold(span: Span, sent: Span, words: TimeFrameWords) -> bool:
    """ "No improvement after 2 weeks", "Pain persisting beyond 2 weeks": a length bounded
    from below (`threshold_bounds` before it, a `threshold_qualifiers` qualifier or
    `threshold_after` after it: "symptoms persist 12 weeks or longer") within
    `threshold_reach` words after a word of symptoms that do not go (`threshold_words`),
    said of no result (`threshold_not`): "recovery lasting up to two weeks" is a result."""
    reading, doc = span._.kl_reading, span.doc
    if reading.kind not in _LENGTH_KINDS:
        return False
    before = doc[sent.start : span.start].text.lower()
    reach = len(before) - len(
        doc[max(sent.start, span.start - words.threshold_reach) : span.start].text
    )
    found = [m for m in words.threshold_words.finditer(before) if m.start() >= reach]
    if not found:
        return False
    tail = before[found[-1].end() :].split()
    after = doc[span.end : min(sent.end, span.end + 2)].text.lower()
    bounded = (
        reading.qualifier in words.threshold_qualifiers
        or any(w in words.threshold_bounds for w in tail)
        or after in words.threshold_after
    )
    said_of = set(LOWER_WORD.findall(before[: found[-1].start()]))
    return bounded and not (said_of & words.threshold_not)

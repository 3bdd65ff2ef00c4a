"""How often: the period of a frequency after a figure, and whether it says how often something
happens to people (a claim) or how often to do something (issue 12, round 7).

"3 times a week" and "1-2 times daily" are dosing or booking directions and no figure (the
guards' FREQUENCY_FOLLOWERS); "colds 6-8 times a year" and "migraine attacks 2-3 times a
month" are how often an illness comes, a rate the copy should be able to source.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span

from kalypso_lint.extract.guards import FREQUENCY_FOLLOWERS

# Adverbs of a frequency's period: "twice daily", "1-2 times yearly".
PERIOD_ADVERBS = {
    "daily": "day",
    "nightly": "day",
    "hourly": "hour",
    "weekly": "week",
    "monthly": "month",
    "yearly": "year",
}
# Words after "N times" that open a period: "a year", "per month", "each week".
_PERIOD_OPENERS = frozenset({"a", "an", "per", "each", "every"})
# How far before a frequency a condition may end for the frequency to be said of it.
INCIDENCE_WINDOW = 6


def frequency_period(doc: Doc, end: int, time_units: Mapping[str, str]) -> str | None:
    """The period of a frequency right after doc[:end] ("3 times a week": "week", "twice
    daily": "day", "2x/year": "year"), "" when it does not show, None when no frequency
    follows. `time_units` are the lexicon's (word -> plural unit)."""
    if end < len(doc) and doc[end].text == "/":
        end += 1  # "2x/day", "1-2x/week"
    if end >= len(doc) or doc[end].lower_ not in FREQUENCY_FOLLOWERS:
        return None
    word = doc[end].lower_
    if word in PERIOD_ADVERBS:
        return PERIOD_ADVERBS[word]
    if word not in _PERIOD_OPENERS:
        return word  # "2x/day"
    following = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    return time_units.get(following, "").removesuffix("s")


def is_incidence(doc: Doc, span: Span, time_units: Mapping[str, str]) -> bool:
    """A frequency that says how often something happens to people: per year ("colds 6-8
    times a year": a dose or a session is daily or weekly), or per week or month said of a
    condition that ends just before it ("migraine attacks 2-3 times a month")."""
    period = frequency_period(doc, span.end, time_units)
    if period == "year":
        return True
    if period not in ("week", "month"):
        return False
    low = max(span.sent.start, span.start - INCIDENCE_WINDOW)
    return any(
        entity.label_ == "CONDITION" and low <= entity.end - 1 < span.start for entity in doc.ents
    )

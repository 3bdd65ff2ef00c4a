"""Context guards of the number grammar: the words around a figure that change how it reads
("3 days later" is no duration claim, "over eight weeks" after a change means "during",
"must be 18 to enrol" is an age). Word sets that are grammar, not vocabulary, stay here;
vocabulary is in data/numeric.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from kalypso_lint.extract.lexicon import NumericLexicon
from kalypso_lint.extract.numparse import ParsedNumber

FREQUENCY_FOLLOWERS = frozenset(
    {
        "a",
        "an",
        "per",
        "daily",
        "weekly",
        "monthly",
        "yearly",
        "each",
        "every",
        "day",
        "week",
        "month",
        "year",
        "nightly",
        "hourly",
    }
)
RELATIVE_TIME = frozenset({"later", "earlier", "ahead", "beforehand", "prior", "ago"})
# Verbs after which "over N hours" means "more than N hours", not "during N hours".
LASTING = frozenset(
    {
        "last",
        "lasts",
        "lasted",
        "lasting",
        "for",
        "take",
        "takes",
        "took",
        "taking",
        "persist",
        "persists",
        "continue",
        "continues",
        "is",
        "are",
        "was",
        "were",
        "be",
        "wait",
        "waits",
    }
)
# "24 hours a day", "7 days a week": a whole period stated as opening hours, not a claim.
WHOLE_PERIODS = frozenset(
    {
        (24, "hours", "day"),
        (7, "days", "week"),
        (365, "days", "year"),
        (52, "weeks", "year"),
        (12, "months", "year"),
        (60, "minutes", "hour"),
    }
)
# Before a slash fraction, these make it a date: "due by 1/15".
DATE_LEADS = frozenset({"by", "on", "until", "till", "due", "before", "after", "from", "since"})
# After these, "one day" / "one hour" is a figure ("relief within one hour").
DURATION_LEADS = frozenset(
    {"in", "within", "for", "after", "about", "under", "than", "just", "only", "lasts", "last"}
)
COPULAS = frozenset(
    {
        "be",
        "is",
        "are",
        "was",
        "were",
        "am",
        "'re",
        "'s",
        "turn",
        "turns",
        "turning",
        "turned",
        "aged",
        "age",
    }
)
PRONOUNS = frozenset({"you", "he", "she", "they", "we", "i", "patients", "clients"})
AGE_FOLLOWERS = frozenset({"to", "or", "and", "with", "when", "who", "if", "but", "?", "years"})
# "your 2019 model", "the 2024 season": a year before these nouns.
YEAR_NOUNS = frozenset({"model", "models", "season", "edition", "cohort", "vintage", "budget"})
CLAUSE_START = frozenset({".", ",", ";", ":", "(", "—", "–", "!", "?", '"', "“"})


@dataclass(frozen=True)
class NumericReading:
    """What one figure says: kept on the span as `span._.kl_reading`."""

    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = None


# A reader's answer when the context says the words are no claim at all ("3 days later",
# "3 times a week"), as opposed to None: "this pattern does not fit, try a shorter one".
NOT_A_CLAIM = NumericReading("not-a-claim")


def is_year_like(number: ParsedNumber) -> bool:
    return (
        number.digits == 4
        and not number.grouped
        and not number.scaled
        and number.value == int(number.value)
        and 1800 <= number.value <= 2100
    )


class ContextGuards:
    """Checks on a figure's neighbours, shared by the readers and the component."""

    lex: NumericLexicon

    def _needs_qualifier(self, span: Span) -> bool:
        """A bare "half" is a share only after a qualifier ("fewer than half")."""
        return len(span) == 1 and span[0].lower_ == "half"

    def _qualifies(
        self, doc: Doc, qual_start: int, qualifier: str, reading: NumericReading
    ) -> bool:
        """ "over eight weeks" after a change is "during"; after "last(s)" it is "more than"."""
        if reading.kind != "duration" or doc[qual_start].lower_ != "over":
            return True
        if qual_start == 0 or doc[qual_start - 1].text in CLAUSE_START:
            return True  # "Over 25 years in practice..."
        return doc[qual_start - 1].lower_ in LASTING

    # -- reading quantities -----------------------------------------------------------
    def _counted_unit(self, doc: Doc, end: int) -> str:
        """ "people" when a person noun follows within four words, else "count"."""
        words = 0
        for token in doc[end : end + 7]:
            if token.text == "-":  # "board-certified nurses", "2.3 million-member plan"
                continue
            if self.is_person_noun(token.lower_):
                return "people"
            words += 1
            if token.is_punct or token.lower_ in self.lex.noun_stops or words >= 4:
                break
        return "count"

    def is_person_noun(self, word: str) -> bool:
        return word in self.lex.person_nouns or word.endswith(("ists", "ians"))

    def _age_from_context(
        self,
        doc: Doc,
        lead: int,
        span: Span,
        reading: NumericReading,
        qualifier: str | None,
    ) -> NumericReading:
        """A bare count that describes a person is an age: "people over 65", "those 65+",
        "must be at least 18 to enrol", "Are you over 40?", "the woman is over 35"."""
        if reading.kind != "count" or reading.unit != "count" or lead == 0:
            return reading
        if reading.value is not None and not float(reading.value).is_integer():
            return reading  # "scores were 0.23 (95% CI ...)": no one is 0.23 years old
        next_index = span.end + 1 if span.end < len(doc) and doc[span.end].text == "+" else span.end
        following = doc[next_index] if next_index < len(doc) else None
        after = following.lower_ if following is not None else ""
        if self.is_person_noun(after) or after in self.lex.percent or after in self.lex.time_units:
            return reading  # "patients over 500 doctors", "be 18 months"
        before = doc[lead - 1].lower_
        before_that = doc[lead - 2].lower_ if lead > 1 else ""
        if qualifier is not None and before in self.lex.age_subjects:
            return replace(reading, kind="age", unit="years")  # "adults over 60 have..."
        # After "be"/"is" the number must end the phrase: "must be 18 to enrol", "is over 35)".
        ends_phrase = following is None or following.is_punct or after in AGE_FOLLOWERS
        copula = before in COPULAS or (before in PRONOUNS and before_that in COPULAS)
        return replace(reading, kind="age", unit="years") if copula and ends_phrase else reading

    def _preceded_by_identifier_cue(self, doc: Doc, start: int) -> bool:
        return start > 0 and doc[start - 1].lower_ in self.lex.identifier_cues

    def _follows_as_frequency(self, doc: Doc, end: int) -> bool:
        """ "3 times a week", "twice daily", "2x/day": how often, not how much more."""
        if end < len(doc) and doc[end].text == "/":
            end += 1  # "2x/day", "1-2x/week"
        return end < len(doc) and doc[end].lower_ in FREQUENCY_FOLLOWERS

    def _is_schedule(self, doc: Doc, end: int, value: float, unit: str) -> bool:
        """ "24 hours a day", "7 days a week", "3 days later": logistics, not a claim."""
        if end >= len(doc):
            return False
        if doc[end].lower_ in RELATIVE_TIME:
            return True
        if end + 1 >= len(doc) or doc[end].lower_ not in ("a", "an", "per", "each"):
            return False
        period = self.lex.time_units.get(doc[end + 1].lower_, "").removesuffix("s")
        return (value, unit, period) in WHOLE_PERIODS

    def _noun_follows(self, doc: Doc, span: Span) -> bool:
        following = doc[span.end] if span.end < len(doc) else None
        return bool(
            following is not None
            and following.is_alpha
            and following.is_lower
            and following.lower_ not in self.lex.noun_stops
        )

    def _is_list_marker(self, doc: Doc, span: Span) -> bool:
        after = doc[span.end].text if span.end < len(doc) else ""
        before = doc[span.start - 1] if span.start > 0 else None
        return after in (".", ")") and (before is None or before.is_punct)

"""Per-kind readers: what one matched quantity says (value, low, high, unit), or that the
words are no figure at all (NOT_A_CLAIM) or that this pattern does not fit (None)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Doc, Span

from kalypso_lint.extract.frequency import frequency_period, is_incidence
from kalypso_lint.extract.guards import (
    DATE_LEADS,
    DURATION_LEADS,
    NOT_A_CLAIM,
    YEAR_NOUNS,
    ContextGuards,
    NumericReading,
    is_year_like,
)
from kalypso_lint.extract.numparse import ParsedNumber

_MINUTES = re.compile(r"^\d{1,3}m$")


def _last_unit(span: Span, units: Mapping[str, str]) -> str | None:
    """The unit named by the last word of `span` found in `units` ("2 to 5 mg" is mg)."""
    return next((units[t.lower_] for t in reversed(span) if t.lower_ in units), None)


class QuantityReaders(ContextGuards):
    """One `_read_<label>` per quantity pattern label in data/numeric.yaml."""

    def _numbers(self, span: Span) -> list[ParsedNumber]:
        return [t._.kl_number for t in span if t._.kl_number is not None]

    def _read(self, doc: Doc, span: Span) -> NumericReading | None:
        label = span.label_
        numbers = self._numbers(span)
        reader = getattr(self, f"_read_{label}")
        result: NumericReading | None = reader(doc, span, numbers)
        return result

    def _read_percent(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        if not nums:
            return None  # any size: "by up to 2000%" is a claim (issue 12)
        return NumericReading("percent", value=nums[0].value, unit="percent")

    def _read_percent_range(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        if len(nums) != 2 or nums[0].value >= nums[1].value:
            return None
        return NumericReading("percent", low=nums[0].value, high=nums[1].value, unit="percent")

    def _read_multiplier(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        if self._follows_as_frequency(doc, span.end):
            if nums and is_incidence(doc, span, self.lex.time_units):
                return self._incidence_rate(doc, span, nums[0].value)  # "3 times a year"
            return NOT_A_CLAIM  # "3 times a week", "twice daily"
        last = span[-1].lower_
        if nums and nums[0].times:
            value = nums[0].value
        elif nums:
            value = nums[0].value
            if last == "times":
                following = doc[span.end].lower_ if span.end < len(doc) else ""
                if following not in self.lex.comparison_followers and not following.endswith("er"):
                    return NOT_A_CLAIM
        else:
            value = float(self.lex.multiplier_words[last])
            following = doc[span.end].lower_ if span.end < len(doc) else ""
            if last in ("double", "triple", "quadruple", "twice") and not (
                following in self.lex.comparison_followers or following.endswith("er")
            ):
                return None
        return NumericReading("multiplier", value=value, unit="ratio")

    def _read_multiplier_range(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        if len(nums) != 2 or nums[0].value >= nums[1].value:
            return None
        if self._follows_as_frequency(doc, span.end):
            if is_incidence(doc, span, self.lex.time_units):  # "colds 1-2 times a year"
                return self._incidence_rate(doc, span, nums[0].value, nums[1].value)
            return NOT_A_CLAIM  # "1-2 times daily", "2-3x/week": a frequency, as above
        return NumericReading("multiplier", low=nums[0].value, high=nums[1].value, unit="ratio")

    def _incidence_rate(
        self, doc: Doc, span: Span, low: float, high: float | None = None
    ) -> NumericReading:
        """How often something happens to people: a rate per period ("per-year")."""
        unit = f"per-{frequency_period(doc, span.end, self.lex.time_units)}"
        if high is None:
            return NumericReading("rate", value=low, unit=unit)
        return NumericReading("rate", low=low, high=high, unit=unit)

    def _read_fraction(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        first = span[0].lower_
        if first == "half":
            return NumericReading("fraction", value=50.0, unit="percent")
        if len(nums) == 1 and nums[0].fraction:
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            after = doc[span.end].lower_ if span.end < len(doc) else ""
            if span[0].text.lower().startswith("a ") and after != "of" and before != "by":
                return None  # "a third option" is an ordinal; "a third of", "by a third" shares
            if "/" in span[0].text and before in DATE_LEADS:
                return NOT_A_CLAIM  # "due by 1/15" is a date
            return NumericReading("fraction", value=nums[0].value, unit="percent")
        if len(nums) != 2:
            return None
        part, whole = nums
        if is_year_like(whole) or is_year_like(part) or part.value <= 0:
            return None
        if part.value >= whole.value:
            return None
        if span[-2].lower_ == "every" and whole.value >= 1000:
            return NumericReading("rate", value=part.value, unit=f"per-{int(whole.value)}")
        return NumericReading("fraction", value=100.0 * part.value / whole.value, unit="percent")

    def _read_money(self, doc: Doc, span: Span, nums: list[ParsedNumber]) -> NumericReading | None:
        if len(nums) != 1 or nums[0].fraction or nums[0].times:
            return None
        currency = next(
            (self.lex.currencies[t.lower_] for t in span if t.lower_ in self.lex.currencies), "usd"
        )
        return NumericReading("money", value=nums[0].value, unit=currency)

    def _read_money_range(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        if len(nums) != 2 or nums[0].value >= nums[1].value:
            return None
        currency = next(
            (self.lex.currencies[t.lower_] for t in span if t.lower_ in self.lex.currencies), "usd"
        )
        return NumericReading("money", low=nums[0].value, high=nums[1].value, unit=currency)

    def _read_measure(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        """A dose, ingredient amount or weight: "500mg", "1 Billion CFU", "lose 20 pounds"."""
        unit = _last_unit(span, self.lex.measure_units)
        if len(nums) != 1 or unit is None or nums[0].fraction or nums[0].times:
            return None
        return NumericReading("measure", value=nums[0].value, unit=unit)

    def _read_measure_range(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        unit = _last_unit(span, self.lex.measure_units)
        if len(nums) != 2 or unit is None or nums[0].value >= nums[1].value:
            return None
        return NumericReading("measure", low=nums[0].value, high=nums[1].value, unit=unit)

    def _read_duration(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        unit = _last_unit(span, self.lex.time_units)
        if len(nums) != 1 or unit is None or nums[0].fraction or nums[0].times:
            return None
        number = nums[0]
        if self._is_schedule(doc, span.end, number.value, unit) or is_year_like(number):
            return NOT_A_CLAIM
        if unit == "years" and span.end < len(doc) and doc[span.end].lower_ == "old":
            return None
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if number.words and number.value == 1 and before not in (*DURATION_LEADS, "to"):
            return NOT_A_CLAIM  # "one day at a time" is an idiom, "within one hour" a figure
        return NumericReading("duration", value=number.value, unit=unit)

    def _read_duration_range(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        unit = _last_unit(span, self.lex.time_units)
        if len(nums) != 2 or unit is None or nums[0].value >= nums[1].value:
            return None
        if self._is_schedule(doc, span.end, nums[1].value, unit):
            return NOT_A_CLAIM
        return NumericReading("duration", low=nums[0].value, high=nums[1].value, unit=unit)

    def _read_age(self, doc: Doc, span: Span, nums: list[ParsedNumber]) -> NumericReading | None:
        if any(n.value > 130 or n.fraction or n.times for n in nums):
            return None
        if len(nums) == 2:
            if nums[0].value >= nums[1].value:
                return None
            return NumericReading("age", low=nums[0].value, high=nums[1].value, unit="years")
        if len(nums) == 1:
            return NumericReading("age", value=nums[0].value, unit="years")
        return None

    def _read_rate(self, doc: Doc, span: Span, nums: list[ParsedNumber]) -> NumericReading | None:
        if len(nums) != 2 or nums[1].value < 10 or nums[1].fraction or nums[0].fraction:
            return None
        return NumericReading("rate", value=nums[0].value, unit=f"per-{int(nums[1].value)}")

    def _read_range(self, doc: Doc, span: Span, nums: list[ParsedNumber]) -> NumericReading | None:
        if len(nums) != 2 or nums[0].value >= nums[1].value:
            return None
        if any(n.fraction or n.times for n in nums):
            return None
        if any(is_year_like(n) for n in nums) or self._preceded_by_identifier_cue(doc, span.start):
            return NOT_A_CLAIM  # "2019-2021", "Steps 3-5"
        if nums[0].words and nums[0].value < 2 and not nums[0].scaled:
            following = doc[span.end].lower_ if span.end < len(doc) else ""
            if following not in _SESSION_NOUNS:
                return None  # "one to another"; "one to three sessions" is a range (round 16)
        # Ranges of anything countable share one unit: "8-12 participants", "20-30 sessions".
        return NumericReading("range", low=nums[0].value, high=nums[1].value, unit="count")

    def _read_rank(self, doc: Doc, span: Span, nums: list[ParsedNumber]) -> NumericReading | None:
        """A place in a ranking: "the fifth most common reason", "the number one cause"."""
        if nums:
            number = nums[0]
            if number.fraction or number.times or number.decimal or number.value > 10:
                return None
            return NumericReading("rank", value=number.value, unit="rank")
        value = self.lex.denominators.get(span[0].lower_)
        return None if value is None else NumericReading("rank", value=float(value), unit="rank")

    def _read_count(self, doc: Doc, span: Span, nums: list[ParsedNumber]) -> NumericReading | None:
        if len(nums) != 1:
            return None
        number = nums[0]
        one = number.words and number.value < 2 and not number.scaled
        if one and not self._one_session(doc, span):
            return None  # "one of our nurses", "no one"; "after one session" is a figure
        if number.decimal and not number.scaled and not _study_decimal(doc, span):
            return None  # "MindNest 2.0", "Bluetooth 5.0": counts are whole numbers
        if self._preceded_by_identifier_cue(doc, span.start) or self._is_list_marker(doc, span):
            return None
        unit = self._counted_unit(doc, span.end)
        if unit == "count" and self._minutes_suffix(doc, span):
            # "Express Facial 30m", "(60m)": a session length in minutes, not 30 million;
            # "$30m" is money and "30m people" a count of people.
            return NumericReading("duration", value=number.value / 1_000_000, unit="minutes")
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if is_year_like(number):
            following = doc[span.end].lower_ if span.end < len(doc) else ""
            if before in self.lex.year_cues or span.start == 0 or following in YEAR_NOUNS:
                return None
            if unit != "people" and (not following.isalpha() or following in self.lex.noun_stops):
                return None
        # Long bare digit strings are identifiers: NPI, SKU, short codes, phone numbers.
        bare = not number.grouped and not number.scaled and unit == "count"
        if bare and (
            number.digits >= 7 or (number.digits >= 5 and not self._noun_follows(doc, span))
        ):
            return None
        if span.start > 0 and doc[span.start - 1].text in ("#", "№"):
            return None
        if bare and self._in_digit_groups(doc, span):
            return None  # "call 02 9972 0040": a group of a phone number
        return NumericReading("count", value=number.value, unit=unit)

    def _one_session(self, doc: Doc, span: Span) -> bool:
        """ "after just one session", "in a single visit": one session after a duration lead
        is a figure (how soon a result comes, round 9); "one of our sessions" is not, nor
        is it beside another figure of its sentence, which it qualifies ("92% felt relief
        after one session")."""
        following = doc[span.end].lower_ if span.end < len(doc) else ""
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if following not in self.lex.session_nouns or before not in (*DURATION_LEADS, "with"):
            return False
        sent = doc[span.start].sent
        return not any(token.like_num for token in sent if not span.start <= token.i < span.end)

    def _minutes_suffix(self, doc: Doc, span: Span) -> bool:
        """A number glued to a lower-case "m" ("30m") with no noun after it."""
        text = "".join(token.text_with_ws for token in span).rstrip()
        return _MINUTES.match(text) is not None and not self._noun_follows(doc, span)

    def _in_digit_groups(self, doc: Doc, span: Span) -> bool:
        """A digit group between others ("02 9972 0040", "555 0134"): a phone number or a
        code written in groups. A group that starts with 0 is never a quantity."""
        before = doc[span.start - 1].text if span.start > 0 else ""
        after = doc[span.end].text if span.end < len(doc) else ""
        return (
            any(
                text.isdigit() and (text.startswith("0") or len(text) >= 3)
                for text in (before, after)
            )
            and span[0].text.isdigit()
        )


_VERSUS = frozenset({"versus", "vs", "vs."})
_SESSION_NOUNS = frozenset({"sessions", "treatments", "visits", "appointments", "injections"})
_CONFIDENCE = frozenset({"ci", "confidence"})
_PER_TIME = frozenset({"hour", "day", "night", "week", "month", "year", "minute"})


def _study_decimal(doc: Doc, span: Span) -> bool:
    """A decimal that a study reports (round 16): a point estimate before its confidence
    interval ("0.23 (95% CI, 0.13-0.33)"), one side of a comparison ("25.3 versus 5.3"), or
    a rate of events in time ("21.9 events per hour")."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = [t.lower_ for t in doc[span.end : span.end + 6]]
    if before in _VERSUS or (bool(after) and after[0] in _VERSUS):
        return True
    if after[:1] == ["("] and _CONFIDENCE.intersection(after[1:]):
        return True
    return len(after) >= 3 and after[1] == "per" and after[2] in _PER_TIME

"""The `kl_numbers` spaCy component: finds numeric claims and reads their value, unit and qualifier.

Two Matchers and a PhraseMatcher, all compiled once when the pipeline is built:
1. number spans ("forty-nine million", "1.2B", "one-third") are parsed and merged into one
   token each, whose NORM becomes "<num>", "<frac>" or "<times>";
2. in one pass, quantity patterns over those tokens say what kind of figure it is (percent,
   money, ...) and non-claim patterns (phones, dates, times, addresses, citations) find what
   vetoes an overlapping figure;
3. a PhraseMatcher finds qualifiers ("almost", "more than", "up to") right before a figure.
Python only validates and computes values (numparse) and applies context guards. A block
without a number cue (a digit, a number word, "half", "twice"...) skips all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from spacy.attrs import LIKE_NUM
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kalypso_lint.extract.lexicon import NumericLexicon, numeric_lexicon
from kalypso_lint.extract.numparse import ParsedNumber, parse_number
from kalypso_lint.extract.patterns import (
    Pattern,
    WordFlag,
    compile_patterns,
    is_optional,
    lexeme_getters,
    word_flag,
)

NUMERIC_SPANS_KEY = "kl_numeric"
_FREQUENCY_FOLLOWERS = frozenset(
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
_RELATIVE_TIME = frozenset({"later", "earlier", "ahead", "beforehand", "prior", "ago"})
# Verbs after which "over N hours" means "more than N hours", not "during N hours".
_LASTING = frozenset(
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
_WHOLE_PERIODS = frozenset(
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
_DATE_LEADS = frozenset({"by", "on", "until", "till", "due", "before", "after", "from", "since"})
# After these, "one day" / "one hour" is a figure ("relief within one hour").
_DURATION_LEADS = frozenset(
    {"in", "within", "for", "after", "about", "under", "than", "just", "only", "lasts", "last"}
)
_COPULAS = frozenset(
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
_PRONOUNS = frozenset({"you", "he", "she", "they", "we", "i", "patients", "clients"})
_AGE_FOLLOWERS = frozenset({"to", "or", "and", "with", "when", "who", "if", "but", "?", "years"})
# "your 2019 model", "the 2024 season": a year before these nouns.
_YEAR_NOUNS = frozenset({"model", "models", "season", "edition", "cohort", "vintage", "budget"})
_CLAUSE_START = frozenset({".", ",", ";", ":", "(", "—", "–", "!", "?", '"', "“"})


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


def register_extensions() -> None:
    """Idempotent: spaCy extensions are process-wide, so register them once."""
    if not Token.has_extension("kl_number"):
        Token.set_extension("kl_number", default=None)
    if not Span.has_extension("kl_reading"):
        Span.set_extension("kl_reading", default=None)


def _is_year_like(number: ParsedNumber) -> bool:
    return (
        number.digits == 4
        and not number.grouped
        and not number.scaled
        and number.value == int(number.value)
        and 1800 <= number.value <= 2100
    )


@Language.factory(
    "kl_numbers",
    assigns=["doc.spans"],
    default_config={"spans_key": NUMERIC_SPANS_KEY},
)
def make_numeric_finder(nlp: Language, name: str, spans_key: str) -> NumericClaimFinder:
    return NumericClaimFinder(nlp, spans_key)


class NumericClaimFinder:
    def __init__(self, nlp: Language, spans_key: str = NUMERIC_SPANS_KEY) -> None:
        register_extensions()
        self.spans_key = spans_key
        self.lex: NumericLexicon = numeric_lexicon()
        vocab = nlp.vocab
        # Patterns were validated against spaCy's schema by the tests; compiled ones may hold
        # lexeme flags (extract/patterns.py), which the schema does not know.
        self.number_matcher = Matcher(vocab, validate=False)
        self.number_matcher.add("NUMBER", compile_patterns(vocab, self.lex.number_patterns))
        self.figure_matcher = Matcher(vocab, validate=False)
        for label, patterns in self.lex.quantity_patterns.items():
            self.figure_matcher.add(label, compile_patterns(vocab, patterns))
        for label, patterns in self.lex.non_claim_patterns.items():
            self.figure_matcher.add(label, compile_patterns(vocab, patterns))
        self.non_claim_ids = frozenset(vocab.strings[name] for name in self.lex.non_claim_patterns)
        self.cue_flag = self._cue_flag(nlp)
        self.qualifier_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for canonical in sorted(set(self.lex.qualifiers.values())):
            phrases = [p for p, c in self.lex.qualifiers.items() if c == canonical]
            self.qualifier_matcher.add(canonical, [nlp.make_doc(p) for p in phrases])

    # -- the cue: can this block hold a figure at all? ---------------------------------
    def _cue_words(self) -> frozenset[str]:
        lex = self.lex
        words = {*lex.units, *lex.tens, *lex.scales, *lex.denominators, *lex.multiplier_words}
        return frozenset(w.lower() for w in (*words, "dozen", "half"))

    def _cue_flag(self, nlp: Language) -> int | None:
        """A lexeme flag for "digit, number word or multiplier word", if every number and
        quantity pattern needs such a token; None (no shortcut) when one does not."""
        words = self._cue_words()
        patterns = [*self.lex.number_patterns]
        for group in self.lex.quantity_patterns.values():
            patterns.extend(group)
        if not all(_needs_cue(pattern, words) for pattern in patterns):
            return None
        return word_flag(nlp.vocab, _NumberCue(nlp, words))

    def _has_cue(self, doc: Doc) -> bool:
        if self.cue_flag is None:
            return True
        return bool(doc.count_by(self.cue_flag).get(1))

    # -- stage 1: numbers -------------------------------------------------------------
    def _merge_numbers(self, doc: Doc) -> None:
        candidates = filter_spans(self.number_matcher(doc, as_spans=True))
        parsed: dict[int, ParsedNumber] = {}
        merges: list[Span] = []
        for span in candidates:
            # A candidate may hold several numbers ("twelve and fifteen"): parse them in turn.
            index = span.start
            while index < span.end:
                number = parse_number([t.text for t in doc[index : span.end]], self.lex)
                if number is None:
                    index += 1
                    continue
                parsed[doc[index].idx] = number
                if number.used > 1:
                    merges.append(doc[index : index + number.used])
                index += number.used
        if merges:
            with doc.retokenize() as retokenizer:
                for span in merges:
                    retokenizer.merge(span)
        for token in doc:
            number = parsed.get(token.idx)
            if number is not None:
                token._.kl_number = number
                token.norm_ = (
                    "<frac>" if number.fraction else "<times>" if number.times else "<num>"
                )

    # -- stage 2: figures and vetoes ---------------------------------------------------
    def _figures(self, doc: Doc) -> tuple[list[Span], list[tuple[int, int]]]:
        """Every quantity span, in the Matcher's order, and the non-claim vetoes."""
        quantities: list[Span] = []
        non_claims: list[tuple[int, int, int]] = []
        for match_id, start, end in self.figure_matcher(doc):
            if match_id in self.non_claim_ids:
                non_claims.append((match_id, start, end))
            else:
                quantities.append(Span(doc, start, end, label=match_id))
        return quantities, self._non_claims(doc, non_claims)

    def _non_claims(self, doc: Doc, matches: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
        vetoes = []
        for match_id, start, end in matches:
            label = doc.vocab.strings[match_id]
            if label == "phone_short" and end < len(doc):
                following = doc[end].lower_
                # "300-1200 people" is a range; "555-0134" alone is a phone number.
                if following in self.lex.person_nouns or following in self.lex.percent:
                    continue
                if following in self.lex.time_units or following in self.lex.currencies:
                    continue
            vetoes.append((start, end))
        return vetoes

    # -- stage 3: qualifiers ----------------------------------------------------------
    def _qualifiers(self, doc: Doc) -> dict[int, tuple[int, str]]:
        """Qualifier phrases by the token index they end at: end -> (start, canonical)."""
        found: dict[int, tuple[int, str]] = {}
        for match_id, start, end in self.qualifier_matcher(doc):
            if end not in found or start < found[end][0]:
                found[end] = (start, doc.vocab.strings[match_id])
        return found

    def _trailing_qualifier(self, doc: Doc, end: int) -> tuple[int, str | None]:
        if end < len(doc) and doc[end].text == "+":
            return end + 1, self.lex.trailing_qualifiers["+"]
        if end + 1 < len(doc):
            pair = f"{doc[end].lower_} {doc[end + 1].lower_}"
            if pair in self.lex.trailing_qualifiers:
                return end + 2, self.lex.trailing_qualifiers[pair]
        return end, None

    def __call__(self, doc: Doc) -> Doc:
        if not self._has_cue(doc):
            doc.spans[self.spans_key] = []
            return doc
        self._merge_numbers(doc)
        quantities, vetoes = self._figures(doc)
        qualifiers = self._qualifiers(doc)
        # Longest quantity first; when it does not read ("from 14 weeks to 5 weeks" is no
        # range), the shorter matches inside it still get their turn.
        candidates = sorted(quantities, key=lambda s: (s.start - s.end, s.start))
        taken: set[int] = set()
        accepted: list[tuple[Span, NumericReading]] = []
        for span in candidates:
            if taken.intersection(range(span.start, span.end)):
                continue
            if any(start < span.end and span.start < end for start, end in vetoes):
                # "7–9 p.m.": the vetoed span keeps its parts ("7") from being read alone.
                taken.update(range(span.start, span.end))
                continue
            reading = self._read(doc, span)
            if reading is NOT_A_CLAIM:
                taken.update(range(span.start, span.end))  # its parts are no claims either
                continue
            if reading is None:
                continue
            taken.update(range(span.start, span.end))
            accepted.append((span, reading))
        found: list[Span] = []
        for span, reading in sorted(accepted, key=lambda pair: pair[0].start):
            start, end = span.start, span.end
            trail_end, trailing = self._trailing_qualifier(doc, end)
            qualifier = reading.qualifier or trailing
            if trailing:
                end = trail_end
            if start in qualifiers and qualifier is None:
                qual_start, qualifier = qualifiers[start]
                if not self._qualifies(doc, qual_start, qualifier, reading):
                    qualifier = None
                else:
                    start = qual_start
            if qualifier is None and self._needs_qualifier(span):
                continue
            reading = self._age_from_context(doc, start, span, reading, qualifier)
            claim = Span(doc, start, end, label=reading.kind)
            claim._.kl_reading = replace(reading, qualifier=qualifier)
            found.append(claim)
        doc.spans[self.spans_key] = found
        return doc

    def _needs_qualifier(self, span: Span) -> bool:
        """A bare "half" is a share only after a qualifier ("fewer than half")."""
        return len(span) == 1 and span[0].lower_ == "half"

    def _qualifies(
        self, doc: Doc, qual_start: int, qualifier: str, reading: NumericReading
    ) -> bool:
        """ "over eight weeks" after a change is "during"; after "last(s)" it is "more than"."""
        if reading.kind != "duration" or doc[qual_start].lower_ != "over":
            return True
        if qual_start == 0 or doc[qual_start - 1].text in _CLAUSE_START:
            return True  # "Over 25 years in practice..."
        return doc[qual_start - 1].lower_ in _LASTING

    # -- reading quantities -----------------------------------------------------------
    def _numbers(self, span: Span) -> list[ParsedNumber]:
        return [t._.kl_number for t in span if t._.kl_number is not None]

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
        ends_phrase = following is None or following.is_punct or after in _AGE_FOLLOWERS
        copula = before in _COPULAS or (before in _PRONOUNS and before_that in _COPULAS)
        return replace(reading, kind="age", unit="years") if copula and ends_phrase else reading

    def _preceded_by_identifier_cue(self, doc: Doc, start: int) -> bool:
        return start > 0 and doc[start - 1].lower_ in self.lex.identifier_cues

    def _read(self, doc: Doc, span: Span) -> NumericReading | None:
        label = span.label_
        numbers = self._numbers(span)
        reader = getattr(self, f"_read_{label}")
        result: NumericReading | None = reader(doc, span, numbers)
        return result

    def _read_percent(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        if not nums or nums[0].value > 1000:
            return None
        return NumericReading("percent", value=nums[0].value, unit="percent")

    def _read_percent_range(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        if len(nums) != 2 or nums[0].value >= nums[1].value:
            return None
        return NumericReading("percent", low=nums[0].value, high=nums[1].value, unit="percent")

    def _follows_as_frequency(self, doc: Doc, end: int) -> bool:
        return end < len(doc) and doc[end].lower_ in _FREQUENCY_FOLLOWERS

    def _read_multiplier(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        if self._follows_as_frequency(doc, span.end):
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
        return NumericReading("multiplier", low=nums[0].value, high=nums[1].value, unit="ratio")

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
            if "/" in span[0].text and before in _DATE_LEADS:
                return NOT_A_CLAIM  # "due by 1/15" is a date
            return NumericReading("fraction", value=nums[0].value, unit="percent")
        if len(nums) != 2:
            return None
        part, whole = nums
        if _is_year_like(whole) or _is_year_like(part) or part.value <= 0:
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

    def _time_unit(self, span: Span) -> str | None:
        for token in reversed(span):
            if token.lower_ in self.lex.time_units:
                return self.lex.time_units[token.lower_]
        return None

    def _is_schedule(self, doc: Doc, end: int, value: float, unit: str) -> bool:
        """ "24 hours a day", "7 days a week", "3 days later": logistics, not a claim."""
        if end >= len(doc):
            return False
        if doc[end].lower_ in _RELATIVE_TIME:
            return True
        if end + 1 >= len(doc) or doc[end].lower_ not in ("a", "an", "per", "each"):
            return False
        period = self.lex.time_units.get(doc[end + 1].lower_, "").removesuffix("s")
        return (value, unit, period) in _WHOLE_PERIODS

    def _read_duration(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        unit = self._time_unit(span)
        if len(nums) != 1 or unit is None or nums[0].fraction or nums[0].times:
            return None
        number = nums[0]
        if self._is_schedule(doc, span.end, number.value, unit) or _is_year_like(number):
            return NOT_A_CLAIM
        if unit == "years" and span.end < len(doc) and doc[span.end].lower_ == "old":
            return None
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if number.words and number.value == 1 and before not in _DURATION_LEADS:
            return NOT_A_CLAIM  # "one day at a time" is an idiom, "within one hour" a figure
        return NumericReading("duration", value=number.value, unit=unit)

    def _read_duration_range(
        self, doc: Doc, span: Span, nums: list[ParsedNumber]
    ) -> NumericReading | None:
        unit = self._time_unit(span)
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
        if any(_is_year_like(n) for n in nums) or self._preceded_by_identifier_cue(doc, span.start):
            return NOT_A_CLAIM  # "2019-2021", "Steps 3-5"
        if nums[0].words and nums[0].value < 2 and not nums[0].scaled:
            return None
        # Ranges of anything countable share one unit: "8-12 participants", "20-30 sessions".
        return NumericReading("range", low=nums[0].value, high=nums[1].value, unit="count")

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

    def _read_count(self, doc: Doc, span: Span, nums: list[ParsedNumber]) -> NumericReading | None:
        if len(nums) != 1:
            return None
        number = nums[0]
        if number.words and number.value < 2 and not number.scaled:
            return None  # "one of our nurses", "no one"
        if number.decimal and not number.scaled:
            return None  # "MindNest 2.0", "Bluetooth 5.0": counts are whole numbers
        if self._preceded_by_identifier_cue(doc, span.start) or self._is_list_marker(doc, span):
            return None
        unit = self._counted_unit(doc, span.end)
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if _is_year_like(number):
            following = doc[span.end].lower_ if span.end < len(doc) else ""
            if before in self.lex.year_cues or span.start == 0 or following in _YEAR_NOUNS:
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
        return NumericReading("count", value=number.value, unit=unit)


class _NumberCue(WordFlag):
    """Lexeme flag getter: a word that can start or anchor a figure."""

    def __init__(self, nlp: Language, words: frozenset[str]) -> None:
        self.key = ("kl_number_cue", words)
        self.like_num = lexeme_getters(nlp.vocab)[LIKE_NUM]
        self.words = words

    def __call__(self, text: str) -> bool:
        if text.lower() in self.words or self.like_num(text):
            return True
        return any(char.isdigit() for char in text)


_CUE_NORMS = frozenset({"<num>", "<frac>", "<times>"})  # only ever set on a number


def _step_needs_cue(step: dict[str, Any], words: frozenset[str]) -> bool:
    """Whether every token this step accepts passes the number cue."""
    if is_optional(step):
        return False  # may match no token at all
    if step.get("NORM") in _CUE_NORMS or step.get("LIKE_NUM") is True:
        return True
    for attr in ("LOWER", "SHAPE"):
        value = step.get(attr)
        members = value.get("IN") if isinstance(value, dict) else [value]
        if value is None or not isinstance(members, list):
            continue
        if attr == "LOWER" and all(isinstance(m, str) and m in words for m in members):
            return True
        if attr == "SHAPE" and all(isinstance(m, str) and "d" in m for m in members):
            return True
    return False


def _needs_cue(pattern: Pattern, words: frozenset[str]) -> bool:
    return any(_step_needs_cue(step, words) for step in pattern)

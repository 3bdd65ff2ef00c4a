"""Health evidence for a figure (issue 12, round 10).

The cues and the fitted model of classify.py set aside what a figure is not (a price, a
dose, a direction, a name). Nine rounds of adding such cues showed that real pages always
hold one more kind of figure nobody thought of, so a figure they leave as a claim now stays
one only with positive evidence that it states something about health: a statistic, a
comparison, a population, a cost to society, or an outcome, research or condition word in
its sentence. A figure without it is a `fact` (KL110, off by default): years in practice,
patients served, how long a step takes. The words are data (data/figure_evidence.yaml);
docs/figure-classes.md explains the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.asides import ASIDE_CUES, aside
from kalypso_lint.extract.design import FRAMING_CUES, framing
from kalypso_lint.extract.doses import DOSE_CUES, around_result
from kalypso_lint.extract.guards import NumericReading
from kalypso_lint.extract.wordlists import LOWER_WORD

DATA_FILE = "figure_evidence.yaml"
_AMOUNT_WORDS = frozenset(
    {"mg", "mcg", "g", "kg", "lb", "lbs", "iu", "ml", "oz", "micrograms", "milligrams", "grams"}
)
_EFFECT_SUFFIXES = frozenset({"free", "relieving", "reducing", "related", "induced", "prone"})
_LEAD_WORDS = 3
_WHEN_WORDS = frozenset({"within", "after", "in", "by"})
_APPROXIMATELY = frozenset(
    {
        "about",
        "up",
        "to",
        "approximately",
        "around",
        "roughly",
        "nearly",
        "almost",
        "only",
        "just",
        "over",
        "under",
        "less",
        "more",
        "than",
        "as",
        "little",
        "few",
        "a",
    }
)
_CLAUSE_WORDS = frozenset({"if", "when", "unless", "is", "are", "was", "were"})
_ITEM_BREAKS = frozenset({"•", "|", "·", "▪", "◦"})


@dataclass(frozen=True)
class EvidenceModel:
    statistic_kinds: frozenset[str]
    statistic_units: frozenset[str]
    product_after: frozenset[str]
    product_after_skip: int
    comparison_window: int
    comparison: frozenset[str]
    population_units: frozenset[str]
    population_at_least: float
    population_not_before: frozenset[str]
    fraction_measures: frozenset[str]
    fraction_prices: frozenset[str]
    story_owners: frozenset[str]
    age_words: frozenset[str]
    evidence_headings: re.Pattern[str]
    turnaround_headings: re.Pattern[str]
    money_at_least: float
    money_cost_words: frozenset[str]
    money_business_words: frozenset[str]
    money_average_words: frozenset[str]
    outcome_words: frozenset[str]
    outcome_prefixes: tuple[str, ...]
    not_outcome: re.Pattern[str]
    business_after: tuple[tuple[str, ...], ...]
    not_before_last: frozenset[str]
    not_after_last: frozenset[str]
    business_subjects: frozenset[str]
    business_served: frozenset[str]
    business_pleased: frozenset[str]
    to_work: re.Pattern[str]
    outcome_phrases: re.Pattern[str]
    change_before_number: re.Pattern[str]
    comparison_of: frozenset[str]
    comparison_that: frozenset[str]
    confidence_after: frozenset[str]
    admin_after: tuple[tuple[str, ...], ...]
    stating_questions: tuple[str, ...]
    with_statistic_kinds: frozenset[str]
    cue_weight: float


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in _required(raw, key))


def _required(raw: dict[str, Any], key: str) -> Any:
    """A key of the shipped data file; a missing one is a packaging error, said plainly."""
    if key not in raw:
        raise ValueError(f"kalypso_lint/data/{DATA_FILE} has no `{key}`")
    return raw[key]


def _alternatives(phrases: list[str]) -> str:
    return "|".join(map(re.escape, phrases))


def _any_phrase(phrases: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p.lower()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b")


@cache
def evidence_model() -> EvidenceModel:
    raw: dict[str, Any] = shared_data_file(DATA_FILE)
    units = r"(?:minutes?|hours?|days?|weeks?|months?|sessions?|treatments?|visits?)"
    return EvidenceModel(
        statistic_kinds=_words(raw, "statistic_kinds"),
        statistic_units=_words(raw, "statistic_units"),
        product_after=_words(raw, "product_after"),
        product_after_skip=int(_required(raw, "product_after_skip")),
        comparison_window=int(_required(raw, "comparison_window")),
        comparison=_words(raw, "comparison"),
        population_units=_words(raw, "population_units"),
        population_at_least=float(_required(raw, "population_at_least")),
        population_not_before=_words(raw, "population_not_before"),
        fraction_measures=_words(raw, "fraction_measures"),
        fraction_prices=_words(raw, "fraction_prices"),
        story_owners=_words(raw, "story_owners"),
        age_words=_words(raw, "age_words"),
        evidence_headings=_any_phrase(_required(raw, "evidence_headings")),
        turnaround_headings=_any_phrase(_required(raw, "turnaround_headings")),
        money_at_least=float(_required(raw, "money_at_least")),
        money_cost_words=_words(raw, "money_cost_words"),
        money_business_words=_words(raw, "money_business_words"),
        money_average_words=_words(raw, "money_average_words"),
        outcome_words=_words(raw, "outcome_words"),
        outcome_prefixes=tuple(str(p).lower() for p in _required(raw, "outcome_prefixes")),
        not_outcome=_any_phrase(_required(raw, "not_outcome")),
        business_after=tuple(
            tuple(str(p).lower().split()) for p in _required(raw, "business_after")
        ),
        not_before_last=_words(raw, "not_before_last"),
        not_after_last=_words(raw, "not_after_last"),
        business_subjects=_words(raw, "business_subjects"),
        business_served=_words(raw, "business_served"),
        business_pleased=_words(raw, "business_pleased"),
        comparison_of=_words(raw, "comparison_of"),
        comparison_that=_words(raw, "comparison_that"),
        confidence_after=_words(raw, "confidence_after"),
        admin_after=tuple(tuple(str(p).lower().split()) for p in _required(raw, "admin_after")),
        stating_questions=tuple(str(p).lower() for p in _required(raw, "stating_questions")),
        with_statistic_kinds=_words(raw, "with_statistic_kinds"),
        cue_weight=float(_required(raw, "claim_cue_weight")),
        outcome_phrases=re.compile(
            r"\b(?:" + _alternatives(_required(raw, "outcome_phrases")) + r")"
        ),
        change_before_number=re.compile(
            r"\b(?:" + _alternatives(_required(raw, "change_before_number")) + r")\s+\d"
        ),
        to_work=re.compile(
            rf"\b{units}\s+(?:\w+\s+)?to\s+(?:{_alternatives(_required(raw, 'to_work'))})\b"
            r"(?!\s+out)"
        ),
    )


def health_evidence(
    span: Span, reading: NumericReading, figures: Iterable[Span]
) -> tuple[str, str]:
    """The figure's class by its evidence and the cue that says why: (`claim`,
    `evidence:NAME`), (`offer`, `product-word` | `price` | `dose-beside-result`) or (`fact`,
    the reason: see `FACT_CUES`). `figures` are the block's figures (a length beside a
    statistic is part of it)."""
    model = evidence_model()
    context = _Figure(span, reading, model)
    set_aside = aside(
        span, context.sent, context.words, figures
    )  # round 21: a part, a decade, terms, content
    if set_aside is not None:
        return set_aside
    # Whether a statistic stands beside it: read once, for the framing and the evidence.
    beside: bool | None = None
    if _may_frame(reading, model):
        beside = _beside_statistic(span, figures, model)
        around = around_result(span, context.sent, beside)  # round 20: a dose, a weight
        if around is not None:
            return around
        framed = framing(span, context.sent, context.words, beside)
        if framed is not None:
            return "fact", framed
    for reading_of in (_statistic, _multiplier, _population, _money, _age):
        decided = reading_of(context, figures)
        if decided is not None:
            return decided
    if reading.unit == "years" and _starts_with_any(context.after, model.business_after):
        return "fact", "business-history"
    if _starts_with_any(context.after, model.admin_after) or _ends_with_any(span, model):
        return "fact", "admin-time"  # "5-7 business days"
    if reading.kind in model.with_statistic_kinds and (
        beside if beside is not None else _beside_statistic(span, figures, model)
    ):
        return _claim("with-statistic")
    text = context.sent.text.strip().lower()
    if text.endswith("?") and not text.startswith(model.stating_questions):
        return "fact", "question"  # a question asks; it states no outcome
    outcome = _outcome(span, model)
    return _claim(outcome) if outcome else ("fact", NO_EVIDENCE)


NO_EVIDENCE = "no-health-evidence"
# The cues of a `fact` that a rule decided on purpose; the page (a results section, a line
# that goes on with a result) may overturn only NO_EVIDENCE.
FACT_CUES = frozenset(
    {
        "confidence-level",
        "admin-time",
        NO_EVIDENCE,
        "business-history",
        "business-count",
        "funding",
        "measure",
        "story-age",
        "question",
        *FRAMING_CUES,
        *(cue for cue, found in DOSE_CUES.items() if found == "fact"),
        *(cue for cue, found in ASIDE_CUES.items() if found == "fact"),
    }
)


@cache
def stat_card_words() -> frozenset[str]:
    """The words of a stat card's label that name a result (`stat_card_words`)."""
    raw: dict[str, Any] = shared_data_file(DATA_FILE)
    return _words(raw, "stat_card_words")


@cache
def health_words() -> re.Pattern[str]:
    """Any outcome word or beginning of data/figure_evidence.yaml, and the words of a stat
    card's label (`stat_card_words`)."""
    model = evidence_model()
    words = sorted(model.outcome_words | stat_card_words())
    starts = "|".join(map(re.escape, model.outcome_prefixes))
    return re.compile(rf"\b(?:{_alternatives(words)}|(?:{starts})\w*)\b")


def confidence_level(span: Span, reading: NumericReading) -> bool:
    """ "95% CI", "95% confidence interval": how sure a study is, never a claim."""
    model = evidence_model()
    if reading.kind not in model.statistic_kinds and reading.unit not in model.statistic_units:
        return False
    end = min(span.sent.end, span.end + 1)
    return any(t.lower_ in model.confidence_after for t in span.doc[span.end : end])


def _may_frame(reading: NumericReading, model: EvidenceModel) -> bool:
    """Round 17 (design.py): a count, length or age may frame a result (a study's design, a
    definition, a stage's length, a list's heading, a statistic's follow-up window or age
    band) and be a fact; statistics, multipliers, money and ranks are read as before."""
    if reading.kind in model.statistic_kinds or reading.unit in model.statistic_units:
        return False
    return reading.kind not in ("multiplier", "money", "rank")


def _claim(evidence: str) -> tuple[str, str]:
    return "claim", f"evidence:{evidence}"


class _Figure:
    """What the readings look at around one figure."""

    def __init__(self, span: Span, reading: NumericReading, model: EvidenceModel) -> None:
        self.span = span
        self.reading = reading
        self.model = model
        self.sent = sent = span.sent
        self.after = [t.lower_ for t in span.doc[span.end : min(sent.end, span.end + 8)]]
        self.words = {t.lower_ for t in sent}
        self.value = reading.high if reading.high is not None else reading.value

    def product_word_after(self) -> bool:
        """ "99.9% pure", "100% AIP compliant": a product word among the few words right
        after the figure, before any "of" or article ("100% of patients made ...")."""
        for word in self.after[: self.model.product_after_skip + 1]:
            if word in _PHRASE_STOPS:
                return False
            if word in self.model.product_after:
                return True
        return False

    def counts_own_service(self) -> bool:
        """ "10,000 patients served", "5,000+ happy clients": a service word right after
        the people noun, or a word of pleasure right before it."""
        after = self.after
        if after[:1] and after[0] in self.model.business_pleased:
            return True
        return len(after) > 1 and after[1] in self.model.business_served

    def measure_after(self) -> bool:
        """ "half an inch", "a third of a cup" read as "a", "an" or "of a" and a unit."""
        after = [w for w in self.after[:3] if w not in ("of", "a", "an")]
        skipped = len(self.after[:3]) - len(after)
        return skipped > 0 and bool(after) and after[0] in self.model.fraction_measures

    def price_after(self) -> bool:
        """ "half the price", "a third the cost of": "the" (in the figure or right after it),
        then a word of price within four words ("half the brand-name price")."""
        if self.span.text.lower().endswith(" the"):
            words = self.after[:4]
        elif self.after[:1] == ["the"]:
            words = self.after[1:5]
        else:
            return False
        return bool(set(words) & self.model.fraction_prices)


_Reading = tuple[str, str] | None
_PHRASE_STOPS = frozenset({"of", "the", "a", "an", "in", "for", "to", "with"})


def _statistic(figure: _Figure, figures: Iterable[Span]) -> _Reading:
    model = figure.model
    if figure.reading.kind in model.statistic_kinds or figure.reading.unit in model.statistic_units:
        if figure.reading.kind == "fraction" and figure.measure_after():
            return "fact", "measure"  # round 18: "about half an inch inside the canal"
        if figure.reading.kind == "fraction" and figure.price_after():
            return "offer", "price"  # round 18: "at half the brand-name price"
        return ("offer", "product-word") if figure.product_word_after() else _claim("statistic")
    return None


def _multiplier(figure: _Figure, figures: Iterable[Span]) -> _Reading:
    if figure.reading.kind != "multiplier":
        return None
    model, span = figure.model, figure.span
    start = max(span.sent.start, span.start - model.comparison_window)
    end = min(span.sent.end, span.end + model.comparison_window)
    window = {t.lower_ for t in span.doc[start:end]}
    after = figure.after
    compared = (after[:1] == ["the"] and bool(set(after[2:6]) & model.comparison_of)) or (
        bool(after[:1]) and after[0] in model.comparison_that and after[1:2] == ["of"]
    )
    return _claim("comparison") if window & model.comparison or compared else ("fact", NO_EVIDENCE)


def _population(figure: _Figure, figures: Iterable[Span]) -> _Reading:
    model, reading, value = figure.model, figure.reading, figure.value
    if (
        reading.kind == "count"
        and figure.after[:1]
        and figure.after[0] in model.population_not_before
    ):
        return "fact", "measure"  # "671 million miles", "40 miles": a measurement, not people
    if reading.kind == "count" and value is not None and value >= model.population_at_least:
        return _claim("population")
    if reading.unit not in model.population_units:
        return None
    counts_own = figure.words & model.business_subjects or figure.counts_own_service()
    if counts_own and not _outcome(figure.span, model):
        return "fact", "business-count"  # "our team of 12 nurses", "10,000 patients served"
    return _claim("population")


def _money(figure: _Figure, figures: Iterable[Span]) -> _Reading:
    """Money is a claim only as a cost to society or an average; a price is an offer
    whatever the sentence promises ("our $99 facial gives visible results")."""
    if figure.reading.kind != "money":
        return None
    model, words, value = figure.model, figure.words, figure.value
    large = value is not None and value >= model.money_at_least
    if large and words & model.money_cost_words and not words & model.money_business_words:
        return _claim("cost")
    if words & model.money_business_words:
        return "fact", "funding"
    if words & model.money_average_words:
        return _claim("cost")  # "hospital stays for migraine average $7,500"
    return "offer", "price"


def _age(figure: _Figure, figures: Iterable[Span]) -> _Reading:
    span, after, reading = figure.span, figure.after, figure.reading
    # "Age: most common between 40-70 years": a length in years where the line speaks of
    # age is an age (round 16).
    of_age = reading.kind == "duration" and reading.unit == "years" and "age" in figure.words
    if not (reading.kind == "age" or after[:2] == ["of", "age"] or after[:1] == ["old"] or of_age):
        return None
    before = [t.lower_ for t in span.doc[max(span.sent.start, span.start - 2) : span.start]]
    if set(before) & figure.model.story_owners or before[-1:] in (["was"], ["were"]):
        return "fact", "story-age"  # "my 8-year-old", "when he was 8 years old"
    if figure.words & figure.model.age_words:
        return _claim("age-statistic")  # "most happen between 35 and 50 years of age"
    return None


def _beside_statistic(span: Span, figures: Iterable[Span], model: EvidenceModel) -> bool:
    sent = span.sent
    for other in figures:
        if other.start == span.start or not (sent.start <= other.start < sent.end):
            continue
        other_reading: NumericReading | None = other._.kl_reading
        if other_reading is None:
            continue
        statistic = (
            other_reading.kind in model.statistic_kinds
            or other_reading.kind == "multiplier"
            or other_reading.unit in model.statistic_units
        )
        if statistic and not _Figure(other, other_reading, model).product_word_after():
            return True
    return False


def _outcome(span: Span, model: EvidenceModel) -> str | None:
    doc = span.doc
    start, end = _scope(span)
    scope = doc[start:end].text
    reading: NumericReading | None = span._.kl_reading
    if reading is not None and reading.kind == "rank":
        # A rank's own words ("the fourth leading") are no evidence of what it ranks; the
        # noun of "the number one cause" is.
        noun = span[-1].text if span[0].lower_ == "number" else ""
        scope = f"{doc[start : span.start].text} {noun} {doc[span.end : end].text}"
    text = model.not_outcome.sub(" ", scope.lower())
    if model.to_work.search(text):
        return "outcome:to-work"
    phrase = model.outcome_phrases.search(text)
    if phrase:
        return "outcome:" + phrase.group().replace(" ", "-")
    if model.change_before_number.search(text):
        return "outcome:body-change"
    matches = list(LOWER_WORD.finditer(text))
    words = [match.group() for match in matches]
    for index, word in enumerate(words):
        numbers_next = text[matches[index].end() :].lstrip()[:1].isdigit()
        if word == "last" and not _last_is_a_verb(words, index, model, numbers_next):
            continue
        # "symptom-free", "pain-relieving": the first part of such a word counts too.
        parts = word.split("-")
        for part in (word, parts[0]) if parts[-1] in _EFFECT_SUFFIXES else (word,):
            if part in model.outcome_words or part.startswith(model.outcome_prefixes):
                return f"outcome:{part}"
    if any(e.label_ == "CONDITION" and start <= e.start and e.end <= end for e in doc.ents):
        return "condition"
    return None


def _last_is_a_verb(words: list[str], index: int, model: EvidenceModel, numbers_next: bool) -> bool:
    """Whether "last" says how long something lasts ("results last 6 months"), not which
    time it was ("last year", "within the last 6 months")."""
    previous = words[index - 1] if index else ""
    if previous in model.not_before_last:
        return False
    following = words[index + 1] if index + 1 < len(words) else ""
    return numbers_next or following not in model.not_after_last


def _ends_with_any(span: Span, model: EvidenceModel) -> bool:
    """The figure's own last words are an office's days ("within 7 business days")."""
    words = tuple(t.lower_ for t in span[-2:])
    return any(words[-len(phrase) :] == phrase for phrase in model.admin_after)


def _starts_with_any(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(words[: len(phrase)]) == phrase for phrase in phrases)


def _is_amount(token: Token) -> bool:
    return token.like_num or token.lower_ in _AMOUNT_WORDS


def _scope(span: Span) -> tuple[int, int]:
    """The tokens whose words can be evidence: the figure's parenthesis when it stands in
    one ("(typically 40 minutes)" says nothing of the outcome outside it), else its
    sentence, or its item of a list run into one sentence."""
    sent = span.sent
    doc = span.doc
    start, end = sent.start, sent.end
    # A list run into one sentence ("Includes: • 30-day meal plans • recipes for better
    # sleep"): each item is its own scope.
    for index in range(span.start - 1, sent.start - 1, -1):
        if doc[index].text in _ITEM_BREAKS:
            start = index + 1
            break
    for index in range(span.end, sent.end):
        if doc[index].text in _ITEM_BREAKS:
            end = index
            break
    opened = None
    for index in range(span.start - 1, start - 1, -1):
        text = doc[index].text
        if text == ")":
            break
        if text == "(":
            opened = index
            break
    if opened is not None:
        for index in range(span.end, end):
            if doc[index].text == ")":
                inside = {t.lower_ for t in doc[opened + 1 : index]}
                # A parenthesis that is a clause of its own ("(6 months if the woman is
                # over 35)") or only the figure ("15 micrograms (600 IU)") goes on with the
                # sentence; an aside ("(about 40 minutes)") not.
                rest = {t.lower_ for t in doc[opened + 1 : span.start]} | {
                    t.lower_ for t in doc[span.end : index]
                }
                # Alone after a number it restates it ("15 micrograms (600 IU)"); alone after
                # a name it is that thing's amount ("Saw Palmetto (150mg) helps ..."); after
                # "within" or "after" it is when the sentence's outcome comes ("visible
                # improvement (within 2 weeks)").
                alone = not rest
                converts = alone and opened > sent.start and _is_amount(doc[opened - 1])
                timing = bool(rest & _WHEN_WORDS) and not rest - _WHEN_WORDS - _APPROXIMATELY
                if converts or timing or inside & _CLAUSE_WORDS:
                    return start, end
                # The words just before the parenthesis are what it elaborates
                # ("long-lasting effects (6-18 months)").
                return max(start, opened - _LEAD_WORDS), index
    return start, end

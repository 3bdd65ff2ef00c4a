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
from kalypso_lint.extract.guards import NumericReading

DATA_FILE = "figure_evidence.yaml"
_WORD = re.compile(r"[a-z][a-z'-]*")
_AMOUNT_WORDS = frozenset(
    {"mg", "mcg", "g", "kg", "lb", "lbs", "iu", "ml", "oz", "micrograms", "milligrams", "grams"}
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
    story_owners: frozenset[str]
    age_words: frozenset[str]
    test_sections: frozenset[str]
    money_at_least: float
    money_cost_words: frozenset[str]
    money_business_words: frozenset[str]
    money_average_words: frozenset[str]
    outcome_words: frozenset[str]
    outcome_prefixes: tuple[str, ...]
    not_outcome: re.Pattern[str]
    business_after: tuple[tuple[str, ...], ...]
    not_before_last: frozenset[str]
    to_work: re.Pattern[str]
    comparison_of: frozenset[str]
    stating_questions: tuple[str, ...]
    with_statistic_kinds: frozenset[str]
    cue_weight: float


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in raw.get(key, []))


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
        product_after_skip=int(raw["product_after_skip"]),
        comparison_window=int(raw["comparison_window"]),
        comparison=_words(raw, "comparison"),
        population_units=_words(raw, "population_units"),
        population_at_least=float(raw["population_at_least"]),
        population_not_before=_words(raw, "population_not_before"),
        story_owners=_words(raw, "story_owners"),
        age_words=_words(raw, "age_words"),
        test_sections=_words(raw, "test_sections"),
        money_at_least=float(raw["money_at_least"]),
        money_cost_words=_words(raw, "money_cost_words"),
        money_business_words=_words(raw, "money_business_words"),
        money_average_words=_words(raw, "money_average_words"),
        outcome_words=_words(raw, "outcome_words"),
        outcome_prefixes=tuple(str(p).lower() for p in raw["outcome_prefixes"]),
        not_outcome=_any_phrase(raw["not_outcome"]),
        business_after=tuple(tuple(str(p).lower().split()) for p in raw["business_after"]),
        not_before_last=_words(raw, "not_before_last"),
        comparison_of=_words(raw, "comparison_of"),
        stating_questions=tuple(str(p).lower() for p in raw["stating_questions"]),
        with_statistic_kinds=_words(raw, "with_statistic_kinds"),
        cue_weight=float(raw["claim_cue_weight"]),
        to_work=re.compile(
            rf"\b{units}\s+(?:\w+\s+)?to\s+(?:{'|'.join(map(re.escape, raw['to_work']))})\b"
            r"(?!\s+out)"
        ),
    )


def health_evidence(
    span: Span, reading: NumericReading, figures: Iterable[Span]
) -> tuple[str, str]:
    """The figure's class by its evidence and the cue that says why: (`claim`,
    `evidence:statistic` | `comparison` | `population` | `cost` | `with-statistic` |
    `outcome:WORD` | `condition`), (`offer`, `product-word`) or (`fact`,
    `no-health-evidence`). `figures` are the block's figures (a duration beside a statistic
    is part of it)."""
    model = evidence_model()
    sent = span.sent
    doc = span.doc
    after = [t.lower_ for t in doc[span.end : min(sent.end, span.end + 8)]]
    value = reading.high if reading.high is not None else reading.value
    if reading.kind in model.statistic_kinds or reading.unit in model.statistic_units:
        if any(word in model.product_after for word in after[: model.product_after_skip + 1]):
            return "offer", "product-word"
        return _claim("statistic")
    if reading.kind == "multiplier":
        start = max(sent.start, span.start - model.comparison_window)
        window = {t.lower_ for t in doc[start : min(sent.end, span.end + model.comparison_window)]}
        compared = after[:1] == ["the"] and bool(set(after[2:6]) & model.comparison_of)
        return _claim("comparison") if window & model.comparison or compared else _FACT
    if reading.unit in model.population_units:
        return _claim("population")
    if reading.kind == "count" and value is not None and value >= model.population_at_least:
        if after[:1] and after[0] in model.population_not_before:
            return _FACT  # "671 million miles": a measurement, not people
        return _claim("population")
    sentence_words = {t.lower_ for t in sent}
    if reading.kind == "money":
        # Money is a claim only as a cost to society; a price is an offer whatever the
        # sentence promises ("our $99 facial gives visible results").
        large = value is not None and value >= model.money_at_least
        if sentence_words & model.money_business_words:
            return _FACT
        if large and sentence_words & model.money_cost_words:
            return _claim("cost")
        if sentence_words & model.money_average_words:
            return _claim("cost")  # "hospital stays for migraine average $7,500"
        return _FACT
    if reading.unit == "years" and _starts_with_any(after, model.business_after):
        return _FACT
    if reading.kind in model.with_statistic_kinds and _beside_statistic(span, figures, model):
        return _claim("with-statistic")
    text = sent.text.strip().lower()
    if text.endswith("?") and not text.startswith(model.stating_questions):
        return _FACT  # a question asks; it states no outcome
    if reading.kind == "age" or after[:2] == ["of", "age"] or after[:1] == ["old"]:
        before = [t.lower_ for t in doc[max(sent.start, span.start - 2) : span.start]]
        if set(before) & model.story_owners or before[-1:] in (["was"], ["were"]):
            return _FACT  # "my 8-year-old", "when he was 8 years old": the age in a story
        if {t.lower_ for t in sent} & model.age_words:
            return _claim("age-statistic")  # "most happen between 35 and 50 years of age"
    found = _outcome(span, model)
    return _claim(found) if found else _FACT


_FACT = ("fact", "no-health-evidence")


def _claim(evidence: str) -> tuple[str, str]:
    return "claim", f"evidence:{evidence}"


def _beside_statistic(span: Span, figures: Iterable[Span], model: EvidenceModel) -> bool:
    sent = span.sent
    for other in figures:
        if other.start == span.start or not (sent.start <= other.start < sent.end):
            continue
        other_reading: NumericReading | None = other._.kl_reading
        if other_reading is not None and (
            other_reading.kind in model.statistic_kinds
            or other_reading.kind == "multiplier"
            or other_reading.unit in model.statistic_units
        ):
            return True
    return False


def _outcome(span: Span, model: EvidenceModel) -> str | None:
    doc = span.doc
    start, end = _scope(span)
    text = model.not_outcome.sub(" ", doc[start:end].text.lower())
    if model.to_work.search(text):
        return "outcome:to-work"
    previous = ""
    for match in _WORD.finditer(text):
        word = match.group()
        if word == "last" and previous in model.not_before_last:
            previous = word
            continue
        if word in model.outcome_words or word.startswith(model.outcome_prefixes):
            return f"outcome:{word}"
        previous = word
    if any(e.label_ == "CONDITION" and start <= e.start and e.end <= end for e in doc.ents):
        return "condition"
    return None


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
                alone = span.start == opened + 1 and span.end == index
                # Alone after a number it restates it ("15 micrograms (600 IU)"); alone after
                # a name it is that thing's amount ("Saw Palmetto (150mg) helps ...").
                converts = alone and opened > sent.start and _is_amount(doc[opened - 1])
                if converts or inside & _CLAUSE_WORDS:
                    return start, end
                return opened + 1, index
    return start, end

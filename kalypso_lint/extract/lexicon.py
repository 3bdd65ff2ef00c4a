"""The numeric lexicon and patterns, loaded once from `kalypso_lint/data/numeric.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kalypso_lint.data import load_data_file


@dataclass(frozen=True)
class NumericLexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    token_suffixes: dict[str, int]
    times_suffixes: frozenset[str]
    denominators: dict[str, int]
    multiplier_words: dict[str, int]
    comparison_followers: frozenset[str]
    percent: frozenset[str]
    currencies: dict[str, str]
    measure_units: dict[str, str]
    time_units: dict[str, str]
    person_nouns: frozenset[str]
    noun_stops: frozenset[str]
    identifier_cues: frozenset[str]
    months: frozenset[str]
    year_cues: frozenset[str]
    street_suffixes: frozenset[str]
    time_markers: frozenset[str]
    age_words: frozenset[str]
    age_subjects: frozenset[str]
    one_leads: frozenset[str]  # words that read "a" as one: "a single", "within a week"
    session_nouns: frozenset[str]  # "after one session": the one figure "one" may count
    qualifiers: dict[str, str]  # phrase -> canonical qualifier
    trailing_qualifiers: dict[str, str]
    number_patterns: list[Any]
    one_patterns: list[Any]
    quantity_patterns: dict[str, list[Any]]
    non_claim_patterns: dict[str, list[Any]]


@cache
def numeric_lexicon() -> NumericLexicon:
    data = load_data_file("numeric.yaml")
    words = data["words"]
    qualifiers = {
        phrase.lower(): canonical
        for canonical, phrases in data["qualifiers"].items()
        for phrase in phrases
    }
    return NumericLexicon(
        units=words["units"],
        tens=words["tens"],
        scales=words["scales"],
        token_suffixes=words["token_suffixes"],
        times_suffixes=frozenset(words["times_suffixes"]),
        denominators=words["denominators"],
        multiplier_words=words["multiplier_words"],
        comparison_followers=frozenset(words["comparison_followers"]),
        percent=frozenset(words["percent"]),
        currencies=words["currencies"],
        measure_units=words["measure_units"],
        time_units=words["time_units"],
        person_nouns=frozenset(words["person_nouns"]),
        noun_stops=frozenset(words["noun_stops"]),
        identifier_cues=frozenset(str(w) for w in words["identifier_cues"]),
        months=frozenset(words["months"]),
        year_cues=frozenset(words["year_cues"]),
        street_suffixes=frozenset(words["street_suffixes"]),
        time_markers=frozenset(words["time_markers"]),
        age_words=frozenset(words["age_words"]),
        age_subjects=frozenset(words["age_subjects"]),
        one_leads=frozenset(words["one_leads"]),
        session_nouns=frozenset(words["session_nouns"]),
        qualifiers=qualifiers,
        trailing_qualifiers=data["trailing_qualifiers"],
        number_patterns=data["number_patterns"],
        one_patterns=data["one_patterns"],
        quantity_patterns=data["quantity_patterns"],
        non_claim_patterns=data["non_claim_patterns"],
    )


@dataclass(frozen=True)
class MedicalLexicon:
    treatments: tuple[str, ...]
    conditions: tuple[str, ...]
    negations: frozenset[str]
    safety_always: tuple[str, ...]
    study_phrases: tuple[str, ...]
    citation_patterns: tuple[str, ...]
    first_person: frozenset[str]
    outcome_words: frozenset[str]
    patterns: dict[str, list[Any]]


@cache
def medical_lexicon() -> MedicalLexicon:
    data = load_data_file("medical.yaml")
    return MedicalLexicon(
        treatments=tuple(data["treatments"]),
        conditions=tuple(data["conditions"]),
        negations=frozenset(data["negations"]),
        safety_always=tuple(data["safety_phrases"]["always"]),
        study_phrases=tuple(data["study_phrases"]),
        citation_patterns=tuple(data["citation_patterns"]),
        first_person=frozenset(data["testimonial"]["first_person"]),
        outcome_words=frozenset(data["testimonial"]["outcome_words"]),
        patterns=data["patterns"],
    )

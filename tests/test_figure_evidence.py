"""Round 10 of issue 12: a figure is reported as a claim only with health evidence
(kalypso_lint/extract/evidence.py, data/figure_evidence.yaml). Every sentence here was
written for these tests, after the patterns of real health-business pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_figure_class, figures_of, only_claim


@pytest.mark.parametrize(
    ("text", "figure", "cue"),
    [
        ("About 62% of our clients slept better within a month.\n", "About 62%", "statistic"),
        ("Nearly 1 in 4 adults will have a kidney stone.\n", "Nearly 1 in 4", "statistic"),
        ("Our blend has 3x the magnesium of a standard tablet.\n", "3x", "comparison"),
        ("Some 14 million adults live with tinnitus.\n", "Some 14 million", "population"),
        ("Back pain costs employers $40 billion a year.\n", "$40 billion", "cost"),
        ("Tenderness usually fades within 3 days.\n", "3 days", "outcome:tenderness"),
        ("Most guests feel calmer after 20 minutes.\n", "20 minutes", "outcome:feel"),
        ("Allergy drops can take 6 weeks to work.\n", "6 weeks", "outcome:to-work"),
        ("In our audit, 88% of fillings were intact after 7 years.\n", "7 years", "with-statistic"),
        ("Did you know that 40% of adults grind their teeth?\n", "40%", "statistic"),
    ],
)
def test_figures_with_health_evidence_stay_claims(
    write: Callable[..., Path], text: str, figure: str, cue: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "claim", f"evidence:{cue}")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Our team has more than 30 years of combined experience.\n", "more than 30 years"),
        ("Since opening, our nurses have placed over 20,000 IV lines.\n", "over 20,000"),
        ("Our new wing, opening next spring, will add 16 treatment rooms.\n", "16"),
        ("The acupuncture needles stay in for 25 minutes while you relax.\n", "25 minutes"),
        ("We have shipped over 9,000 bottles since 2012.\n", "over 9,000"),
        ("The practice raised $3 million to open two more clinics.\n", "$3 million"),
        ("How will you feel in 6 months?\n", "6 months"),
        ("Seniors over 75 get a free balance check.\n", "over 75"),
    ],
)
def test_figures_without_health_evidence_are_facts(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert only_claim(figures_of(write, text), figure).figure_class == "fact"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Over 12,000 patients served.\n", "Over 12,000"),
        ("More than 3,000 happy clients and counting!\n", "More than 3,000"),
        ("Nearly 800 satisfied patients since the clinic opened.\n", "Nearly 800"),
        ("Over 1,500 families helped across the valley.\n", "Over 1,500"),
    ],
)
def test_a_business_counting_its_own_without_we_is_a_fact(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    # Session 14: "has served over 10,000 patients" was a fact (the sentence's "our"), the
    # headline "Over 10,000 patients served." a claim needing a registry entry.
    assert_figure_class(figures_of(write, text), figure, "fact", "business-count")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Over 400 patients seen for migraine reported fewer attacks.\n", "Over 400"),
        ("About 2,000 happy patients took part in the survey of sleep quality.\n", "About 2,000"),
    ],
)
def test_a_served_count_with_an_outcome_stays_a_claim(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert only_claim(figures_of(write, text), figure).figure_class == "claim"


def test_a_product_word_after_a_share_makes_it_an_offer(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Our collagen powder is 100% grass-fed and 98% pure.\n")
    assert only_claim(claims, "98%").figure_class == "offer"


def test_an_aside_in_parentheses_is_not_the_sentences_outcome(write: Callable[..., Path]) -> None:
    text = "One drip (usually 45 minutes in the chair) can ease a migraine within 2 hours.\n"
    claims = figures_of(write, text)
    assert only_claim(claims, "45 minutes").figure_class == "fact"
    assert only_claim(claims, "2 hours").figure_class == "claim"


def test_each_item_of_a_list_run_into_a_sentence_has_its_own_evidence(
    write: Callable[..., Path],
) -> None:
    text = "The kit includes: • a 14-day meal plan • recipes that ease bloating\n"
    claims = figures_of(write, text)
    # Set aside: the next item's "ease bloating" is no evidence for it. Since round 21 the
    # length of a plan the business sells is an offer (`programme-length`), no longer a fact
    # for want of evidence.
    assert only_claim(claims, "14-day").figure_class == "offer"


def test_a_results_section_is_evidence_for_a_fact(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "## Results\n\nMost clients come back after 3 weeks.\n")
    assert_figure_class(claims, "3 weeks", "claim", "section-evidence")


def test_facts_are_reported_only_when_kl110_is_on(
    run_cli: Any, project: Path, write: Callable[..., Path]
) -> None:
    write("content/about.md", "Our team has more than 30 years of combined experience.\n")
    off = run_cli("check", "content", "-f", "json", cwd=project)
    assert [f["code"] for f in json_findings(off.output)] == []
    write(
        "rules.yaml",
        "registry: [claims]\ninclude: ['**/*.md']\nrules: {KL110: warning}\n",
    )
    on = run_cli("check", "content", "-f", "json", cwd=project)
    assert [f["code"] for f in json_findings(on.output)] == ["KL110"]


def json_findings(output: str) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = json.loads(output)["findings"]
    return findings


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("My 6-year-old finally sleeps through the night.\n", "6-year-old"),
        ("When she was 12 years old, she had her first migraine.\n", "12 years old"),
    ],
)
def test_the_age_in_a_story_is_no_claim(write: Callable[..., Path], text: str, figure: str) -> None:
    # Round 11: an age after a possessive or "was" is the age of a story (the documented
    # model: docs/figure-classes.md), whatever outcome the sentence tells.
    figure_class = only_claim(figures_of(write, text), figure).figure_class
    assert figure_class in ("fact", "identifier")  # the cues may name it first


def test_an_age_with_how_common_it_is_stays_a_claim(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Most first episodes occur between 20-30 years of age.\n")
    assert only_claim(claims, "between 20-30 years").figure_class == "claim"


def test_millions_of_a_measure_are_no_population(write: Callable[..., Path]) -> None:
    claims = figures_of(
        write, "Sound is slow next to light, which covers 670 million miles an hour.\n"
    )
    assert all(c.figure_class != "claim" for c in claims)


def test_a_short_line_under_a_result_goes_on_with_it(write: Callable[..., Path]) -> None:
    html = "<div><div>Lost 30 lbs</div><div>in 5 months</div></div>\n"
    claims = figures_of(write, html, "stories.html")
    assert_figure_class(claims, "5 months", "claim", "continues-result")


def test_results_under_a_test_heading_are_a_turnaround(write: Callable[..., Path]) -> None:
    text = "## Thyroid Panel\n\nResults in 2-4 days\n\n## Our patients\n\nResults in 2 weeks\n"
    claims = figures_of(write, text)
    assert_figure_class(claims, "2-4 days", "offer", "test-turnaround")
    assert only_claim(claims, "2 weeks").figure_class == "claim"


def test_an_amount_in_parentheses_after_a_name_is_that_things_amount(
    write: Callable[..., Path],
) -> None:
    # Round 12: "Name (amount)" says what a blend holds; the outcome the sentence goes on to
    # promise belongs to the ingredient, not to its amount.
    claims = figures_of(write, "Ginger Root (250mg) eases nausea on long drives.\n")
    assert only_claim(claims, "250mg").figure_class != "claim"


def test_a_recommended_length_of_use_is_a_direction(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "We recommend 8-12 weeks of daily use for the best results.\n")
    assert only_claim(claims, "8-12 weeks").figure_class == "instruction"


@pytest.mark.parametrize(
    ("text", "figure", "figure_class"),
    [
        ("In the trial, 100% of patients made a full recovery.\n", "100%", "claim"),
        ("Most patients see visible improvement (within 2 weeks).\n", "2 weeks", "claim"),
        ("Most users are symptom-free after 4 weeks.\n", "4 weeks", "claim"),
        ("Obesity raises healthcare costs by $147 billion a year.\n", "$147 billion", "claim"),
        ("Our team of 12 nurses is here for you.\n", "12", "fact"),
        ("Last year we opened 2 new clinics.\n", "2", "fact"),
        ("Our $99 facial gives visible results.\n", "$99", "offer"),
        # Round 14.
        ("Scores improved by 0.4 points (95% CI, 0.2-0.6).\n", "95%", "fact"),
        ("Forms are processed within 5 business days.\n", "5", "fact"),
        ("After a decade of vaccination, measles was eradicated in 8 years.\n", "8 years", "claim"),
        ("Gout is four times that of the national rate here.\n", "four times", "claim"),
        ("Expect long-lasting effects (9-12 months for most clients).\n", "9-12 months", "claim"),
    ],
)
def test_review_and_round_14_cases(
    write: Callable[..., Path], text: str, figure: str, figure_class: str
) -> None:
    # Round 12: the cases a second review found; round 14's (docs/figure-classes.md).
    assert only_claim(figures_of(write, text), figure).figure_class == figure_class


def test_a_short_line_that_is_no_length_does_not_continue_a_result(
    write: Callable[..., Path],
) -> None:
    html = "<div><p>Botox results last 3-4 months.</p><p>12 locations</p></div>\n"
    claims = figures_of(write, html, "page.html")
    assert only_claim(claims, "12").figure_class != "claim"


def test_a_business_fact_stays_a_fact_under_a_research_heading(
    write: Callable[..., Path],
) -> None:
    text = "## Our research\n\nOur team brings more than 20 years of combined experience.\n"
    claims = figures_of(write, text)
    assert_figure_class(claims, "more than 20 years", "fact", "business-history")


def test_a_stat_card_figure_is_not_glued_to_its_label(write: Callable[..., Path]) -> None:
    # Round 13: "<em>72%</em></span><span>of clients ..." is a figure over its label.
    html = (
        '<div class="stat"><span class="num"><em>72%</em></span>'
        '<span class="label">of clients walk without a cane after rehab</span></div>\n'
    )
    claims = figures_of(write, html, "stats.html")
    assert_figure_class(claims, "72%", "claim", "evidence:statistic")


@pytest.mark.parametrize(
    ("text", "figure", "cue"),
    [
        ("Most people are back to work within 3 days.\n", "3 days", "back-to-work"),
        ("Back to normal in 24-48 hrs\n", "24-48 hrs", "back-to-normal"),
        ("Many users need 2-3 weeks to adjust to new lenses.\n", "2-3 weeks", "adjust-to"),
        ("Down 12 lbs in 5 weeks\n", "5 weeks", "body-change"),
    ],
)
def test_recovery_and_change_phrases_are_evidence(
    write: Callable[..., Path], text: str, figure: str, cue: str
) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert claim.figure_class == "claim"
    assert any(c.startswith("evidence:outcome:") and cue in c for c in claim.class_cues)


def test_a_percentage_alone_over_an_outcome_label_is_a_stat_card(
    write: Callable[..., Path],
) -> None:
    # Round 15: the figure and its label stand in two blocks of a page's stat card.
    html = (
        '<div class="card"><div class="num">92%</div><div class="label">Success rate</div></div>'
        '<div class="card"><div class="num">40%</div><div class="label">Off your first visit'
        "</div></div>\n"
    )
    claims = figures_of(write, html, "cards.html")
    assert_figure_class(claims, "92%", "claim", "stat-card")
    assert only_claim(claims, "40%").figure_class != "claim"


def test_a_count_of_miles_is_a_measure(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Patients drive 35 miles to see our team.\n")
    assert_figure_class(claims, "35", "fact", "measure")

"""Round 17 of issue 12: figures that frame a result rather than state one
(docs/figure-classes.md, "Round 17"; extract/design.py). Every sentence here was written for
these tests, after the patterns of real health-business pages: each reading has sentences
whose figure becomes a `fact` and neighbours whose figure must stay a claim."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import figures_of, only_claim

# (page text, figure, the `fact` reason among its class_cues, or "" for any)
FACTS = [
    # A study's design: who took part, how they were split, how long the protocol ran.
    (
        "In the trial, 64 adults with neck pain were randomly assigned to one of two groups.\n",
        "64",
        "study-design",
    ),
    (
        "In the trial, 64 adults with neck pain were randomly assigned to one of two groups.\n",
        "two",
        "study-design",
    ),
    (
        "A total of 150 volunteers with insomnia took part in the pilot study.\n",
        "150",
        "study-design",
    ),
    (
        "The researchers recruited 42 men with tinnitus from three hearing clinics.\n",
        "42",
        "study-design",
    ),
    (
        "Volunteers had two cupping sessions per week for six weeks during the study.\n",
        "six weeks",
        "study-design",
    ),
    (
        "A review of 9 acupuncture studies looked at menstrual pain.\n",
        "9",
        "study-design",
    ),
    # A definition bounds a term.
    (
        "Chronic insomnia is defined as poor sleep on three nights a week for three months.\n",
        "three months",
        "definition",
    ),
    (
        "Shoulder pain lasting more than 12 weeks is called chronic.\n",
        "more than 12 weeks",
        "definition",
    ),
    # The length of a stage of a process.
    ("The luteal stage usually lasts about 13 days.\n", "about 13 days", "process-length"),
    # When a check comes.
    (
        "A blood test is usually done about ten days after the egg retrieval.\n",
        "about ten days",
        "procedure-timing",
    ),
    # A rating and a chart's scale.
    ("## 5-Star Reviews From Our Patients\n", "5", "rating-or-scale"),
    ("Our 5 star rated clinic helps you recover from back pain.\n", "5", "rating-or-scale"),
    ("0 10 20 30 40 50\n", "20", "rating-or-scale"),
    # How soon a business answers is no response to a treatment.
    ("We promise an under 2 hr provider response to every message.\n", "under 2 hr", ""),
    # A list's heading.
    ("Here are 7 simple ways to relieve heel pain at home:\n", "7", "list-heading"),
    ("## 6 Best Stretches to Reduce Hip Pain\n", "6", "list-heading"),
    # A follow-up window or a time point beside the statistic it qualifies.
    (
        "After four months, 41% of the women in the yoga group reported less pain.\n",
        "four months",
        "qualifies-statistic",
    ),
    (
        "In the first trial, after eight weeks of treatment, the response rate was 71%.\n",
        "eight weeks",
        "qualifies-statistic",
    ),
    (
        "Only 22% of the control group improved at the 6-month mark.\n",
        "6-month",
        "qualifies-statistic",
    ),
]

# (page text, figure): a result, or a figure the labelled pages count as one, stays a claim.
CLAIMS = [
    # The statistic of a design sentence stays the claim.
    ("After four months, 41% of the women in the yoga group reported less pain.\n", "41%"),
    ("Only 22% of the control group improved at the 6-month mark.\n", "22%"),
    # A result said of a sample is a claim, and so are its figures.
    ("A trial of 310 patients found that 58% slept better within a month.\n", "310"),
    ("A large study of 12,400 adults found that walking cut stroke risk.\n", "12,400"),
    # The size of the evidence, with a qualifier or as a stat card, is a claim.
    ("This leaflet draws on 11 clinical studies of sleep in teenagers.\n", "11"),
    ("Over 60 clinical studies show that acupuncture eases back pain.\n", "Over 60"),
    ("12 Studies Reviewed (2020-2024)\n", "12"),
    # A length said of a result, not of a stage.
    ("The results of your laser treatments can last up to 3 years.\n", "up to 3 years"),
    ("Dental crowns typically last 10-15 years with good care.\n", "10-15 years"),
    # A condition's own length is a fact of the condition, a claim.
    ("A cluster headache attack can last 15-180 minutes.\n", "15-180 minutes"),
    # A length beside its statistic with no comma after it is part of the claim.
    ("After two weeks of therapy — a 45% drop in pain scores.\n", "two weeks"),
    ("Most patients lose 10-20% of their body weight over 12-18 months.\n", "12-18 months"),
    # An age band beside a statistic stays as the labelled corpora count it.
    ("Gum disease affects nearly half of adults over 30.\n", "over 30"),
    # A response to a treatment is a claim.
    ("Most patients show a response within 2 weeks of starting the drops.\n", "2 weeks"),
    # What a treatment does after a procedure is a claim.
    ("Swelling usually settles about ten days after the procedure.\n", "about ten days"),
    # Numbers in a sentence are no scale.
    ("Most patients slept 2 hours longer after 6 weeks of therapy.\n", "2 hours"),
    # A count of cases of a condition is a claim.
    ("Every year, more than 200,000 people are diagnosed with the disease.\n", "more than 200,000"),
]


@pytest.mark.parametrize(("text", "figure", "cue"), FACTS)
def test_round_17_framing_figures_are_facts(
    write: Callable[..., Path], text: str, figure: str, cue: str
) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert claim.figure_class == "fact", claim.class_cues
    assert not cue or cue in claim.class_cues, claim.class_cues


@pytest.mark.parametrize(("text", "figure"), CLAIMS)
def test_round_17_results_stay_claims(write: Callable[..., Path], text: str, figure: str) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert claim.figure_class == "claim", claim.class_cues

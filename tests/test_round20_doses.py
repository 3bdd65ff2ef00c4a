"""Round 20 of issue 12 (docs/figure-classes.md, "Round 20"): quantities that belong to a
result without being one. A dose beside a statistic names the product the result is said
of (an offer); a body weight before "person" or "goal" sizes a worked example (a fact).
Every sentence here was written for these tests, after the patterns of real health-business
pages: each reading has sentences whose figure leaves the claims and neighbours whose
figure must stay a claim."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import figures_of, only_claim

# (page text, figure, its class, a cue among its class_cues)
SET_ASIDE = [
    (
        "Tirzepatide 10mg produces 18% weight loss over a year for most adults.\n",
        "10mg",
        "offer",
        "dose-beside-result",
    ),
    (
        "In the second trial, people on liraglutide 3mg lost an average of 8% of their weight.\n",
        "3mg",
        "offer",
        "dose-beside-result",
    ),
    (
        "Oral semaglutide 25 mg cut body weight by 13% in a 64-week trial.\n",
        "25 mg",
        "offer",
        "dose-beside-result",
    ),
    (
        "That works out to about 26 pounds for a 190-pound person.\n",
        "190-pound",
        "fact",
        "example-weight",
    ),
    (
        "A 160 lb woman would aim for roughly 110 to 160 grams of protein a day.\n",
        "160 lb",
        "fact",
        "example-weight",
    ),
]

# (page text, figure): neighbours that stay claims.
CLAIMS = [
    # The statistic beside the dose is the claim.
    ("Tirzepatide 10mg produces 18% weight loss over a year for most adults.\n", "18%"),
    # A claim about the dose itself: how much to take, how much works or is safe.
    (
        "Nursing mothers should take 500 micrograms of folate daily, as their needs rise by 25%.\n",
        "500 micrograms",
    ),
    ("Doses up to 3 mg were effective in 55% of the patients treated.\n", "up to 3 mg"),
    (
        "In the group that took 3 grams of fish oil per day, 30% saw their joint pain disappear.\n",
        "3 grams",
    ),
    # A lab level is no dose.
    ("A fasting glucose of 130 mg/dL or more is found in 11% of adults.\n", "130 mg"),
    # The pounds lost in the example are the claim.
    ("That works out to about 26 pounds for a 190-pound person.\n", "about 26 pounds"),
]


@pytest.mark.parametrize(("text", "figure", "figure_class", "cue"), SET_ASIDE)
def test_round_20_readings_set_figures_aside(
    write: Callable[..., Path], text: str, figure: str, figure_class: str, cue: str
) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert (claim.figure_class, cue in claim.class_cues) == (figure_class, True), claim.class_cues


@pytest.mark.parametrize(("text", "figure"), CLAIMS)
def test_round_20_results_stay_claims(write: Callable[..., Path], text: str, figure: str) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert claim.figure_class == "claim", claim.class_cues


# Round 20 also read a plain count whose only evidence is a condition near it as a `fact`
# ("a BMI of 30 or higher"); the next fresh group (pages-held24) lost a real claim through it
# ("over 300" processes in the body, before a condition), so it was dropped: such counts
# stay claims, as before the round. (A bound of a BMI is a fact since round 21, by its own
# reading, `index-threshold`: tests/test_round21_asides.py.)
COUNTS_BESIDE_A_CONDITION = [
    (
        "Magnesium takes part in over 300 reactions in the body, and low levels are linked to "
        "migraines.\n",
        "over 300",
    ),
]


@pytest.mark.parametrize(("text", "figure"), COUNTS_BESIDE_A_CONDITION)
def test_round_20_counts_beside_a_condition_stay_claims(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert claim.figure_class == "claim", claim.class_cues


def test_round_20_a_count_of_people_stays_a_claim(write: Callable[..., Path]) -> None:
    text = "About 3 million adults in the state live with diabetes.\n"
    claim = only_claim(figures_of(write, text), "About 3 million")
    assert claim.figure_class == "claim", claim.class_cues

"""Round 19b of issue 12 (docs/figure-classes.md, "Round 19b"): a length that belongs to
another figure or to advice (the upper end of a range read in two halves, a window that
closes a statistic's clause, a threshold for seeing a clinician) and directions of rehab
copy (a strength criterion against the other limb, a training rule named by its figure, a
hold to progress to). Every sentence here was written for these tests, after the patterns
of real health-business pages: each reading has sentences whose figure leaves the claims
and neighbours whose figure must stay a claim."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import figures_of, only_claim

# (page text, figure, its class, a cue among its class_cues)
SET_ASIDE = [
    (
        "Depending on the gel, the effects of lip filler last from 9 months to 3 years.\n",
        "3 years",
        "fact",
        "range-end",
    ),
    (
        "About 85% of ankle sprains improve within 6 weeks with guided exercise.\n",
        "6 weeks",
        "fact",
        "qualifies-statistic",
    ),
    (
        "Roughly 90% of frozen shoulder cases resolve within 18 months.\n",
        "18 months",
        "fact",
        "qualifies-statistic",
    ),
    (
        "In one trial, laser therapy cut heel pain by 64% within 3-5 sessions.\n",
        "3-5",
        "offer",
        "qualifies-statistic",
    ),
    (
        "In that trial, 45% of the patients had improved at 2 years.\n",
        "2 years",
        "fact",
        "qualifies-statistic",
    ),
    ("- No improvement after 3 weeks of home exercises\n", "3 weeks", "fact", "symptom-threshold"),
    ("- Knee pain persisting beyond 10 days\n", "beyond 10 days", "fact", "symptom-threshold"),
    (
        "A cough lasting more than 3 weeks should be checked by a doctor.\n",
        "more than 3 weeks",
        "fact",
        "symptom-threshold",
    ),
    (
        "Chronic rhinitis is diagnosed when symptoms persist for 10 weeks or longer.\n",
        "10 weeks",
        "fact",
        "symptom-threshold",
    ),
    ("- Hamstring strength 85% of the opposite side\n", "85%", "instruction", "side-criterion"),
    ("- Raise weekly distance slowly (10% rule)\n", "10%", "instruction", "percent-rule"),
    ("- Progress to 45 seconds\n", "45 seconds", "instruction", "hold-progression"),
]

# (page text, figure): neighbours that stay claims.
CLAIMS = [
    # The lower end of the range is the claim; a tail with its own qualifier stays one too.
    (
        "Depending on the gel, the effects of lip filler last from 9 months to 3 years.\n",
        "9 months",
    ),
    ("Results of the peel can last from 3 months to up to 1 year.\n", "up to 1 year"),
    # A fall from one length to a shorter one is a change: both figures are claims.
    ("Recovery after knee surgery fell from 12 weeks to 7 weeks.\n", "7 weeks"),
    # The statistic keeps its claim.
    ("About 85% of ankle sprains improve within 6 weeks with guided exercise.\n", "About 85%"),
    # A result's own span, with "over" or "in", is the claim's length.
    ("Most patients lose 12-20% of their body weight over 16-20 months.\n", "16-20 months"),
    ("About 60% of patients in the study lost weight in 10 months.\n", "10 months"),
    # "need" says when a treatment fails: a result.
    ("About 40% of patients will need a second procedure within 4 to 6 years.\n", "4 to 6 years"),
    # A result that persists is a claim.
    ("The relief persisted for more than 8 months in 65% of patients.\n", "more than 8 months"),
    ("Results from the treatment last up to 18 months.\n", "up to 18 months"),
    ("Stubborn acne can take 9 months or longer to clear.\n", "9 months"),
    ("Deeper peels cause some redness, with recovery lasting up to ten days.\n", "up to ten days"),
    # A share of the other limb's strength regained, said as a result, is a claim.
    ("Within a year, 70% of the athletes regained full strength.\n", "70%"),
]


@pytest.mark.parametrize(("text", "figure", "figure_class", "cue"), SET_ASIDE)
def test_round_19b_readings_set_figures_aside(
    write: Callable[..., Path], text: str, figure: str, figure_class: str, cue: str
) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert (claim.figure_class, cue in claim.class_cues) == (figure_class, True), claim.class_cues


@pytest.mark.parametrize(("text", "figure"), CLAIMS)
def test_round_19b_results_stay_claims(write: Callable[..., Path], text: str, figure: str) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert claim.figure_class == "claim", claim.class_cues

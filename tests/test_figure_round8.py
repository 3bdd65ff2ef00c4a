"""Figure classes, round 8 (issue 12): results in label lines, and "millions" alone.

Sentences are written for these tests, after the patterns real pages showed: short list
lines that give a result for a bracket of ages, a group of people, a rate or an outcome
(not a product's components), prevalence said as "millions" with no number, and shares
written with "<" or ">".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import assert_figure_class, figures_of, only_claim


@pytest.mark.parametrize(
    ("line", "figure"),
    [
        ("- Aged 38: 9% per attempt\n", "9%"),
        ("- Over 41: 2-4%\n", "2-4%"),
        ("- **31-34**: 11-16 follicles on average\n", "11-16"),
        ("- **Women under 33**: 55-60%\n", "55-60%"),
    ],
)
def test_a_result_for_a_bracket_of_ages_is_a_claim(
    write: Callable[..., Path], line: str, figure: str
) -> None:
    page = "## By age\n\n" + line
    assert_figure_class(figures_of(write, page), figure, "claim", "label-bracket")


@pytest.mark.parametrize(
    ("line", "figure"),
    [
        ("- Miscarriage risk: 12-18%\n", "12-18%"),
        ("- **Older couples**: 22%\n", "22%"),
        ("- Genetic factors (25%)\n", "25%"),
        ("- Full recovery: 3-5 months\n", "3-5 months"),
    ],
)
def test_a_result_for_a_group_a_rate_or_an_outcome_is_a_claim(
    write: Callable[..., Path], line: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, line), figure, "claim", "label-names")


@pytest.mark.parametrize(
    ("line", "figure"),
    [
        ("- **Drug Z**: 55-65% ovulation rate\n", "55-65%"),
        ("- **Method B**: 12-18% per cycle with mild factors\n", "12-18%"),
        ("- 75-85% good outcomes\n", "75-85%"),
    ],
)
def test_a_rate_or_outcome_named_after_a_share_is_a_claim(
    write: Callable[..., Path], line: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, line), figure, "claim", "outcome-noun")


@pytest.mark.parametrize(
    ("line", "figure", "figure_class"),
    [
        # a component, a purity: still a product fact
        ("- Magnesium: 35%\n", "35%", "offer"),
        ("- Purity: 98%\n", "98%", "offer"),
        # a direction for a group is an instruction, not a result for it
        ("- Adults: Take 2 to 3 tablets daily with food.\n", "2 to 3", "instruction"),
    ],
)
def test_a_label_line_of_a_component_or_a_direction_is_not_a_claim(
    write: Callable[..., Path], line: str, figure: str, figure_class: str
) -> None:
    assert only_claim(figures_of(write, line), figure).figure_class == figure_class


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("Night-time teeth grinding troubles millions of adults.\n", "millions", 1e6),
        ("Millions live with tinnitus without knowing it.\n", "Millions", 1e6),
        ("Back pain costs billions in lost work each year.\n", "billions", 1e9),
    ],
)
def test_millions_without_a_number_is_a_figure_and_a_claim(
    write: Callable[..., Path], text: str, figure: str, value: float
) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert (claim.kind, claim.value, claim.figure_class) == ("count", value, "claim")


def test_hundreds_and_thousands_alone_stay_no_figure(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Thousands of clients and hundreds of reviews speak for us.\n")
    assert claims == []


@pytest.mark.parametrize(
    ("line", "figure", "qualifier"),
    [
        ("- Infection or bleeding: <2%\n", "<2%", "under"),
        ("Readings >140 mmHg point to high blood pressure.\n", ">140", "over"),
    ],
)
def test_less_than_and_more_than_signs_are_qualifiers(
    write: Callable[..., Path], line: str, figure: str, qualifier: str
) -> None:
    claim = only_claim(figures_of(write, line), figure)
    assert (claim.qualifier, claim.figure_class) == (qualifier, "claim")


# -- target 3: numbers of a timeline, of the body, of a story, of a session ------------------


@pytest.mark.parametrize(
    ("text", "figure", "figure_class", "cue"),
    [
        ("- Phase 2: Loading (Weeks 4-10)\n", "4-10", "identifier", "timeline-index"),
        ("- Back to light jogging (Days 40-55)\n", "40-55", "identifier", "timeline-index"),
        ("The wrist is made of 8 small bones.\n", "8", "identifier", "anatomy-count"),
        (
            "The elbow is one of three major joints of the arm.\n",
            "three",
            "identifier",
            "anatomy-count",
        ),
        ("At age 68, my back gave out on the stairs.\n", "age 68", "identifier", "teller-age"),
        ("- Consultation (20-30 minutes)\n", "20-30 minutes", "offer", "menu-length"),
    ],
)
def test_numbers_of_a_timeline_the_body_a_story_or_a_session_are_not_claims(
    write: Callable[..., Path], text: str, figure: str, figure_class: str, cue: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, figure_class, cue)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Within 6-8 weeks most sprains heal fully.\n", "6-8 weeks"),
        ("Grinding damaged 3 teeth in 40% of the adults we saw.\n", "40%"),
    ],
)
def test_lengths_ages_and_counts_of_results_stay_claims(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert only_claim(figures_of(write, text), figure).figure_class == "claim"


def test_a_direction_after_a_spaced_dash_is_an_instruction(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Adults - Take 2 capsules a day with a meal.\n")
    assert_figure_class(claims, "2", "instruction", "imperative")
    # a hyphen inside a word is no clause break, and a result after a dash stays a claim
    claims = figures_of(write, "Results - 80% of users slept longer.\n")
    assert only_claim(claims, "80%").figure_class == "claim"

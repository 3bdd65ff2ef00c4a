"""Figure classes, round 9 (issue 12): facts of a shop's export and of a clinic's process,
and results said to come after a session or to last for months.

Sentences are written for these tests, after the kinds of wording real pages showed: image
sizes and stock fields of a product export, check-up intervals, how long a course of
treatment or a healing phase takes, what a thing is made of, ingredient amounts in one
line, doses one "can take", directions after a phrase of time, and results after one
session, within a week or lasting for months.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import assert_figure_class, figures_of, only_claim

from kalypso_lint.models import Claim


def _claims(figures: list[Claim]) -> list[str]:
    return [c.text for c in figures if c.figure_class == "claim"]


@pytest.mark.parametrize(
    "line",
    [
        "- Dimensions: 1200 x 800px\n",
        "- Image size: 640 x 640\n",
        "Hero banner, 1920 x 1080 pixels.\n",
    ],
)
def test_image_dimensions_are_no_claim(write: Callable[..., Path], line: str) -> None:
    assert _claims(figures_of(write, line)) == []


@pytest.mark.parametrize(
    ("line", "figure"),
    [
        ("- Quantity Available: 845\n", "845"),
        ("- Units in stock: 230\n", "230"),
        ("- Total Inventory: 3120\n", "3120"),
    ],
)
def test_stock_fields_are_offers(write: Callable[..., Path], line: str, figure: str) -> None:
    assert_figure_class(figures_of(write, line), figure, "offer", "stock-level")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("We recommend a check-up and cleaning every 6 months.\n", "6 months"),
        ("Hygiene visits are usually booked every 4-6 months.\n", "4-6 months"),
        ("- Recommended: every nine months for most adults\n", "nine months"),
    ],
)
def test_check_up_intervals_are_instructions(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "instruction", "visit-interval")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Orthodontic treatment usually takes 18-24 months.\n", "18-24 months"),
        ("A healing period of 3-4 months comes before the abutment is placed.\n", "3-4 months"),
        ("Simple cases can be completed in as little as 5 months.\n", "5 months"),
        (
            "A temporary cap stays on for about three weeks until the final one is made.\n",
            "about three weeks",
        ),
    ],
)
def test_course_and_healing_lengths_are_offers(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "offer", "process-length")


def test_a_time_to_see_results_is_not_a_process_length(write: Callable[..., Path]) -> None:
    text = "The treatment usually takes 3-4 weeks to show visible results.\n"
    assert only_claim(figures_of(write, text), "3-4 weeks").figure_class == "claim"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Each starter kit consists of four parts.\n", "four"),
        ("Keratin is made up of 2 strands.\n", "2"),
    ],
)
def test_what_a_thing_is_made_of_is_no_claim(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "identifier", "composition-count")


def test_a_large_group_made_up_of_people_stays_a_claim(write: Callable[..., Path]) -> None:
    text = "The national registry is made up of 2 million patients.\n"
    assert only_claim(figures_of(write, text), "2 million").figure_class == "claim"


def test_ingredient_amounts_in_one_line_are_offers(write: Callable[..., Path]) -> None:
    text = "Turmeric 900mg; Ginger 450mg; Black Pepper 5mg; Zinc 12mg; Selenium 70mcg\n"
    figures = figures_of(write, text)
    assert _claims(figures) == []
    assert_figure_class(figures, "900mg", "offer", "amount-list")


@pytest.mark.parametrize(
    ("text", "figure", "cue"),
    [
        ("(Triple Dose of Vitamin C 3000mg and 2 vials of saline)\n", "3000mg", "dose-of-amount"),
        (
            "Every serving provides 2 billion CFU of live cultures.\n",
            "2 billion CFU",
            "serving-before",
        ),
        ("Custom night guards are ready in under 10 days.\n", "under 10 days", "turnaround"),
    ],
)
def test_doses_servings_and_turnaround_are_offers(
    write: Callable[..., Path], text: str, figure: str, cue: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "offer", cue)


def test_a_dose_one_can_take_is_an_instruction(write: Callable[..., Path]) -> None:
    text = "Needs differ, but one can take 5g to 10g after training.\n"
    figures = figures_of(write, text)
    assert_figure_class(figures, "5g", "instruction", "dose-direction")
    assert_figure_class(figures, "10g", "instruction", "dose-direction")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Every 30 minutes, look up from the screen for 10 seconds.\n", "30 minutes"),
        ("Every 30 minutes, look up from the screen for 10 seconds.\n", "10 seconds"),
        ("For the best outcome, wear the splint 8-10 hours a night.\n", "8-10 hours"),
    ],
)
def test_a_direction_after_a_phrase_of_time_is_an_instruction(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "instruction", "imperative")


def test_a_result_after_a_phrase_of_time_is_still_a_claim(write: Callable[..., Path]) -> None:
    text = "After 3 sessions, most clients saw 40% less redness.\n"
    assert only_claim(figures_of(write, text), "40%").figure_class == "claim"


def test_a_state_ordered_for_months_is_a_result(write: Callable[..., Path]) -> None:
    figures = figures_of(write, "Stay smooth and hair-free for up to 12 months.\n")
    assert_figure_class(figures, "up to 12 months", "claim", "state-for-months")
    aftercare = figures_of(write, "Stay upright for 4 hours after your injections.\n")
    assert only_claim(aftercare, "4 hours").figure_class == "instruction"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Firmer skin, with visible results after just one session.\n", "one"),
        ("Noticeable improvement after 2 treatments.\n", "2"),
        ("Clearer pores and real results in a single visit\n", "a single"),
    ],
)
def test_results_after_a_number_of_sessions_are_claims(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "claim", "results-after-sessions")


def test_one_session_is_a_figure_only_alone_and_as_a_result(write: Callable[..., Path]) -> None:
    crown = figures_of(write, "We fit your new crown in a single visit.\n")
    assert only_claim(crown, "a single").figure_class == "offer"
    # beside a share, "one session" qualifies it: one figure, the share
    shared = figures_of(write, "Over 85% of clients felt relief after one session.\n")
    assert [c.text for c in shared] == ["Over 85%"]
    assert figures_of(write, "One of our sessions is free.\n") == []


@pytest.mark.parametrize(
    "text",
    ["Most patients heal within a week.\n", "Swelling settles within a few days to a week.\n"],
)
def test_within_a_week_is_a_duration(write: Callable[..., Path], text: str) -> None:
    figure = only_claim(figures_of(write, text), "a week")
    assert (figure.kind, figure.value, figure.unit, figure.figure_class) == (
        "duration",
        1,
        "weeks",
        "claim",
    )


def test_within_a_phrase_without_a_period_is_no_figure(write: Callable[..., Path]) -> None:
    assert figures_of(write, "Relief comes within a short time for most people.\n") == []


@pytest.mark.parametrize(
    ("text", "figure", "figure_class"),
    [
        ("Our front desk will respond within a day.\n", "a day", "offer"),
        ("Treatment usually takes 4-6 weeks to start working.\n", "4-6 weeks", "claim"),
        ("It can be 3 weeks until the full results show.\n", "3 weeks", "claim"),
    ],
)
def test_a_time_to_answer_is_an_offer_and_a_time_to_effect_a_claim(
    write: Callable[..., Path], text: str, figure: str, figure_class: str
) -> None:
    assert only_claim(figures_of(write, text), figure).figure_class == figure_class


def test_a_dose_in_prose_is_not_a_menu_item(write: Callable[..., Path]) -> None:
    text = "In the trial, a dose of magnesium 400mg improved sleep quality.\n"
    assert "dose-of-amount" not in only_claim(figures_of(write, text), "400mg").class_cues

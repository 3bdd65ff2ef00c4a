"""Figure classes, round 6 (issue 12): the page's structure and results that fragments state.

Sentences are written for these tests, after the patterns real pages showed: price tables
that also state an efficacy figure, side-effect lists, dosing tables and titration steps,
menu lines, a practice named with a number, lookup tables, biographies and dosing sections.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import assert_figure_class, figures_of, only_claim

from kalypso_lint.models import Claim


def _classes(claims: list[Claim]) -> dict[str, str]:
    return {c.text: c.figure_class for c in claims}


# -- results a fragment or a table cell states: decisive claim cues ---------------------

RESULTS = [
    # an efficacy figure in the cells of a price table: the prices stay offers
    (
        "| Area | Price | Result |\n|---|---|---|\n| Chin | $450 | Up to 30% fat reduction |\n",
        "Up to 30%",
        "outcome-noun",
    ),
    (
        "| Area | Price | Result |\n|---|---|---|\n| Arms | $600 | Shrinks fat by about 25% |\n",
        "about 25%",
        "change-by",
    ),
    ("- 41% reduction in flare-ups at 3 mg/kg\n", "41%", "outcome-noun"),
    # how often a side effect or condition occurs, in a verbless list line
    ("- Drowsiness (9%)\n", "9%", "adverse-event"),
    ("- Nausea (4%)\n", "4%", "condition-share"),
    # how soon and how long a treatment acts
    ("- Onset of action: within 20-40 minutes\n", "20-40 minutes", "effect-duration"),
    # a dose said to be safe, an intake a day
    ("- Safety at doses up to 20 mg/kg in cats\n", "up to 20 mg", "dose-safety"),
    ("- Vitamin E (200 IU/day)\n", "200 IU", "daily-amount"),
    ("- Fish oil (800 mg EPA per 10 kg body weight)\n", "800 mg", "reference-amount"),
]


def test_prices_next_to_an_efficacy_figure_stay_offers(write: Callable[..., Path]) -> None:
    text = "| Area | Price | Result |\n|---|---|---|\n| Chin | $450 | Up to 30% fat reduction |\n"
    assert _classes(figures_of(write, text)) == {"$450": "offer", "Up to 30%": "claim"}


# -- directions, amounts and menu lines -------------------------------------------------

SET_ASIDE = [
    ("- Small cats: 1/4 teaspoon daily\n", "1/4", "offer", "measured-amount"),
    ("- Days 1-4: 50% of the target dose\n", "50%", "instruction", "share-of-dose"),
    ("- Radiance Facial (face and neck) 45 minutes\n", "45 minutes", "offer", "menu-length"),
    ("- Express Facial 30m\n", "30m", "offer", "menu-length"),
    (
        "At least 20 minutes before bed, dim the lights.\n",
        "At least 20 minutes",
        "instruction",
        "time-before",
    ),
    (
        "Each rep would take 6 seconds on the way down.\n",
        "6 seconds",
        "instruction",
        "exercise-before",
    ),
    ("Our tissue lab holds a 361 registration.\n", "361", "identifier", "named-by-number"),
]


@pytest.mark.parametrize(
    ("text", "figure", "figure_class", "cue"),
    [(text, figure, "claim", cue) for text, figure, cue in RESULTS] + SET_ASIDE,
)
def test_a_result_is_a_claim_and_a_direction_amount_or_name_is_set_aside(
    write: Callable[..., Path], text: str, figure: str, figure_class: str, cue: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, figure_class, cue)


def test_thirty_m_on_a_menu_is_thirty_minutes_not_thirty_million(
    write: Callable[..., Path],
) -> None:
    claims = figures_of(write, "- Express Facial 30m\n\nMigraine affects 39m people.\n")
    length, people = only_claim(claims, "30m"), only_claim(claims, "39m")
    assert (length.kind, length.value, length.unit) == ("duration", 30, "minutes")
    assert (people.kind, people.value, people.unit) == ("count", 39_000_000, "people")


@pytest.mark.parametrize("text", ["Give 2x/day with food.\n", "Apply 1-2 times daily.\n"])
def test_a_dosing_frequency_is_no_figure(write: Callable[..., Path], text: str) -> None:
    assert figures_of(write, text) == []


def test_a_phone_number_in_groups_is_no_count(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Book today on 03 8841 2290 and ask for the first visit offer.\n")
    assert [c.text for c in claims] == []


# -- the page around a figure (extract/page_context.py) ---------------------------------


def test_a_practice_named_with_a_number_is_an_identifier_everywhere_on_the_page(
    write: Callable[..., Path],
) -> None:
    text = "Visit us at Spine 31 today.\n\nSpine 31 offers massage and care.\n"
    claims = figures_of(write, text)
    assert [(c.text, c.figure_class) for c in claims] == [("31", "identifier")] * 2
    assert all("named-on-page" in c.class_cues for c in claims)


def test_a_number_that_counts_after_a_capitalised_word_stays_a_claim(
    write: Callable[..., Path],
) -> None:
    claims = figures_of(write, "Omega 3 patients improved, and so did Group 12 patients.\n")
    assert all(c.figure_class == "claim" for c in claims if c.text in ("3", "12"))


def test_bare_cells_of_a_lookup_table_are_identifiers(write: Callable[..., Path]) -> None:
    text = "| Weight | Morning | Evening |\n|---|---|---|\n| Small | 1/4 | 1/3 |\n"
    claims = figures_of(write, text)
    assert _classes(claims) == {"1/4": "identifier", "1/3": "identifier"}
    assert all("bare-table-cell" in c.class_cues for c in claims)


def _paragraph_under(write: Callable[..., Path], heading: str, paragraph: str) -> Claim:
    claims = figures_of(write, f"{heading}\n\n{paragraph}\n")
    assert len(claims) == 1, _classes(claims)
    return claims[0]


@pytest.mark.parametrize(
    ("heading", "paragraph", "figure_class"),
    [
        ("## Pricing", "Most clients feel better after 2 weeks.", "offer"),
        ("## About Dr. Reyes", "She has helped patients recover for 15 years.", "identifier"),
        ("## How to use", "Give it time: it can take 3 days to work.", "instruction"),
    ],
)
def test_a_section_heading_sets_its_figures_aside(
    write: Callable[..., Path], heading: str, paragraph: str, figure_class: str
) -> None:
    assert _paragraph_under(write, "## Overview", paragraph).figure_class == "claim"
    claim = _paragraph_under(write, heading, paragraph)
    assert (claim.figure_class, claim.class_cues[0]) == (figure_class, f"section-{figure_class}")


def test_a_section_keeps_its_subsections_until_a_heading_of_its_level(
    write: Callable[..., Path],
) -> None:
    text = (
        "## Pricing\n\n### Memberships\n\nMost clients come back after 2 weeks.\n\n"
        "## Results\n\nMost clients come back after 3 weeks.\n"
    )
    assert _classes(figures_of(write, text)) == {"2 weeks": "offer", "3 weeks": "claim"}


def test_a_result_under_a_price_heading_stays_a_claim(write: Callable[..., Path]) -> None:
    text = "## Pricing\n\nIn our audit, patients reported relief within 2 weeks.\n"
    assert _classes(figures_of(write, text)) == {"2 weeks": "claim"}


def test_html_heading_levels_open_and_close_sections(write: Callable[..., Path]) -> None:
    html = (
        "<h2>Fees</h2><h3>Packages</h3><p>Most clients come back after 2 weeks.</p>"
        "<h2>Outcomes</h2><p>Most clients come back after 3 weeks.</p>"
    )
    claims = figures_of(write, f"<html><body>{html}</body></html>", "page.html")
    assert _classes(claims) == {"2 weeks": "offer", "3 weeks": "claim"}


def test_a_result_in_a_biography_section_stays_a_claim(write: Callable[..., Path]) -> None:
    text = "## Meet our team\n\nShe has 12 years in practice. Results last 6 to 9 months.\n"
    assert _classes(figures_of(write, text)) == {"12 years": "identifier", "6 to 9 months": "claim"}


@pytest.mark.parametrize(
    "text",
    [
        "# We Treated 1200 Patients Last Year\n\nCall us for a visit.\n",
        "Since 2015 We Have Helped 850 Families Sleep Better.\n",
    ],
)
def test_a_title_case_count_of_people_is_no_name(write: Callable[..., Path], text: str) -> None:
    # The capitalised noun after the number is what it counts: a headline in title case. It
    # is no name (identifier); whether it is a claim is the health evidence's to say (round
    # 12: the business counting its own patients is a fact).
    claims = figures_of(write, text)
    people = [c for c in claims if c.unit == "people"]
    assert all(c.figure_class != "identifier" for c in people), _classes(claims)
    assert any(c.unit == "people" for c in claims), _classes(claims)


@pytest.mark.parametrize(
    "pricing", ["Pricing\n-------", "Pricing and\nbooking\n---", "## Pricing", "> ## Pricing"]
)
def test_a_setext_or_quoted_heading_has_its_level(write: Callable[..., Path], pricing: str) -> None:
    # "-----" under a line makes a level-2 heading, as "## " does; the next "## " closes it.
    text = (
        f"{pricing}\n\nOne visit lasts an hour.\n\n## Outcomes\n\nMost come back after 3 weeks.\n"
    )
    assert _classes(figures_of(write, text)) == {"3 weeks": "claim"}


def test_a_front_matter_title_stays_the_outermost_section(write: Callable[..., Path]) -> None:
    # The front matter's closing "---" is no setext underline under its title.
    text = "---\ntitle: Pricing\n---\n\n## Memberships\n\nMost come back after 3 weeks.\n"
    assert _classes(figures_of(write, text)) == {"3 weeks": "offer"}

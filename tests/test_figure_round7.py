"""Figure classes, round 7 (issue 12): what kind of page and what part of it a figure is in.

Sentences are written for these tests, after the patterns real pages showed: how often an
illness comes back, tables whose column headings name a result or a price, product pages
whose label and pack figures are product facts, the size of a change named before it, and
the share of an ingredient in a product.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import assert_figure_class, figures_of, only_claim

from kalypso_lint.documents import read_document
from kalypso_lint.extract import PageExtractor
from kalypso_lint.figures import conversion_factor, format_figure
from kalypso_lint.models import Claim
from kalypso_lint.seller import product_page_cue


def _classes(claims: list[Claim]) -> dict[str, str]:
    return {c.text: c.figure_class for c in claims}


# -- how often: an illness's frequency is a claim, a dosing or booking frequency is not ----


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [
        ("Toddlers catch a cold 6-8 times a year.", "6-8 times", "per-year"),
        ("Most adults catch the flu 1-2 times per year.", "1-2 times", "per-year"),
        ("Ear infections come back 3 times a year in some children.", "3 times", "per-year"),
        ("Sinus infections recur 4x/year in a few of our patients.", "4x", "per-year"),
        # per week or month only when said of a condition
        ("Migraine attacks strike 2-3 times a month for many sufferers.", "2-3 times", "per-month"),
    ],
)
def test_how_often_an_illness_comes_is_a_rate_and_a_claim(
    write: Callable[..., Path], text: str, figure: str, unit: str
) -> None:
    claim = only_claim(figures_of(write, text + "\n"), figure)
    assert (claim.kind, claim.unit, claim.figure_class) == ("rate", unit, "claim")


@pytest.mark.parametrize(
    "text",
    [
        "Give the drops 1-2 times daily with food.",
        "Apply the balm 3 times a day.",
        "Book a facial 1-2 times a month.",
        "We see most clients 2-3 times a week at first.",
    ],
)
def test_a_dosing_or_booking_frequency_is_no_figure(write: Callable[..., Path], text: str) -> None:
    assert [c.text for c in figures_of(write, text + "\n") if "times" in c.text] == []


# -- tables: a column heading names what its cells are ----------------------------------

RESULT_TABLE = """\
| Form | Absorption rate | Half-life | Onset |
|---|---|---|---|
| Capsule | 20-25% | 3-5 hours | 45-90 minutes |
| Spray | 40-45% | 2-4 hours | 10-20 minutes |

| Visit | Price | Length |
|---|---|---|
| First visit | $95 | 60 minutes |
"""


def test_cells_under_a_result_column_are_claims_and_under_a_price_column_offers(
    write: Callable[..., Path],
) -> None:
    classes = _classes(figures_of(write, RESULT_TABLE))
    results = ("20-25%", "3-5 hours", "45-90 minutes", "40-45%", "2-4 hours", "10-20 minutes")
    assert {figure: classes[figure] for figure in results} == dict.fromkeys(results, "claim")
    assert (classes["$95"], classes["60 minutes"]) == ("offer", "offer")
    assert "result-column" in only_claim(figures_of(write, RESULT_TABLE), "3-5 hours").class_cues


def test_the_same_cells_under_plain_columns_stay_set_aside(write: Callable[..., Path]) -> None:
    plain = RESULT_TABLE.replace("Absorption rate | Half-life | Onset", "Size | Strength | Wait")
    classes = _classes(figures_of(write, plain))
    assert {classes[f] for f in ("20-25%", "3-5 hours", "45-90 minutes")} == {"offer"}


def test_a_table_after_a_table_has_its_own_column_headings(write: Callable[..., Path]) -> None:
    # The second table's heading row is no row of the first: "$95" is under "Price".
    claim = only_claim(figures_of(write, RESULT_TABLE), "$95")
    assert claim.figure_class == "offer"


# -- a result named before its figure, and the size of a change -------------------------


@pytest.mark.parametrize(
    ("text", "figure", "cue"),
    [
        ("- Bioavailability up to 85%\n", "up to 85%", "result-before"),
        ("- Success rate: 92%\n", "92%", "result-before"),
        # a story word ("army") does not make a study's result a story
        (
            "Army veterans in the trial reported an increase of 38 minutes of sleep.\n",
            "38 minutes",
            "change-of",
        ),
        ("- A weight loss of 12 lbs in eight weeks\n", "12 lbs", "change-of"),
    ],
)
def test_a_result_named_before_the_figure_is_a_claim(
    write: Callable[..., Path], text: str, figure: str, cue: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "claim", cue)


def test_the_share_of_an_ingredient_is_a_product_fact(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Our tincture contains less than 0.2% THC.\n")
    assert_figure_class(claims, "less than 0.2%", "offer", "contains-percent")
    # ... but "contains 40% more" compares.
    claims = figures_of(write, "Our green blend contains 40% more polyphenols than black tea.\n")
    assert only_claim(claims, "40%").figure_class == "claim"


# -- sections: a price list's sums, a dosing section's daily amounts -------------------


def test_a_sum_under_a_price_heading_is_a_price_whoever_it_is_for(
    write: Callable[..., Path],
) -> None:
    page = "## Our fees\n\nAdjustment for children under twelve with a parent: $35\n"
    assert_figure_class(figures_of(write, page), "$35", "offer", "price")


def test_an_amount_a_day_under_a_dosing_heading_is_a_direction(
    write: Callable[..., Path],
) -> None:
    line = "- Maintenance: 500 mg/day\n"
    dosing = figures_of(write, "## Dosage\n\n" + line)
    assert_figure_class(dosing, "500 mg", "instruction", "section-instruction")
    # The same line elsewhere states an intake, a claim (round 6).
    assert only_claim(figures_of(write, "## Studies\n\n" + line), "500 mg").figure_class == "claim"


# -- product pages: label and pack figures are product facts ---------------------------

PRODUCT_PAGE = """\
# Calm Root Capsules

- Made with 4 organic herbs from 2 family farms
- Ships in 2-3 days

Each jar is packed by hand at one of our 3 farms.

In a trial, adults taking 300 mg a day slept 20 minutes longer after 8 weeks.

Most users feel calmer within 30 minutes.

## Our study

- 40 dogs with restless nights
- 12 of them slept through the night by week 4
"""


def _page_claims(path: Path, products: bool) -> list[Claim]:
    document = read_document(path, path.name)
    page = PageExtractor().extract_blocks(document, [*document.blocks], products=products)
    return [c for c in page.claims if c.category == "numeric"]


def test_a_product_page_sets_its_label_and_pack_figures_aside(
    write: Callable[..., Path],
) -> None:
    claims = _page_claims(write("shop.md", PRODUCT_PAGE), products=True)
    for figure in ("4", "2", "2-3 days", "3"):
        assert_figure_class(claims, figure, "offer", "product-page")
    # a study on the page, how soon the product acts, and the figures under a study's
    # heading stay claims
    for figure in ("300 mg", "20 minutes", "8 weeks", "30 minutes", "40", "12"):
        assert only_claim(claims, figure).figure_class == "claim"


def test_the_same_copy_on_a_services_page_keeps_its_claims(write: Callable[..., Path]) -> None:
    claims = _page_claims(write("page.md", PRODUCT_PAGE), products=False)
    assert all("product-page" not in c.class_cues for c in claims)
    # Without health evidence they are facts (round 10), not offers of a product page.
    for figure in ("4", "2-3 days", "3"):
        assert only_claim(claims, figure).figure_class == "fact"


@pytest.mark.parametrize(
    "texts",
    [
        ["Rose hip oil, 30 ml dropper bottle", "$18.50"],
        ["Magnesium bath flakes", "250 g pouch", "Free shipping over $40"],
        ["Triphala powder", "Net wt. 100 g", "MRP: ₹ 250"],
    ],
)
def test_a_bottle_or_pouch_size_with_a_price_shows_a_product_page(texts: list[str]) -> None:
    assert product_page_cue(texts) is not None


@pytest.mark.parametrize(
    "texts",
    [
        ["Each syringe holds 1 ml of filler", "$600 per syringe"],
        ["Bring 1 bottle of water to your class", "Class pass: $40"],
    ],
)
def test_a_clinic_dose_or_a_bottle_of_water_shows_no_product_page(texts: list[str]) -> None:
    assert product_page_cue(texts) is None


def test_a_frequency_reads_and_converts_as_a_frequency_not_a_population_rate() -> None:
    assert format_figure(None, 6, 8, "per-year") == "6–8 times a year"
    assert conversion_factor("per-year", "per-month") == pytest.approx(1 / 12, rel=1e-3)
    assert conversion_factor("per-year", "per-100000") is None
    assert conversion_factor("per-1000", "per-100000") == 100.0


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("This guide gathers 14 garden herbs for winter teas.\n", "14"),
        ("Discover 12 recipes for a calmer evening.\n", "12"),
    ],
)
def test_the_copy_counting_what_it_holds_is_no_claim(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "identifier", "copy-count")


def test_a_guide_that_counts_its_studies_keeps_the_claim(write: Callable[..., Path]) -> None:
    text = "This guide draws on 14 clinical studies of sleep in older adults.\n"
    assert only_claim(figures_of(write, text), "14").figure_class == "claim"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Order today with our 60-day money-back guarantee.\n", "60-day"),
        ("Each jar comes with a 30-day satisfaction guarantee.\n", "30-day"),
        ("We accept 90 day returns on unopened bottles.\n", "90 day"),
    ],
)
def test_the_term_of_a_guarantee_is_an_offer(
    write: Callable[..., Path], text: str, figure: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, "offer", "guarantee-term")


def test_a_result_guaranteed_within_a_time_stays_a_claim(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Clearer skin guaranteed in 30 days, or we refund you.\n")
    assert only_claim(claims, "30 days").figure_class == "claim"

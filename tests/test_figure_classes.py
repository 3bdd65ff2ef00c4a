"""Figure classes (issue 12): what a number in health copy is, read from its context.

Sentences are written for these tests, after the patterns real pages showed: supplement
panels, price menus, aftercare directions, list numbers and product names.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_figure_class, claims_in, figures_of, only_claim, source_at

# -- offers: prices, doses, ingredient amounts, servings, supply, session length --------


def test_supplement_facts_amount_is_an_offer(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "- Ashwagandha Root Extract (600mg)\n- Vitamin B12 (250 mcg)\n")
    dose = only_claim(claims, "600mg")
    assert (dose.kind, dose.value, dose.unit, dose.figure_class) == ("measure", 600, "mg", "offer")
    assert "amount-unit" in dose.class_cues
    assert only_claim(claims, "250 mcg").figure_class == "offer"


def test_probiotic_cfu_count_is_an_offer_not_a_population(write: Callable[..., Path]) -> None:
    claim = only_claim(
        figures_of(write, "Bifidobacterium Longum (2 Billion CFU)\n"), "2 Billion CFU"
    )
    assert (claim.value, claim.unit, claim.figure_class) == (2_000_000_000, "cfu", "offer")


def test_percent_daily_value_on_a_panel_line_is_an_offer(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "- Zinc (as zinc citrate) 15 mg 136%\n")
    assert {c.text: c.figure_class for c in claims} == {"15 mg": "offer", "136%": "offer"}


def test_count_per_capsule_is_an_offer(write: Callable[..., Path]) -> None:
    text = "Each blend delivers 20 billion live cultures per capsule.\n"
    assert only_claim(figures_of(write, text), "20 billion").figure_class == "offer"


def test_duration_on_a_priced_menu_line_is_an_offer(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "- Signature Facial 75 min $190\n")
    assert {c.text: c.figure_class for c in claims} == {"75 min": "offer", "$190": "offer"}


def test_label_value_dose_line_is_an_offer(write: Callable[..., Path]) -> None:
    claim = only_claim(figures_of(write, "Suggested Use: 3 softgels with a meal\n"), "3")
    assert claim.figure_class == "offer"
    assert "label-value" in claim.class_cues


def test_price_label_is_an_offer(write: Callable[..., Path]) -> None:
    claim = only_claim(figures_of(write, "Price: $41.90\n"), "$41.90")
    assert claim.figure_class == "offer"


def test_price_menu_in_a_table_is_an_offer(write: Callable[..., Path]) -> None:
    page = "| Treatment | Price |\n|---|---|\n| LIP FLIP | $149 |\n| FILLER | $650/syringe |\n"
    claims = figures_of(write, page)
    assert {c.text: c.figure_class for c in claims} == {"$149": "offer", "$650": "offer"}


def test_html_table_cells_are_cells(write: Callable[..., Path]) -> None:
    page = "<table><tr><td>Microneedling</td><td>3 sessions</td></tr></table>\n"
    claim = only_claim(figures_of(write, page, "menu.html"), "3")
    assert claim.figure_class == "offer"
    assert "table-cell" in claim.class_cues


def test_session_length_is_an_offer(write: Callable[..., Path]) -> None:
    claim = only_claim(
        figures_of(write, "Each facial session takes about 50 minutes.\n"), "about 50 minutes"
    )
    assert claim.figure_class == "offer"


def test_economy_wide_cost_stays_a_claim(write: Callable[..., Path]) -> None:
    text = "Back pain costs employers over $40 billion a year in lost work.\n"
    assert only_claim(figures_of(write, text), "over $40 billion").figure_class == "claim"


def test_recommended_daily_amount_makes_a_dose_a_claim(write: Callable[..., Path]) -> None:
    text = "One tablet gives you 90mcg of vitamin K, the recommended daily amount for women.\n"
    claim = only_claim(figures_of(write, text), "90mcg")
    assert (claim.unit, claim.figure_class) == ("mcg", "claim")
    assert "reference-amount" in claim.class_cues


def test_percent_off_is_an_offer(write: Callable[..., Path]) -> None:
    assert (
        only_claim(figures_of(write, "Take 15% off your first peel.\n"), "15%").figure_class
        == "offer"
    )


# -- instructions: preparation, aftercare, dosing directions ----------------------------


def test_aftercare_hours_are_an_instruction(write: Callable[..., Path]) -> None:
    text = "Avoid saunas and hot yoga for 48 hours after your injections.\n"
    claim = only_claim(figures_of(write, text), "48 hours")
    assert claim.figure_class == "instruction"
    assert "imperative" in claim.class_cues


def test_preparation_before_appointment_is_an_instruction(write: Callable[..., Path]) -> None:
    text = "Shave the area to be treated 12 hours before your appointment.\n"
    assert only_claim(figures_of(write, text), "12 hours").figure_class == "instruction"


def test_modal_directive_is_an_instruction(write: Callable[..., Path]) -> None:
    text = "You should not wear makeup for 24 hours after the peel.\n"
    assert only_claim(figures_of(write, text), "24 hours").figure_class == "instruction"


def test_dosing_direction_is_an_instruction(write: Callable[..., Path]) -> None:
    assert (
        only_claim(figures_of(write, "Take 2 gummies before bed.\n"), "2").figure_class
        == "instruction"
    )


def test_imperative_with_a_statistic_in_a_clause_is_a_claim(write: Callable[..., Path]) -> None:
    text = "Ask us why 8 in 10 of our clients book again.\n"
    assert only_claim(figures_of(write, text), "8 in 10").figure_class == "claim"


# -- identifiers: list numbers, names, codes ---------------------------------------------


def test_rule_named_by_numbers_is_an_identifier(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "The 3-3-3 method helps when anxiety spikes.\n")
    assert claims and all(c.figure_class == "identifier" for c in claims)


def test_model_name_is_an_identifier(write: Callable[..., Path]) -> None:
    claim = only_claim(figures_of(write, "LUMA 360 tightens loose skin without surgery.\n"), "360")
    assert claim.figure_class == "identifier"
    assert "caps-name" in claim.class_cues


def test_enzyme_name_is_an_identifier(write: Callable[..., Path]) -> None:
    text = "Saw palmetto may slow 5-alpha reductase in the scalp.\n"
    assert only_claim(figures_of(write, text), "5").figure_class == "identifier"


def test_footnote_number_after_a_sentence_is_an_identifier(write: Callable[..., Path]) -> None:
    text = "Zinc supports skin repair. 4 It also helps small wounds close.\n"
    assert only_claim(figures_of(write, text), "4").figure_class == "identifier"


def test_reference_list_entry_numbers_are_identifiers(write: Callable[..., Path]) -> None:
    text = "Smith J, Lee K. Magnesium and sleep. Sleep Med 12, 101–109 (2019).\n"
    claims = figures_of(write, text)
    assert claims and all(c.figure_class == "identifier" for c in claims)


def test_a_day_or_two_stays_a_claim(write: Callable[..., Path]) -> None:
    text = "Any swelling usually settles within a day or two.\n"
    assert only_claim(figures_of(write, text), "two").figure_class == "claim"


def test_statistic_stays_a_claim(write: Callable[..., Path]) -> None:
    claim = only_claim(
        figures_of(write, "Over 70% of patients slept better in the trial.\n"), "Over 70%"
    )
    assert claim.figure_class == "claim"
    assert "statistic-kind" in claim.class_cues


# -- units and sizes ---------------------------------------------------------------------


def test_pounds_are_weight_not_sterling(write: Callable[..., Path]) -> None:
    claims = figures_of(write, "Members lost up to 15 pounds in eight weeks.\n")
    claim = only_claim(claims, "up to 15 pounds")
    assert (claim.kind, claim.unit, claim.qualifier) == ("measure", "lb", "up to")


def test_pressure_in_pounds_per_square_inch_is_weight_unit(write: Callable[..., Path]) -> None:
    claim = only_claim(
        figures_of(write, "Your jaw can press with 150 pounds per square inch.\n"), "150 pounds"
    )
    assert claim.unit == "lb"


def test_degree_figure_reads_as_degrees(write: Callable[..., Path]) -> None:
    claim = only_claim(figures_of(write, "The scanner takes a 360-degree picture.\n"), "360-degree")
    assert (claim.kind, claim.unit) == ("measure", "degrees")


def test_percentages_above_a_thousand_are_read(write: Callable[..., Path]) -> None:
    claim = only_claim(
        figures_of(write, "Absorption rose by up to 1500% in the study.\n"), "up to 1500%"
    )
    assert (claim.value, claim.figure_class) == (1500, "claim")


def test_dose_range_is_read(write: Callable[..., Path]) -> None:
    path = write("page.md", "Most extracts give 200-400mg of curcumin.\n")
    claim = only_claim(claims_in(path), "200-400mg")
    assert (claim.low, claim.high, claim.unit) == (200, 400, "mg")
    assert source_at(path, claim.span) == "200-400mg"


def test_glued_microgram_amount_is_read(write: Callable[..., Path]) -> None:
    claim = only_claim(figures_of(write, "Each drop holds 25mcg of vitamin D3.\n"), "25mcg")
    assert (claim.value, claim.unit) == (25, "mcg")


# -- the rules: only claims are checked by default -----------------------------------------

PAGE = "Price: $39.00\n\nAvoid the gym for 24 hours after treatment.\n\nOver 60% of clients saw results.\n"


@pytest.fixture
def shop(tmp_path: Path, write: Callable[..., Path]) -> Path:
    write("site/claims/.keep", "")
    write("site/content/page.md", PAGE)
    return tmp_path / "site"


def _check(run_cli: Any, project: Path, *args: str) -> dict[str, Any]:
    result = run_cli("check", "content", "-f", "json", *args, cwd=project)
    report: dict[str, Any] = json.loads(result.output)
    return report


def test_only_claim_figures_are_checked_by_default(shop: Path, run_cli: Any) -> None:
    report = _check(run_cli, shop)
    assert [(c["text"], c["class"]) for c in report["claims"]] == [("Over 60%", "claim")]
    assert [f["code"] for f in report["findings"]] == ["KL101"]


def test_offer_rule_switched_on_in_rules_yaml_reports_prices(
    shop: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("site/rules.yaml", "registry: [claims]\nrules: {KL107: warning}\n")
    report = _check(run_cli, shop)
    offers = [c for c in report["claims"] if c["class"] == "offer"]
    assert [(c["text"], c["class_cues"][0]) for c in offers] == [("$39.00", "price")]
    codes = {f["code"]: f["severity"] for f in report["findings"]}
    assert codes == {"KL101": "error", "KL107": "warning"}


def test_instruction_rule_switched_on_by_select(shop: Path, run_cli: Any) -> None:
    report = _check(run_cli, shop, "--select", "KL108")
    assert [f["code"] for f in report["findings"]] == ["KL108"]
    assert report["findings"][0]["line"] == 3


def test_prefix_select_does_not_switch_on_an_off_rule(shop: Path, run_cli: Any) -> None:
    report = _check(run_cli, shop, "--select", "KL1")
    assert [f["code"] for f in report["findings"]] == ["KL101"]


def test_rules_lists_the_class_rules_off_and_explain_says_how_to_switch_on(
    run_cli: Any, tmp_path: Path
) -> None:
    listing = run_cli("rules", "--format", "json", cwd=tmp_path)
    states = {r["code"]: r["state"] for r in json.loads(listing.output)}
    assert (states["KL107"], states["KL108"], states["KL109"]) == ("off", "off", "off")
    explained = run_cli("explain", "KL107", cwd=tmp_path).output
    assert "default off" in explained
    assert "rules: {KL107: warning}" in explained


def test_pinned_figure_is_checked_as_a_claim(
    write: Callable[..., Path], tmp_path: Path, run_cli: Any
) -> None:
    write("site/claims/.keep", "")
    write(
        "site/content/page.md",
        "<!-- kalypso-lint: claim=no-such-entry -->\nPrice: $39.00\n",
    )
    report = _check(run_cli, tmp_path / "site")
    assert [(c["text"], c["class"], c["class_cues"]) for c in report["claims"]] == [
        ("$39.00", "claim", ["pinned"])
    ]


# -- round 2 (issue 12): cues that generalise beyond the sites tuned on -----------------

ROUND_2 = [
    # claims a round-1 cue set aside
    (
        "Adults need 700-900 IU per day, infants about 300 IU.\n",
        "700-900 IU",
        "claim",
        "population-amount",
    ),
    ("Maximum recommended: 3mg\n", "3mg", "claim", "reference-amount"),
    (
        "Strength: 900mg, a therapeutic dose for joint comfort\n",
        "900mg",
        "claim",
        "reference-amount",
    ),
    ("Her fasting glucose fell from 162 mg/dL to 98 mg/dL.\n", "162 mg", "claim", "lab-value"),
    ("Most clinics aim for 40-60 ng/mL in their patients.\n", "40-60", "claim", "lab-value"),
    (
        "Remember the importance of 8-10 glasses of water for your joints.\n",
        "8-10",
        "claim",
        "importance-of",
    ),
    (
        "Nearly 60% of these clinics, to top it off, have no dentist.\n",
        "Nearly 60%",
        "claim",
        "statistic-kind",
    ),
    (
        "Traditional use: Over 1,500 years in Ayurvedic medicine\n",
        "Over 1,500 years",
        "claim",
        "evidence-words",
    ),
    ("Nearly 85% of members slept longer.\n", "Nearly 85%", "claim", "share-of"),
    # offers
    ("Sodium Hyaluronate Drops 0.2% w/v\n", "0.2%", "offer", "composition-percent"),
    ("Lidocaine 4%, Prilocaine 2.5% Cream\n", "4%", "offer", "percent-fragment"),
    ("Save on your order: 15% off all serums this week.\n", "15%", "offer", "percent-off"),
    ("Acne scars usually respond to a series of 4 treatments.\n", "4", "offer", "series-of"),
    (
        "A full hydrating facial typically runs 50-70 minutes.\n",
        "50-70 minutes",
        "offer",
        "session-length",
    ),
    (
        "Our greens powder is a blend of 9 whole-food ingredients.\n",
        "9",
        "offer",
        "package-contents",
    ),
    # instructions
    ("You should hold each plank for 20 seconds.\n", "20 seconds", "instruction", "directive"),
    (
        "Do the bridge for 12 to 15 reps on each side.\n",
        "12 to 15",
        "instruction",
        "exercise-prescription",
    ),
    (
        "Lying on your back, bend the knees to 45 degrees.\n",
        "45 degrees",
        "instruction",
        "body-position",
    ),
    ("Perform the stretch for 30 seconds.\n", "30 seconds", "instruction", "imperative"),
    # identifiers and other numbers of the copy itself
    ("Benefit 3: Warmer hands in the morning\n", "3", "identifier", "numbered-label"),
    ("Read our 6 tips for a calmer morning.\n", "6", "identifier", "small-count"),
    ('price = "$80" subtitle = "45 minutes"\n', "45 minutes", "identifier", "settings-text"),
    ("Hepatology Today, 12(3), 201-214.\n", "201-214", "identifier", "reference-entry"),
    ("Gut Health Review, 8, 55-61.\n", "55-61", "identifier", "reference-entry"),
]


@pytest.mark.parametrize(("text", "figure", "figure_class", "cue"), ROUND_2)
def test_round_2_cue(
    write: Callable[..., Path], text: str, figure: str, figure_class: str, cue: str
) -> None:
    assert_figure_class(figures_of(write, text), figure, figure_class, cue)


def test_directive_before_a_subordinate_clause_orders_nothing(write: Callable[..., Path]) -> None:
    text = "You should know that tendons adapt in 6-8 weeks of loading.\n"
    assert only_claim(figures_of(write, text), "6-8 weeks").figure_class == "claim"


def test_unit_conversion_in_parentheses_stays_a_claim(write: Callable[..., Path]) -> None:
    text = "Health agencies advise 15 micrograms (600 IU) a day for adults.\n"
    claims = figures_of(write, text)
    assert only_claim(claims, "600 IU").figure_class == "claim"
    same = figures_of(write, "About one third (1/3) of adults snore.\n", "other.md")
    assert only_claim(same, "1/3").figure_class == "identifier"


def test_two_and_a_half_months_is_not_a_spelled_small_count(write: Callable[..., Path]) -> None:
    text = "Her pain scores halved in only two and a half months of care.\n"
    claim = only_claim(figures_of(write, text), "two")
    assert "spelled-small-count" not in claim.class_cues


# -- round 4 (issue 12): a model fitted to labelled pages decides claim or not -----------

FEATURE_PREFIXES = (
    *("cue:", "hand:", "kind:", "unit:", "block:", "size:", "other-figures:", "length:"),
    *("before:", "after:", "sentence:"),
)
FEATURE_FLAGS = {"qualifier", "year-like", "spelled", "no-verb", "clause-start", "question"}


def test_fitted_model_is_data_with_its_provenance() -> None:
    from kalypso_lint.data import load_data_file  # noqa: F401  (the package of the file)
    from kalypso_lint.extract.classify import MODEL_FILE, class_model

    raw = json.loads(
        (Path(__file__).parent.parent / "kalypso_lint" / "data" / MODEL_FILE).read_text()
    )
    provenance = " ".join(raw["provenance"])
    assert "leave-one-site-out" in provenance or "leave-one-set-out" in provenance
    assert isinstance(raw["threshold"], float) and isinstance(raw["bias"], float)
    cue_names = {cue.name for cue in class_model().cues}
    for feature in raw["weights"]:
        assert feature in FEATURE_FLAGS or feature.startswith(FEATURE_PREFIXES), feature
        if feature.startswith("cue:"):
            assert feature[4:] in cue_names, feature  # a renamed cue must be refitted


def test_class_cues_name_the_model_features_that_decided(write: Callable[..., Path]) -> None:
    claim = only_claim(figures_of(write, "Nearly 85% of members slept longer.\n"), "Nearly 85%")
    assert claim.figure_class == "claim"
    assert claim.class_cues[0] == "statistic-kind"  # the hand-set cues come first
    assert any(":" in cue for cue in claim.class_cues)  # then the model's strongest features


def test_a_decisive_cue_sets_a_figure_aside_without_the_model(write: Callable[..., Path]) -> None:
    text = "Each blend delivers 20 billion live cultures per capsule.\n"
    claim = only_claim(figures_of(write, text), "20 billion")
    assert (claim.figure_class, claim.class_cues[0]) == ("offer", "per-serving")


def test_checking_never_imports_scikit_learn(write: Callable[..., Path]) -> None:
    page = write("page.md", "Over 60% of adults sleep less than 7 hours.\n")
    code = (
        "import sys\n"
        "from kalypso_lint.cli import main\n"
        f"sys.argv = ['kalypso-lint', 'check', {str(page)!r}]\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert stop.code == 1, stop.code\n"
        "assert not any(m.split('.')[0] == 'sklearn' for m in sys.modules), 'sklearn'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

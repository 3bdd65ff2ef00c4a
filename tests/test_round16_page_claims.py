"""Round 16 (issue 13): lines that are claims on their page (extract/page_claims.py).

Every sentence was written for these tests. A line that claims nothing alone is a disease
claim when its page shows what it is about: a title naming a disease with a remedy on a page
that treats one, the immune system made strong on a page about a germ, a result told on a
product page that treats a condition. The same lines on a page without that context stay
unflagged, and so do information, advice, questions, negation, disclaimers and guarantees.
"""

from __future__ import annotations

from typing import Any

PRODUCT_PAGE = "<!-- kalypso-lint: sells=products -->"

# A product page that treats gout: its own claims name the disease.
GOUT_CLAIMS = [
    "Our cherry capsules reverse gout for good.",
    "These tablets relieve gout flare-ups fast.",
]
GOUT_LINES = [
    "Gout Breakthrough",
    "Shingles Herbs",
    "Allopurinol Herbal Alternatives",
    "All six testers recovered by day five.",
    "Nine of the eleven testers reported relief.",
    "You will recover and be back on your feet.",
    "My uncle no longer needs his cane on the stairs.",
    "Success rates ranged from 70% to 90% among our buyers.",
]

# A page about a virus, on any page (a clinic's too): immune strength is a claim against it.
VIRUS_CLAIMS = ["Our vapour rub kills the flu virus in minutes."]
VIRUS_LINES = [
    "The better you keep your immune defences strong, the faster the season passes!",
    "This blend gives proven immune support when everyone around you is sneezing.",
]

# The same lines with nothing else on the page: no claim.
ALONE = [*GOUT_LINES, *VIRUS_LINES]

# Neighbours on a product page that treats gout: information, advice and business lines.
GOUT_NEIGHBOURS = [
    "Most flare-ups settle within ten days even without treatment.",
    "Symptoms usually improve in a week.",
    "Gout Medicine: What to Know",
    "Anyone with allergies to formula ingredients",
    "Orders ship within 2 days of payment.",
    "Refunds are cleared within 5 business days.",
    "Kidney Stones and Herbs: Risks",
    "Immune Support",
    "Take the capsules with water twice a day for 4 weeks.",
]

# Must never fire on a page about gout and a virus, product page or not.
NEVER = [
    "Do not take these capsules if you have kidney disease.",
    "Ask your doctor before you stop any gout medicine.",
    "Can I take these capsules within a week of gout surgery?",
    "Our capsules do not cure gout and will not stop flare-ups within days.",
    "These statements have not been evaluated by the Food and Drug Administration. This "
    "product is not intended to diagnose, treat, cure or prevent any disease.",
    "If you are not satisfied within 30 days, we refund every penny, guaranteed.",
    "Wash your hands often to keep the flu virus away from your immune system.",
    "A weak immune system may make the flu virus more dangerous.",
    "If gout pain returns after 3 days, see your doctor.",
]


def _flagged(found: dict[str, set[str]], lines: list[str]) -> dict[str, list[str]]:
    return {s: sorted(found[s]) for s in lines if found[s]}


def _missed(found: dict[str, set[str]], lines: list[str]) -> list[str]:
    return [s for s in lines if "KL205" not in found[s]]


def _added(lint_lines: Any, context: list[str], lines: list[str]) -> dict[str, list[str]]:
    """What the page's context adds to each line's codes (a product page may flag a line by
    itself: a question that promises, KL207's model)."""
    alone = lint_lines([PRODUCT_PAGE, *lines])
    found = lint_lines([PRODUCT_PAGE, *context, *lines])
    return {s: sorted(found[s] - alone[s]) for s in lines if found[s] - alone[s]}


def test_titles_results_and_substitutes_on_a_product_page_that_treats_gout(
    lint_lines: Any,
) -> None:
    found = lint_lines([PRODUCT_PAGE, *GOUT_CLAIMS, *GOUT_LINES])
    assert _missed(found, GOUT_LINES) == []


def test_immune_strength_on_a_page_about_a_virus(lint_lines: Any) -> None:
    found = lint_lines([*VIRUS_CLAIMS, *VIRUS_LINES])
    assert _missed(found, VIRUS_LINES) == []


def test_the_same_lines_alone_are_no_claims(lint_lines: Any) -> None:
    assert _flagged(lint_lines(ALONE), ALONE) == {}
    found = lint_lines([PRODUCT_PAGE, *ALONE])
    assert {s: c for s, c in _flagged(found, ALONE).items() if c != ["KL207"]} == {}


def test_results_on_a_clinic_page_stay_unflagged(lint_lines: Any) -> None:
    # A clinic's pages report the course of its care: results need a page that sells.
    results = GOUT_LINES[3:]
    found = lint_lines([*GOUT_CLAIMS, *results])
    assert _flagged(found, results) == {}


def test_a_clinic_topic_heading_is_no_claim_unless_it_names_a_thing_sold(
    lint_lines: Any,
) -> None:
    headings = ["Gout Treatment", "Gout Breakthrough"]
    sold = "Gout Herbal Drops"
    found = lint_lines([*GOUT_CLAIMS, *headings, sold])
    assert _flagged(found, headings) == {}
    assert "KL205" in found[sold]
    # A disease the page's claims do not name stays a topic.
    found = lint_lines([*GOUT_CLAIMS, "Psoriasis Herbal Drops"])
    assert found["Psoriasis Herbal Drops"] == set()


def test_neighbours_on_a_product_page_that_treats_gout(lint_lines: Any) -> None:
    context = [*GOUT_CLAIMS, *VIRUS_CLAIMS]
    assert _added(lint_lines, context, GOUT_NEIGHBOURS) == {}
    assert _flagged(lint_lines([*context, *GOUT_NEIGHBOURS]), GOUT_NEIGHBOURS) == {}


def test_immune_lines_on_a_page_mostly_about_something_else(lint_lines: Any) -> None:
    # One cold claim among several about joints: the page is not about a germ.
    page = [*GOUT_CLAIMS, "Our balm eases arthritis stiffness.", "These chews also ease colds."]
    line = VIRUS_LINES[0]
    found = lint_lines([*page, line])
    assert found[line] == set()


def test_never_fires_on_either_page(lint_lines: Any) -> None:
    context = [*GOUT_CLAIMS, *VIRUS_CLAIMS]
    assert _flagged(lint_lines([*context, *NEVER]), NEVER) == {}
    assert _added(lint_lines, context, NEVER) == {}

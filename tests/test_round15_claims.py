"""Round 15 (issue 13): claim forms shared across six regulator sets.

Every sentence was written for these tests. The classes (docs/medical-claims.md "Round 15";
extract/named_forms.py, data/named_forms.yaml, and data edits): a product named by the disease
it answers, an immune system made strong, promise told as research, a cosmetic effect on the
skin's look, a line of exosome products, proof said as a bare quality or by tradition, and two
cues (risks told after a safety word, a therapy declared no established care).
"""

from __future__ import annotations

from typing import Any

PRODUCT_PAGE = "<!-- kalypso-lint: sells=products -->"

# Claims on any page (no `sells` setting).
CLAIMS = [
    # An immune system made strong.
    "Our tonic makes your immune system stronger every season.",
    "Keep the immune system at its most robust with these chews.",
    # Proof said as a bare quality, or by tradition (KL305).
    "A research-based formula.",
    "Firmly grounded in clinical evidence.",
    "This root has been used in Ayurvedic medicine for centuries.",
    # A line of exosome products: exosomes are a means no approval covers, so the line is
    # read on any page (round 9's unapproved means).
    "Rose Stem Cell Exosome Serum 10 ml",
]

# Claims on a product page only.
PRODUCT_ONLY = [
    # A product named by the disease it answers.
    "Shingles Relief",
    "Flu Resist Tablets",
    "Influenza Immune Support",
    "Daily Male Enhancement",
    # Promise told as research.
    "Our extract shows real promise against shingles.",
    # A cosmetic effect on the skin's look.
    "This cream softens laugh lines.",
    "Boosts the firmness of your skin.",
]

# Neighbours: no claim on any page.
NEIGHBOURS = [
    "Joint Support",
    "Restful Sleep Formula",
    "Our approach is grounded in evidence.",
    "Sleep well and eat well.",
    "Many herbs have been used by cultures around the world.",
    "The firmness of the mattress matters.",
    "Key Benefits of Exosome Therapy",
]

# Must never fire, on any page and on a product page.
NEVER = [
    "Given by trained nurses, the infusion is usually risk-free, but there are some possible "
    "risks, including bruising and infection.",
    "While research on the therapy shows promise, these treatments are not established "
    "standard care for the conditions we see.",
    "This product is not intended to diagnose, treat, cure or prevent any disease.",
    "Can I take these chews if I have shingles?",
]


def test_round_fifteen_claims_on_any_page(lint_lines: Any) -> None:
    found = lint_lines(CLAIMS)
    assert {s: sorted(found[s]) for s in CLAIMS if not found[s]} == {}


def test_round_fifteen_product_only_claims(lint_lines: Any) -> None:
    assert {s: sorted(c) for s, c in lint_lines(PRODUCT_ONLY).items() if c} == {}
    found = lint_lines([PRODUCT_PAGE, *PRODUCT_ONLY])
    assert {s: sorted(found[s]) for s in PRODUCT_ONLY if not found[s]} == {}


def test_round_fifteen_neighbours_are_no_claims(lint_lines: Any) -> None:
    found = lint_lines(NEIGHBOURS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}
    found = lint_lines([PRODUCT_PAGE, *NEIGHBOURS])
    assert {s: sorted(found[s]) for s in NEIGHBOURS if found[s]} == {}


def test_round_fifteen_never_fires(lint_lines: Any) -> None:
    found = lint_lines(NEVER)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_fifteen_never_fires_on_a_product_page(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *NEVER])
    assert {s: sorted(found[s]) for s in NEVER if found[s]} == {}


def test_codes_of_the_proof_wording(lint_lines: Any) -> None:
    found = lint_lines(["A research-based formula.", "Firmly grounded in clinical evidence."])
    assert "KL305" in found["A research-based formula."]
    assert "KL305" in found["Firmly grounded in clinical evidence."]

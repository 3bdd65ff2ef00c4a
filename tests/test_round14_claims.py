"""Round 14 (issue 13): claim forms shared across five regulator sets.

Every sentence was written for these tests. The classes (docs/medical-claims.md "Round 14";
extract/asked_forms.py, data/asked_forms.yaml, and data edits): a question that promises on
a page that sells the product, a craving for nicotine said to be satisfied, a germ said unable
to survive the product, a gain told with when or how much, a product named by the disease it
removes, proof by research counted or by an expert's hand, the agency's approval written out,
and the KL207 model's cue gate measured from the effect word.
"""

from __future__ import annotations

from typing import Any

from kalypso_lint.extract.claim_model import read_sentence, uncued_effect


def _tokens(text: str) -> list[str]:
    return text.split(" ")


PRODUCT_PAGE = "<!-- kalypso-lint: sells=products -->"

# Claims on any page (no `sells` setting).
CLAIMS = [
    # A craving for nicotine said to be satisfied.
    "Each puff satisfies a smoker's craving for nicotine.",
    "It will satisfy your cigarette cravings all day.",
    # A germ said unable to survive the product.
    "Germs cannot survive in the presence of our silver spray.",
    "The flu virus can't live once exposed to this mist.",
    # A gain told with when or how much (KL304).
    "My memory improved within a week.",
    "Her cognitive performance sharpened dramatically.",
    # A product named by the disease it removes.
    "Acne Eraser",
    "Herpes Remover",
    # Skin broken by disease; the arteries' give.
    "It gently heals ulcerations of the feet.",
    "Promotes arterial elasticity.",
    # Proof wording (KL305) and the agency's approval written out (KL301).
    "Backed by $10 million in clinical research.",
    "Backed by decades of scientific research.",
    "Our gel has been proven just as effective as the leading drug.",
    "This lotion was developed by a dermatologist.",
    "A doctor-formulated blend.",
    "The patch was approved by the Food and Drug Administration in May.",
]

# Claims on a product page only: questions that promise.
PRODUCT_ONLY = [
    "Can our elderberry drops help with the flu?",
    "So how can this tea help fight colds?",
    "Could these capsules lower your blood sugar?",
    "Can Turmeric Gummies Help With Arthritis",
]

# Neighbours: no claim on any page.
NEIGHBOURS = [
    "Satisfies your sweet tooth without the sugar.",
    "Bacteria cannot survive at high temperatures.",
    "My understanding improved after the first class.",
    "Tattoo Remover",
    "The clinic was founded by two physicians in 1998.",
    # Advice to avoid a drug, opened by a word of politeness (product-only, as round 13's
    # "Avoid aspirin ...": on a page that sells a product it may offer a substitute).
    "Please avoid aspirin for three days following the procedure.",
    "Kindly avoid ibuprofen before your appointment.",
]

# Must never fire, on any page and on a product page.
NEVER = [
    "Can I take these capsules if I have diabetes?",
    "Can you use this balm if you are pregnant?",
    "Does this cream support healing?",
    "Can a baby carrier keep infants safely upright?",
    "These statements have not been evaluated by the Food and Drug Administration.",
    "This product has not been approved by the Food and Drug Administration.",
    "Our products have not been clinically tested.",
    "This product is not intended to diagnose, treat, cure or prevent any disease.",
    "Do not use our drops to treat an ear infection.",
    "If you have the flu, rest and drink plenty of fluids.",
]


def test_round_fourteen_claims_on_any_page(lint_lines: Any) -> None:
    found = lint_lines(CLAIMS)
    assert {s: sorted(found[s]) for s in CLAIMS if not found[s]} == {}


def test_round_fourteen_product_only_claims(lint_lines: Any) -> None:
    assert {s: sorted(c) for s, c in lint_lines(PRODUCT_ONLY).items() if c} == {}
    found = lint_lines([PRODUCT_PAGE, *PRODUCT_ONLY])
    assert {s: sorted(found[s]) for s in PRODUCT_ONLY if not found[s]} == {}


def test_round_fourteen_neighbours_are_no_claims(lint_lines: Any) -> None:
    found = lint_lines(NEIGHBOURS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_fourteen_never_fires(lint_lines: Any) -> None:
    found = lint_lines(NEVER)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_fourteen_never_fires_on_a_product_page(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *NEVER])
    assert {s: sorted(found[s]) for s in NEVER if found[s]} == {}


def test_codes_of_the_proof_and_approval_wording(lint_lines: Any) -> None:
    found = lint_lines(
        [
            "Backed by $10 million in clinical research.",
            "The patch was approved by the Food and Drug Administration in May.",
            "My memory improved within a week.",
        ]
    )
    assert "KL305" in found["Backed by $10 million in clinical research."]
    assert "KL301" in found["The patch was approved by the Food and Drug Administration in May."]
    assert "KL304" in found["My memory improved within a week."]


def test_model_cue_gate_is_measured_from_the_effect_word() -> None:
    # A negation after the effect, in another clause, leaves the effect word uncovered.
    assert uncued_effect(_tokens("Our drops fight the flu , so you never miss a day ."))
    # A negation over the only effect word keeps the gate closed.
    assert not uncued_effect(_tokens("Our drops do not cure the flu ."))
    assert read_sentence(_tokens("Our drops do not cure the flu .")) is None
    # A free effect word with no term after it in its clause keeps the gate closed.
    assert not uncued_effect(
        _tokens("This tea does not cure insomnia , but it may help you rest .")
    )
    # Without an effect word, the gate stays closed whatever the cues.
    assert not uncued_effect(_tokens("Our products have not been clinically tested ."))

"""Round 13 (issue 13): claim forms shared across the regulator sets.

Every sentence was written for these tests. The classes (docs/medical-claims.md "Round 13";
extract/common_forms.py, data/common_forms.yaml): recoveries told by the person, a disease
gone for good, benefits or responses reported for a disease, a drug set beside the product
as the riskier choice, a conventional treatment disparaged, the verbs of quitting a habit, a
supposition that ends in an offer, a disease named as what the product answers, a body
system said to work better, a disease's end said as a noun.
"""

from __future__ import annotations

from typing import Any

PRODUCT_PAGE = "<!-- kalypso-lint: sells=products -->"

# Claims on any page (no `sells` setting).
CLAIMS = [
    # Recoveries told by the person, without quotation marks (KL304).
    "My joints are finally being repaired.",
    "Her cartilage has been rebuilt.",
    "After four visits my headaches stopped.",
    "Within a fortnight his eczema faded.",
    "Thanks to the spray I am much more protected.",
    "Now my son talks in full sentences.",
    "Now she is back at school and she is reading with her class.",
    # A disease gone for good.
    "Hundreds of our customers are totally free of psoriasis.",
    "Stay completely free of the disease.",
    # Benefits or responses reported for a disease.
    "We are seeing real benefits for: lupus, autism and multiple sclerosis.",
    "Improvements have been reported in Parkinson's disease.",
    "The conditions that respond best are gout and bursitis.",
    "The disorders that show the strongest response include asthma.",
    # A drug set beside the product as the riskier choice.
    "A kinder alternative to ibuprofen.",
    "Our tincture is a safer option than sleeping pills.",
    "A healthier choice than antidepressants.",
    # A conventional treatment disparaged.
    "Avoid invasive surgery and toxic chemotherapy.",
    "Skip painful radiotherapy.",
    # The verbs of quitting a habit.
    "Tame your nicotine cravings in a week.",
    "Crush the urge to smoke.",
    "Conquer your smoking habit for good.",
    # A supposition that ends in an offer.
    "If you need to lower your cholesterol, try our red yeast capsules.",
    "If you want to ease hot flashes, here is good news.",
    "If you're serious about quitting, if you want to curb your cigarette cravings, look no "
    "further.",
    # A body system said to work better.
    "Your digestive system works better.",
    # A disease's end said as a noun; conditions named by a body system.
    "Rapid disappearance of flu symptoms.",
    "Relief from sexual problems.",
    "It counteracts bone loss.",
]

# Claims on a product page only.
PRODUCT_ONLY = [
    "If you suffer from eczema, our balm will help.",
    "If you have gout, these capsules can help.",
    # Research framing in a research setting.
    "Evaluated in animal models of arthritis.",
    "It has been investigated in preclinical models of Alzheimer's disease.",
]

# Neighbours: information, advice, care, lifestyle, medicines, people, products without a
# disease.
NEIGHBOURS = [
    "Avoid blood thinners for two days before the procedure.",
    "Avoid aspirin and ibuprofen for a week after your treatment.",
    "If you have a cold, get some rest.",
    "If you have back pain, physical therapy can help.",
    "Your heart works better when you exercise regularly.",
    "Achieve quick results for your individual goals.",
    "Many patients see results for their back pain within weeks.",
    "Our instruments are completely free of bacteria.",
    "Most patients are completely free of back pain after treatment.",
    "We do not recommend any alternate schedule for vaccination.",
    "Now the team walks you through every step.",
    "Used in studies of healthy adults.",
]

# Must never fire: negations, advice, questions, warnings and the disclaimer, in the forms
# this round reads.
NEVER = [
    "If you have diabetes, ask your doctor before using any supplement.",
    "If you have diabetes, your doctor can help.",
    "If you have the flu, antivirals can help.",
    "If you're pregnant, ask your doctor before using our tea for nausea.",
    "No product can make you completely free of the disease.",
    "Is a safer alternative to aspirin worth asking your doctor about?",
    "Be wary of any product that claims your immune system works better.",
    "This product is not intended to diagnose, treat, cure or prevent any disease.",
    "Do not avoid chemotherapy your oncologist recommends.",
]


def test_round_thirteen_claims_on_any_page(lint_lines: Any) -> None:
    found = lint_lines(CLAIMS)
    assert {s: sorted(found[s]) for s in CLAIMS if not found[s]} == {}


def test_round_thirteen_product_only_claims(lint_lines: Any) -> None:
    assert {s: sorted(c) for s, c in lint_lines(PRODUCT_ONLY).items() if c} == {}
    found = lint_lines([PRODUCT_PAGE, *PRODUCT_ONLY])
    assert {s: sorted(found[s]) for s in PRODUCT_ONLY if not found[s]} == {}


def test_round_thirteen_neighbours_are_no_claims(lint_lines: Any) -> None:
    found = lint_lines(NEIGHBOURS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_thirteen_never_fires(lint_lines: Any) -> None:
    found = lint_lines(NEVER)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_thirteen_never_fires_on_a_product_page(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *NEVER])
    assert {s: sorted(found[s]) for s in NEVER if found[s]} == {}


def test_testimonial_codes_for_recoveries(lint_lines: Any) -> None:
    found = lint_lines(["My joints are finally being repaired."])
    assert "KL304" in found["My joints are finally being repaired."]

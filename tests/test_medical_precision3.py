"""Real-page precision, round 3 (issue 13): forms that recur across the labelled page
groups and claim no product's effect: a practice's approach set against "treating
symptoms", the reader's own stress as a self-care step, a provider's specialty told as a
gerund, aftercare or first aid told with its purpose, and protection from the sun told as
advice. The claims they resemble still
fire; on a page that sells a product, the product-only readings stay claims.
Every sentence here was written for these tests, after the patterns of the labelled page
groups' wrong findings."""

from __future__ import annotations

import pytest
from conftest import PageCodes

from kalypso_lint.extract.care_talk import claims_nothing, specialty

# No claim on any page: symptoms set aside against their cause; the reader's own stress.
ON_ANY_PAGE = [
    "Rather than simply treating symptoms, our team looks for what keeps them coming back.",
    "Most painkillers end up relieving the symptoms rather than the causes.",
    "We look for the cause instead of just trying to treat the symptoms.",
    "- Manage stress",
    "Lower Your Stress Levels",
    "Reduce your daily stress: walk after dinner and keep a regular bedtime.",
    "Try to manage stress through journaling and time outdoors.",
]

# No claim on a clinic's page: a provider's specialty; aftercare and first aid; protection
# from the sun as advice.
ON_A_CLINIC_PAGE = [
    "Our therapists specialize in treating heel pain in runners.",
    "Dr. Ortiz has twenty years of experience in treating workplace injuries.",
    "The clinic has broad expertise in managing knee injuries and arthritis.",
    "After the operation, you will use antibiotic drops to protect against infection.",
    "We suggest cold compresses to help reduce swelling and bruising.",
    "Apply ice after each session to reduce inflammation.",
    "Rotate injection sites to prevent scar tissue buildup.",
    "Wear a wide hat outdoors to block UV rays.",
    "We suggest protecting your skin from sun damage for a month.",
    "## Protection from UV Radiation",
]

# The claims they resemble: claims on a clinic's page.
STILL_CLAIMS = [
    "Our laser treats the root cause of heel pain, not just the symptoms.",
    "Our drops bring quick relief of the symptoms of hay fever, rather than masking them.",
    "Reduce stress and anxiety with our calming tea.",
    "Our calming tea helps reduce stress and anxiety.",
    "Reducing stress with daily massage improves sleep and eases back pain.",
    "Specialized laser therapy eases back pain in a single visit.",
    "Our night serum protects against UV damage and fades dark spots.",
    "Our peel is a gentle way to treat skin issues like sun damage and acne scars.",
]

# On a page that sells a product, the product-only readings are claims.
PRODUCT_CLAIMS = [
    "Our physiotherapy team specializes in treating heel pain.",
    "Apply our gel after each session to reduce inflammation.",
    "Wear our tinted lenses to block UV rays.",
]


@pytest.mark.parametrize("text", ON_ANY_PAGE)
@pytest.mark.parametrize("sells", ["services", "products"])
def test_set_aside_symptoms_and_own_stress_claim_nothing(
    page_codes: PageCodes, text: str, sells: str
) -> None:
    assert page_codes(text, sells) == []


@pytest.mark.parametrize("text", ON_A_CLINIC_PAGE)
def test_specialty_and_aftercare_are_no_claim_on_a_clinic_page(
    page_codes: PageCodes, text: str
) -> None:
    assert page_codes(text, "services") == []


@pytest.mark.parametrize("text", STILL_CLAIMS)
def test_the_claims_they_resemble_still_fire(page_codes: PageCodes, text: str) -> None:
    assert page_codes(text, "services") != []


@pytest.mark.parametrize("text", PRODUCT_CLAIMS)
def test_on_a_product_page_they_stay_claims(page_codes: PageCodes, text: str) -> None:
    assert page_codes(text, "products") != []


def test_symptoms_of_a_condition_are_not_set_aside() -> None:
    words = ["relief", "of", "the", "symptoms", "of", "arthritis", "rather", "than", "the", "cause"]
    assert not claims_nothing(words, 0)
    words = ["rather", "than", "just", "treating", "symptoms"]
    assert claims_nothing(words, 3)


def test_own_stress_needs_the_imperative_to_open_the_line() -> None:
    assert claims_nothing(["manage", "stress"], 0)
    assert not claims_nothing(["massage", "can", "manage", "stress"], 2)
    assert not claims_nothing(["manage", "stress", "with", "our", "drops"], 0)


def test_specialty_is_the_phrase_right_before_the_effect_word() -> None:
    assert specialty(["we", "specialize", "in", "treating", "acne"], 3)
    assert not specialty(["we", "specialize", "in", "skin", "care", "and", "treating", "acne"], 6)

"""KL307: a compounded GLP-1 drug sold as a generic of, or the same as, an approved brand.

Every sentence was written for these tests, following the forms the FDA's letters to GLP-1
telehealth sellers cite (a "generic" brand in a product title, "the same active ingredient
as" a brand or "the brand-name medications", "just as effective as" a brand).
"""

from __future__ import annotations

from typing import Any

CLAIMS = [
    "Our compounded semaglutide is the same as Ozempic, at a fraction of the price.",
    "TIRZEPATIDE INJECTIONS (GENERIC ZEPBOUND)",
    "Generic Wegovy, shipped to your door every month.",
    "Each vial holds the same active ingredient as the brand-name medications.",
    "Semaglutide, the same ingredient found in Rybelsus, in a weekly shot.",
    "Our tirzepatide plan is just as effective as Mounjaro.",
]

# Facts, questions, denials and warnings: no finding.
NOT_CLAIMS = [
    "There is no generic Ozempic in the United States.",
    "Compounded semaglutide is not the same as Wegovy.",
    "Is compounded tirzepatide the same as Mounjaro?",
    "Mounjaro contains the same active ingredient as Zepbound but is approved for diabetes.",
    "Wegovy is the same as Ozempic at a higher dose.",
    "Semaglutide is the active ingredient in Ozempic and Wegovy.",
    "Compounded drugs are not reviewed by the FDA for safety or effectiveness.",
]


def test_a_compounded_drug_likened_to_an_approved_brand_is_flagged(lint_lines: Any) -> None:
    found = lint_lines(CLAIMS)
    assert {s for s, codes in found.items() if "KL307" not in codes} == set()


def test_facts_questions_and_denials_about_the_brands_are_not(lint_lines: Any) -> None:
    found = lint_lines(NOT_CLAIMS)
    assert {s: codes for s, codes in found.items() if "KL307" in codes} == {}

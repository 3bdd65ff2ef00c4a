"""Round 10 (issue 13): implied disease claims by use, on a page that sells a product.

Every sentence was written for these tests. On a product page, copy that ties the thing sold,
an ingredient or an unnamed subject to a disease through a word of use ("for", "against",
"in cases of", people with a condition who use it, a condition's sufferers) states the
product's intended use (21 CFR 201.128; 101.93(g)). On a clinic's page the same words name a
service, so the reading is product-only. Never-fire cues keep their force on product pages.
"""

from __future__ import annotations

from typing import Any

import pytest

from kalypso_lint.extract.implied import implied_lexicon, implied_use, subject_use
from kalypso_lint.extract.vocabulary import medical_vocabulary

PRODUCT_PAGE = "<!-- kalypso-lint: sells=products -->"

# Claims the round-10 reading finds on a product page (before it, at most a KL207 warning).
CLAIMS = [
    "Nettle leaf tea against hay fever.",
    "Rub a little on the skin in cases of eczema.",
    "People with gout take it every morning.",
    "Lupus warriors reach for it first.",
    "Trusted by thousands of migraine sufferers.",
    "A gentle daily companion for rheumatoid arthritis.",
    "This blend goes to work wherever shingles strikes.",
    "Cold & Flu Support",
    "FOR ERECTILE DYSFUNCTION",
]

# People who have a disease and use a product the sentence names: a claim on any page.
ANY_PAGE = [
    "Psoriasis sufferers swear by this balm.",
    "Many customers with type 2 diabetes add our capsules to their breakfast.",
]

# Neighbours: risks, tests, searches, lifestyle and providers are no use of a product.
NEIGHBOURS = [
    "People with diabetes are at higher risk for heart disease.",
    "Screened for colon cancer every year.",
    "Regular exercise for heart disease patients is encouraged.",
    "Our doctors offer consultations for migraine.",
    # Suitability, good germs, a season, and advice to people who have a disease.
    "Our capsules are gluten free and suitable for people with celiac disease.",
    "It feeds the good bacteria in your gut.",
    "Elderberry gummies for the whole family during flu season.",
    "Patients with asthma should ask their doctor before using it.",
    # Education on a seller's blog: a season, a deficiency, a risk, an event.
    "Winter brings colds and flu to many households.",
    "Vitamin D deficiency is common in people with depression.",
    "Obesity raises the risk of diabetes.",
    "Shipping may be delayed because of the COVID-19 pandemic.",
]

# Must never fire, on any page: negation, advice, question, hypothetical, disclaimer, warning.
NEVER = [
    "This tea is not for people with asthma.",
    "Ask your doctor before using it for arthritis.",
    "Is this balm good for eczema?",
    "Whether it helps people with gout is still unknown.",
    "This product is not intended to diagnose, treat, cure, or prevent any disease.",
    "Stop use and ask a doctor if your eczema gets worse.",
]


def test_round_ten_claims_on_a_product_page(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *CLAIMS])
    assert {s: sorted(found[s]) for s in CLAIMS if "KL205" not in found[s]} == {}


def test_round_ten_reading_is_product_only(lint_lines: Any) -> None:
    found = lint_lines(CLAIMS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_people_using_a_named_product_is_a_claim_on_any_page(lint_lines: Any) -> None:
    found = lint_lines(ANY_PAGE)
    assert {s: sorted(found[s]) for s in ANY_PAGE if "KL205" not in found[s]} == {}


def test_round_ten_neighbours_are_no_disease_claims(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *NEIGHBOURS])
    assert [s for s in NEIGHBOURS if "KL205" in found[s]] == []


def test_round_ten_never_fires_on_a_product_page(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *NEVER])
    assert {s: sorted(found[s]) for s in NEVER if found[s]} == {}


def words(text: str) -> list[str]:
    return text.lower().replace(".", " .").replace(",", " ,").split()


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("elderberry syrup for the flu .", 2, (2, 5)),
        ("apply in cases of eczema .", 3, (1, 5)),
        ("people with gout take it daily .", 1, (0, 3)),
        ("arthritis sufferers love it .", 1, (0, 2)),
        # A risk before the link, a topic after the condition, no use by the people.
        ("at risk for diabetes .", 2, None),
        ("funding for cancer research .", 1, None),
        ("people with gout often wake at night .", 1, None),
    ],
)
def test_implied_use(text: str, i: int, expected: tuple[int, int] | None) -> None:
    w = words(text)
    term_at = {t.start: t for t in medical_vocabulary().find(w)}
    assert implied_use(w, i, term_at, implied_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our drops calm flare-ups of eczema .", (0, 6, 5)),
        ("it is a trusted ally against psoriasis .", (0, 7, 6)),
        # The disease as the subject, or people, says nothing of a product.
        ("eczema flares in winter .", None),
        ("many people with psoriasis feel tired .", None),
    ],
)
def test_subject_use(text: str, expected: tuple[int, int, int] | None) -> None:
    w = words(text)
    terms = medical_vocabulary().find(w)
    subjects = frozenset({"drops", "capsules", "balm"})
    found = subject_use(w, terms, subjects, [], implied_lexicon())
    assert found == expected

"""Round 11 (issue 13): near neighbours of the forms earlier rounds read, and never-fire gaps.

Every sentence was written for these tests. Each class is the neighbour of a reading that
already counts (docs/medical-claims.md "Round 11"; extract/near_forms.py,
data/near_forms.yaml): a drug class said with praise, healing supported, an agent noun before
its object, a promise for an illness the sentence supposes, a disease's onset delayed, a
question answered by the product, an effect noun before the condition it answers, a disease
waved off.
"""

from __future__ import annotations

from typing import Any

import pytest

from kalypso_lint.extract.near_forms import (
    drug_class,
    healing_supported,
    illness_promise,
    last_question,
    near_lexicon,
)

PRODUCT_PAGE = "<!-- kalypso-lint: sells=products -->"

# Claims on any page.
CLAIMS = [
    "Our lozenges are a natural painkiller for sore gums.",
    "Garlic extract works as a natural blood thinner.",
    "Our capsules promote faster healing of cuts and scrapes.",
    "You may shorten the duration of your illness if you do get sick.",
    "Should you come down with the flu while taking our drops, you could have milder symptoms.",
    "Take two drops daily and you may have fewer symptoms if you get sick.",
    "Our ginkgo tablets delay the onset of dementia.",
    "Our gummies offer relief if your child suffers from eczema.",
    "Goodbye, psoriasis.",
    "Bye-bye cold sores.",
    "Acne gone in a week.",
    "A blend of peptides that support healing.",
    "Trouble sleeping? Our valerian drops can help.",
    "Suffering from heartburn? Meet the chewable tablets that work in minutes.",
    "Fighting the flu? Our zinc lozenges are the answer.",
    "A soothing, cholesterol-lowering herbal supplement.",
    "Try our blood sugar lowering tea.",
]

# Claims on a page that sells a product (product-only: a clinic's care or a medicine's
# description on a clinic's page).
PRODUCT_CLAIMS = [
    "Calendula is an excellent sunscreen for the whole family.",
    "It is a powerful enhancer for mood and memory.",
    "Proteins and growth factors that support healing.",
    "Back pain? It soothes it in minutes.",
    "A natural chemotherapy.",
    "Stay flu-free all winter.",
    "Migraine-free days.",
    "Fewer colds and flu.",
    "Less joint pain.",
    "Makes you less likely to get sick.",
]

# Claims that stay claims beside the round-11 cues.
STILL_CLAIMS = [
    "Our promises of relief from joint pain are backed by science.",
    "Our tea relieves arthritis pain and does not interact with medications.",
]

# Neighbours: information, advice, lifestyle, medicines, people, FAQs.
NEIGHBOURS = [
    "Zinc oxide is a physical sunscreen that reflects UV light.",
    "Apply a sunscreen with SPF 30 every day.",
    "Aspirin is a blood thinner, so tell your dentist if you take it.",
    "Statins can delay the progression of heart disease.",
    "Exercise may delay the onset of type 2 diabetes.",
    "Rest and good nutrition support healing.",
    "Smoking delays wound healing.",
    "If you get sick, rest and drink fluids so you recover faster.",
    "Getting a flu shot may lessen the severity if you get sick.",
    "If your child gets sick, they may have fewer symptoms than adults.",
    "Swimming is a great booster for your mood.",
    "Join the walk for cancer research.",
    "Say goodbye to summer with our sale.",
    "Do you have back pain? Our chiropractors can help.",
    "What is the best way to manage migraines? The answer depends on the cause.",
    "Worried about your blood pressure? Try our free screening day.",
    "Does diabetes affect your teeth? It can, so brush twice a day.",
    "We offer mercury-free fillings.",
    "Pain-free dentistry for the whole family.",
    "Cholesterol-lowering medication may be prescribed.",
    "Less pain after surgery is common with this technique.",
    "Vaccinated people are less likely to get sick.",
    "Children are less likely to catch the flu if they wash their hands.",
]

# Must never fire, on any page: advice, warnings, disclaimers, negations, questions and
# hypotheticals of the forms this round reads.
NEVER = [
    "Please seek professional help for depression.",
    "Seek treatment for any infection that does not clear up.",
    "Even natural remedies can interact with drugs used to treat diabetes.",
    "Herbal teas may interfere with medicines that lower blood pressure.",
    "Nothing on this site should be taken as a claim that our products treat disease.",
    "Our articles should not be construed as a promise to cure any illness.",
    "Does this balm support healing?",
    "Our capsules do not delay the onset of dementia.",
    "If you are exposed to the virus, call your doctor.",
    # An exposure supposed, then a medicine's information ("if you are" stays advice).
    "If you are exposed to the flu, antiviral medication can help prevent infection.",
    "If you are exposed to COVID-19, treatment with antivirals can reduce the risk of illness.",
    "If you think you have the flu, ask a doctor before taking anything.",
    "Claims that copper bracelets cure arthritis are not supported by evidence.",
    "Statements about reversing diabetes should be viewed with caution.",
    "Always follow your doctor's advice for managing high blood pressure.",
]


def test_round_eleven_claims_on_any_page(lint_lines: Any) -> None:
    found = lint_lines(CLAIMS)
    assert {s: sorted(found[s]) for s in CLAIMS if not found[s]} == {}


def test_round_eleven_cues_leave_claims_alone(lint_lines: Any) -> None:
    found = lint_lines(STILL_CLAIMS)
    assert {s: sorted(found[s]) for s in STILL_CLAIMS if not found[s]} == {}


def test_round_eleven_product_claims(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *PRODUCT_CLAIMS])
    assert {s: sorted(found[s]) for s in PRODUCT_CLAIMS if not found[s]} == {}


def test_round_eleven_product_claims_are_product_only(lint_lines: Any) -> None:
    found = lint_lines(PRODUCT_CLAIMS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_eleven_neighbours_are_no_claims(lint_lines: Any) -> None:
    found = lint_lines(NEIGHBOURS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_eleven_never_fires_on_a_product_page(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *NEVER])
    assert {s: sorted(found[s]) for s in NEVER if found[s]} == {}


def test_round_eleven_never_fires_on_a_clinic_page(lint_lines: Any) -> None:
    found = lint_lines(NEVER)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def words(text: str) -> list[str]:
    return text.lower().replace(".", " .").replace(",", " ,").split()


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("zinc is an excellent sunscreen .", 4, (0, 5)),
        ("nature 's painkiller .", 2, (0, 3)),
        # No praise: a description of what the ingredient is.
        ("zinc oxide is a physical sunscreen .", 5, None),
        ("wear a sunscreen daily .", 2, None),
    ],
)
def test_drug_class(text: str, i: int, expected: tuple[int, int] | None) -> None:
    assert drug_class(words(text), i, near_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("supports healing .", (0, 2)),
        ("speeds up the healing process .", (0, 5)),
        # What slows healing is no effect of a product.
        ("promotes delayed healing .", None),
        ("supports the team , healing takes time .", None),
    ],
)
def test_healing_supported(text: str, expected: tuple[int, int] | None) -> None:
    assert healing_supported(words(text), 0, near_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "found"),
    [
        ("you may lessen the severity if you get sick .", 2, True),
        ("if you catch a cold , you will recover faster .", 8, True),
        # No supposed illness, a vaccine, or no promise to the reader.
        ("you may lessen the severity of the pain .", 2, False),
        ("a flu shot means you may have fewer symptoms if you get sick .", 6, False),
        ("if you get sick , kids often have fewer symptoms .", 7, False),
    ],
)
def test_illness_promise(text: str, i: int, found: bool) -> None:
    assert (illness_promise(words(text), i, near_lexicon()) is not None) == found


def test_last_question_is_the_sentence_before() -> None:
    question = ["tired", "of", "joint", "pain", "?"]
    assert last_question(words("Welcome. Tired of joint pain ?")) == question
    assert last_question(words("Tired of joint pain? We are here.")) == ()

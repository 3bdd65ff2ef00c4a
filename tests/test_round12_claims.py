"""Round 12 (issue 13): sentences that make a disease claim by their own words, on any page.

Every sentence was written for these tests. The classes (docs/medical-claims.md "Round 12";
extract/standalone.py, data/standalone.yaml, and the general readings changed in
extract/claims.py and extract/vocabulary.py): a product for people who have a disease,
support through a disease's treatment, a disease gone as the reader's state, an erection
said stronger, a disease's cells made to die, an infant kept safe by a sleep product, lists
before the object, "anti" glued to a disease, plural terms, a writer's belief, a product's
make-up, proof and safety wording.
"""

from __future__ import annotations

from typing import Any

from kalypso_lint.extract.vocabulary import medical_vocabulary

PRODUCT_PAGE = "<!-- kalypso-lint: sells=products -->"

# Claims on any page (no `sells` setting).
CLAIMS = [
    # A product for people who have a disease, or support through its treatment.
    "Made for people living with rheumatoid arthritis.",
    "Carefully designed to support patients recovering from a stroke.",
    "Specially formulated to support people battling lupus, psoriasis and other conditions.",
    "CREATED FOR LEUKEMIA PATIENTS",
    "This drink is formulated especially for oncology patients.",
    "Nourish your body through chemotherapy.",
    "Our capsules support your strength during cancer treatment.",
    "Sugar balance capsules for diabetics.",
    # A disease gone as the reader's state.
    "Be free from psoriasis at last.",
    "Live free of the flu this winter.",
    "NO MORE SHINGLES",
    "No gout.",
    # An erection said stronger.
    "Firmer, longer-lasting erections.",
    "Our tablets give you rock hard erections.",
    # A disease's cells made to die.
    "Our mushroom extract can trigger apoptosis in colon cancer cells.",
    "Turmeric root induces cell death in leukemia cells.",
    # An infant kept safe by a sleep product.
    "Our weighted sleep sack keeps infants safely on their backs all night.",
    "Newborns sleep safer in the NAPNEST.",
    # Lists before the object.
    "Active against skin, bowel, throat and stomach cancers.",
    "Clears eczema, rosacea, warts and all kinds of rashes.",
    # "anti" glued to a disease; a list of adjectives before the property.
    "Antitumor and immune-boosting effects.",
    "Our salve has antibacterial, antifungal and soothing properties.",
    # Plurals of terms of several words.
    "Dissolves kidney stones naturally.",
    "Prevents cold sores and migraine headaches.",
    # A writer who believes asserts.
    "I am convinced that our drops can prevent the flu.",
    # A product's make-up: a product-only reading holds on any page.
    "Contains peptides and minerals that support healing.",
    "This capsule goes to work for joint pain in minutes.",
    # Likeness to a drug named after "in".
    "It has the same compound as Wegovy.",
    # Proof and safety wording.
    "Our reading course is proven to increase IQ scores.",
    "A blend shown to have a protective effect against colds.",
    "The effectiveness of our drops has been confirmed by thousands of families.",
    "Our drops are gentle enough for toddlers, without any risk.",
    # Weight loss with a promotional qualifier.
    "Unparalleled weight loss in weeks.",
]

# Neighbours: information, advice, care, lifestyle, medicines, people, products without a
# disease.
NEIGHBOURS = [
    "Our nurses support patients with cancer and their families.",
    "We support patients undergoing chemotherapy with counselling.",
    "Support groups for cancer patients meet on Tuesdays.",
    "The programme is designed for people who want to run a marathon.",
    "Our office is free from steps and easy to reach.",
    "All our balms are free from parabens.",
    "Gluten-free snacks for the whole family.",
    "No parking on Sundays.",
    "Chemotherapy drugs induce apoptosis in cancer cells.",
    "Anticancer drugs are given in cycles of three weeks.",
    "Antiviral medications are prescribed within two days of symptoms.",
    "Place your baby on their back to sleep, the safest position.",
    "Never use sleep positioners; babies sleep safest on their backs.",
    "Erectile dysfunction is trouble getting or keeping a firm erection.",
    "Our program supports patients with cancer through every step.",
    "Stay free of cavities with regular cleanings and checkups.",
    "Use a firm mattress so your baby sleeps safely.",
    "Exercise has been shown to have an effect on blood sugar.",
    "Nettle leaf tea against hay fever.",
    "Our clinic offers laser therapy for back pain.",
    "Patients with kidney stones should drink plenty of water.",
    # A symptom's clinical name in the plural is no term; a medicine's make-up is no product's.
    "Assisted births using forceps or vacuum extractions carry some risk.",
    "Wegovy contains semaglutide, which is also approved for type 2 diabetes.",
]

# Must never fire: negations, advice, questions, warnings and the disclaimer, in the forms
# this round reads.
NEVER = [
    "This shake is not made for cancer patients and does not treat cancer.",
    "No supplement can make you free from diabetes.",
    "Ask your doctor before giving any product to patients undergoing chemotherapy.",
    "Can a sleep sack keep babies safely on their backs?",
    "Never use a sleep positioner to keep your baby safe.",
    "The efficacy of these products has not been confirmed by research.",
    "No medicine is without risk.",
    "These statements have not been evaluated by the FDA; this product is not intended to "
    "diagnose, treat, cure or prevent any disease.",
    "Be wary of any product that claims to kill cancer cells.",
]


def test_round_twelve_claims_on_any_page(lint_lines: Any) -> None:
    found = lint_lines(CLAIMS)
    assert {s: sorted(found[s]) for s in CLAIMS if not found[s]} == {}


def test_round_twelve_neighbours_are_no_claims(lint_lines: Any) -> None:
    found = lint_lines(NEIGHBOURS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_twelve_never_fires(lint_lines: Any) -> None:
    found = lint_lines(NEVER)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


def test_round_twelve_never_fires_on_a_product_page(lint_lines: Any) -> None:
    found = lint_lines([PRODUCT_PAGE, *NEVER])
    assert {s: sorted(found[s]) for s in NEVER if found[s]} == {}


def test_terms_of_several_words_match_in_the_plural() -> None:
    vocabulary = medical_vocabulary()
    found = vocabulary.find(["kidney", "stones", "and", "premature", "ejaculations"])
    assert [(t.start, t.end) for t in found] == [(0, 2), (3, 5)]
    # "-ss", "-us", "-is" are no plurals.
    assert vocabulary.find(["herpes", "simplex", "virus"]) != []


SUPPORTED_ON_PRODUCT_PAGES = [
    "Our range supports people with multiple sclerosis.",
]


def test_support_said_of_a_range_is_product_only(lint_lines: Any) -> None:
    assert lint_lines(SUPPORTED_ON_PRODUCT_PAGES)[SUPPORTED_ON_PRODUCT_PAGES[0]] == set()
    found = lint_lines([PRODUCT_PAGE, *SUPPORTED_ON_PRODUCT_PAGES])
    assert found[SUPPORTED_ON_PRODUCT_PAGES[0]] != set()

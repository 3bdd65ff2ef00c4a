"""Round 8 claim classes (issue 13): results told as boasts, study counts and stories.

Every sentence was written for these tests, following the forms regulators cite: a clinic's
or a product's success rate, a superlative of effect before a provider or a product, a study
result told as a count of people, an outcome told of every user, a condition gone, a drug
cut down, a substance's properties named by their effect on a disease, and a disease kept
"under check" or "out". Each class comes with neighbours that are not claims: statistics,
advice, a trial's result and patient education. A page holds one sentence a paragraph; a
sentence is read as a claim when its line has a KL2xx/KL3xx finding. These are read under
the default (`sells: auto`), as a clinic's page would be.
"""

from __future__ import annotations

from typing import Any

import pytest

from kalypso_lint.extract.boasts import (
    boast_lexicon,
    hashtag_parts,
    property_claim,
    rate_boast,
    safety_comparison,
    study_result,
    superlative_boast,
    work_promise,
)

# Sentence -> the code it must get (with an empty registry: no entry supports it).
CLAIMS = {
    # A rate of results with a figure (efficacy, KL201).
    "Our clinic boasts a 97% success rate.": "KL201",
    "Our practice has a success rate of 93 percent.": "KL201",
    "Enjoy a 95% improvement rate with our spinal decompression program.": "KL201",
    # A superlative of effect before a provider or a product.
    "The most effective sinus clinic in town.": "KL201",
    "The most powerful immune formula on the market.": "KL201",
    "Our formula is one of the most effective, least expensive and safest therapies ever.": (
        "KL201"
    ),
    # A study result told as a count of people.
    "Nine out of ten customers saw improvement in their eczema.": "KL201",
    "In our survey, 4 in 5 users reported less back pain.": "KL201",
    # Stories: an outcome told of every user, the condition gone, a drug cut down.
    "Not one customer who drank the tonic got sick this winter.": "KL304",
    "None of my clients who took the drops ended up in the hospital.": "KL304",
    "My eczema is completely gone.": "KL304",
    "I reduced the blood pressure medication by half.": "KL304",
    # Properties named by their effect on a disease or symptom.
    "Willow bark has natural pain relieving properties.": "KL205",
    "blood sugar-lowering properties": "KL205",
    # Relief promised over the whole body; a disease kept under check or out.
    "Enjoy widespread relief of chronic pain throughout your body.": "KL205",
    "Keeps blood pressure under check.": "KL205",
    "Keep the flu out with our elderberry syrup!": "KL205",
    # A product that works fast; a product spared a drug's harms.
    "The herbal supplement works in as little as 20 minutes.": "KL201",
    "Two sprays and the formula goes to work immediately.": "KL201",
    "Joint support without the side effects of NSAIDs.": "KL201",
    "All the comfort without the risks associated with sleeping pills.": "KL201",
    # A hashtag joining a disease and a cure.
    "Order yours today #flucure": "KL205",
    "#curecancer": "KL205",
}

NEIGHBOURS = [
    "The five-year survival rate for stage one breast cancer is about 99%.",
    "Recovery rates vary, and the 5-year survival rate is 65%.",
    "Success rates for IVF depend on your age.",
    "Custom orthotics: a 60-70% success rate when combined with stretching.",
    "No clinic can promise a 100% success rate.",
    "In one survey, 4 in 5 adults reported trouble sleeping.",
    "About 1 in 3 adults has high blood pressure.",
    "Most patients report improvement after six weeks of therapy.",
    "Washing hands is one of the most effective ways to keep germs away.",
    "The most effective, affordable and convenient way to see a doctor.",
    "Keep germs out of your kitchen by cleaning the counters.",
    "Keep out of reach of children.",
    "No one in the trial who received the vaccine was hospitalized.",
    "No one knows who will get sick this season.",
    "I reduced her medication after the tests came back.",
    "My doctor reduced my blood pressure medication after I lost weight.",
    "Our shampoo has moisturizing properties.",
    "Call us if your pain is not gone within two days.",
    "Our team works quickly to get you seen.",
    "Ibuprofen works within an hour.",
    "Learn about the side effects of antihistamines.",
    "You can take the capsules without food.",
    # A hashtag naming a service (product-only, as "Joint pain relief"), or no disease.
    "#arthritisrelief",
    "Join our charity walk this Saturday #endalz",
    "Follow us for more tips #wellness #healthyliving",
    # The never-fire cues hold for the new forms: a question, a negation, a warning, advice
    # and a hypothetical.
    "Does this supplement really work in as little as 20 minutes?",
    "No supplement works in minutes, whatever the label says.",
    "Be wary of any clinic that claims a 98% success rate.",
    "Be skeptical of products that claim to work without the side effects of prescription drugs.",
    "We never claim that our formula is the most effective arthritis remedy.",
    "If 9 out of 10 users reported improvement, the study would still need a control group.",
]


def test_round_eight_classes_are_claims(lint_lines: Any) -> None:
    found = lint_lines(list(CLAIMS))
    wrong = {s: sorted(found[s]) for s, code in CLAIMS.items() if code not in found[s]}
    assert wrong == {}


def test_round_eight_neighbours_are_not_claims(lint_lines: Any) -> None:
    found = lint_lines(NEIGHBOURS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


# -- the readings of extract/boasts.py, word by word -------------------------------------


def words(text: str) -> list[str]:
    return text.lower().split()


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("a 97% success rate", 3, (1, 4)),
        ("a 97 % success rate", 4, (1, 5)),
        ("a success rate of 93 percent", 2, (1, 6)),
        ("the survival rate is 65%", 2, None),
        ("success rates vary", 1, None),
    ],
)
def test_rate_boast(text: str, i: int, expected: tuple[int, int] | None) -> None:
    assert rate_boast(words(text), i, boast_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("the most effective sinus clinic", 2, (1, 5)),
        ("most powerful formula", 1, (0, 3)),
        ("the most effective , least expensive , and safest treatments", 2, (1, 10)),
        ("the most effective treatment", 2, None),
        ("the most effective way to see a doctor", 2, None),
        ("the effective clinic", 1, None),
    ],
)
def test_superlative_boast(text: str, i: int, expected: tuple[int, int] | None) -> None:
    assert superlative_boast(words(text), i, boast_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("9 out of 10 users reported less pain", 6, 0),
        ("80% of participants saw improvement", 4, None),
        ("nine in ten customers noticed better sleep", 5, 0),
        ("most patients report improvement", 3, None),
        ("4 in 5 adults reported trouble sleeping", 5, None),
    ],
)
def test_study_result(text: str, i: int, expected: int | None) -> None:
    assert study_result(words(text), i, boast_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("blood sugar - lowering properties", 4, 2),
        ("natural pain relieving properties", 3, 2),
        ("moisturizing properties", 1, None),
    ],
)
def test_property_claim(text: str, i: int, expected: int | None) -> None:
    assert property_claim(words(text), i, boast_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("without the side effects of antihistamines", 0, 5),
        ("without any risks associated with statins", 0, 5),
        ("without side effects", 0, None),
        ("without food", 0, None),
    ],
)
def test_safety_comparison(text: str, i: int, expected: int | None) -> None:
    assert safety_comparison(words(text), i, boast_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("works in as little as 20 minutes", 0, 5),
        ("goes to work immediately", 2, 4),
        ("works with your doctor", 0, None),
    ],
)
def test_work_promise(text: str, i: int, expected: int | None) -> None:
    assert work_promise(words(text), i, boast_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# covidcure", [("covid", False)]),
        ("# curecancer", [("cancer", False)]),
        ("# anxietyrelief", [("anxiety", True)]),
        ("# wellness", []),
        ("covidcure", []),
    ],
)
def test_hashtag_parts(text: str, expected: list[tuple[str, bool]]) -> None:
    assert hashtag_parts(words(text), 0, boast_lexicon()) == expected

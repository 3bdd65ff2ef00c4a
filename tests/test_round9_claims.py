"""Round 9 claim classes (issue 13): general mechanisms over single forms.

Every sentence was written for these tests, following the forms regulators cite: an absolute
effect under a headline's framing ("How to reverse ..."), the writer presenting a discovery,
a rhetorical "did you ever hear ...?", a study count with a change in the body, a use told
for a disease and a change noticed after a use, drug classes said of an ingredient,
"protective against", conditions named by a body part and a word for trouble ("skin
conditions"), research framing with the product as subject, a therapy no approval covers
as the means of a service, a use said as therapy, a slogan sending the disease out, and
hope offered for a disease. Each class comes with neighbours that are not claims: patient
education, advice, case histories, questions, negations and modalities. A page holds one
sentence a paragraph, read under the default (`sells: auto`), as a clinic's page would be.
"""

from __future__ import annotations

from typing import Any

import pytest

from kalypso_lint.extract.cues import claim_cues
from kalypso_lint.extract.framing import (
    absolute_effect,
    framing_lexicon,
    made_by_writer,
    perceived_change,
    research_use,
    therapeutic_use,
    used_for,
)

# Sentence -> the code it must get (with an empty registry: no entry supports it).
CLAIMS = {
    # An absolute effect is a claim whatever the headline's framing.
    "Learn how to reverse type 2 diabetes in 30 days.": "KL205",
    "Tips to fight every virus this winter.": "KL205",
    # The writer presents a discovery, not a personal result.
    "I recently developed a natural remedy for psoriasis.": "KL205",
    # A rhetorical question with a filler asserts.
    "But did you ever hear that our syrup can ease a sore throat?": "KL205",
    # A study count with a change in the body said as a comparative.
    "Eight in ten women saw smoother, firmer skin.": "KL201",
    "Lose a pound every day with our shake.": "KL201",
    # A use told for a disease; a change noticed after a use.
    "Her husband has taken the capsules for his gout since last year.": "KL205",
    "She has been using the balm for two months and noticed a decrease in her joint pain.": (
        "KL205"
    ),
    # Drug classes said of an ingredient; "protective against".
    "The herbs in our tea are natural decongestants.": "KL205",
    "Elderberry has been found to be protective against colds.": "KL205",
    # A condition named by a body part and a word for trouble.
    "Fights stubborn skin conditions fast.": "KL205",
    # Research framing with the product as subject.
    "Our peptide blend has been studied for its effects on arthritis.": "KL205",
    "VitaCalm has been widely studied for anxiety.": "KL205",
    # A service whose means is a therapy no approval covers.
    "Injuries that can be treated with exosomes include torn ligaments and tendinitis.": "KL205",
    # A use said as therapy, of a product.
    "Our capsules offer real therapeutic benefits.": "KL205",
    # A slogan sends the disease out; hope offered for a disease.
    "Summer strong, flu out!": "KL205",
    "Our tonic brings new hope for people with lupus.": "KL205",
    "Our mushroom extract offers real hope for memory loss.": "KL205",
}

NEIGHBOURS = [
    # Patient education under a headline's framing.
    "How to prevent the flu this winter.",
    "Learn how to manage type 2 diabetes with your care team.",
    "Tips to lower your blood pressure at home.",
    # The writer's own history.
    "I recently discovered that my back pain was caused by poor posture.",
    "I developed asthma as a child.",
    # Counts and changes that are no result of a product.
    "In the survey, 3 in 4 women saw their doctor at least once a year.",
    "Patients may notice a drop in blood pressure after the injection; tell your nurse if you"
    " feel dizzy.",
    "Call us if you notice a drop in your energy levels.",
    # Case histories, questions and hypotheticals about a use.
    "If you have been taking antibiotics for an infection, tell your doctor.",
    "Have you taken medication for high blood pressure before?",
    "Patients who have taken steroids for asthma may need a bone scan.",
    "He has taken prednisone for his asthma since childhood.",
    "She has used a cane for her hip pain since the fall.",
    # Modalities, care and research that claim nothing.
    "Massage has therapeutic benefits for many people.",
    "We offer therapeutic ultrasound for sports injuries.",
    "Conditions that can be treated with physical therapy include sciatica.",
    "Stem cells are studied by researchers around the world.",
    "Researchers have studied acupuncture for decades.",
    "Acupuncture has been studied for back pain.",
    "Your dentist can check for gum problems and other dental issues.",
    # Advice about sun protection and lifestyle.
    "Sunscreen is protective against skin cancer.",
    "Regular exercise is protective against heart disease.",
    "Wash your hands to keep the flu out.",
    "Our dentists are protective of your time.",
    # A hope said as a verb; negation, advice and questions with absolute effects.
    "We hope our tips help you sleep better.",
    "There is no cure for diabetes, but you can learn how to manage it.",
    "No supplement can reverse diabetes.",
    "Be wary of websites that promise to cure any disease.",
    "Does any supplement cure arthritis?",
]


def test_round_nine_classes_are_claims(lint_lines: Any) -> None:
    found = lint_lines(list(CLAIMS))
    wrong = {s: sorted(found[s]) for s, code in CLAIMS.items() if code not in found[s]}
    assert wrong == {}


def test_round_nine_neighbours_are_not_claims(lint_lines: Any) -> None:
    found = lint_lines(NEIGHBOURS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


# -- the readings of extract/framing.py, word by word ------------------------------------


def words(text: str) -> list[str]:
    return text.lower().split()


_FIRST_PERSON = frozenset({"i", "my", "me"})


@pytest.mark.parametrize(
    ("text", "anchor", "end", "lemma", "expected"),
    [
        ("how to cure arthritis", 2, 4, "cure", True),
        ("tips to fight every germ", 2, 5, "fight", True),
        ("how to fight the flu", 2, 5, "fight", False),
        ("how to prevent the flu", 2, 5, "prevent", False),
    ],
)
def test_absolute_effect(text: str, anchor: int, end: int, lemma: str, expected: bool) -> None:
    assert absolute_effect(words(text), anchor, end, lemma, framing_lexicon()) is expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("i finally developed a gentle remedy for gout", 5, True),
        ("my doctor gave me a treatment for gout", 5, False),
        ("i had a treatment for gout", 3, False),
    ],
)
def test_made_by_writer(text: str, anchor: int, expected: bool) -> None:
    assert made_by_writer(words(text), anchor, _FIRST_PERSON, framing_lexicon()) is expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("studied for its effects on arthritis", 0, 2),
        ("has been investigated for its action on gout", 2, 4),
        ("studied by researchers", 0, None),
    ],
)
def test_research_use(text: str, i: int, expected: int | None) -> None:
    assert research_use(words(text), i, framing_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("offer real therapeutic benefits", 2, 4),
        ("valued therapeutically", 1, 2),
        ("therapeutic massage", 0, None),
    ],
)
def test_therapeutic_use(text: str, i: int, expected: int | None) -> None:
    assert therapeutic_use(words(text), i, framing_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("he has taken the capsules since last spring for gout", 8, 2),
        ("he has been using the balm for gout", 6, 3),
        ("patients who have taken steroids for asthma", 5, None),
        ("a balm for gout", 2, None),
    ],
)
def test_used_for(text: str, i: int, expected: int | None) -> None:
    assert used_for(words(text), i, framing_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("since using the balm she noticed a decrease in her joint pain", 5, 7),
        ("using it he noticed not only a decrease in his back pain", 3, 7),
        ("patients may notice a drop in blood pressure", 2, None),
        ("since taking the drops she noticed nothing", 5, None),
    ],
)
def test_perceived_change(text: str, i: int, expected: int | None) -> None:
    assert perceived_change(words(text), i, framing_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "asserted"),
    [
        ("did you know our tea helps ?", True),
        ("but did you ever hear our tea helps ?", True),
        ("and have you ever heard that it works ?", True),
        ("does our tea help ?", False),
    ],
)
def test_question_openings_that_assert(text: str, asserted: bool) -> None:
    question = next(c for c in claim_cues().classes if c.name == "question")
    assert question.starts_sentence(words(text)) is asserted

"""Real-page precision, round 4 (issue 13): forms that recur across the labelled page
groups and claim nothing on any page. A claim the sentence reports, not makes: pages that
explain the rules or a trend name someone else's claim ("Claims that a product treats
diabetes are not allowed", "its fans, claiming it can stop snoring", "a gadget that claimed
to melt fat"). A body function's decline or a harm's rise told as a symptom or a risk
("Reduced sex drive", "smoking lowers fertility", "This raises blood pressure"). A verb of
saying whose subject is a source stays a claim for `reported` (the whole pipeline sets such
a sentence aside on main already), and the claims the forms resemble still fire. Each
sentence set aside here is reported on main (26ded95). Every sentence here was written for
these tests, after the patterns of the labelled page groups' wrong findings."""

from __future__ import annotations

import pytest
from conftest import PageCodes

from kalypso_lint.extract.declines import declines
from kalypso_lint.extract.reported_claims import reported
from kalypso_lint.extract.vocabulary import Term, medical_vocabulary

# No claim on any page: the effect word stands in a claim the sentence reports.
REPORTED = [
    "Claims that a tea treats diabetes or arthritis are not allowed on a label.",
    "- Claims that supplements cure asthma draw warning letters.",
    "The blanket claim that statins prevent strokes in everyone goes beyond these results.",
    "The trend spread online, with its fans claiming it can reduce snoring and improve sleep.",
    "Implying that a capsule works like insulin invites enforcement action.",
    "Years ago, a belt that claimed to burn fat and build muscle was sold on late-night TV.",
]

# No claim on any page: a function declines, a harm rises.
HARMS = [
    "Common signs include reduced sex drive and low energy.",
    "- Decreased energy",
    "Patients often notice a sudden decrease in visual acuity in one eye.",
    "Smoking lowers fertility in both men and women.",
    "Alcohol decreases blood flow to the brain.",
    "Caffeine increases blood pressure for a few hours.",
    "Processed meat may increase LDL, the bad cholesterol.",
    "- Increased cholesterol",
]

# The claims they resemble: a seller's own claim, the claim word after it; a product that
# lowers what a product may lower; a decline of a condition; a rise of a function.
STILL_CLAIMS = [
    "Our tea treats diabetes, just as our customers claim.",
    "Our tea treats diabetes, and we stand behind that claim.",
    "Our belt burns fat and builds muscle while you sleep.",
    "Our drops stop sleep apnea from the first night.",
    "Our serum reduces oil production and clears acne.",
    "Our capsules lower cholesterol and prevent heart disease.",
    "Our mouthpiece reduced sleep apnoea symptoms in most users.",
    "Our tea increases energy and fights the flu.",
]


@pytest.mark.parametrize("text", REPORTED)
@pytest.mark.parametrize("sells", ["services", "products"])
def test_a_reported_claim_claims_nothing(page_codes: PageCodes, text: str, sells: str) -> None:
    assert page_codes(text, sells) == []


@pytest.mark.parametrize("text", HARMS)
@pytest.mark.parametrize("sells", ["services", "products"])
def test_a_decline_or_a_harm_told_claims_nothing(
    page_codes: PageCodes, text: str, sells: str
) -> None:
    assert page_codes(text, sells) == []


@pytest.mark.parametrize("text", STILL_CLAIMS)
@pytest.mark.parametrize("sells", ["services", "products"])
def test_the_claims_they_resemble_still_fire(page_codes: PageCodes, text: str, sells: str) -> None:
    assert page_codes(text, sells) != []


def test_a_claim_noun_needs_a_lead_or_the_opening() -> None:
    assert reported(["claims", "that", "tea", "cures", "flu"], 3)
    assert reported(["the", "claim", "that", "tea", "cures", "flu"], 4)
    assert not reported(["a", "study", "claims", "that", "tea", "cures", "flu"], 5)


def test_a_reported_claim_ends_at_a_clause_break() -> None:
    words = ["claims", "that", "tea", "heals", "are", "false", ";", "our", "tea", "heals", "flu"]
    assert reported(words, 3)
    assert not reported(words, 9)


def test_a_relative_clause_needs_the_claim_verb_with_to() -> None:
    assert reported(["a", "belt", "that", "claimed", "to", "burn", "fat"], 5)
    assert not reported(["our", "belt", "claimed", "to", "burn", "fat"], 4)


def _terms(words: list[str]) -> dict[int, Term]:
    return {t.start: t for t in medical_vocabulary().find(words)}


def test_a_decline_needs_a_function_right_after_its_fillers() -> None:
    words = ["a", "decrease", "in", "visual", "acuity"]
    assert declines(words, 1, _terms(words))
    words = ["reduces", "oil", "production"]
    assert not declines(words, 0, _terms(words))  # not a function whose decline is a harm
    words = ["lower", "in", "concentration", "than", "tablets"]
    assert not declines(words, 0, _terms(words))  # a property compared


def test_a_rise_needs_a_harm_and_no_situation_before_it() -> None:
    words = ["raises", "the", "risk", "of", "heart", "disease"]
    assert declines(words, 0, _terms(words))
    words = ["for", "times", "of", "increased", "stress"]
    assert not declines(words, 3, _terms(words))
    words = ["increases", "good", "bacteria"]
    assert not declines(words, 0, _terms(words))

"""What must never fire (issue 13, round 7): the cue classes of data/claim_cues.yaml and
their scope, through the real CLI, on services pages and on product pages alike.

Every sentence here was written for these tests. Each not-a-claim sentence below fired a
KL2xx/KL3xx finding before round 7; the claims at the end must keep firing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kalypso_lint.extract.cues import claim_cues

MEDICAL_FAMILIES = ("KL2", "KL3")
PRODUCT_PAGE = "<!-- kalypso-lint: sells=products -->\n\n"


def check(run_cli: Any, project: Path, write: Callable[..., Path], text: str) -> list[str]:
    write("content/page.md", text)
    result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return [f["code"] for f in report["findings"] if f["code"].startswith(MEDICAL_FAMILIES)]


@pytest.fixture
def codes(run_cli: Any, project: Path, write: Callable[..., Path]) -> Callable[[str], list[str]]:
    return lambda text: check(run_cli, project, write, text)


def never_fires(codes: Callable[[str], list[str]], sentence: str) -> None:
    assert codes(sentence + "\n") == []
    # On a product page too: KL207 and the product-only readings are on there.
    assert codes(PRODUCT_PAGE + sentence + "\n") == []


# -- negation: contracted forms, long reach, long negated subjects ---------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # A contraction is two tokens ("ca", "n't"), also inside a lexicon claim's span.
        "Our gummies can’t prevent the flu.",
        "This supplement won't cure your insomnia, but it may help you wind down.",
        # Past five words, a negation reaches the effect verb when nothing breaks the clause.
        "This tea should not be used as a way to treat or prevent the flu.",
        "We are not able to recommend any herbal product to treat cancer.",
        # A negated subject may be a longer noun phrase.
        "No amount of vitamin C will cure a cold.",
        "No herbal product we know of has been shown to cure cancer.",
    ],
)
def test_negated_sentences_never_fire(codes: Any, sentence: str) -> None:
    never_fires(codes, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # weak or missing evidence, a failed result, a negated verb of advising
        "There is little evidence that zinc prevents colds.",
        "Studies have failed to show that echinacea prevents the flu.",
        "We would never suggest that you use our tincture in place of medicine to treat your diabetes.",
        # a negation right before a study phrase
        "No studies have proven that CBD prevents seizures in cats.",
        # a denied effect noun; the next clause has its own verb
        "Massage therapy isn't a treatment for cancer, though it may help patients relax.",
    ],
)
def test_denials_never_fire(codes: Any, sentence: str) -> None:
    never_fires(codes, sentence)


# -- advice, warnings, the disclaimer --------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # Phrases with a contraction match as the tokenizer splits them ("do", "n't", ...).
        "Don't trust any company that says its tea cures cancer.",
        "The FDA has warned companies that market CBD to treat cancer.",
        # A label's warnings, anywhere in the sentence.
        "Stop use and ask a doctor if pain persists for more than 7 days.",
    ],
)
def test_advice_and_warnings_never_fire(codes: Any, sentence: str) -> None:
    never_fires(codes, sentence)


def test_disclaimer_said_as_approval_in_any_tense_never_fires(codes: Any) -> None:
    never_fires(
        codes, "This product has not been approved by the FDA for the treatment of any disease."
    )


# -- guarantees: commercial unless a result is promised --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We guarantee the purity of every batch.",
        "Try it risk free with our guarantee.",
    ],
)
def test_commercial_guarantees_and_trials_never_fire(codes: Any, sentence: str) -> None:
    never_fires(codes, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # The outcome is nearer the guarantee than the refund: a promise of a result.
        "Results guaranteed or your money back.",
        "Lose 20 pounds, guaranteed.",
        "Our tea is guaranteed to lower your blood pressure.",
    ],
)
def test_guaranteed_outcomes_are_medical_absolutes(codes: Any, sentence: str) -> None:
    assert "KL203" in codes(sentence + "\n")


def test_what_is_guaranteed_decides() -> None:
    cues = claim_cues()

    def commercial(sentence: str) -> bool:
        words = sentence.lower().split()
        at = next(i for i, w in enumerate(words) if w.startswith("guarantee"))
        return cues.commercial(words, at, at + 1)

    assert commercial("satisfaction guaranteed or your money back .")
    assert commercial("we guarantee it .")
    assert commercial("every jar is guaranteed to arrive fresh .")
    assert not commercial("results guaranteed or your money back .")
    assert not commercial("guaranteed to lower your blood pressure .")


# -- history, titles of publications, a provider's care --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In folk medicine, yarrow was used for wounds.",
        "Village healers once believed that garlic kept fevers away.",
        # A publication's title (no final stop) names a guide, not a product.
        "Herbal Remedies for Insomnia – Tea Blend Guide",
        "Get the Migraine Relief Tea Guide → $12",
    ],
)
def test_history_and_publication_titles_never_fire(codes: Any, sentence: str) -> None:
    never_fires(codes, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our periodontal team helps prevent, diagnose and treat gum disease.",
        "Our eye care services diagnose and treat glaucoma.",
    ],
)
def test_care_described_is_a_service_on_a_clinic_page(codes: Any, sentence: str) -> None:
    assert codes(sentence + "\n") == []
    # On a page that sells a product, the same words are the product's claim.
    assert "KL205" in codes(PRODUCT_PAGE + sentence + "\n")


# -- lookalikes that are still claims -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # urging, comparing, and negations that a break keeps from the claim
        "Don't wait to relieve your arthritis pain: our balm works in minutes.",
        "Nothing is more effective than our tea at relieving migraines.",
        "No other remedy relieves joint pain as fast.",
        "This balm won't just soothe eczema, it heals it.",
        "Our balm relieves joint pain, and it is not greasy.",
        # a guide read with a final stop, a product's own traditional use
        "Read our guide: elderberry syrup fights the flu.",
        "Comfrey salves were long used for psoriasis.",
        # idioms that only look like advice or folklore
        "Steer clear of the flu this winter with our elderberry gummies.",
        "Our copper bracelet is worn to relieve arthritis pain.",
        "Our balm works like a charm on eczema.",
        # strong promises by a provider stay claims
        "Our laser therapy reverses gum disease without surgery.",
        "Risk-free treatment that cures arthritis.",
    ],
)
def test_lookalikes_still_fire(codes: Any, sentence: str) -> None:
    assert codes(sentence + "\n") != []


def test_reference_list_entry_names_a_study(codes: Any) -> None:
    entry = (
        "- Doe JA, Roe PB. Nettle tea for the treatment of hay fever: a pilot trial. "
        "Herbal Research Letters. 2018;4(2):11-19.\n"
    )
    assert codes(entry) == []
    # A credential is no initial: the same words after a clinician's name still fire.
    assert codes("Jane Doe MD, John Roe DO, and our nettle tea treat hay fever.\n") != []


def test_history_as_a_noun_is_no_riddance(codes: Any) -> None:
    never_fires(codes, "During your first visit, we will review your symptoms and medical history.")
    assert codes("Our balm makes eczema history.\n") == ["KL205"]
    assert codes("Germs don't stand a chance against our spray.\n") == ["KL205"]


@pytest.mark.parametrize(
    "heading",
    [
        "What Is the Best Treatment for Plantar Fasciitis",
        "Can Chiropractic Care Help With Headaches",
        "What Causes Migraines and How Are They Treated",
    ],
)
def test_a_heading_that_asks_without_its_question_mark_never_fires(
    codes: Any, heading: str
) -> None:
    never_fires(codes, heading)


@pytest.mark.parametrize(
    "text",
    [
        # an explanation and a how-to are no questions
        "How Neurofeedback Can Help ADHD",
        "How to take our hemp tincture for insomnia",
        # a question the next sentence answers is asserted
        "Can essential oils fight the flu virus? Yes! Our blend does.",
        "Does our tea lower blood pressure? Absolutely.",
    ],
)
def test_headings_and_answered_questions_that_are_claims(codes: Any, text: str) -> None:
    assert codes(text + "\n") != []


def test_a_question_answered_no_is_still_a_question(codes: Any) -> None:
    assert codes("Can turmeric cure arthritis? No, but it may ease stiffness.\n") == []

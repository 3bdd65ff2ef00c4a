"""Real-page precision, round 2 (issue 13): talk about a condition that claims no effect on a
clinic's page (a contrast that sets the effect aside, a risk or a cause, a booking button, a
topic's title) and quotation marks that set off words rather than a patient's story. On a
page that sells a product the claim readings still fire, and the claims they resemble still
fire on any page. Every sentence here was written for these tests, after the patterns of the
labelled page groups' wrong findings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import PageCodes

from kalypso_lint.extract.page_talk import quotes_mention, talks_about

Lint = Callable[[str, str], list[str]]
_CODES = ("KL201", "KL205", "KL206", "KL304")


@pytest.fixture
def lint(page_codes: PageCodes) -> Lint:
    def _lint(text: str, sells: str = "services") -> list[str]:
        return page_codes(text, sells, _CODES)

    return _lint


# Each talks about a condition without claiming an effect: no claim on a clinic's page.
TALK = [
    # A contrast that sets the effect aside.
    "It's not just about easing back pain; it's about getting your weekends back.",
    "Our work is about more than just fixing a sore knee.",
    # A research aim, or a role told of a factor.
    "Future research will look at ways of reducing tinnitus in older adults.",
    "Our goal is to find a treatment that will ease chronic hip pain.",
    "Good sleep plays a key role in preventing migraines and maintaining focus.",
    # A provider the participle describes; a call to the reader as a title.
    "Riverton Dental is a family practice dealing with gum disease and missing teeth.",
    "## Protecting Your Child's Eyesight",
    "## Protecting Your Eyes from Sun Damage: What Every Parent Should Know",
    # A risk: what a cause harms, or a risk raised.
    "Heavy drinking weakens the body's ability to heal and fight infections.",
    # A cause named.
    "Most tension headaches are caused by reduced sleep and long hours at a screen.",
    # Helping to find out: a diagnostic service.
    "A hearing evaluation helps identify the cause of your tinnitus.",
    "These balance tests assist physicians in evaluating vertigo and dizziness.",
    "Regular eye exams help detect and treat glaucoma early.",
    # A booking button in the reader's voice.
    "[Ease My Back Pain Now]",
    'Book a "Calm My Tinnitus" consultation',
    # A topic's title that goes on a little, or opens with "Understanding and".
    "## Understanding and Managing Plantar Fasciitis",
    "## Treating Shin Splints or Stress Fractures",
    "## Managing Hip Pain Effectively: Exercises You Can Do at Home",
]

# The claims they resemble: still claims on a clinic's page.
STILL_CLAIMS = [
    "Our laser therapy eases back pain in a single visit.",
    "Acupuncture strengthens the body's ability to fight infections.",
    "Our herbal rinse can reduce the risk of gum infections.",
    "Dry needling relieves tension headaches caused by tight neck muscles.",
    "## Managing Hip Pain Effectively: Exercises That Really Work",
    "## Dealing with Eczema Flare-Ups, the Gentle Way",
    "## Treating Knee Pain With Our Laser",
    "## Protect Your Vision with Our Eye Vitamins",
    "## Protecting Cells from Damage",
    "A hearing evaluation helps us treat the cause of your tinnitus.",
    "Our goal is to ease chronic hip pain in a single visit.",
    "They play a big role in the cellular process of generating energy.",
    "Ginger tea is recommended for people with poor appetite or slow digestion.",
]

# A sells-products page: the same readings are claims of the product.
PRODUCT_CLAIMS = [
    "Our eye drops play a key role in preventing vision loss.",
    "It's not just about easing back pain; it's about getting your weekends back.",
    "[Ease My Back Pain Now]",
    "Heavy drinking weakens the body's ability to heal and fight infections.",
]


@pytest.mark.parametrize("text", TALK)
def test_talk_about_a_condition_is_no_claim_on_a_clinic_page(lint: Lint, text: str) -> None:
    assert lint(text, "services") == []


@pytest.mark.parametrize("text", STILL_CLAIMS)
def test_the_claims_they_resemble_still_fire(lint: Lint, text: str) -> None:
    assert lint(text, "services") != []


@pytest.mark.parametrize("text", PRODUCT_CLAIMS)
def test_on_a_product_page_they_stay_claims(lint: Lint, text: str) -> None:
    assert lint(text, "products") != []


# Quotation marks around a word, a phrase or a question: nobody tells a result.
MENTIONS = [
    'My rule is to never say "stop running," but "how do we get you running again?"',
    'I never once told her that I was "curing arthritis" during those visits.',
    "Clients often ask me, “Will my old knee brace work better than a new one?”",
]

# A patient's own result, quoted: still a testimonial.
TESTIMONIALS = [
    '"After three visits my migraines were gone and I finally sleep through the night."',
    'Two weeks in, her verdict was "I have not felt this good in ten years, my pain is gone".',
]


@pytest.mark.parametrize("text", MENTIONS)
def test_quoted_words_or_a_question_are_no_testimonial(lint: Lint, text: str) -> None:
    assert "KL304" not in lint(text, "services")


@pytest.mark.parametrize("text", TESTIMONIALS)
def test_a_quoted_result_is_still_a_testimonial(lint: Lint, text: str) -> None:
    assert "KL304" in lint(text, "services")


def test_an_attribute_list_quotes_no_one() -> None:
    assert quotes_mention('Read more about my sciatica work{: target="_blank"}.')
    assert not quotes_mention('"My sciatica is gone," says a runner.')
    assert not quotes_mention('She said: "it works!""')


def test_a_risk_raised_is_talk_and_a_risk_lowered_a_claim() -> None:
    sentence = "these antibodies increase the likelihood of blood clots ."
    raised = sentence.split(" ")
    other = "our rinse can reduce the risk of gum infections ."
    lowered = other.split(" ")
    assert talks_about(raised, raised.index("increase"), ".")
    assert not talks_about(lowered, lowered.index("reduce"), ".")


def test_a_dated_source_line_claims_nothing(lint: Lint) -> None:
    line = "-Riverton Health News (2019, March 4) Massage Relieves Fibromyalgia Pain, Study Finds"
    assert lint(line, "services") == []
    assert lint(line, "products") == []


def test_a_study_told_in_prose_still_fires(lint: Lint) -> None:
    assert lint("A 2019 study found that massage relieves fibromyalgia pain.", "services")

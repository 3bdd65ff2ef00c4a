"""Real-page precision (issue 13): services, topics, devices and a procedure's comfort named on
a clinic's page are no claims there; on a page that sells a product they still are, and the
claims they resemble still fire on any page. Every sentence here was written for these tests,
after the patterns of the labelled page groups' wrong findings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Lint = Callable[[str, str], list[str]]


@pytest.fixture
def lint(run_cli: Any, project: Path, write: Callable[..., Path]) -> Lint:
    def _lint(text: str, sells: str = "services") -> list[str]:
        write(
            "rules.yaml",
            f"registry: [claims]\ninclude: ['**/*.md', '**/*.html']\nsells: {sells}\n",
        )
        write("content/page.md", text)
        result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
        assert result.exit_code in (0, 1), result.output
        findings = json.loads(result.output)["findings"]
        return [f["code"] for f in findings if f["code"] in ("KL201", "KL205", "KL206")]

    return _lint


# Each names a service, a topic, a device or a procedure's comfort: no claim on a clinic's page.
SERVICE_NAMES = [
    # A protective noun that names a service after a disease.
    "## Measles Prevention for Families",
    "Ask our pharmacist about measles prevention before you travel.",
    "- Sports Injury Prevention Classes",
    # A form a clinician administers, named for what it is given for.
    "## Hay Fever Shots and Hay Fever Drops in Riverton",
    "Hay fever shots: given at the clinic every two weeks.",
    # A care gerund as a title, a breadcrumb's last step, or a verb's subject.
    "## Managing Rosacea",
    "Guides > Coping with Insomnia",
    "Handling eczema at school takes a plan with the teacher.",
    "Preventing tooth decay is mostly a matter of daily habits.",
    "If your back hurts after work, treating it with painkillers alone is rarely enough.",
    "The first question when treating psoriasis is how much skin it covers.",
    "A support group matters for veterans dealing with PTSD.",
    # Helping people who have a condition, said of what a clinic uses.
    "Amplified phones can help people with any kind of hearing loss.",
    # An effect word inside a noun.
    "Ear Care Hearing Aids Throat & Sleep Snoring Surgery",
    "## Lower Back Pain",
    "Robotic Assisted Knee Replacement",
    # Comfort during and after a procedure.
    "Some patients feel a pinch during the injection, but a numbing gel is applied beforehand "
    "to minimize any pain.",
    "Keep your head elevated on the first night to reduce swelling and bruising.",
]


@pytest.mark.parametrize("text", SERVICE_NAMES)
def test_a_service_topic_or_device_is_no_claim_on_a_clinic_page(lint: Lint, text: str) -> None:
    assert lint(text + "\n", "services") == []


@pytest.mark.parametrize(
    "text",
    [
        "## Measles Prevention for Families",
        "## Hay Fever Shots and Hay Fever Drops in Riverton",
        "## Managing Rosacea",
        "Preventing tooth decay is mostly a matter of daily habits.",
        "Amplified phones can help people with any kind of hearing loss.",
        "Keep your head elevated on the first night to reduce swelling and bruising.",
    ],
)
def test_the_same_words_are_a_claim_on_a_page_that_sells_the_product(lint: Lint, text: str) -> None:
    assert lint(text + "\n", "products")


@pytest.mark.parametrize(
    "text",
    [
        # A means or a promise of time after the service noun.
        "## Measles Prevention with Vitamin A Drops",
        "Cold sore prevention in just 2 days.",
        # Absolute and benefit gerunds stay claims; so does a care gerund with a product as
        # the means and no verb after it.
        "## Curing Rosacea",
        "- Improving blood sugar control",
        "Treating acne with our gel works in days.",
        # A protective noun that is not a service, and a named product.
        "Our elderberry syrup is your flu shield.",
        "Cold Sore Gummies",
        # Helping as an effect, not people who have a condition.
        "Our drops help relieve hearing loss.",
        # "lower" and "aids" as verbs.
        "It helps lower blood pressure.",
        "This tea aids digestion.",
        # Pain relief outside a procedure's care.
        "Our balm is rubbed on sore knees to reduce pain and swelling.",
    ],
)
def test_the_claims_they_resemble_still_fire_on_a_clinic_page(lint: Lint, text: str) -> None:
    assert lint(text + "\n", "services")

"""Round 18 of issue 12 (docs/figure-classes.md, "Round 18"): a credential's length, a
worked example, a count that names a part ("an eleven-core chip") or points back ("these two
methods"), a fraction that measures or compares prices, breaths and a weight shift in an
exercise, product words after 100%, a frequency in Hz, a longer list heading, and a page's
search description in its front matter. Every sentence here was written for these tests,
after the patterns of real health-business pages: each reading has sentences whose figure
leaves the claims and neighbours whose figure must stay a claim."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import figures_of, only_claim

# (page text, figure, its class, a cue among its class_cues)
SET_ASIDE = [
    (
        "After a three-year postgraduate course of study, she became board certified.\n",
        "three-year",
        "fact",
        "credential",
    ),
    (
        "He trained in Ohio for four years, where he received his degree in audiology.\n",
        "four years",
        "fact",
        "credential",
    ),
    (
        "For example, the circle at 250 Hz shows the right ear heard a tone at 35 dB.\n",
        "35",
        "fact",
        "worked-example",
    ),
    (
        "For instance, 3 friends with hearing loss talk in a noisy cafe and feel tired.\n",
        "3",
        "fact",
        "worked-example",
    ),
    (
        "The circle at 250 Hz marks where the right ear first heard the tone.\n",
        "250",
        "fact",
        "measure",
    ),
    (
        "Hearing aids for hearing loss now run on 12-core chips at a faster rate.\n",
        "12",
        "fact",
        "compound-count",
    ),
    (
        "When these 3 methods are combined, many patients feel less back pain.\n",
        "3",
        "fact",
        "refers-back",
    ),
    (
        "The tips of these models sit about half an inch inside the ear canal.\n",
        "about half",
        "fact",
        "measure",
    ),
    (
        "GLP-1 shots with real results at half the brand-name price.\n",
        "half the",
        "offer",
        "price",
    ),
    (
        "Now take 5 deep breaths into your ribs, letting the pelvic floor relax.\n",
        "5",
        "instruction",
        "exercise-prescription",
    ),
    (
        "Keep your hips level and shift about 70% of your weight onto the front leg.\n",
        "about 70%",
        "instruction",
        "weight-shift",
    ),
    (
        "Our lab makes a 100% custom lens for every patient with keratoconus.\n",
        "100%",
        "offer",
        "product-word",
    ),
    (
        "Here are 6 simple but effective exercises that ease neck pain.\n",
        "6",
        "fact",
        "list-heading",
    ),
]

# (page text, figure): neighbours that stay claims.
CLAIMS = [
    ("A 12-year study found that relief from acupuncture lasted.\n", "12-year"),
    ("For example, 1 in 3 adults over 65 has some hearing loss.\n", "1 in 3"),
    ("Results from the treatment last 6 months in most patients.\n", "6 months"),
    ("Imagine being free of back pain in 2 weeks.\n", "2 weeks"),
    ("About half of adults over 70 have hearing loss.\n", "About half of"),
    ("Half the patients had less pain within 3 weeks.\n", "Half the"),
    ("About 80% of your weight loss comes from what you eat.\n", "About 80%"),
    ("A 2.3 million-member health plan now covers migraine care.\n", "2.3 million"),
    ("Two servings of fish a week lower the risk of hearing loss by 40%.\n", "40%"),
    ("The detox phase lasts up to 10 days.\n", "up to 10 days"),
    ("Over 60 studies show that acupuncture eases chronic pain.\n", "Over 60"),
    # A verb of how much reaches or passes makes a list item a sentence, not a fragment.
    ("- **Glare**: Fresh snow reflects up to 85% of UV light.\n", "up to 85%"),
    ("- **Water**: A lake reflects up to 20%, so wear sunglasses.\n", "up to 20%"),
    ("In younger women the chance of a live birth often exceeds 45%.\n", "exceeds 45%"),
]


@pytest.mark.parametrize(("text", "figure", "figure_class", "cue"), SET_ASIDE)
def test_round_18_readings_set_figures_aside(
    write: Callable[..., Path], text: str, figure: str, figure_class: str, cue: str
) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert (claim.figure_class, cue in claim.class_cues) == (figure_class, True), claim.class_cues


@pytest.mark.parametrize(("text", "figure"), CLAIMS)
def test_round_18_results_stay_claims(write: Callable[..., Path], text: str, figure: str) -> None:
    claim = only_claim(figures_of(write, text), figure)
    assert claim.figure_class == "claim", claim.class_cues


def test_a_nested_search_description_is_read_as_copy(write: Callable[..., Path]) -> None:
    page = (
        "---\n"
        "title: Acupuncture for Back Pain\n"
        "seo:\n"
        "  page_description: >-\n"
        "    Our clinic has a 90% success rate for chronic back pain.\n"
        "  metaDescription: Acupuncture cut back pain by 45% in a recent trial.\n"
        "  page_image: /img/back.jpg\n"
        "---\n"
        "Welcome to the clinic.\n"
    )
    claims = figures_of(write, page)
    assert only_claim(claims, "90%").figure_class == "claim"
    assert only_claim(claims, "45%").figure_class == "claim"

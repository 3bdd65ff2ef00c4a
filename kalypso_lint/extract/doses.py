"""Quantities that belong to a result without being one (issue 12, round 20).

The issue's model says a dose is a product fact unless the sentence makes a claim about
the dose. Two shapes recur where a result is stated:

- a dose beside a statistic: "tirzepatide 10mg produces 18% weight loss", "at the full
  2.4mg dose, 15% of starting weight": the percentage is the claim, the dose names the
  product it is said of (an `offer`, `dose-beside-result`). A sentence about the dose itself
  keeps it a claim ("should take 600 micrograms since needs rise by 50%", "doses up to
  2.5 mg were effective in 60%", "those who took 2 grams a day"), and so does a lab level
  ("126 mg/dL");
- a body weight that sizes a worked example: "about 30 pounds for a 200-pound person", "a
  150lb goal" (a `fact`, `example-weight`); the pounds lost stay the claim.

The words are data (`doses` in data/figure_evidence.yaml); docs/figure-classes.md
("Round 20") explains them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.wordlists import word_table

DATA_FILE = "figure_evidence.yaml"
# The cues of this module: the class each one gives.
DOSE_CUES = {"dose-beside-result": "offer", "example-weight": "fact"}


@dataclass(frozen=True)
class DoseWords:
    dose_units: frozenset[str]
    about_dose: re.Pattern[str]
    example_units: frozenset[str]
    example_nouns: frozenset[str]


@cache
def dose_words() -> DoseWords:
    return word_table(DoseWords, shared_data_file(DATA_FILE)["doses"])


def around_result(span: Span, sent: Span, beside_statistic: bool) -> tuple[str, str] | None:
    """(class, cue) of a dose beside a statistic or of an example's body weight (see the
    module), or None. `sent` is the figure's sentence; `beside_statistic`: a percentage,
    fraction, rate or multiplier stands in the sentence."""
    words = dose_words()
    unit = span._.kl_reading.unit
    doc = span.doc
    after = doc[span.end].lower_ if span.end < sent.end else ""
    if unit in words.example_units and after in words.example_nouns:
        return "fact", "example-weight"
    if not beside_statistic or unit not in words.dose_units or after.startswith("/"):
        return None
    if words.about_dose.search(sent.text.lower()):
        return None
    return "offer", "dose-beside-result"

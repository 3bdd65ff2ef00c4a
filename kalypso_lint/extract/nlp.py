"""Builds the one spaCy pipeline a process uses: blank English, tuned tokenizer, sentencizer,
and our registered components. Needs no downloaded model; spaCy is imported only here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

# Importing the modules registers their factories with spaCy.
from kalypso_lint.extract import classify as _classify
from kalypso_lint.extract import medical as _medical
from kalypso_lint.extract import numbers as _numbers
from kalypso_lint.extract import phrases as _phrases
from kalypso_lint.extract import terms as _terms
from kalypso_lint.extract.lexicon import medical_lexicon, numeric_lexicon
from kalypso_lint.extract.patterns import allocate_flags

TOKENIZER = "kalypso_lint.tokenizer.v1"
_EXTRA_PREFIXES = [r"~", r"≈"]
_EXTRA_SUFFIXES = [
    r"(?<=[0-9])-",
    r"(?<=[0-9])\+",
    r"(?<=[0-9][kKmMbBxX])\+",
    r"(?<=[0-9])%",
    r"(?<=[0-9]%)\+",  # "95%+" (round 16)
    r"(?<=[0-9])×",
    # Dose units glued to the figure that spaCy's own unit list lacks: "150mcg", "800IU".
    r"(?<=[0-9])(?:mcg|MCG|µg|μg|IU|iu|CFU|cfu|psi|PSI|lbs|°)",
    # Sound levels glued to the figure: "85dBA", "3dB" (round 16).
    r"(?<=[0-9])(?:dBA|dB|dBa)",
]
_EXTRA_INFIXES = [
    # Ranges written with an en or em dash, or between percents and currencies:
    # "2–72", "50%-60%", "$20-$30" become separate tokens like "35-45" already does.
    r"(?<=[0-9%])[-–—](?=[0-9$€£~])",
    r"(?<=[0-9])%(?=[-–—])",
    r"(?<=[-–—])[$€£](?=[0-9])",
    # "(555)013-4567": a closing parenthesis glued to digits.
    r"\)(?=[0-9])",
]


@registry.tokenizers("kalypso_lint.tokenizer.v1")
def make_tokenizer() -> Callable[[Language], Tokenizer]:
    """English defaults plus our affixes, built in one go: each later change of an affix
    rule makes spaCy reload its 5,000 special cases, a third of the start-up (issue 7)."""

    def build(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(
                [*_EXTRA_PREFIXES, *(defaults.prefixes or [])]
            ).search,
            suffix_search=compile_suffix_regex(
                [*_EXTRA_SUFFIXES, *(defaults.suffixes or [])]
            ).search,
            infix_finditer=compile_infix_regex(
                [*_EXTRA_INFIXES, *(defaults.infixes or [])]
            ).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return build


@cache
def build_pipeline(terms: tuple[str, ...] = (), phrase_rules: str = "[]") -> Language:
    """The cached pipeline for one registry and rule set.

    `terms` are the registry's match terms (extract.terms); `phrase_rules` is the JSON list
    of phrase-rule specs (PhraseRule.spec), passed as text so the cache key is hashable.
    """
    assert (
        _numbers and _classify and _terms and _medical and _phrases
    )  # keep the registering imports
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.max_length = 50_000_000  # blocks are small; the limit only guards whole-file docs
    numeric, medical = numeric_lexicon(), medical_lexicon()
    allocate_flags(
        nlp.vocab,
        [
            numeric.number_patterns,
            *numeric.quantity_patterns.values(),
            *numeric.non_claim_patterns.values(),
            *medical.patterns.values(),
        ],
        keep_free=1,  # for kl_numbers' number cue
    )
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kl_entities")
    nlp.add_pipe("kl_numbers")
    nlp.add_pipe("kl_figure_classes")
    # After kl_numbers, whose merging of number tokens would shift earlier spans.
    nlp.add_pipe("kl_medical")
    nlp.add_pipe("kl_phrases", config={"rules": json.loads(phrase_rules)})
    nlp.add_pipe("kl_terms", config={"terms": list(terms)})
    return nlp

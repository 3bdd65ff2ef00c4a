"""Builds the one spaCy pipeline a process uses: blank English, tuned tokenizer, sentencizer,
and our registered components. Needs no downloaded model; spaCy is imported only here.
"""

from __future__ import annotations

import json
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Importing the modules registers their factories with spaCy.
from kalypso_lint.extract import medical as _medical
from kalypso_lint.extract import numbers as _numbers
from kalypso_lint.extract import phrases as _phrases
from kalypso_lint.extract import terms as _terms

_EXTRA_PREFIXES = [r"~", r"≈"]
_EXTRA_SUFFIXES = [
    r"(?<=[0-9])-",
    r"(?<=[0-9])\+",
    r"(?<=[0-9][kKmMbBxX])\+",
    r"(?<=[0-9])%",
    r"(?<=[0-9])×",
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


def _tune_tokenizer(nlp: Language) -> None:
    defaults = nlp.Defaults
    tokenizer: Tokenizer = nlp.tokenizer
    prefixes = [*_EXTRA_PREFIXES, *(defaults.prefixes or [])]
    suffixes = [*_EXTRA_SUFFIXES, *(defaults.suffixes or [])]
    infixes = [*_EXTRA_INFIXES, *(defaults.infixes or [])]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@cache
def build_pipeline(terms: tuple[str, ...] = (), phrase_rules: str = "[]") -> Language:
    """The cached pipeline for one registry and rule set.

    `terms` are the registry's match terms (extract.terms); `phrase_rules` is the JSON list
    of phrase-rule specs (PhraseRule.spec), passed as text so the cache key is hashable.
    """
    assert _numbers and _terms and _medical and _phrases  # keep the registering imports
    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000  # blocks are small; the limit only guards whole-file docs
    _tune_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(_medical.entity_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("kl_numbers")
    # After kl_numbers, whose merging of number tokens would shift earlier spans.
    nlp.add_pipe("kl_medical")
    nlp.add_pipe("kl_phrases", config={"rules": json.loads(phrase_rules)})
    nlp.add_pipe("kl_terms", config={"terms": list(terms)})
    return nlp

"""Whose structure/function claim it is: a supplement's, or a service's or device's (issue 13).

The supplement disclaimer rule (KL206) is about dietary supplements. A body-function claim
whose sentence names a service, a procedure or a device (data/function_claims.yaml) is an
efficacy claim instead, which KL201 reports without a registry entry.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.claim_kinds import EFFICACY, FUNCTION


@cache
def _service_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of data/function_claims.yaml, grouped by their first word."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in load_data_file("function_claims.yaml")["service_or_device"]:
        words = tuple(str(word).lower() for word in phrase)
        grouped.setdefault(words[0], []).append(words)
    return {first: tuple(phrases) for first, phrases in grouped.items()}


def names_service_or_device(sentence: Span) -> bool:
    """Whether the sentence names a service, a procedure or a device."""
    phrases = _service_phrases()
    words = [token.lower_ for token in sentence]
    for i, word in enumerate(words):
        for phrase in phrases.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return True
    return False


def medical_claim_kind(span: Span) -> str:
    """The kind a medical claim span is reported as: its label, but a structure/function
    claim made for a service or a device is an efficacy claim."""
    kind: str = span.label_
    if kind == FUNCTION and names_service_or_device(span.sent):
        return EFFICACY
    return kind

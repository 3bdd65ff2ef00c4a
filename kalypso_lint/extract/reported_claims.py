"""Claims reported, not made (issue 13, real-page precision round 4).

Pages that explain the rules or a trend talk about claims: "Claims that a product treats
obesity are prohibited", "not a blanket claim that statins prevent strokes", "its fans,
claiming it can stop snoring", "a machine that claimed to melt fat". The effect word stands
inside someone else's claim, which the sentence names as a claim; the page's own voice
claims nothing. Recurs in three labelled page groups (docs/accuracy.md, "Real-page
precision, round 4"). A verb of saying with a source for its subject ("A report claims that
noni shrinks tumours") is left a claim: regulators cite such sentences. The words are data
(data/reported_claims.yaml).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.wordlists import word_table

DATA_FILE = "reported_claims.yaml"


@dataclass(frozen=True)
class ReportedWords:
    reach: int
    stops: frozenset[str]
    claim_nouns: frozenset[str]
    claim_clauses: frozenset[str]
    noun_leads: frozenset[str]
    participles: frozenset[str]
    relatives: frozenset[str]
    relative_verbs: frozenset[str]


@cache
def reported_words() -> ReportedWords:
    return word_table(ReportedWords, shared_data_file(DATA_FILE))


def reported(words: Sequence[str], anchor: int) -> bool:
    """Whether the effect word at words[anchor] (lower case) stands in a claim the sentence
    reports: a claim noun with "that", a participle of saying, or a relative clause whose
    verb is "claim", before it in its sentence part."""
    talk = reported_words()
    opening = 0
    for i in range(anchor - 1, -1, -1):
        if words[i] in talk.stops:
            opening = i + 1
            break
    while opening < anchor and not words[opening][:1].isalnum():
        opening += 1  # bullets and quotation marks
    for i in range(max(opening, anchor - talk.reach), anchor):
        word, after = words[i], words[i + 1]
        if word in talk.participles:
            return True
        before = words[i - 1] if i > opening else ""
        # "Claims that ...", "the claim that ...": a noun; "A report claims that ...": a verb.
        if word in talk.claim_nouns and after in talk.claim_clauses:
            if not before or before in talk.noun_leads:
                return True
        # "a machine that claimed to burn fat"
        elif word in talk.relative_verbs and after == "to" and before in talk.relatives:
            return True
    return False

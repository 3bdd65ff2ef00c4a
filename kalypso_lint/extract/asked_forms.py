"""Round 14 claim readings (issue 13): forms shared across five regulator sets.

Each is a class of wording over the word lists of data/asked_forms.yaml (docs/medical-
claims.md "Round 14"):

- a question that promises, on a page that sells the product: "Can our drops help with the
  flu?" (the question cue gives way; product-only);
- a craving for nicotine said to be satisfied: "satisfies a smoker's craving for nicotine";
- a germ said unable to survive the product: "Viruses cannot survive in the presence of our
  oil" (the negation cue gives way to this form only);
- a product named by the disease it removes: "Wart Remover" (`product_nouns`, merged into
  claim_structure.yaml's protective nouns when the rules load, so KL207's features stay those
  it was fitted with).

The structural finder calls these with a sentence's lower-case words (claim_guards.py for the
question forms, research_readings.py for the rest); cues, providers and pages are decided in
claims.py and claim_guards.py as for every reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.claim_kinds import DISEASE_TERMS
from kalypso_lint.extract.cues import CLAUSE_ENDS
from kalypso_lint.extract.vocabulary import Term
from kalypso_lint.extract.wordlists import word_table


@dataclass(frozen=True)
class AskedLexicon:
    question_auxiliaries: frozenset[str]
    question_fillers: frozenset[str]
    question_askers: frozenset[str]
    question_reach: int
    satisfy_verbs: frozenset[str]
    habit_words: frozenset[str]
    need_words: frozenset[str]
    craving_reach: int
    survival_verbs: frozenset[str]
    survival_negations: frozenset[str]
    survival_links: tuple[tuple[str, ...], ...]
    survival_gap: int
    product_nouns: frozenset[str]

    @property
    def anchors(self) -> frozenset[str]:
        """The words the sentence readings hang on."""
        return self.satisfy_verbs | self.survival_verbs


@cache
def asked_lexicon() -> AskedLexicon:
    return word_table(AskedLexicon, shared_data_file("asked_forms.yaml"))


def promising_question(words: Sequence[str], start: int, lex: AskedLexicon) -> bool:
    """Whether the sentence is a question that opens with an auxiliary and asks whether the
    thing named before the claim at words[start] has the effect ("Can our drops help with the
    flu?"), not the reader's own question ("Can I take it if I have diabetes?")."""
    k = 0
    while k < len(words) and (not words[k].isalnum() or words[k] in lex.question_fillers):
        k += 1
    if k >= start or words[k] not in lex.question_auxiliaries:
        return False
    subject = words[k + 1 : start]
    if not subject or len(subject) > lex.question_reach:
        return False
    if any(w in CLAUSE_ENDS or w == "," for w in subject):
        return False
    return lex.question_askers.isdisjoint(subject)


def craving_claim(words: Sequence[str], i: int, lex: AskedLexicon) -> tuple[int, int] | None:
    """ "satisfies a smoker's craving for nicotine": the span from the verb at words[i] to the
    last word of the habit and its need, or None."""
    if words[i] not in lex.satisfy_verbs:
        return None
    stop = min(len(words), i + 1 + lex.craving_reach)
    end = next((k for k in range(i + 1, stop) if words[k] in CLAUSE_ENDS), stop)
    window = words[i + 1 : end]
    habit = [k for k, w in enumerate(window) if w in lex.habit_words]
    need = [k for k, w in enumerate(window) if w in lex.need_words]
    if not habit or not need:
        return None
    return i, i + 2 + max(habit[-1], need[-1])


def survival_claim(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: AskedLexicon
) -> tuple[int, int] | None:
    """ "Viruses cannot survive in the presence of our oil": the span from the germ to the
    link after the verb of living at words[i], or None."""
    if words[i] not in lex.survival_verbs:
        return None
    first = max(0, i - lex.survival_gap)
    negation = next(
        (k for k in range(i - 1, first - 1, -1) if words[k] in lex.survival_negations), None
    )
    if negation is None:
        return None
    # A germ, or a disease named after its germ ("the Ebola virus").
    germ = next(
        (
            t
            for t in term_at.values()
            if t.category in DISEASE_TERMS
            and t.end <= negation
            and t.end >= negation - lex.survival_gap
        ),
        None,
    )
    if germ is None:
        return None
    for link in lex.survival_links:
        size = len(link)
        for k in range(i + 1, min(len(words), i + 4)):
            if tuple(words[k : k + size]) == link:
                return germ.start, k + size
    return None


def survival_denied(
    words: Sequence[str], anchor: int, term_at: Mapping[int, Term], lex: AskedLexicon
) -> bool:
    """Whether the negation before words[anchor] belongs to a germ said unable to survive."""
    return survival_claim(words, anchor, term_at, lex) is not None

"""Implied disease claims by use (issue 13, round 10; docs/medical-claims.md "Round 10").

Rounds 3-9 read a claim's wording form by form; the FDA reads intent. A product's intended
use is shown by its labeling and promotion, whatever the verb (21 CFR 201.128; for
supplements 21 CFR 101.93(g)): on a page that sells a product, copy that ties the thing sold,
an ingredient or an unnamed subject to a disease through a word of use states that the
product is for the disease. The forms, each over word lists of data/implied_claims.yaml and
the conditions and germs of the vocabulary:

- a link of use before a condition: "Elderberry syrup for the flu", "Nettle tea against hay
  fever", "Apply in cases of eczema" (a symptom only right after the link: "for sore
  muscles");
- people who have a condition and a use they make: "People with gout take it daily";
- a condition's sufferers and a use: "Psoriasis sufferers swear by this balm", "Trusted by
  migraine sufferers";
- a line named for a disease: "Cold & Flu Support" (a heading or label);
- the thing sold as the subject of a clause that names a disease, through any verb
  (`subject_use`): "Our drops calm flare-ups of eczema".

Not when a risk, a test, a search, a cause, a suitability or a drug's indication stands
before the link ("at risk for diabetes", "screened for cancer", "medications for
arthritis"), a topic, season or event after the condition ("for cancer research", "during
flu season"), or a good germ ("the good bacteria"). The structural finder calls `implied_use`
(research_readings.py) and `subject_use` (claims.py) with a sentence's lower-case words;
cues (negation, advice, questions ...), the subject (providers, lifestyle) and the page's
seller are decided in claims.py and claim_guards.py as for every reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.claim_kinds import DISEASE_TERMS
from kalypso_lint.extract.vocabulary import Term
from kalypso_lint.extract.wordlists import longest_phrase_ending_at, word_set, word_table

# Symptoms count only right after a link (a disease, DISEASE_TERMS, anywhere).
_SYMPTOM = "symptom"
_BREAKS = frozenset({".", "!", "?", ";", ":", ",", "but", "and", "or", "while", "because"})


@dataclass(frozen=True)
class ImpliedLexicon:
    links: tuple[tuple[str, ...], ...]
    reach: int
    symptom_reach: int
    people: frozenset[str]
    people_links: tuple[tuple[str, ...], ...]
    people_after: frozenset[str]
    uses: frozenset[str]
    uses_by: frozenset[str]
    by_reach: int
    named_heads: frozenset[str]
    not_before: frozenset[str]
    not_after: frozenset[str]
    benign_before: frozenset[str]
    people_advice: frozenset[str]
    use_objects: frozenset[str]
    cosmetic_symptoms: frozenset[str]
    subject_pronouns: frozenset[str]
    subject_reach: int
    subject_not: frozenset[str]
    # The curated treatments of data/medical.yaml, one word each ("cbd", "ketamine",
    # "elderberry"): an ingredient as the subject.
    treatments: frozenset[str]

    @cached_property
    def anchors(self) -> frozenset[str]:
        """The words the readings hang on: a link's last word, a people link's last word,
        and the words for sufferers."""
        return frozenset(
            {p[-1] for p in self.links}
            | {p[-1] for p in self.people_links}
            | self.people_after
            | self.named_heads
        )

    def people_form(self, words: Sequence[str], i: int) -> bool:
        """Whether words[i] anchors a form told of people (sufferers, people with ...)."""
        return (
            words[i] in self.people_after
            or longest_phrase_ending_at(words, i, self.people_links) is not None
        )


@cache
def implied_lexicon() -> ImpliedLexicon:
    data = load_data_file("implied_claims.yaml")
    return word_table(
        ImpliedLexicon,
        data,
        treatments=word_set(
            t for t in load_data_file("medical.yaml")["treatments"] if " " not in str(t)
        ),
    )


def _condition_after(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: ImpliedLexicon
) -> Term | None:
    """The condition within reach after words[i], in its clause, not named as a topic."""
    for j in range(i + 1, min(i + 2 + lex.reach, len(words))):
        if words[j] in _BREAKS:
            return None
        term = term_at.get(j)
        if term is None:
            continue
        near = j - i <= lex.symptom_reach
        if words[j - 1] in lex.benign_before:
            return None
        cosmetic = " ".join(words[term.start : term.end]) in lex.cosmetic_symptoms
        if term.category in DISEASE_TERMS or (term.category == _SYMPTOM and near and not cosmetic):
            following = words[term.end] if term.end < len(words) else ""
            # "for arthritis to flare": the condition as the subject of what follows.
            return None if following in lex.not_after or following == "to" else term
        return None
    return None


def _used_by(words: Sequence[str], term: Term, lex: ImpliedLexicon) -> bool:
    """A use said before the people: "Used by thousands of arthritis sufferers"."""
    for j in range(term.start - 1, max(term.start - 1 - lex.by_reach, -1), -1):
        if words[j] in _BREAKS:
            return False
        if words[j] == "by" and j > 0 and words[j - 1] in lex.uses_by:
            return True
    return False


def _used(words: Sequence[str], after: int, lex: ImpliedLexicon) -> bool:
    """A use of the thing sold said of the people after words[after] ("take it daily"), with
    no advice or warning anywhere in the clause ("... who take our capsules should ask their
    doctor first")."""
    end = next((k for k in range(after, len(words)) if words[k] in _BREAKS), len(words))
    clause = words[after:end]
    if not lex.people_advice.isdisjoint(clause):
        return False
    for k, word in enumerate(clause):
        if word in lex.uses:
            # The use's object is the product: "take it", "swear by this", "use our balm".
            return not lex.use_objects.isdisjoint(clause[k + 1 : k + 3])
    return False


def implied_use(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: ImpliedLexicon
) -> tuple[int, int] | None:
    """The span (start, end) of an implied disease claim anchored at words[i], or None."""
    word = words[i]
    if word in lex.people_after:
        # "Arthritis sufferers swear by it": the condition right before, a use in the sentence.
        term = next((t for t in term_at.values() if t.end == i), None)
        if term is None or term.category not in DISEASE_TERMS:
            return None
        if not (_used(words, i + 1, lex) or _used_by(words, term, lex)):
            return None
        return term.start, i + 1
    if word in lex.named_heads:
        # "Cold & Flu Support", "Arthritis Formula": a line named for a disease, as a
        # heading or a label (no final stop, at most a few words before it).
        term = next((t for t in term_at.values() if t.end == i), None)
        if term is None or term.category not in DISEASE_TERMS or words[-1:] == ["."]:
            return None
        return (term.start, i + 1) if term.start <= 3 else None
    people_link = longest_phrase_ending_at(words, i, lex.people_links)
    if people_link is not None:
        # "People with gout take it daily": people, the link, the condition, and a use.
        first = i + 1 - len(people_link)
        if first == 0 or words[first - 1] not in lex.people:
            return None
        term = _condition_after(words, i, term_at, lex)
        if term is None or not _used(words, term.end, lex):
            return None
        return first - 1, term.end
    link = longest_phrase_ending_at(words, i, lex.links)
    if link is None:
        return None
    first = i + 1 - len(link)
    if first > 0 and words[first - 1] in lex.not_before:
        return None
    term = _condition_after(words, i, term_at, lex)
    return None if term is None else (first, term.end)


_DENIALS = frozenset({"not", "n't", "never", "cannot"})
_DENIED_VERBS = frozenset({"delay", "postpone", "defer", "cure", "treat", "prevent"})
# "It is common for arthritis to ...", "This is why arthritis hurts": the pronoun is no product.
_GENERAL_AFTER_IS = frozenset({"common", "normal", "why", "how", "what", "rare", "usual", "true"})


def _denied_or_general(before: Sequence[str]) -> bool:
    """The clause denies the effect ("will not delay the onset of") or speaks of the
    condition in general ("It is common for", "This is why")."""
    for k, word in enumerate(before[:-1]):
        if word in _DENIALS and before[k + 1] in _DENIED_VERBS:
            return True
    return before[1:2] in (["is"], ["'s"]) and before[2:3] != [] and before[2] in _GENERAL_AFTER_IS


def subject_use(
    words: Sequence[str],
    terms: Sequence[Term],
    subjects: frozenset[str],
    ingredients: Sequence[Term],
    lex: ImpliedLexicon,
) -> tuple[int, int, int] | None:
    """(start, end, anchor) of a clause whose subject is the thing sold (a word of
    `subjects`, an ingredient term, or a pronoun opening the clause) and which names a disease
    after it, through any verb; None otherwise. `ingredients` are the sentence's treatment
    terms."""
    for term in terms:
        if term.category not in DISEASE_TERMS:
            continue
        start = term.start
        while start > 0 and words[start - 1] not in _BREAKS:
            start -= 1
        before = words[start : term.start]
        if not before or len(before) > lex.subject_reach or not lex.subject_not.isdisjoint(before):
            continue
        if term.start > 0 and words[term.start - 1] in lex.benign_before:
            continue
        if term.end < len(words) and words[term.end] in lex.not_after:
            continue
        if _denied_or_general(before):
            continue
        named = any(start <= t.start and t.end <= term.start for t in ingredients)
        named = named or not lex.treatments.isdisjoint(before)
        if named or not subjects.isdisjoint(before) or before[0] in lex.subject_pronouns:
            return start, term.end, term.start
    return None

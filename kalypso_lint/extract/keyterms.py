"""Key terms of a claim's sentence, for `registry scaffold` to propose `match` groups (issue 9).

The sentence is tokenized by the same tuned tokenizer the check uses, so every term proposed
is a whole token (or run of tokens) the `kl_terms` PhraseMatcher will find again in that
sentence. Stop words, numbers and the claim's own tokens are left out; the rest are ordered
by how close they stand to the claim, because the words next to a figure usually say what
it counts.

Issue 14: terms come as their lemma where it is sure ("migraines" -> "migraine",
extract.lemmas), never a guessed spelling, since a match term finds its inflections; a name
of several capitalised words stays whole ("United States"); and the treatment and condition
the sentence names come first (`claim_terms`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.lemmas import lemma_guess

if TYPE_CHECKING:
    from kalypso_lint.models import Claim

# An all-capitals token of this length is an acronym (US, FDA, NMDA), kept even if its lower
# case is a stop word ("us").
_ACRONYM_LENGTH = range(2, 7)
# Claim texts of at most this many words are proposed whole as a phrase ("clinically proven").
_PHRASE_WORDS = 3


@cache
def _ignored() -> frozenset[str]:
    from kalypso_lint.extract.nlp import build_pipeline

    data = load_data_file("keyterms.yaml")
    stop_words = build_pipeline(()).Defaults.stop_words
    return frozenset(stop_words) | frozenset(data["ignore"])


@cache
def _stop_words() -> frozenset[str]:
    from kalypso_lint.extract.nlp import build_pipeline

    return frozenset(build_pipeline(()).Defaults.stop_words)


@cache
def _uninflected() -> frozenset[str]:
    return frozenset(load_data_file("keyterms.yaml").get("uninflected", ()))


def lemma(word: str) -> str:
    """The lower-case lemma of `word` (its last word) where it is sure, else as written."""
    *head, last = word.lower().split(" ")
    return " ".join([*head, lemma_guess(last, _uninflected())])


def _is_name_word(text: str) -> bool:
    return text[:1].isupper() and text[1:].islower() and text.isalpha()


def key_terms(sentence: str, claim_text: str) -> list[str]:
    """Lower-cased content words of `sentence` as lemmas, nearest to `claim_text` first, each
    once; consecutive capitalised words that are not stop words stay one term."""
    from kalypso_lint.extract.nlp import build_pipeline

    doc = build_pipeline(()).make_doc(sentence)
    start = sentence.find(claim_text)
    if start == -1:
        start = 0
    end = start + len(claim_text)
    inside = [t.i for t in doc if t.idx < end and t.idx + len(t.text) > start]
    first, last = (inside[0], inside[-1]) if inside else (0, 0)
    ignored, stop = _ignored(), _stop_words()
    ranked: dict[str, tuple[int, int]] = {}
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        j = i + 1
        if _is_name_word(token.text) and token.lower_ not in stop:
            while (
                j < len(tokens) and _is_name_word(tokens[j].text) and tokens[j].lower_ not in stop
            ):
                j += 1
        span = tokens[i:j]
        i = j
        if any(first <= t.i <= last for t in span) and inside:
            continue
        if len(span) > 1:  # a name: "United States", "Mayo Clinic"
            term = " ".join(t.lower_ for t in span)
        else:
            if token.like_num:
                continue
            letters = token.text.replace(".", "")
            if not letters.isalpha():
                continue
            acronym = token.text.isupper() and len(letters) in _ACRONYM_LENGTH
            lowered = token.lower_
            if not acronym and (lowered in ignored or len(letters) < 3):
                continue
            term = lowered if acronym else lemma(lowered)
        at = span[0].i
        distance = first - span[-1].i if span[-1].i < first else at - last
        ranked[term] = min(ranked.get(term, (distance, at)), (distance, at))
    return sorted(ranked, key=lambda term: ranked[term])


@cache
def _treatment_words() -> frozenset[str]:
    """Single words that name a treatment: the lexicon's and the vocabulary's, minus the
    generic ones ("infusions", "therapy")."""
    from kalypso_lint.extract.lexicon import medical_lexicon
    from kalypso_lint.extract.vocabulary import medical_vocabulary

    generic = frozenset(load_data_file("keyterms.yaml").get("generic_treatments", ()))
    words = {w for phrase in medical_lexicon().treatments for w in phrase.split()}
    vocabulary = medical_vocabulary()
    words |= {term for term, category in vocabulary.index.items() if category == "treatment"}
    return frozenset(w for w in words if len(w) > 3 and " " not in w and w not in generic)


def named_terms(sentence: str) -> list[str]:
    """The treatment and the condition (or symptom) `sentence` names, first of each."""
    from kalypso_lint.extract.nlp import build_pipeline
    from kalypso_lint.extract.vocabulary import medical_vocabulary

    words = [t.lower_ for t in build_pipeline(()).make_doc(sentence)]
    treatments = _treatment_words()
    named: list[str] = []
    treatment = next((w for w in words if w in treatments), None)
    if treatment:
        named.append(treatment)
    for term in medical_vocabulary().find(words):
        if term.category in ("condition", "symptom"):
            named.append(lemma(" ".join(words[term.start : term.end])))
            break
    return named


def claim_terms(claim: Claim) -> list[str]:
    """The terms a draft of `claim` is matched on, most telling first: the treatment and
    condition the sentence names, then (for a medical or regulatory claim) the claim's own
    phrase, then the sentence's key terms nearest the claim."""
    sentence = claim.sentence or claim.text
    ordered = named_terms(sentence)
    if claim.category != "numeric":
        own = [w for w in claim.text.lower().split() if w.isalpha()]
        if 0 < len(own) <= _PHRASE_WORDS:
            ordered.append(" ".join(own))
        else:
            ordered.extend(key_terms(claim.text, "")[:3])
    ordered.extend(key_terms(sentence, claim.text))
    seen: list[str] = []
    for term in ordered:
        covered = any(term in kept.split(" ") or kept in term.split(" ") for kept in seen)
        if term and not covered:
            seen.append(term)
    return seen

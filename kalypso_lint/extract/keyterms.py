"""Key terms of a claim's sentence, for `registry scaffold` to propose `match` groups (issue 9).

The sentence is tokenized by the same tuned tokenizer the check uses, so every term proposed
is a whole token the `kl_terms` PhraseMatcher will find again in that sentence. Stop words,
numbers and the claim's own tokens are left out; the rest are ordered by how close they stand
to the claim, because the words next to a figure usually say what it counts.
"""

from __future__ import annotations

from functools import cache

from kalypso_lint.data import load_data_file

# An all-capitals token of this length is an acronym (US, FDA, NMDA), kept even if its lower
# case is a stop word ("us").
_ACRONYM_LENGTH = range(2, 7)


@cache
def _ignored() -> frozenset[str]:
    from kalypso_lint.extract.nlp import build_pipeline

    data = load_data_file("keyterms.yaml")
    stop_words = build_pipeline(()).Defaults.stop_words
    return frozenset(stop_words) | frozenset(data["ignore"])


def key_terms(sentence: str, claim_text: str) -> list[str]:
    """Lower-cased content words of `sentence`, nearest to `claim_text` first, each once."""
    from kalypso_lint.extract.nlp import build_pipeline

    doc = build_pipeline(()).make_doc(sentence)
    start = sentence.find(claim_text)
    if start == -1:
        start = 0
    end = start + len(claim_text)
    inside = [t.i for t in doc if t.idx < end and t.idx + len(t.text) > start]
    first, last = (inside[0], inside[-1]) if inside else (0, 0)
    ignored = _ignored()
    ranked: dict[str, tuple[int, int]] = {}
    for token in doc:
        if first <= token.i <= last or token.like_num:
            continue
        letters = token.text.replace(".", "")
        if not letters.isalpha():
            continue
        acronym = token.text.isupper() and len(letters) in _ACRONYM_LENGTH
        lowered = token.lower_
        if not acronym and (lowered in ignored or len(letters) < 3):
            continue
        distance = first - token.i if token.i < first else token.i - last
        ranked[lowered] = min(ranked.get(lowered, (distance, token.i)), (distance, token.i))
    return sorted(ranked, key=lambda term: ranked[term])


@cache
def plural_rules() -> tuple[dict[str, str], tuple[str, ...]]:
    """Irregular plurals (singular -> plural) and the noun endings that take a plain "s"."""
    data = load_data_file("keyterms.yaml")
    return dict(data["irregular_plurals"]), tuple(sorted(set(data["noun_endings"])))

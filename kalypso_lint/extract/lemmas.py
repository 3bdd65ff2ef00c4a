"""A small rule-based English inflector for the effect verbs in data/claim_structure.yaml.

Lemma-level matching without spaCy's lookup lemmatizer: its table takes about 0.8 s to load,
more than half the start-up budget (issue 13). The data lists lemmas; this module makes the
forms copy uses (third person, past, participle, gerund), so "kills", "killed" and
"killing" all read as "kill". Irregular forms come from the data file.

The registry's `match` terms use the same inflector the other way round (issue 14): a term is
expanded into the forms a writer may use ("migraine" also finds "migraines", "costs" also
finds "cost"), so matching stays a PhraseMatcher lookup with no lemmatizer loaded at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

_VOWELS = frozenset("aeiou")
# Final syllables that double their consonant before -ed/-ing (stop -> stopped, zap -> zapped).
_NO_DOUBLE = frozenset("wxy")


def _doubles(lemma: str) -> bool:
    """Consonant-vowel-consonant endings of short verbs double: stop, zap, rid, shed."""
    if len(lemma) < 3 or lemma[-1] in _VOWELS or lemma[-1] in _NO_DOUBLE:
        return False
    syllables = sum(
        1 for i, c in enumerate(lemma) if c in _VOWELS and (i == 0 or lemma[i - 1] not in _VOWELS)
    )
    return syllables == 1 and lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS


def inflections(lemma: str) -> set[str]:
    """The regular forms of a verb lemma, itself included."""
    forms = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.update({lemma + "d", lemma[:-1] + "ing"})
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    elif _doubles(lemma):
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
    return forms


def agent_noun(lemma: str) -> str:
    """The "-er" noun of a verb: prevent -> preventer, balance -> balancer, eliminate ->
    eliminator, stop -> stopper ("Cancer Preventer", "Blood Sugar Balancer")."""
    if lemma.endswith("ate"):
        return lemma[:-1] + "or"
    if lemma.endswith("e"):
        return lemma + "r"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ier"
    if _doubles(lemma):
        return lemma + lemma[-1] + "er"
    return lemma + "er"


def form_table(lemmas: Iterable[str], irregular: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Every form of these lemmas -> its lemma."""
    table: dict[str, str] = {}
    for lemma in lemmas:
        for form in (*sorted(inflections(lemma)), *irregular.get(lemma, ())):
            table.setdefault(form, lemma)
    return table


# Words too short to inflect safely: "us" would otherwise find "used".
_MIN_INFLECTED = 3
# Endings of words that are not plurals although they end in "s" (loss, virus, psoriasis).
_NOT_PLURAL = ("ss", "us", "is", "ous")


def singulars(word: str, irregular: Mapping[str, str]) -> set[str]:
    """The lemmas a plural-looking `word` may come from; `irregular` maps plural -> singular.
    Guesses that are not words ("diseas" from "diseases") only add forms no copy contains."""
    if word in irregular:
        return {irregular[word]}
    if len(word) <= _MIN_INFLECTED or not word.endswith("s") or word.endswith(_NOT_PLURAL):
        return set()
    if word.endswith("ies"):
        return {word[:-3] + "y", word[:-1]}
    if word.endswith("es"):
        return {word[:-2], word[:-1]}
    return {word[:-1]}


def word_forms(
    word: str, plurals: Mapping[str, str], uninflected: frozenset[str] = frozenset()
) -> set[str]:
    """`word` and the forms of its lemma: plural or singular, and the verb forms (a match
    term is a noun or a verb; no tagger says which). `plurals` maps singular -> plural for
    irregular nouns; `uninflected` words (news, series) are left as they are."""
    if not word.isalpha() or len(word) < _MIN_INFLECTED or word in uninflected:
        return {word}
    to_singular = {plural: single for single, plural in plurals.items()}
    lemmas = singulars(word, to_singular) or {word}
    forms = {word}
    for lemma in lemmas:
        if lemma in plurals:
            forms.update({lemma, plurals[lemma]})
        elif len(lemma) == _MIN_INFLECTED:  # "day": the plural only, no "dayed"
            forms.update({lemma, lemma + "s"})
        else:
            forms.update(inflections(lemma))
    return forms


def lemma_guess(word: str, uninflected: frozenset[str]) -> str:
    """The dictionary form of a noun as written in copy, when it is sure: a plain "-s"
    plural's stem ("migraines" -> "migraine", "costs" -> "cost"). Plurals whose stem is
    ambiguous are left as written ("families", "boxes"; not "familie"), and so are irregular
    ones ("people" reads better than "person"): a match term finds its inflections anyway."""
    if (
        not word.isalpha()
        or len(word) <= _MIN_INFLECTED
        or word in uninflected
        or not word.endswith("s")
        or word.endswith((*_NOT_PLURAL, "ics", "ies", "ses", "shes", "ches", "xes", "zes"))
    ):
        return word
    return word[:-1]

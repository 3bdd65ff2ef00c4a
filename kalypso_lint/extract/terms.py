"""The `kl_terms` component: marks where the registry's `match` terms occur (PhraseMatcher).

Terms are matched case-insensitively on whole tokens, so "us" never matches inside "use"
and multi-word terms ("united states") match across their tokens. A term also finds the
inflections of its last word (issue 14: "migraine" finds "migraines", "cost" finds "costs",
"migraine attack" finds "migraine attacks"), made by extract.lemmas. A figure's own words
count too: "$635 billion" is one token once kl_numbers has merged it, and a `[billion]` group
still finds it.
"""

from __future__ import annotations

from functools import cache

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.lemmas import word_forms
from kalypso_lint.extract.patterns import WordTable
from kalypso_lint.registry.model import normalise_term

TERMS_SPANS_KEY = "kl_terms"


@cache
def _inflection_data() -> tuple[dict[str, str], frozenset[str]]:
    data = load_data_file("keyterms.yaml")
    return dict(data["irregular_plurals"]), frozenset(data.get("uninflected", ()))


def last_word_forms(term: str) -> list[str]:
    """The forms of `term`'s last word (itself included), from extract.lemmas."""
    plurals, uninflected = _inflection_data()
    last = term.rsplit(" ", 1)[-1]
    return sorted(word_forms(last, plurals, uninflected))


def term_forms(term: str) -> list[str]:
    """`term` (normalised) and its inflected forms: the last word inflected, the rest kept."""
    head = term.rsplit(" ", 1)[0] + " " if " " in term else ""
    return [head + form for form in last_word_forms(term)]


@Language.factory(
    "kl_terms",
    assigns=["doc.spans"],
    default_config={"terms": []},
)
def make_term_finder(nlp: Language, name: str, terms: list[str]) -> TermFinder:
    return TermFinder(nlp, terms)


class TermFinder:
    """Terms as written go into a PhraseMatcher (tokenized in each casing: the tokenizer's
    exceptions are case-sensitive); their inflected forms into a dict looked up by the
    lower-cased words, since a PhraseMatcher pattern costs a new vocabulary entry per word
    form (about ten times the start-up time for a large registry)."""

    def __init__(self, nlp: Language, terms: list[str]) -> None:
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.inflected: dict[tuple[str, ...], list[str]] = {}
        for term in sorted({normalise_term(t) for t in terms if t.strip()}):
            # The tokenizer's exceptions are case-sensitive ("U.S." is one token, "u.s." two),
            # so the phrase is tokenized as it may be written and matched on lower case.
            variants: dict[tuple[str, ...], Doc] = {}
            for written in (term, term.upper(), term.capitalize(), term.title()):
                doc = nlp.make_doc(written)
                variants.setdefault(tuple(t.lower_ for t in doc), doc)
            self.matcher.add(term, list(variants.values()))
            # Inflections change only an alphabetic last word, which the tokenizer keeps whole.
            words = next(iter(variants))
            if words and words[-1] == term.rsplit(" ", 1)[-1]:
                for form in last_word_forms(term):
                    key = (*words[:-1], form)
                    if key not in variants:
                        self.inflected.setdefault(key, []).append(term)
        strings = nlp.vocab.strings
        # Word -> whether it holds whitespace (a token kl_numbers merged).
        self.spaced = WordTable(lambda orth: any(c.isspace() for c in strings[orth]))
        self.lengths = sorted({len(key) for key in self.inflected})
        self.firsts = frozenset(key[0] for key in self.inflected)
        # The same words as ids: a block holding none has no inflected term (issue 16).
        self.first_ids = frozenset(strings.add(word) for word in self.firsts)

    def _inflected_in(self, words: list[str]) -> list[tuple[int, int, str]]:
        found = []
        firsts = self.firsts
        for start, word in enumerate(words):
            if word not in firsts:
                continue
            for size in self.lengths:
                if start + size > len(words):
                    break
                for term in self.inflected.get(tuple(words[start : start + size]), ()):
                    found.append((start, start + size, term))
        return found

    def __call__(self, doc: Doc) -> Doc:
        spans = list(self.matcher(doc, as_spans=True))
        strings = self.nlp.vocab.strings
        # Word ids in bulk, not a Token object per word (issue 16).
        orths, lowers = doc.to_array([ORTH, LOWER]).T.tolist()
        if self.inflected and not self.first_ids.isdisjoint(lowers):
            for start, end, term in self._inflected_in([strings[i] for i in lowers]):
                spans.append(Span(doc, start, end, label=strings[term]))
        # Tokens kl_numbers merged ("$635 billion") hide their words from the matcher: look
        # inside them, and mark the whole merged token.
        spaced = self.spaced
        for index, orth in enumerate(orths):
            if not spaced[orth]:
                continue
            inner = self.nlp.make_doc(strings[orth])
            labels = [strings[m] for m, _start, _end in self.matcher(inner)]
            labels += [term for _s, _e, term in self._inflected_in([t.lower_ for t in inner])]
            for label in labels:
                spans.append(Span(doc, index, index + 1, label=label))
        doc.spans[TERMS_SPANS_KEY] = spans
        return doc

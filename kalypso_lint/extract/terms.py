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

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.lemmas import word_forms
from kalypso_lint.registry.model import normalise_term

TERMS_SPANS_KEY = "kl_terms"


@cache
def _inflection_data() -> tuple[dict[str, str], frozenset[str]]:
    data = load_data_file("keyterms.yaml")
    return dict(data["irregular_plurals"]), frozenset(data.get("uninflected", ()))


def term_forms(term: str) -> list[str]:
    """`term` (normalised) and its inflected forms: the last word inflected, the rest kept."""
    plurals, uninflected = _inflection_data()
    *head, last = term.split(" ")
    return sorted(" ".join([*head, form]) for form in word_forms(last, plurals, uninflected))


@Language.factory(
    "kl_terms",
    assigns=["doc.spans"],
    default_config={"terms": []},
)
def make_term_finder(nlp: Language, name: str, terms: list[str]) -> TermFinder:
    return TermFinder(nlp, terms)


class TermFinder:
    def __init__(self, nlp: Language, terms: list[str]) -> None:
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for term in sorted({normalise_term(t) for t in terms if t.strip()}):
            # The tokenizer's exceptions are case-sensitive ("U.S." is one token, "u.s." two),
            # so the phrase is tokenized as it may be written and matched on lower case.
            variants: dict[tuple[str, ...], Doc] = {}
            for form in term_forms(term):
                for written in (form, form.upper(), form.capitalize(), form.title()):
                    doc = nlp.make_doc(written)
                    variants.setdefault(tuple(t.lower_ for t in doc), doc)
            self.matcher.add(term, list(variants.values()))

    def __call__(self, doc: Doc) -> Doc:
        spans = list(self.matcher(doc, as_spans=True))
        # Tokens kl_numbers merged ("$635 billion") hide their words from the matcher: look
        # inside them, and mark the whole merged token.
        for token in doc:
            if not any(c.isspace() for c in token.text):
                continue
            for match_id, _start, _end in self.matcher(self.nlp.make_doc(token.text)):
                spans.append(Span(doc, token.i, token.i + 1, label=match_id))
        doc.spans[TERMS_SPANS_KEY] = spans
        return doc

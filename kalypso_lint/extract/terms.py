"""The `kl_terms` component: marks where the registry's `match` terms occur (PhraseMatcher).

Terms are matched case-insensitively on whole tokens, so "us" never matches inside "use"
and multi-word terms ("united states") match across their tokens.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kalypso_lint.registry.model import normalise_term

TERMS_SPANS_KEY = "kl_terms"


@Language.factory(
    "kl_terms",
    assigns=["doc.spans"],
    default_config={"terms": []},
)
def make_term_finder(nlp: Language, name: str, terms: list[str]) -> TermFinder:
    return TermFinder(nlp, terms)


class TermFinder:
    def __init__(self, nlp: Language, terms: list[str]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for term in sorted({normalise_term(t) for t in terms if t.strip()}):
            # The tokenizer's exceptions are case-sensitive ("U.S." is one token, "u.s." two),
            # so the phrase is tokenized as it may be written and matched on lower case.
            variants: dict[tuple[str, ...], Doc] = {}
            for written in (term, term.upper(), term.capitalize(), term.title()):
                doc = nlp.make_doc(written)
                variants.setdefault(tuple(t.lower_ for t in doc), doc)
            self.matcher.add(term, list(variants.values()))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[TERMS_SPANS_KEY] = self.matcher(doc, as_spans=True)
        return doc

"""The `kl_medical` spaCy component: claims without figures.

An EntityRuler (built from data/medical.yaml) labels TREATMENT and CONDITION entities; this
component's Matcher then finds, within one sentence:
- efficacy:  TREATMENT ... effect word ... CONDITION ("ketamine infusions relieve migraine"),
             or CONDITION relief/treatment with/from TREATMENT;
- mechanism: TREATMENT ... mechanism verb ... receptor/pathway word ("blocks NMDA
             receptors"), or TREATMENT is a(n) ... antagonist/inhibitor;
- safety:    "no side effects", "non-addictive" always; "safe" when a treatment is named;
- study:     "in one study", "research shows", "clinical trials prove";
- testimonial: a quoted first-person result ("my headaches are finally gone").
Where spans overlap, the more specific kind wins (mechanism > safety > efficacy).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from kalypso_lint.extract.lexicon import MedicalLexicon, medical_lexicon
from kalypso_lint.extract.patterns import compile_patterns

MEDICAL_SPANS_KEY = "kl_medical"
_PRIORITY = {"mechanism": 0, "safety": 1, "study": 2, "efficacy": 3, "testimonial": 4}
_QUOTES = re.compile(r"[\"“”]")


def entity_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns for treatments and conditions (phrases, matched on LOWER)."""
    lex = medical_lexicon()
    patterns: list[dict[str, Any]] = []
    for label, phrases in (("TREATMENT", lex.treatments), ("CONDITION", lex.conditions)):
        patterns.extend({"label": label, "pattern": phrase} for phrase in phrases)
    return patterns


def register_extensions() -> None:
    if not Doc.has_extension("kl_block_kind"):
        Doc.set_extension("kl_block_kind", default="paragraph")


@Language.factory("kl_medical", assigns=["doc.spans"], requires=["doc.ents", "token.is_sent_start"])
def make_medical_finder(nlp: Language, name: str) -> MedicalClaimFinder:
    return MedicalClaimFinder(nlp)


class MedicalClaimFinder:
    def __init__(self, nlp: Language) -> None:
        register_extensions()
        self.lex: MedicalLexicon = medical_lexicon()
        # Validated by the tests; compiled patterns may hold lexeme flags (extract/patterns.py).
        self.matcher = Matcher(nlp.vocab, validate=False)
        for label, patterns in self.lex.patterns.items():
            self.matcher.add(label, compile_patterns(nlp.vocab, patterns))
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("safety", [nlp.make_doc(p) for p in self.lex.safety_always])
        self.phrases.add("study", [nlp.make_doc(p) for p in self.lex.study_phrases])

    def _negated(self, span: Span) -> bool:
        return any(t.lower_ in self.lex.negations for t in span)

    def _candidates(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=label)
            if self._negated(span):
                continue
            found.append(span)
        for match_id, start, end in self.phrases(doc):
            found.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
        found.extend(self._testimonials(doc))
        return found

    def _testimonials(self, doc: Doc) -> list[Span]:
        """Quoted first-person results; in a blockquote the quote marks are optional."""
        found = []
        quoted_block = doc._.kl_block_kind == "quote"
        for sentence in doc.sents:
            words = {t.lower_ for t in sentence}
            if not (words & self.lex.first_person and words & self.lex.outcome_words):
                continue
            if quoted_block or _QUOTES.search(sentence.text):
                tokens = [t for t in sentence if not t.is_space]
                # The quote marks and the dash before an attribution are not part of the words.
                while len(tokens) > 1 and tokens[-1].is_punct and tokens[-1].text not in ".!?":
                    tokens.pop()
                while len(tokens) > 1 and tokens[0].is_punct:
                    tokens.pop(0)
                found.append(Span(doc, tokens[0].i, tokens[-1].i + 1, label="testimonial"))
        return found

    def __call__(self, doc: Doc) -> Doc:
        candidates = self._candidates(doc)
        # Most specific kind first, then longest; drop anything overlapping a kept span.
        candidates.sort(key=lambda s: (_PRIORITY[s.label_], -(s.end - s.start), s.start))
        kept: list[Span] = []
        taken: set[int] = set()
        for span in candidates:
            if taken.intersection(range(span.start, span.end)):
                continue
            kept.append(span)
            taken.update(range(span.start, span.end))
        kept.sort(key=lambda s: s.start)
        doc.spans[MEDICAL_SPANS_KEY] = kept
        return doc

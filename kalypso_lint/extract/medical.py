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

MEDICAL_SPANS_KEY = "kl_medical"
# Efficacy and mechanism can be two readings of the same words: the longer one wins.
_COMPETING = frozenset({"efficacy", "mechanism"})
# Before a claim, these say it is denied: "There is no evidence that IV drips prevent colds".
_DENIALS = (("no", "evidence"), ("no", "proof"), ("not", "true"), ("myth",), ("never",))
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
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in self.lex.patterns.items():
            self.matcher.add(label, patterns)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("safety", [nlp.make_doc(p) for p in self.lex.safety_always])
        self.phrases.add("study", [nlp.make_doc(p) for p in self.lex.study_phrases])

    def _negated(self, span: Span) -> bool:
        """ "does not cure" inside the claim, or "no evidence that ..." just before it."""
        if any(t.lower_ in self.lex.negations for t in span):
            return True
        doc = span.doc
        before = [t.lower_ for t in doc[max(span.sent.start, span.start - 6) : span.start]]
        return any(
            before[i : i + len(denial)] == list(denial)
            for denial in _DENIALS
            for i in range(len(before))
        )

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
            # About the speaker ("my", "I") or about a condition ("The panic attacks stopped").
            personal = words & self.lex.first_person or any(
                e.label_ == "CONDITION" for e in sentence.ents
            )
            if not (personal and words & self.lex.outcome_words):
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
        # Longest first. A span is dropped when it overlaps a kept span of its own kind, or
        # when efficacy and mechanism compete for the same words; a safety phrase inside an
        # efficacy claim ("risk-free and cure hangovers") is a claim of its own.
        candidates.sort(key=lambda s: (-(s.end - s.start), s.start, s.label_))
        kept: list[Span] = []
        for span in candidates:
            rivals = [k for k in kept if k.start < span.end and span.start < k.end]
            if any(
                k.label_ == span.label_ or {k.label_, span.label_} <= _COMPETING for k in rivals
            ):
                continue
            kept.append(span)
        kept.sort(key=lambda s: (s.start, s.label_))
        doc.spans[MEDICAL_SPANS_KEY] = kept
        return doc

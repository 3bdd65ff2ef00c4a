"""The `kl_medical` spaCy component: claims without figures.

`kl_entities` (built from data/medical.yaml) labels TREATMENT and CONDITION entities; this
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
from collections.abc import Set

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from kalypso_lint.extract.care_talk import specialty
from kalypso_lint.extract.claim_kinds import PRODUCTS_ONLY
from kalypso_lint.extract.claims import StructureFinder
from kalypso_lint.extract.cues import Cues, claim_cues
from kalypso_lint.extract.doctext import block_text
from kalypso_lint.extract.lexicon import MedicalLexicon, medical_lexicon
from kalypso_lint.extract.page_claims import PAGE_SPANS_KEY, PageCandidates
from kalypso_lint.extract.page_talk import quotes_mention
from kalypso_lint.extract.pattern_gate import GatedMatcher
from kalypso_lint.extract.patterns import Pattern, is_optional, lower_words
from kalypso_lint.extract.reported_claims import reported
from kalypso_lint.extract.service_names import names_research
from kalypso_lint.extract.testimonials import inside_quotes

MEDICAL_SPANS_KEY = "kl_medical"
# Claims read only on a product page (kalypso_lint/seller.py): kept apart, so a block's Doc is
# the same whatever the page sells and the block memo stays exact.
PRODUCT_SPANS_KEY = "kl_medical_products"
# Efficacy, mechanism and the regulatory kinds of efficacy (disease, structure-function) can
# be readings of the same words: the longer one wins.
_COMPETING = frozenset({"efficacy", "mechanism", "disease", "structure-function"})
# Kinds that advice, questions, hypotheticals and disclaimers (data/claim_cues.yaml) undo.
_CUED = frozenset({"efficacy", "mechanism", "safety", "disease", "structure-function"})
# Before a claim, these say it is denied: "There is no evidence that IV drips prevent colds".
_DENIALS = (("no", "evidence"), ("no", "proof"), ("not", "true"), ("myth",), ("never",))
_QUOTES = re.compile(r"[\"“”]")


@Language.factory("kl_entities", assigns=["doc.ents"])
def make_entity_finder(nlp: Language, name: str) -> EntityFinder:
    return EntityFinder(nlp)


class EntityFinder:
    """Treatments and conditions (data/medical.yaml) as TREATMENT and CONDITION entities.

    What spaCy's EntityRuler does with phrase patterns: longest matches first, then the
    earliest; a match touching a taken token is dropped. Without the EntityRuler's empty
    token Matcher, a pass over every token, and its per-Doc warnings filter (issue 7).
    """

    def __init__(self, nlp: Language) -> None:
        lex = medical_lexicon()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, phrases in (("TREATMENT", lex.treatments), ("CONDITION", lex.conditions)):
            self.matcher.add(label, [nlp.make_doc(phrase) for phrase in phrases])

    def __call__(self, doc: Doc) -> Doc:
        found = {(label, start, end) for label, start, end in self.matcher(doc) if start != end}
        entities: list[Span] = []
        taken: set[int] = set()
        for label, start, end in sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
            if start in taken or end - 1 in taken:
                continue
            entities.append(Span(doc, start, end, label=label))
            taken.update(range(start, end))
        doc.ents = entities
        return doc


def register_extensions() -> None:
    if not Doc.has_extension("kl_block_kind"):
        Doc.set_extension("kl_block_kind", default="paragraph")
    # The block's text as read: Doc.text rebuilds it from every token on each access.
    if not Doc.has_extension("kl_text"):
        Doc.set_extension("kl_text", default=None)


@Language.factory("kl_medical", assigns=["doc.spans"], requires=["doc.ents", "token.is_sent_start"])
def make_medical_finder(nlp: Language, name: str) -> MedicalClaimFinder:
    return MedicalClaimFinder(nlp)


class MedicalClaimFinder:
    def __init__(self, nlp: Language) -> None:
        register_extensions()
        self.lex: MedicalLexicon = medical_lexicon()
        # Validated by the tests; compiled patterns may hold lexeme flags (extract/patterns.py).
        # Each block goes through a Matcher of the patterns whose words it holds, which finds
        # what the Matcher of all nine finds, in its order (extract/pattern_gate.py).
        self.matcher = GatedMatcher(nlp.vocab, list(self.lex.patterns.items()))
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("safety", [nlp.make_doc(p) for p in self.lex.safety_always])
        self.phrases.add("study", [nlp.make_doc(p) for p in self.lex.study_phrases])
        strings = nlp.vocab.strings
        self.first_person = frozenset(strings.add(w) for w in self.lex.first_person)
        self.outcome_words = frozenset(strings.add(w) for w in self.lex.outcome_words)
        self.starts = _pattern_starts(self.lex.patterns, strings)
        self.needs = _pattern_needs(self.lex.patterns, strings)
        self.structure = StructureFinder(nlp)
        self.cues: Cues = claim_cues()
        # Lines that are claims on their page only (round 16, extract/page_claims.py).
        self.page = PageCandidates(strings, self.cues, lambda: self.structure.vocabulary)

    def _negated(self, span: Span) -> bool:
        """ "does not cure" inside the claim, or "no evidence that ..." just before it."""
        # Contracted forms are two tokens ("can't": "ca", "n't"; also with a curly apostrophe).
        # "No studies have proven ...": a negation right before the claim denies it.
        first = max(span.sent.start, span.start - 1)
        if any(t.lower_ in self.lex.negations for t in span.doc[first : span.end]):
            return True
        if self.cues.negates([t.lower_ for t in span]):
            return True
        doc = span.doc
        before = [t.lower_ for t in doc[max(span.sent.start, span.start - 6) : span.start]]
        return any(
            before[i : i + len(denial)] == list(denial)
            for denial in _DENIALS
            for i in range(len(before))
        )

    def _candidates(self, doc: Doc, lower: list[int]) -> tuple[list[Span], list[Span]]:
        """The candidate claims, and those right on a product page only; `lower` holds the
        Doc's LOWER ids."""
        found: list[Span] = []
        # A cheap look at the block's words first: most blocks can match no pattern at all.
        words = set(lower)
        for match_id, start, end in self.matcher(doc) if self._may_match(doc, words) else ():
            label = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=label)
            if self._negated(span):
                continue
            found.append(span)
        for match_id, start, end in self.phrases(doc):
            found.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
        # "What the Research Shows About ...": research named, no result told.
        found = [s for s in found if s.label_ != "study" or not names_research(s)]
        # A reference list entry ("Riverton Health News (2019, March 4) Study finds ...")
        # names a study or an article; its title claims nothing, as the structural finder
        # reads it too (round 2, data/claim_cues.yaml `reference-entries`).
        if found and self.cues.reference_entry(block_text(doc)):
            found = []
        if not (words.isdisjoint(self.first_person) or words.isdisjoint(self.outcome_words)):
            found.extend(self._testimonials(doc, lower))
        found = [span for span in found if not self._cued(span)]
        # "Claims that a tea cures diabetes are not allowed": a claim the sentence reports
        # (real-page precision round 4, extract/reported_claims.py).
        found = [span for span in found if not _reported(span)]
        # "Our team specializes in treating heel pain": a provider's specialty is a claim on
        # a product page only, as the structural finder reads it (round 3, care_talk.py).
        provided: list[Span] = []
        rest: list[Span] = []
        for span in found:
            (provided if _specialty(span) else rest).append(span)
        found = rest
        structural, products = [], list(provided)
        for span in self.structure(doc, lower):
            if span.label_.endswith(PRODUCTS_ONLY):
                products.append(Span(doc, span.start, span.end, label=span.label_.split("|")[0]))
            else:
                structural.append(span)
        return _regulatory_kinds(found, structural), products

    def _may_match(self, doc: Doc, words: Set[int]) -> bool:
        """False when no pattern can match: a test implied by the patterns themselves."""
        if not (self.starts is None or doc.ents or not words.isdisjoint(self.starts)):
            return False
        # An entity alone is not enough: each pattern also needs words of its own.
        return any(all(not words.isdisjoint(need) for need in needs) for needs in self.needs)

    def _cued(self, span: Span) -> bool:
        """A lexicon claim in a sentence that advises, asks, supposes or disclaims
        ("ensure IV therapy is safe for you"); the structural finder checks its own."""
        if span.label_ not in _CUED and span.label_ != "study":
            return False
        sentence = span.sent
        words = [t.lower_ for t in sentence]
        last = sentence.text.rstrip()[-1:]
        reason = self.cues.reason(words, span.start - sentence.start, last)
        # Research named in a sentence that declares the therapy no established care (round
        # 15): only a disclaimer undoes a study result; a question or a supposition about one
        # ("Is it true that research has shown ...?") still names it.
        if span.label_ == "study":
            return reason == "disclaimer"
        return reason is not None

    def _testimonials(self, doc: Doc, lower: list[int]) -> list[Span]:
        """Quoted first-person results; in a blockquote the quote marks are optional.
        `lower` holds the Doc's LOWER ids (the words are compared by id, no Token each)."""
        found = []
        quoted_block = doc._.kl_block_kind == "quote"
        for sentence in doc.sents:
            ids = lower[sentence.start : sentence.end]
            if self.outcome_words.isdisjoint(ids):
                continue
            # About the speaker ("my", "I") or about a condition ("The panic attacks stopped").
            if self.first_person.isdisjoint(ids) and not any(
                e.label_ == "CONDITION" for e in sentence.ents
            ):
                continue
            # A word or a question put in quotes is no one telling a result (round 2).
            if quoted_block or (
                _QUOTES.search(sentence.text) and not quotes_mention(sentence.text)
            ):
                start, end = inside_quotes(doc, sentence.start, sentence.end)
                found.append(Span(doc, start, end, label="testimonial"))
        return found

    def __call__(self, doc: Doc) -> Doc:
        # The words' ids once, for every reading below (issue 16, round 8).
        lower = doc.to_array(LOWER).tolist()
        candidates, products = self._candidates(doc, lower)
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
        # A product-only reading adds a claim where no other claim stands: one per place.
        extra: list[Span] = []
        for span in sorted(products, key=lambda s: (-(s.end - s.start), s.start, s.label_)):
            if not any(k.start < span.end and span.start < k.end for k in (*kept, *extra)):
                extra.append(span)
        extra.sort(key=lambda s: (s.start, s.label_))
        doc.spans[PRODUCT_SPANS_KEY] = extra
        # The page decides on these (spans.py): kept apart, so the Doc does not depend on it.
        doc.spans[PAGE_SPANS_KEY] = self.page(doc, kept, extra, lower)
        return doc


def _specialty(span: Span) -> bool:
    """An efficacy claim whose effect word follows a provider's specialty ("specializes in
    treating ...")."""
    if span.label_ != "efficacy":
        return False
    sentence = span.sent
    words = [t.lower_ for t in sentence]
    offset = span.start - sentence.start
    return any(specialty(words, i) for i in range(offset, offset + len(span)))


def _reported(span: Span) -> bool:
    """A lexicon claim that opens inside a claim its sentence reports."""
    if span.label_ not in _CUED:
        return False
    sentence = span.sent
    return reported([t.lower_ for t in sentence], span.start - sentence.start)


def _regulatory_kinds(lexicon: list[Span], structural: list[Span]) -> list[Span]:
    """An efficacy claim that a structural claim overlaps takes its regulatory kind
    ("Our gummies cure the flu" is a disease claim); the structural spans join the rest."""
    result = []
    for span in lexicon:
        if span.label_ == "efficacy":
            kinds = {s.label_ for s in structural if s.start < span.end and span.start < s.end} & {
                "disease",
                "structure-function",
            }
            if kinds:
                kind = "disease" if "disease" in kinds else "structure-function"
                span = Span(span.doc, span.start, span.end, label=kind)
        result.append(span)
    return [*result, *structural]


def _pattern_starts(
    patterns: dict[str, list[Pattern]], strings: StringStore
) -> frozenset[int] | None:
    """The words (lower case) a match can start with, besides an entity; None when some
    pattern can start otherwise, and every block must go through the Matcher."""
    words: set[int] = set()
    for pattern in (p for group in patterns.values() for p in group):
        first = pattern[0]
        if is_optional(first):
            return None
        if "ENT_TYPE" in first:
            continue
        members = lower_words(first)
        if members is None or set(first) - {"LOWER", "OP"}:
            return None
        words.update(strings.add(word) for word in members)
    return frozenset(words)


def _pattern_needs(
    patterns: dict[str, list[Pattern]], strings: StringStore
) -> list[list[frozenset[int]]]:
    """Per pattern, the word sets (lower case) a block must draw on for it to match: one
    set for each step that must take a token and names its words (`LOWER`, or `LOWER: {IN:
    [...]}`). A pattern with no such step needs nothing and lets every block through."""
    result: list[list[frozenset[int]]] = []
    for pattern in (p for group in patterns.values() for p in group):
        needs: list[frozenset[int]] = []
        for step in pattern:
            members = None if is_optional(step) else lower_words(step)
            if members is not None:
                needs.append(frozenset(strings.add(word) for word in members))
        result.append(needs)
    return result

"""Health claims by their structure, whether or not the product is named (issue 13).

An effect word (a verb at lemma level, a noun form such as "effective treatment of", an
"anti-" word, a "cancer-fighting" compound) + a term from the medical vocabulary, within one
clause, is a claim. Its kind is what a regulatory reviewer would call it:

- disease:            treats, cures, mitigates or prevents a disease, symptom or germ
                      (FD&C Act 201(g)(1)(B); 21 CFR 101.93(g)); also a function claim tied
                      to a disease in the same sentence (an implied disease claim);
- structure-function: supports or maintains a normal body function (21 CFR 101.93(f));
- efficacy:           weight and looks ("burns belly fat").

Sentences that negate, deny, advise, ask, suppose or disclaim are left out
(data/claim_cues.yaml), as are doctors treating patients and drug-information wording
("is used to treat"). All words are data (data/claim_structure.yaml).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy
from spacy.attrs import LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from kalypso_lint.extract.asked_forms import AskedLexicon, asked_lexicon
from kalypso_lint.extract.boasts import (
    BoastLexicon,
    boast_lexicon,
)
from kalypso_lint.extract.care_talk import claims_nothing, specialty, sun_advice
from kalypso_lint.extract.claim_guards import ClaimGuards
from kalypso_lint.extract.claim_kinds import (
    DISEASE,
    FUNCTION,
    INFORMATION,
    PRODUCTS_ONLY,
    SERVICE,
    Found,
)
from kalypso_lint.extract.common_forms import (
    CommonLexicon,
    common_lexicon,
)
from kalypso_lint.extract.cues import Cues, claim_cues, plain_apostrophes
from kalypso_lint.extract.declines import declines
from kalypso_lint.extract.doctext import block_text
from kalypso_lint.extract.editorial_marks import elisions, has_inner_bracket, unbracketed
from kalypso_lint.extract.framing import (
    FramingLexicon,
    framing_lexicon,
    made_by_writer,
)
from kalypso_lint.extract.implied import (
    ImpliedLexicon,
    implied_lexicon,
    subject_use,
)
from kalypso_lint.extract.named_forms import NamedLexicon, named_lexicon
from kalypso_lint.extract.near_forms import (
    NearLexicon,
    near_lexicon,
)
from kalypso_lint.extract.noun_readings import NounReadings
from kalypso_lint.extract.page_talk import talks_about
from kalypso_lint.extract.product_readings import ProductReadings
from kalypso_lint.extract.promises import (
    PromiseLexicon,
    promise_lexicon,
)
from kalypso_lint.extract.reading_gates import ReadingTable
from kalypso_lint.extract.reported_claims import reported
from kalypso_lint.extract.research_readings import ResearchReadings
from kalypso_lint.extract.sentence_memo import SentenceMemo, Watched
from kalypso_lint.extract.service_names import (
    in_noun_compound,
    names_a_topic,
    procedure_comfort,
)
from kalypso_lint.extract.standalone import (
    StandaloneLexicon,
    standalone_lexicon,
)
from kalypso_lint.extract.state_readings import StateReadings
from kalypso_lint.extract.structure_lexicon import structure_lexicon
from kalypso_lint.extract.structure_words import (
    FIRST_PERSON,
    NOT_SOLD,
    PRONOUNS,
    SPEAKERS,
    anchor_word,
    by_anchor,
    contains_phrase,
    coordinated_kinds,
)
from kalypso_lint.extract.testimonials import TestimonialFinder
from kalypso_lint.extract.verb_readings import VerbReadings
from kalypso_lint.extract.vocabulary import Term, Vocabulary


class StructureFinder(
    ClaimGuards,
    VerbReadings,
    NounReadings,
    ProductReadings,
    ResearchReadings,
    StateReadings,
):
    """Finds structural claims in a Doc's sentences; built once with the pipeline."""

    def __init__(self, nlp: Language) -> None:
        self.lex = structure_lexicon()
        self.promises: PromiseLexicon = promise_lexicon()
        self.boasts: BoastLexicon = boast_lexicon()
        self.framing: FramingLexicon = framing_lexicon()
        self.implied: ImpliedLexicon = implied_lexicon()
        self.near: NearLexicon = near_lexicon()
        self.standalone: StandaloneLexicon = standalone_lexicon()
        self.common: CommonLexicon = common_lexicon()
        self.asked: AskedLexicon = asked_lexicon()
        self.named: NamedLexicon = named_lexicon()
        # The sentence's words as written (case kept), for a brand name as the subject.
        self._texts: Sequence[str] = ()
        self._words: Sequence[str] = ()
        self.cues: Cues = claim_cues()
        self._vocabulary: Vocabulary | None = None
        lex = self.lex
        self.triggers = frozenset(
            {
                *lex.forms,
                *lex.nouns_always,
                *lex.nouns_qualified,
                *lex.nouns_products,
                *lex.association_words,
                *lex.anti,
                *lex.compounds,
                *lex.protective,
                *lex.agents,
                *lex.substitute_nouns,
                *lex.substitute_verbs,
                *lex.effect_adjectives,
                *lex.outcome_verbs,
                "for",
                *(anchor_word(p) for p in lex.comparisons),
                *(anchor_word(p) for p in lex.substitute_phrases),
                *(anchor_word(p) for p in lex.riddance_before),
                *lex.versus,
                *(anchor_word(p) for p in lex.riddance_after),
                "anti",
                *(anchor_word(p) for p in (*lex.state_phrases, *lex.control_before)),
                *(anchor_word(p) for p in lex.likeness),
                "without",
                *lex.appearance_compounds,
                *lex.function_compounds,
                *lex.restore_nouns,
                *lex.name_products,
                "growth",
                # Round 7: weight-loss outcomes and their riddance, quitting a habit.
                "loss",
                "off",
                *self.lex.able_forms,
                *(phrase[0] for phrase in self.promises.riddance),
                *self.promises.habit_forms,
                *self.promises.sense_verbs,
                *(p[-1] for p in self.lex.label_heads),
                *(anchor_word(p) for p in self.promises.onset_phrases),
                # Round 8: rates, superlatives and study results (extract/boasts.py).
                *self.boasts.anchors,
                # Round 9: research framing and changes perceived (extract/framing.py).
                *self.framing.anchors,
                # Round 10: implied disease claims by use (extract/implied.py).
                *self.implied.anchors,
                # Round 11: near neighbours of earlier forms (extract/near_forms.py).
                *self.near.anchors,
                # Round 12: claims that stand alone (extract/standalone.py).
                *self.standalone.anchors,
                # Round 13: forms shared across the regulator sets (extract/common_forms.py).
                *self.common.anchors,
                # Round 14: forms shared across five regulator sets (extract/asked_forms.py).
                *self.asked.anchors,
                # Round 15: forms shared across six regulator sets (extract/named_forms.py).
                *self.named.anchors,
            }
        )
        # Words a claim can hang on; a sentence needs one of them (or a product word, for
        # "a tincture for chronic pain") to be searched at all.
        self.anchors = self.triggers | {"for"}
        # Each phrase family by anchor word, so a word tries only the phrases it can anchor.
        self.riddance_before = by_anchor(lex.riddance_before)
        self.riddance_after = by_anchor(lex.riddance_after)
        self.state_phrases = by_anchor(lex.state_phrases)
        self.control_before = by_anchor(lex.control_before)
        self.likeness = by_anchor(lex.likeness)
        self.compared = by_anchor((*lex.comparisons, *lex.substitute_phrases))
        self.purpose_words = lex.purpose_nouns | lex.purpose_participles | lex.purpose_adjectives
        # The word sets the round 7 and 8 readings test, joined once here, not per anchor.
        self._rate_context = self.boasts.rate_context | (lex.product_words - PRONOUNS)
        self._work_nouns = lex.product_words - SPEAKERS
        self._sold_nouns = (lex.product_words | self.standalone.sold_nouns) - NOT_SOLD
        self._onset_doses = self.promises.onset_doses | lex.product_words
        # Informational wording less a headline's framing, for absolute effects (round 9).
        self._unframed = tuple(p for p in lex.informational if p not in self.framing.framing)
        strings = nlp.vocab.strings
        self.sentence_ids = frozenset(strings.add(w) for w in self.triggers | self.purpose_words)
        self._dot = strings.add(".")
        self._reference_firsts = frozenset(strings.add(p[0]) for p in lex.reference_markers)
        # The readings each anchor word can take (extract/reading_gates.py).
        self.reading_table = ReadingTable(self)
        self.memo = SentenceMemo()
        # Results told as a story (testimonials.py); the vocabulary stays loaded on first use.
        self.stories = TestimonialFinder(nlp, lex, self.common, lambda: self.vocabulary)

    def __call__(self, doc: Doc, lower: list[int] | None = None) -> list[Span]:
        """The Doc's structural claims; `lower` holds its LOWER ids when the caller has them."""
        # Word ids and arrays, not Token objects: most sentences hold no effect word, and
        # making a Token per word was most of this component's time on a large page.
        if lower is None:
            lower = doc.to_array(LOWER).tolist()
        spans = self.stories(doc, lower)
        text = block_text(doc)
        edited = unbracketed(doc) if has_inner_bracket(text) else {}
        if self.sentence_ids.isdisjoint(lower) and not edited:
            return spans
        strings = doc.vocab.strings
        block = [strings[i] for i in lower]
        if self._reference_entry(block, lower, text):
            return spans
        columns = doc.to_array([SENT_START, SPACY])
        # The words as written (a token's text is its ORTH string), without a Token each.
        orth_ids = doc.to_array(ORTH)
        orth = orth_ids.tolist()
        sentences = numpy.flatnonzero(columns[:, 0] == 1).tolist()
        if sentences[:1] != [0]:
            sentences.insert(0, 0)
        # The block's words and spaces once, sliced per sentence (issue 16, round 8).
        plain = plain_apostrophes(block)
        gaps = [" " if space else "" for space in columns[:, 1].tolist()]
        # A quotation's omission (". . ." before a lower-case word) joins what it splits:
        # "Helps prevent . . . flu symptoms" is one claim (round 7).
        elided = elisions(doc, sentences, lower, self._dot)
        if elided:
            edited = {**edited, **elided}
        starts = [i for i in sentences if i - 1 not in elided]
        for index, (start, end) in enumerate(zip(starts, [*starts[1:], len(doc)], strict=True)):
            ids = lower[start:end]
            fixed = {i - start: w for i, w in edited.items() if start <= i < end}
            if self.sentence_ids.isdisjoint(ids) and not fixed:
                continue
            if fixed:
                words = plain_apostrophes([fixed.get(k, w) for k, w in enumerate(block[start:end])])
                if self.anchors.isdisjoint(words) and self.purpose_words.isdisjoint(words):
                    continue
            else:
                words = plain[start:end]
            spaces = gaps[start:end]
            last = next((w for w in reversed(words) if w.strip()), "")[-1:]
            # "Can essential oils fight the virus? Yes!": a question its next sentence answers
            # is asserted (data/claim_cues.yaml, question `answered-by`).
            if last == "?" and end < len(doc) and self.cues.answers(block[end]):
                last = "."
            # The block's earlier sentences (up to three), for "the problem" and "it" standing
            # for a disease named there.
            earlier = starts[max(0, index - 3)]
            # The same sentence read before gives the same readings (sentence_memo.py): its
            # key is all that sentence_claims reads but the earlier sentences, whose reads are
            # logged and must give the same again. The words as written decide their lower
            # case too (LOWER is a lexeme attribute), so the key holds only the first.
            key = (
                orth_ids[start:end].tobytes(),
                tuple(spaces),
                tuple(sorted(fixed.items())),
                last,
            )
            before = plain[earlier:start]
            read = self.memo.get(key, before)
            if read is None:
                watched = Watched(before)
                texts = [strings[i] for i in orth[start:end]]
                read = tuple(self.sentence_claims(words, spaces, last, watched, texts))
                self.memo.put(key, end - start, watched.reads, read)
            for found in read:
                label = found.kind + (PRODUCTS_ONLY if found.products_only else "")
                first, last_end = start + found.start, start + found.end
                if elided:
                    # A span stays in the sentence of its effect word (spans.py reads span.sent).
                    anchor = start + found.anchor
                    own = max(i for i in sentences if i <= anchor)
                    own_end = next((i for i in sentences if i > anchor), len(doc))
                    first, last_end = max(first, own), min(last_end, own_end)
                spans.append(Span(doc, first, last_end, label=label))
        return spans

    def _reference_entry(self, block: list[str], lower: Sequence[int], text: str) -> bool:
        """ "Smith J, et al. Probiotics for the prevention of ...": a reference list entry (its
        block names authors or a DOI) names a study; it claims nothing. Each phrase is looked
        for only in a block holding its first word, a DOI only in a text holding "doi:"."""
        return (
            (
                not self._reference_firsts.isdisjoint(lower)
                and contains_phrase(block, self.lex.reference_markers, 0, len(block))
            )
            or ("doi:" in text.lower() and any(w.startswith("doi:") for w in block))
            or self.cues.reference_entry(text)
        )

    def sentence_claims(
        self,
        words: list[str],
        spaces: list[str],
        last: str,
        before: Sequence[str] = (),
        texts: Sequence[str] = (),
    ) -> list[Found]:
        self._texts = texts
        self._words = words
        terms = self.vocabulary.find(words)
        term_at = {t.start: t for t in terms}
        found: list[Found] = []
        talked = False  # a claim set aside as talk leaves no subject to imply one
        anchors = [i for i, word in enumerate(words) if word in self.anchors]
        # "Hearing Aids", "lower back pain": an effect word inside a noun is no verb.
        for i in [i for i in anchors if not in_noun_compound(words, i)]:
            claim = self._first_reading(words, spaces, i, terms, term_at, before)
            # "Can our drops help with the flu?": a question that promises is a product's
            # claim, whatever else the sentence says (round 14, extract/asked_forms.py).
            asked = claim is not None and self._not_a_claim(words, claim, last)
            if asked and claim is not None:
                claim = self._promised_question(words, claim, last)
            if claim is None:
                continue
            if claim.kind == FUNCTION and self._tied_to_disease(words, terms):
                claim = replace(claim, kind=DISEASE)
            information = self._information(words, claim)
            if information == INFORMATION:
                continue
            # "rather than just treating symptoms", "Manage stress" (real-page precision
            # round 3, extract/care_talk.py); "Claims that a tea cures diabetes are not
            # allowed", "Reduced sex drive" (round 4, extract/reported_claims.py and
            # extract/declines.py).
            if (
                claims_nothing(words, claim.anchor)
                or reported(words, claim.anchor)
                or declines(words, claim.anchor, term_at)
            ):
                talked = True
                continue
            # Round 9: a product-only reading that the sentence's own words decide: the writer
            # presents a discovery ("I recently developed a remedy for ..."), or the means
            # is a therapy no approval covers ("injuries that can be treated with exosomes").
            # "Managing Glaucoma" over a clinic's section names its topic
            # (extract/service_names.py).
            if (
                information == SERVICE
                or names_a_topic(words, claim.start, claim.end, last)
                or procedure_comfort(words, claim.anchor, claim.end)
                # "It's not just about easing pain; ...", "weakens the ability to fight
                # infections", "[Ease My Pain Now]" (extract/page_talk.py, round 2).
                or talks_about(words, claim.anchor, last)
                # "Our team specializes in treating heel pain" (round 3).
                or specialty(words, claim.anchor)
                or sun_advice(words, claim.anchor)
            ):
                claim = replace(claim, products_only=True)
            if claim.products_only and (
                made_by_writer(words, claim.anchor, FIRST_PERSON, self.framing)
                or self._unapproved_means(words)
                or self._sold_here(words, claim)
            ):
                claim = replace(claim, products_only=False)
            if asked:
                claim = replace(claim, products_only=True)
            found.append(claim)
        if not found and not talked:
            implied = self._implied_subject(words, terms, last)
            if implied is not None:
                found.append(implied)
        return coordinated_kinds(found)

    def _implied_subject(self, words: list[str], terms: list[Term], last: str) -> Found | None:
        """The thing sold as the subject of a clause that names a disease, through any verb
        ("Our tincture calms flare-ups of eczema"): a product-only reading, the last one
        tried (round 10, extract/implied.py)."""
        ingredients = [t for t in terms if t.category == "treatment"]
        span = subject_use(words, terms, self._work_nouns, ingredients, self.implied)
        if span is None:
            return None
        start, end, anchor = span
        before = words[start:anchor]
        lex = self.lex
        if not lex.providers.isdisjoint(before) or not lex.lifestyle.isdisjoint(before):
            return None
        claim = Found(start, end, DISEASE, anchor, True)
        if self._not_a_claim(words, claim, last) or self._information(words, claim) == INFORMATION:
            return None
        return claim

    def _first_reading(
        self,
        words: list[str],
        spaces: list[str],
        i: int,
        terms: list[Term],
        term_at: dict[int, Term],
        before: Sequence[str],
    ) -> Found | None:
        """The first form that reads a claim at words[i]; a product-only reading gives way to
        a later form that reads one on any page, so no page loses a claim to it. Only the
        forms whose word test words[i] passes are tried (extract/reading_gates.py): the
        others would read nothing there."""
        products_only: Found | None = None
        for reading in self.reading_table.at(words[i]):
            claim = reading(self, words, spaces, i, terms, term_at, before)
            if claim is not None and not claim.products_only:
                return claim
            products_only = products_only or claim
        return products_only

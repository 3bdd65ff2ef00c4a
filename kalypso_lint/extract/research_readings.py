"""The structural finder's research and boast readings (issue 13, rounds 8 to 13): study
framing, therapeutic use, rates and superlatives, associations, named conditions, implied
use, near forms and the common forms of the regulator sets."""

from __future__ import annotations

from collections.abc import Sequence

from kalypso_lint.extract.asked_forms import craving_claim, survival_claim
from kalypso_lint.extract.boasts import (
    hashtag_parts,
    property_claim,
    rate_boast,
    safety_comparison,
    study_result,
    superlative_boast,
    work_promise,
)
from kalypso_lint.extract.claim_kinds import (
    DISEASE,
    DISEASE_TERMS,
    EFFICACY,
    FUNCTION,
    Found,
)
from kalypso_lint.extract.common_forms import (
    free_for_good,
    if_help_claim,
    research_setting,
    result_claim,
    works_better_claim,
)
from kalypso_lint.extract.finder_base import FinderBase
from kalypso_lint.extract.framing import (
    research_use,
    therapeutic_use,
)
from kalypso_lint.extract.implied import implied_use
from kalypso_lint.extract.near_forms import (
    agent_before,
    comparative_fragment,
    drug_class,
    free_state,
    healing_supported,
    illness_avoided,
    illness_promise,
    last_question,
    onset_delayed,
    question_answered,
    weak_compound,
)
from kalypso_lint.extract.service_names import service_names
from kalypso_lint.extract.structure_words import (
    ASSOCIATION_REACH,
    AUXILIARY_RUN,
    CLAIMABLE,
    OBJECT_GAP,
    PRONOUNS,
    SENTENCE_ENDS,
    clause_start,
    contains_phrase,
    noun_kind,
)
from kalypso_lint.extract.vocabulary import Term


class ResearchReadings(FinderBase):
    """Research framing, boasts and the forms of rounds 8 to 13."""

    def _association_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "Low magnesium levels are linked to migraine attacks", "zinc has been linked to
        fewer colds": an ingredient tied to a disease. Information on a clinic's page, an
        implied disease claim on a page that sells the ingredient (product-only)."""
        lex = self.lex
        if words[i] not in lex.association_words or words[i + 1 : i + 2] not in (
            ["with"],
            ["to"],
            ["in"],
        ):
            return None
        clause = clause_start(words, i)
        subject = words[clause:i]
        named = any(t.category == "treatment" and clause <= t.start < i for t in terms)
        if not (
            named
            or not lex.purpose_nouns.isdisjoint(subject)
            or contains_phrase(subject, lex.ingredients, 0, len(subject))
        ):
            return None
        end = next((j for j in range(i, len(words)) if words[j] in SENTENCE_ENDS), len(words))
        target = next(
            (
                t
                for t in terms
                if i < t.start < min(end, i + 2 + ASSOCIATION_REACH)
                and t.category in DISEASE_TERMS | {"symptom"}
            ),
            None,
        )
        if target is None:
            return None
        return Found(i, target.end, DISEASE, i, products_only=True)

    def _named_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """A product named for a disease: "Cancer Herb Tea", "Cold Sore Gummies" (a disease
        claim, 21 CFR 101.93(g)(2)(iii)). Symptoms are left out ("cough syrup" and "pain
        cream" name ordinary over-the-counter drugs), and body functions too ("our sleep
        blend" names a product category, not a claim)."""
        lex = self.lex
        if words[i] not in lex.name_products:
            return None
        end = i - 1 if i > 0 and words[i - 1] in lex.name_fillers else i
        term = next((t for t in terms if t.end == end), None)
        if term is None or (end < i and term.end == i):
            return None
        if term.category in DISEASE_TERMS:
            # "Allergy Shots", "Flu Shot": a form a clinic administers names its service,
            # unless praised for its effect ("Allergy shots are highly effective for ...").
            administered = words[i] in service_names().administered_names and (
                lex.effect_adjectives.isdisjoint(words[i + 1 : i + 8])
            )
            return Found(term.start, i + 1, DISEASE, i, administered)
        return None

    def _boast_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """ "a 97% success rate", "the most effective sinus clinic", "9 out of 10 users
        reported less pain": results boasted, a claim of efficacy on any page (round 8)."""
        found = rate_boast(words, i, self.boasts)
        # "Boasts a 98% improvement rate", "our 97% success rate": the seller's own results;
        # a bare rate in a guide to a treatment informs.
        if found is not None and self._rate_context.isdisjoint(words):
            found = None
        found = found or superlative_boast(words, i, self.boasts)
        if found is not None:
            return Found(found[0], found[1], EFFICACY, i)
        for rest, products in hashtag_parts(words, i, self.boasts):
            # "#covidcure": the hashtag's term, whole, as the vocabulary names it.
            term = next((t for t in self.vocabulary.find([rest]) if t.end == 1), None)
            if term is not None and term.category in CLAIMABLE:
                kind = noun_kind(term.category)
                return Found(i, i + 2, kind, i, products_only=products)
        safety = safety_comparison(words, i, self.boasts)
        if safety is not None:
            target = self._drug_target(words, safety, safety + 4)
            return None if target is None else Found(i, target, EFFICACY, i)
        work = work_promise(words, i, self.boasts)
        if work is not None:
            if self._work_nouns.isdisjoint(words[:i]) and not self._brand_subject(words, i):
                return None
            return Found(i, work, EFFICACY, i)
        effect = property_claim(words, i, self.boasts)
        if effect is not None:
            # "blood sugar-lowering properties": the term right before the effect.
            term = next((t for t in self.vocabulary.find(words[:effect]) if t.end == effect), None)
            if term is None or term.category not in CLAIMABLE:
                return None
            return Found(term.start, i + 1, noun_kind(term.category), i)
        start = study_result(words, i, self.boasts)
        if start is None:
            return None
        term = self._object(words, i + 1, term_at)
        end = term.end if term is not None and term.start <= i + 4 else i + 1
        return Found(start, end, EFFICACY, i)

    def _research_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """Research framing ("Studied for its effects on arthritis", "investigated for
        its cardioprotective action"): a product-only reading unless the sentence names the
        product as its subject ("Our blend has been studied for ..."); round 9."""
        start = research_use(words, i, self.framing)
        # "Investigated in preclinical models of ..." (round 13, extract/common_forms.py).
        if start is None:
            start = research_setting(words, i, self.common)
        if start is None:
            return None
        first = clause_start(words, i)
        # "VitaCalm has been widely studied for ...": the brand before the auxiliaries.
        verb = i
        while verb > first and words[verb - 1] in AUXILIARY_RUN:
            verb -= 1
        brand = verb < i and self._brand_subject(words, verb)
        products = self._work_nouns.isdisjoint(words[first:i]) and not brand
        term = self._object(words, start, term_at)
        if term is not None:
            return Found(i, term.end, noun_kind(term.category), i, products)
        # "investigated for its cardioprotective action": a drug class's action.
        end = min(start + OBJECT_GAP, len(words))
        action = next((j for j in range(start, end) if words[j] in self.lex.anti), None)
        return None if action is None else Found(i, action + 1, DISEASE, i, products)

    def _therapeutic_claim(self, words: list[str], i: int) -> Found | None:
        """ "therapeutic benefits", "valued therapeutically": a product's use said as therapy
        (product-only unless the sentence names a product); round 9."""
        end = therapeutic_use(words, i, self.framing)
        if end is None:
            return None
        clause = words[clause_start(words, i) : i]
        return Found(i, end, DISEASE, i, self._work_nouns.isdisjoint(clause))

    def _implied_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """What a product page ties to a disease by a word of use ("Nettle tea against hay
        fever", "People with gout take it daily") states the product's intended use (21 CFR
        201.128); round 10. A product-only reading: on a clinic's page a link names a service
        ("Ketamine Infusions for Migraine") or a drug's indication ("a nasal spray for
        treatment-resistant depression"), product word or not. People who have a disease
        and use a product the sentence names ("People with gout take our capsules daily")
        are a claim on any page. Not after a provider or a lifestyle subject."""
        span = implied_use(words, i, term_at, self.implied)
        if span is None:
            return None
        start, end = span
        before = words[clause_start(words, start) : start]
        if not self.lex.providers.isdisjoint(before) or self._lifestyle(words, start):
            return None
        people = self.implied.people_form(words, i)
        named = people and not self._work_nouns.isdisjoint(words)
        return Found(start, end, DISEASE, i, not named)

    def _near_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """Round 11: the near neighbours of earlier forms (extract/near_forms.py): a drug class
        said with praise, healing supported (product-only unless the clause names a product),
        an agent noun before its object, a promise for an illness the sentence supposes, a
        disease's onset delayed. Not after a provider or a lifestyle subject."""
        near = self.near
        kind = DISEASE
        span = illness_promise(words, i, near)
        promise = span is not None
        if span is None:
            span = drug_class(words, i, near) or healing_supported(words, i, near)
            span = span or onset_delayed(words, i, term_at, near)
        if span is None:
            agent = agent_before(words, i, self.lex.agents, term_at, near)
            if agent is None:
                return None
            span, kind = agent[:2], agent[2]
        # Found only now (most words anchor nothing): the clause costs a walk back per word.
        clause = words[clause_start(words, i) : i]
        # A drug class, healing and an agent noun are a product's only when the clause says
        # so; on a clinic's page they describe care or a medicine.
        products_only = not promise and self._work_nouns.isdisjoint(clause)
        start, end = span
        before = words[clause_start(words, start) : start]
        if not self.lex.providers.isdisjoint(before) or self._lifestyle(words, start):
            return None
        # "Ibuprofen is an effective painkiller", "Statins can delay ...": a medicine's
        # information.
        if self._names_medicine(clause):
            return None
        return Found(start, end, kind, i, products_only)

    def _common_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """Round 13 (extract/common_forms.py): a disease named as what the product answers
        ("If you suffer from arthritis, our capsules will help"; product-only), benefits or
        responses reported for a disease, a body system said to work better (structure/
        function), a disease gone for good. Not after a provider or a lifestyle subject."""
        common = self.common
        if words[i] not in common.anchors:
            return None
        kind, products_only = DISEASE, False
        # A result reported for a disease is a claim whoever reports it ("our providers are
        # seeing benefits for: arthritis, ...").
        span = result_claim(words, i, term_at, common)
        if span is not None:
            return Found(span[0], span[1], kind, i, products_only)
        span = if_help_claim(words, i, term_at, common)
        if span is not None:
            # "If you have the flu, antivirals can help": a medicine's information.
            if self._names_medicine(words[span[0] : i]):
                return None
            products_only = True
        else:
            span = free_for_good(words, i, term_at, common)
        if span is None:
            span = works_better_claim(words, i, term_at, common)
            kind = FUNCTION
            if span is not None and not self.lex.lifestyle.isdisjoint(words):
                return None
        if span is None:
            return None
        clause = clause_start(words, i)
        before = words[clause:i]
        if not self.lex.providers.isdisjoint(before) or self._lifestyle(words, i):
            return None
        return Found(span[0], span[1], kind, i, products_only)

    def _near_state_claim(
        self, words: list[str], spaces: list[str], i: int, terms: list[Term]
    ) -> Found | None:
        """Round 11: a weak effect compound before a product noun ("cholesterol-lowering
        supplement"), a disease "-free" as the reader's state ("Stay flu-free all winter"), a
        comparative benefit line ("Fewer colds and flu."), illness made less likely
        (extract/near_forms.py). All but the compound are product-only unless the clause
        names a product; not after a provider or a lifestyle subject."""
        near = self.near
        span = weak_compound(words, spaces, i, terms, self.lex.compound_products, near)
        products_only = False
        if span is None:
            span = (
                free_state(words, spaces, i, terms, near)
                or comparative_fragment(words, i, terms, near)
                or illness_avoided(words, i, near)
            )
            products_only = (self._work_nouns - PRONOUNS).isdisjoint(
                words[clause_start(words, i) : i + 3]
            )
        if span is None:
            return None
        start = span[0]
        before = words[clause_start(words, start) : start]
        if not self.lex.providers.isdisjoint(before) or self._lifestyle(words, start):
            return None
        return Found(start, span[1], DISEASE, i, products_only)

    def _answer_claim(self, words: list[str], i: int, before: Sequence[str]) -> Found | None:
        """Round 11: a question naming a disease, answered by the product in the next
        sentence ("Tired of joint pain? Our balm soothes it."; extract/near_forms.py).
        Product-only unless the answer names a product noun; not a provider's answer."""
        lex = self.lex
        word = words[i]
        verbs = lex.disease if lex.forms.get(word) in lex.disease else frozenset()
        if not (verbs or word in self.near.anchors):
            return None
        question = last_question(before)
        if not question or not any(
            t.category in CLAIMABLE for t in self.vocabulary.find(list(question))
        ):
            return None
        effect = frozenset({word}) if verbs else frozenset()
        span = question_answered(words, i, effect, self._work_nouns, self.near)
        if span is None:
            return None
        clause = words[clause_start(words, i) : i]
        if not lex.providers.isdisjoint(clause) or self._lifestyle(words, i):
            return None
        named = not (self._work_nouns - PRONOUNS).isdisjoint(words)
        return Found(span[0], span[1], DISEASE, i, not named)

    def _promise_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """Round 14 (extract/asked_forms.py): a craving for nicotine said to be satisfied, a
        germ said unable to survive the product; disease claims on any page."""
        if words[i] not in self.asked.anchors:
            return None
        span = craving_claim(words, i, self.asked) or survival_claim(words, i, term_at, self.asked)
        return None if span is None else Found(span[0], span[1], DISEASE, i)

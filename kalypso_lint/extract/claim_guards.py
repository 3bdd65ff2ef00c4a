"""The structural finder's guards (issue 13): readings that are no claim (a sold item's
name, a personal result) and wording that makes one information or a service
description."""

from __future__ import annotations

from dataclasses import replace

from kalypso_lint.extract.asked_forms import promising_question, survival_denied
from kalypso_lint.extract.claim_kinds import (
    DISEASE,
    DISEASE_TERMS,
    FUNCTION,
    INFORMATION,
    SERVICE,
    Found,
)
from kalypso_lint.extract.common_forms import (
    answers_supposition,
    offered_supposition,
)
from kalypso_lint.extract.finder_base import FinderBase
from kalypso_lint.extract.framing import (
    absolute_effect,
    made_by_writer,
)
from kalypso_lint.extract.structure_words import (
    BE,
    FIRST_PERSON,
    HELP,
    PERSONAL_REACH,
    SUPPOSED,
    clause_start,
    contains_phrase,
)
from kalypso_lint.extract.vocabulary import Term


class ClaimGuards(FinderBase):
    """Readings that are no claim, or information rather than a claim."""

    def _unapproved_means(self, words: list[str]) -> bool:
        """Whether the sentence names a therapy no approval covers (data/claim_structure.yaml,
        `unapproved_therapies`): stem cells, exosomes, ozone, chelation, ..."""
        if self.framing.unapproved_words.isdisjoint(words):
            return False
        # "Bone marrow transplants use stem cells to treat leukemia": an approved use.
        approved = self.framing.approved_uses
        return contains_phrase(
            words, self.framing.unapproved, 0, len(words)
        ) and not contains_phrase(words, approved, 0, len(words))

    def _sold_here(self, words: list[str], claim: Found) -> bool:
        """Round 12: the sentence says a product is sold here: it tells a product's make-up
        ("Contains peptides that support healing"), or a link of use follows a product's
        noun in its clause ("this roller goes to work for soothing pain")."""
        if contains_phrase(words, self.standalone.composition_words, 0, len(words)):
            # "Mounjaro contains the same active ingredient as ...": a medicine's make-up.
            return not self._names_medicine(words)
        if words[claim.anchor] not in self.implied.anchors:
            return False
        clause = words[clause_start(words, claim.anchor) : claim.anchor]
        return not self.standalone.sold_nouns.isdisjoint(clause)

    def _names_sold(self, start: int, end: int) -> bool:
        """Whether words[start:end] of the current sentence name the thing sold: a product's
        noun, "our", a demonstrative, a name in capitals or a redacted name ("[product]")."""
        words = self._words
        if not self._sold_nouns.isdisjoint(words[start:end]):
            return True
        if not {"our", "this", "these", "it", "them", "["}.isdisjoint(words[start:end]):
            return True
        texts = self._texts[start + 1 : end]
        return any(t[:1].isupper() and t.isalnum() for t in texts)

    # -- what is not a claim ------------------------------------------------------------

    def _not_a_claim(self, words: list[str], claim: Found, last: str) -> bool:
        reason = self.cues.reason(words, claim.anchor, last)
        # "If you need to lower your blood sugar, try our tea": a supposition that ends in
        # an offer of the product is the claim, not a hypothetical or advice ("if you're")
        # (round 13, extract/common_forms.py).
        if reason in SUPPOSED and (
            offered_supposition(words, claim.anchor, self._names_sold)
            or answers_supposition(words, claim.start, claim.anchor)
        ):
            reason = None
        # "Viruses cannot survive in the presence of our oil" (round 14).
        if reason == "negation" and words[claim.anchor] in self.asked.survival_verbs:
            term_at = {t.start: t for t in self.vocabulary.find(words)}
            if survival_denied(words, claim.anchor, term_at, self.asked):
                reason = None
        if reason is not None:
            return True
        # "I lost the weight": a personal result is a testimonial (KL304), not this claim;
        # "I developed a remedy for ..." is the seller speaking (round 9).
        # The writer's own words reach PERSONAL_REACH words: a long spoken sentence
        # whose "I" opens it is said to the reader (round 9).
        personal = words[max(claim.anchor - PERSONAL_REACH, 0) : claim.anchor]
        if FIRST_PERSON.isdisjoint(personal):
            return False
        # "I have reason to believe our drops prevent the flu": the writer asserts (round 12).
        writer = max(j for j, w in enumerate(personal) if w in FIRST_PERSON)
        if not self.standalone.belief_words.isdisjoint(personal[writer:]):
            return False
        return not made_by_writer(words, claim.anchor, FIRST_PERSON, self.framing)

    def _information(self, words: list[str], claim: Found) -> str | None:
        """SERVICE for a provider's service or drug information ("Our physicians treat
        asthma", "is used to treat insomnia"): no claim on a clinic's or a pharmacy's page,
        a claim on a page that sells the product (a product-only reading); INFORMATION for
        wording that informs on any page ("learn about", "there is no cure"); else None."""
        lex = self.lex
        clause = clause_start(words, claim.anchor)
        lemma = lex.forms.get(words[claim.anchor])
        # "I recently developed a remedy for ...": the writer presents a discovery, on any
        # page (round 9).
        if made_by_writer(words, claim.anchor, FIRST_PERSON, self.framing):
            return None
        # "Did you know our clinic treats ...": a provider's service offered as a promotion.
        promoted = tuple(words[:3]) == ("did", "you", "know")
        # "Our services help prevent, diagnose, and treat gum disease" (data/claim_cues.yaml).
        if not promoted and self.cues.care(words, claim.anchor):
            return SERVICE
        # "The clinic provides treatment for back pain", "We can provide guidance for ... pain
        # relief": a provider's service, said as a noun.
        providers: set[str] = set()
        if not promoted and words[claim.anchor] in lex.nouns_qualified:
            providers.update(w for w in words[clause : claim.anchor] if w in lex.providers)
        # "we help you prevent it": the provider helps (round 7).
        helped = next(
            (j for j in range(max(clause, claim.anchor - 3), claim.anchor) if words[j] in HELP),
            None,
        )
        if not promoted and (lemma in lex.provider_verbs or helped is not None):
            verb = claim.anchor if helped is None else helped
            window = words[max(clause, verb - 5) : verb]
            providers.update(w for w in window if w in lex.providers)
        if providers:
            # "We help relieve joint pain" on a product page is the seller's claim; doctors
            # and clinics treating patients describe care wherever they are named.
            return SERVICE if providers == {"we"} else INFORMATION
        # "a great option for those looking for a natural alternative to pain relievers": a
        # qualified substitute is promoted, whatever informational words precede it.
        anchor = words[claim.anchor]
        if (
            anchor in lex.substitute_nouns
            and words[claim.anchor - 1 : claim.anchor]
            and (words[claim.anchor - 1] in lex.qualifiers)
        ):
            return None
        # "How to use CBD oil for anxiety": a product named for a disease states its intended
        # use whatever the framing.
        purpose = words[claim.anchor] == "for" and claim.anchor > 0
        if purpose and words[claim.anchor - 1] in lex.purpose_nouns:
            return None
        # "Valerian capsules are used to help insomnia": a product word as the subject of
        # "used to/for" states the product's intended use ("Metformin is used to treat ..."
        # stays drug information).
        used = next((j for j in range(clause, claim.anchor) if words[j] == "used"), None)
        if used is not None and words[used + 1 : used + 2] in (["to"], ["for"]):
            subject = words[clause : used - 1]
            if not lex.purpose_nouns.isdisjoint(subject) and words[used - 1] in BE:
                return None
        # "While experts work on vaccines, one treatment has shown efficacy for combatting the
        # virus": a fronted subordinate clause is background; its words inform nothing after it.
        if words[clause : clause + 1] and words[clause] in lex.background_openers:
            comma = next((j for j in range(clause, claim.anchor) if words[j] == ","), None)
            if comma is not None:
                clause = comma + 1
        # "How to Cure Arthritis", "tips to fight every virus": an absolute effect is a
        # claim whatever the headline's framing (round 9).
        informational = (
            self._unframed
            if absolute_effect(words, claim.anchor, claim.end, lemma, self.framing)
            else lex.informational
        )
        if contains_phrase(words, informational, clause, claim.end):
            return INFORMATION
        if not contains_phrase(words, lex.service_wording, clause, claim.end):
            return None
        # "Oseltamivir is used to treat the flu": a drug's indication informs on any page,
        # a pharmacy's shop included.
        subject = words[clause : claim.anchor]
        drug = any(t.category == "treatment" for t in self.vocabulary.find(subject))
        return INFORMATION if drug and lex.purpose_nouns.isdisjoint(subject) else SERVICE

    def _tied_to_disease(self, words: list[str], terms: list[Term]) -> bool:
        """A function claim in a sentence that names a disease or a germ, or links to one."""
        return any(t.category in DISEASE_TERMS for t in terms) or contains_phrase(
            words, self.lex.links, 0, len(words)
        )

    def _promised_question(self, words: list[str], claim: Found, last: str) -> Found | None:
        """The claim of a question that promises ("Can our drops help with the flu?"), a
        product-only reading, when only the question's cue undid it; None otherwise."""
        if claim.kind not in (DISEASE, FUNCTION) or last in (".", "!"):
            return None
        if self._not_a_claim(words, claim, "."):
            return None
        if not promising_question(words, claim.start, self.asked):
            return None
        return replace(claim, products_only=True)

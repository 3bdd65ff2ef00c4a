"""The structural finder's readings that hold on a product's page (issue 13): claims that
stand alone, label lines, purpose ("a tincture for ..."), use, substitutes for a drug,
likeness to one and "without" its effects."""

from __future__ import annotations

from kalypso_lint.extract.claim_kinds import (
    DISEASE,
    DISEASE_TERMS,
    EFFICACY,
    Found,
)
from kalypso_lint.extract.common_forms import (
    comparative_substitute,
    disparaged,
)
from kalypso_lint.extract.finder_base import FinderBase
from kalypso_lint.extract.framing import (
    perceived_change,
    used_for,
)
from kalypso_lint.extract.service_names import advised_avoidance
from kalypso_lint.extract.standalone import (
    DEATH,
    DURING,
    FREE,
    INFANT,
    PEOPLE,
    PERFORMANCE,
    standalone_claim,
)
from kalypso_lint.extract.structure_words import (
    CLAIMABLE,
    SUBJECT_OPENERS,
    clause_start,
    contains_phrase,
    noun_kind,
    phrases_at,
)
from kalypso_lint.extract.vocabulary import Term


class ProductReadings(FinderBase):
    """Readings a product page makes claims (products_only where only there)."""

    def _substitute_claim(self, words: list[str], i: int) -> Found | None:
        """ "a natural alternative to painkillers", "replaces your medication"."""
        lex = self.lex
        linked = i + 1 < len(words) and words[i + 1] in ("to", "for", "of")
        noun = words[i] in lex.substitute_nouns and linked
        # "a safer alternative to aspirin": a comparative sets the drug beside the product
        # as the riskier choice, a substitute claim (round 13); "a safe alternative to
        # opioids" is left to the safety patterns.
        compared_to_drug = comparative_substitute(words, i, self.common)
        if noun and i > 0 and words[i - 1] in lex.substitute_safety and not compared_to_drug:
            return None
        noun = noun or compared_to_drug
        verb = lex.forms.get(words[i], words[i]) in lex.substitute_verbs
        compared = any(True for _ in phrases_at(words, i, self.compared))
        # "a flu shot alternative": the drug named right before the noun.
        if words[i] in lex.substitute_nouns and not linked and i > 0:
            before = self._drug_before(words, i)
            if before is not None:
                return Found(before, i + 1, DISEASE, i)
        if not (noun or verb or compared):
            return None
        end = self._drug_target(words, i + 1, i + 10)
        if end is None:
            return None
        # "Avoid blood thinners before the procedure": advice (extract/service_names.py).
        advice = advised_avoidance(words, i, clause_start(words, i))
        # "Avoid painful surgery, radiotherapy or chemotherapy" offers a way around the
        # treatment (round 13).
        advice = advice and not disparaged(words, i + 1, end, self.common)
        return Found(i, end, DISEASE, i, advice)

    def _drug_before(self, words: list[str], i: int) -> int | None:
        """Where a drug word or drug name ending right before words[i] starts."""
        for phrase in self.lex.drug_words:
            start = i - len(phrase)
            if start >= 0 and tuple(words[start:i]) == phrase:
                return start
        for term in self.vocabulary.find(words[max(0, i - 4) : i]):
            if term.end + max(0, i - 4) == i and term.category == "treatment":
                return term.start + max(0, i - 4)
        return None

    def _purpose_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """ "a tincture for chronic pain": a product word, "for", a disease or symptom."""
        if words[i] != "for" or i == 0:
            return None
        # "bloodroot salves have been used for melanoma": the product's use, said as history.
        used = words[i - 1] == "used" and not self.lex.purpose_nouns.isdisjoint(
            words[max(0, i - 5) : i - 1]
        )
        # "Made for opiate withdrawals", "Formulated for: joint pain": said of the product.
        # "Use for earaches": a product's directions at the line's opening (round 7).
        directions = words[i - 1] in self.lex.purpose_imperatives and all(
            not w.isalnum() for w in words[clause_start(words, i - 1) : i - 1]
        )
        made = (
            words[i - 1] in self.lex.purpose_participles
            or (words[i - 1] in self.lex.purpose_adjectives and self._product_subject(words, i - 1))
            or directions
        )
        if not (used or made) and words[i - 1] not in self.lex.purpose_nouns:
            return None
        # "Pharmacist recommended for seasonal allergies": an endorsement, which the regulatory
        # rules read (round 7, when allergies joined the vocabulary).
        if made and i > 1 and words[i - 2] in self.lex.providers:
            return None
        label = made and words[i + 1 : i + 2] == [":"]
        if label:
            # A label line lists what the product is for: "Recommended for: dry, itchy skin,
            # flushing and redness" (to the end of the clause).
            return self._label_list(words, i - 1, i + 2, i, term_at)
        reach = 2 if made else 3
        # "Kids' cough syrup for dry and wet coughs": coordinated adjectives before it.
        if not made and not {"and", "or"}.isdisjoint(words[i + 1 : i + 4]):
            reach = 4
        # "for people with", "for those suffering from": people between "for" and the disease.
        if made and words[i + 1 : i + 2] and words[i + 1] in self.lex.purpose_people:
            reach = 5
        for term in self._objects(words, i + 1, term_at):
            if term.start > i + reach:
                break
            if term.category in DISEASE_TERMS | {"symptom"}:
                return Found(i - 1, term.end, DISEASE, i)
            break
        return None

    def _use_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """A use told for a disease ("has taken the capsules since last spring for his gout")
        or a change perceived after a use ("has been using the balm ... and noticed a
        decrease in her joint pain"): testimonials in the third person; round 9."""
        use = used_for(words, i, self.framing)
        if use is not None:
            term = self._object(words, i + 1, term_at)
            if term is None or term.start > i + 3 or term.category not in DISEASE_TERMS:
                return None
            # "He has taken prednisone for his asthma": a drug's use is a case history.
            used = words[use + 1 : i]
            drug = any(t.category == "treatment" for t in self.vocabulary.find(used))
            if drug or contains_phrase(used, self.lex.drug_words, 0, len(used)):
                return None
            return Found(i, term.end, DISEASE, i)
        change = perceived_change(words, i, self.framing)
        if change is None:
            return None
        term = self._object(words, change + 1, term_at)
        if term is None or term.category not in CLAIMABLE:
            return None
        return Found(i, term.end, noun_kind(term.category), i)

    def _standalone_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """Round 12: a sentence that makes a disease claim by its own words (extract/
        standalone.py): a product for people with a disease or supporting them through its
        treatment (product-only unless a fragment or the clause names a product; "for" only
        after a product's noun), a disease gone as the reader's state (a symptom:
        product-only unless the clause names a product), an erection said stronger, a
        disease's cells made to die (not by a medicine), an infant kept safe by a sleep
        product. Not after a provider or a lifestyle subject."""
        if words[i] not in self.standalone.anchors:
            return None  # (what standalone_claim would say, before the capitals are counted)
        # A brand written in capitals ("the DREAMPOD"), not a sentence in capitals.
        capitals = [t for t in self._texts if t.isalpha() and len(t) > 2 and t.isupper()]
        branded = 0 < len(capitals) <= 2
        found = standalone_claim(words, i, term_at, self.standalone, branded)
        if found is None:
            return None
        clause = clause_start(words, found.start)
        before = words[clause : found.start]
        if not self.lex.providers.isdisjoint(before):
            return None
        # ("The sleep sack keeps babies safely ...": sleep names the product, no lifestyle.)
        if found.form != INFANT and self._lifestyle(words, found.start):
            return None
        named = not self._sold_nouns.isdisjoint(words[clause : found.end])
        kind, products_only = DISEASE, False
        if found.form in (PEOPLE, DURING):
            # "a powder for diabetics": the product's noun right before the link.
            if words[i] == "for" and (not named or words[i - 1] not in self._sold_nouns):
                return None
            # ("Specifically designed for ...": an adverb opens the fragment; "Designed for
            # people with diabetes, our cooking class ..." fronts a phrase before its subject.)
            fronted = any(
                words[k] == "," and words[k + 1] in SUBJECT_OPENERS
                for k in range(found.end, len(words) - 1)
            )
            fragment = all(not w.isalnum() or w.endswith("ly") for w in before) and not fronted
            products_only = not (fragment or named)
        elif found.form == FREE:
            term = next((t for t in term_at.values() if t.end == found.end), None)
            products_only = term is not None and term.category == "symptom" and not named
        elif found.form == DEATH:
            if self._names_medicine(words[clause : found.start]):
                return None
        elif found.form == INFANT:
            kind = EFFICACY
        elif found.form != PERFORMANCE:
            return None
        return Found(found.start, found.end, kind, i, products_only)

    def _label_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """ "Indications: cough, cold and flu symptoms", "Helps with: anxiety, stress": a
        label head opening the line, a colon, and the diseases it lists."""
        if words[i + 1 : i + 2] != [":"]:
            return None
        for head in self.lex.label_heads:
            start = i + 1 - len(head)
            if start < 0 or tuple(words[start : i + 1]) != head:
                continue
            if all(not w.isalnum() for w in words[:start]):
                return self._label_list(words, start, i + 2, i, term_at)
        return None

    def _likeness_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "works like a prescription sedative", "similar potency to the leading dementia
        drug": a product likened to a drug."""
        lex = self.lex
        for phrase, start in phrases_at(words, i, self.likeness):
            # One drug likened to another is drug information: "naproxen works like ibuprofen".
            clause = clause_start(words, start)
            if any(t.category == "treatment" and clause <= t.start < start for t in terms):
                return None
            # "side effects similar to those of statins" compares risks, not the product.
            # (Also under a label: "Medication interactions: ... acts like statins".)
            if not lex.likeness_safety.isdisjoint(words[max(0, start - 12) : start]):
                return None
            end = start + len(phrase)
            target = self._drug_target(words, end, end + lex.likeness_window)
            # "Similar to Botox, Dysport is ...": a fronted comparison of what follows.
            opening = all(not w.isalnum() for w in words[clause:start])
            if target is not None and not (opening and words[target : target + 1] == [","]):
                return Found(start, target, DISEASE, i)
        return None

    def _without_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "relief without surgery", "heal without drugs": an effect set against a drug."""
        lex = self.lex
        if words[i] != "without" or lex.without_effects.isdisjoint(words[max(0, i - 3) : i]):
            return None
        target = self._drug_target(words, i + 1, i + 6)
        if target is None:
            return None
        effect = next(j for j in range(max(0, i - 3), i) if words[j] in lex.without_effects)
        return Found(effect, target, DISEASE, i)

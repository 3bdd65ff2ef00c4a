"""The noun readings of the structural finder (issue 13): an effect noun and its object
("effective treatment of ..."), outcome and restore nouns, "... versus ..." comparisons."""

from __future__ import annotations

from kalypso_lint.extract.claim_kinds import (
    DISEASE,
    DISEASE_TERMS,
    EFFICACY,
    Found,
)
from kalypso_lint.extract.finder_base import FinderBase
from kalypso_lint.extract.near_forms import supposed_after
from kalypso_lint.extract.promises import outcome_promise
from kalypso_lint.extract.structure_words import (
    CLAIMABLE,
    STOPS,
    SUFFERING,
    contains_phrase,
    list_end,
    list_extra,
    list_start,
    noun_kind,
)
from kalypso_lint.extract.vocabulary import Term


class NounReadings(FinderBase):
    """An effect noun and its object, and outcome nouns."""

    def _noun_claim(
        self, words: list[str], i: int, terms: list[Term], term_at: dict[int, Term]
    ) -> Found | None:
        lex = self.lex
        word = words[i]
        nouns = lex.nouns_qualified | lex.nouns_always | lex.nouns_products
        # "the prevention and early treatment of COVID-19": coordinated effect nouns share
        # the qualifier before the first and the object after the last.
        head = list_start(words, i, nouns)
        products_only = False
        if word in lex.nouns_qualified or word in lex.nouns_products:
            # "Relief from ...", also after a coordinated noun: "Treatment and prevention from ...".
            opening = word in lex.nouns_fragment and all(
                not w.isalnum() or w in lex.nouns_qualified or w == "and" for w in words[:i]
            )
            # Qualifiers and light verbs within four words, punctuation aside: "provides
            # natural, healthy, anti-aging protection from ...", "useful in the prevention of";
            # "for" only within three words ("for the symptomatic relief of", not "Centers
            # for Disease Control and Prevention").
            before = [w for w in words[max(0, head - 8) : head] if w.isalnum()][-4:]
            qualified = any(w in lex.qualifiers and w != "for" for w in before)
            if word not in lex.nouns_qualified or not (
                opening or qualified or "for" in words[max(0, head - 3) : head]
            ):
                # "Joint pain relief", "Arthritis management": a product's benefit on a page
                # that sells it, the name of a service on a clinic's (a product-only reading).
                if word not in lex.nouns_products:
                    return None
                products_only = True
            # "Meditation may offer a solution for chronic pain": lifestyle advice.
            if self._lifestyle(words, head):
                return None
        elif word not in lex.nouns_always:
            return None
        link = list_end(words, i, nouns)
        if link + 1 < len(words) and words[link + 1] in lex.prepositions:
            term = self._object(words, link + 2, term_at)
            # "a real solution for the millions who suffer from cold sores": people between.
            # ("complete relief from chronic and severe knee pain": adjectives between.)
            reach = link + (8 if self._people_between(words, link + 2) else 6)
            reach += list_extra(words, link + 2)
            if term is not None and term.start <= reach and term.category in CLAIMABLE:
                return Found(i, term.end, noun_kind(term.category), i, products_only)
        before_terms = [
            t for t in terms if t.end <= i and t.end >= i - 2 and t.category in CLAIMABLE
        ]
        if before_terms:
            term = before_terms[-1]
            # "Tinnitus relief in just 7 days": a promise of time makes it a claim anywhere.
            promised = contains_phrase(words, self.lex.promise_times, i + 1, min(i + 5, len(words)))
            return Found(
                term.start, i + 1, noun_kind(term.category), i, products_only and not promised
            )
        return self._supposed_object(words, i, terms, products_only)

    def _outcome_noun_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "causes rapid weight loss", "Permanent weight loss with no effort", "promotes fat
        loss": weight loss promised (an efficacy claim)."""
        if words[i] != "loss":
            return None
        term = next((t for t in terms if t.end == i + 1 and t.category == "appearance"), None)
        if term is None:
            return None
        start = outcome_promise(words, term.start, term.end, self.promises)
        if start is None or self._lifestyle(words, start):
            return None
        return Found(start, term.end, EFFICACY, start)

    def _supposed_object(
        self, words: list[str], i: int, terms: list[Term], products_only: bool = False
    ) -> Found | None:
        """ "If your dog suffers from arthritis, our balm offers relief": the effect noun's
        object is the disease named by a fronted condition (the comma ends the supposition,
        so the claim after it stands; data/claim_cues.yaml). Round 11: the same condition
        after the noun ("gives the comfort you seek when your child suffers from colic";
        extract/near_forms.py)."""
        trailing = supposed_after(words, i, terms, SUFFERING, self.near)
        if trailing is not None:
            return Found(i, trailing, DISEASE, i, products_only)
        if products_only or words[:1] != ["if"] or "," not in words[:i]:
            return None
        comma = words.index(",")
        named = [t for t in terms if t.end <= comma and t.category in DISEASE_TERMS | {"symptom"}]
        if not named or SUFFERING.isdisjoint(words[:comma]):
            return None
        return Found(i, i + 1, DISEASE, i)

    def _people_between(self, words: list[str], start: int) -> bool:
        """People named before the disease: "(for) those who suffer from", "the millions
        living with", "anyone with"."""
        window = words[start : start + 4]
        return not self.lex.purpose_people.isdisjoint(window) and not SUFFERING.isdisjoint(
            words[start : start + 6]
        )

    def _outcome_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "skin cancers disappear", "cancer cells die": a disease and its end."""
        lex = self.lex
        if words[i] not in lex.outcome_verbs:
            return None
        term = next((t for t in terms if i - 3 <= t.end <= i), None)
        # "watch the fat disappear" is a looks claim (efficacy), "tumors shrink" a disease claim.
        if term is None or term.category not in DISEASE_TERMS | {"appearance"}:
            return None
        # "disappear without treatment" is the natural course; "die without harming healthy
        # cells" (an -ing verb after "without") is the product's promise (round 6).
        hedges = [
            w
            for j, w in enumerate(words[term.start : i + 6], term.start)
            if w in lex.outcome_hedges
            and not (w == "without" and words[j + 1 : j + 2] and words[j + 1].endswith("ing"))
        ]
        if hedges:
            return None
        return Found(term.start, i + 1, noun_kind(term.category), i)

    def _versus_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """ "Elderberry vs. the flu": a product set against a disease (not disease vs. disease)."""
        if words[i] not in self.lex.versus or i == 0:
            return None
        before = next((t for t in term_at.values() if t.end == i), None)
        if words[i - 1] in STOPS or (before is not None and before.category != "treatment"):
            return None
        # "Cold vs. flu": a word that starts a condition's name ("cold sore") is no product.
        # ("oil" starts "oil production", but "Oregano Oil" names a product.)
        first = words[i - 1] in self.vocabulary.firsts
        if before is None and first and words[i - 1] not in self.lex.purpose_nouns:
            return None
        term = self._object(words, i + 1, term_at)
        if term is None or term.start > i + 2 or term.category not in DISEASE_TERMS:
            return None
        return Found(i - 1, term.end, DISEASE, i)

    def _restore_noun_claim(
        self, words: list[str], i: int, term_at: dict[int, Term]
    ) -> Found | None:
        """ "the regeneration of damaged nerves", "regrowth of brain cells"."""
        # "re-growth" is three tokens.
        regrowth = words[i] == "growth" and words[max(0, i - 2) : i] == ["re", "-"]
        if not (regrowth or words[i] in self.lex.restore_nouns) or words[i + 1 : i + 2] != ["of"]:
            return None
        term = self._object(words, i + 2, term_at)
        if term is None or term.start > i + 4 or term.category not in CLAIMABLE | {"function"}:
            return None
        return Found(i, term.end, noun_kind(term.category), i)

"""What the structural finder's reading families share (issue 13).

The attributes StructureFinder sets up (extract/claims.py) and the small readings more than
one family asks: a sentence's objects, its subject (a product, a brand, a lifestyle), a drug
named after a word. Each family (verb_readings.py, noun_readings.py, ...) is a mixin over it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kalypso_lint.extract.asked_forms import AskedLexicon
from kalypso_lint.extract.boasts import BoastLexicon
from kalypso_lint.extract.claim_kinds import (
    DISEASE,
    DISEASE_TERMS,
    Found,
)
from kalypso_lint.extract.common_forms import CommonLexicon
from kalypso_lint.extract.cues import Cues
from kalypso_lint.extract.editorial_marks import ELISION
from kalypso_lint.extract.framing import FramingLexicon
from kalypso_lint.extract.implied import ImpliedLexicon
from kalypso_lint.extract.near_forms import NearLexicon
from kalypso_lint.extract.promises import (
    PromiseLexicon,
    brand_subject,
)
from kalypso_lint.extract.standalone import StandaloneLexicon
from kalypso_lint.extract.structure_lexicon import StructureLexicon
from kalypso_lint.extract.structure_words import (
    CLAIMABLE,
    LABEL_REACH,
    NOT_MODAL,
    OBJECT_GAP,
    PRODUCT_NOUNS,
    STOPS,
    clause_start,
    contains_phrase,
    list_extra,
)
from kalypso_lint.extract.vocabulary import Term, Vocabulary, medical_vocabulary


class FinderBase:
    """The finder's attributes (set in StructureFinder.__init__) and shared readings."""

    lex: StructureLexicon
    promises: PromiseLexicon
    boasts: BoastLexicon
    framing: FramingLexicon
    implied: ImpliedLexicon
    near: NearLexicon
    standalone: StandaloneLexicon
    common: CommonLexicon
    asked: AskedLexicon
    cues: Cues
    _texts: Sequence[str]
    _words: Sequence[str]
    _vocabulary: Vocabulary | None
    riddance_before: dict[str, tuple[tuple[str, ...], ...]]
    riddance_after: dict[str, tuple[tuple[str, ...], ...]]
    state_phrases: dict[str, tuple[tuple[str, ...], ...]]
    control_before: dict[str, tuple[tuple[str, ...], ...]]
    likeness: dict[str, tuple[tuple[str, ...], ...]]
    compared: dict[str, tuple[tuple[str, ...], ...]]
    _rate_context: frozenset[str]
    _work_nouns: frozenset[str]
    _sold_nouns: frozenset[str]
    _onset_doses: frozenset[str]
    _unframed: tuple[tuple[str, ...], ...]

    @property
    def vocabulary(self) -> Vocabulary:
        # Loaded on the first sentence with an effect word: a page without one never needs it.
        if self._vocabulary is None:
            self._vocabulary = medical_vocabulary()
        return self._vocabulary

    # -- effect forms -------------------------------------------------------------------

    def _objects(self, words: list[str], start: int, term_at: dict[int, Term]) -> list[Term]:
        """The vocabulary terms from words[start] on, within the clause and the gap."""
        found = []
        # A list of one-word modifiers: the object is its head ("breast, colon and lung
        # cancer" is cancer, not the breast).
        listed = list_extra(words, start)
        for j in range(start, min(start + OBJECT_GAP + 1 + listed, len(words))):
            if words[j] in STOPS:
                break
            # "supports reproductive wellness, not a fertility treatment": what follows "not"
            # is denied ("not only" is no denial).
            if words[j] == "not" and words[j + 1 : j + 2] not in (["only"], ["just"], ["merely"]):
                break
            term = term_at.get(j)
            # "sleep formula", "immune blend": the term names the product, not the object.
            if term is not None and not (
                term.end < len(words) and words[term.end] in PRODUCT_NOUNS
            ):
                found.append(term)
        # Inside the list a body part is a modifier when the list ends in its head: "breast,
        # colon and lung cancer" ("bones, joints and muscles" keeps its body parts).
        if listed and any(t.start >= start + listed for t in found):
            found = [t for t in found if t.start >= start + listed or t.category in CLAIMABLE]
        return found

    def _object(self, words: list[str], start: int, term_at: dict[int, Term]) -> Term | None:
        objects = self._objects(words, start, term_at)
        return objects[0] if objects else None

    def _lifestyle(self, words: list[str], i: int) -> bool:
        """Health advice: "Regular exercise lowers the risk of heart disease"."""
        return not self.lex.lifestyle.isdisjoint(words[max(0, i - 4) : i])

    def _product_subject(self, words: list[str], i: int, modal: bool = True) -> bool:
        """A weak verb ("reduces", "eases") counts when a product or pronoun is its subject,
        or in a fragment without one ("...reduces joint pain", "Arnica: eases bruising").
        `modal` False: a modal verb alone does not say whose the claim is ("Cochlear implants
        can restore some hearing")."""
        if all(not w.isalnum() for w in words[clause_start(words, i) : i]):
            return True
        if self._lifestyle(words, i):
            return False
        # "Kelatox . . . removes": the quotation left the subject out.
        if self._brand_subject(words, i) or words[i - 1 : i] == [ELISION]:
            return True
        # "to naturally lower ...": an adverb between the verb and what comes before it.
        j = i - 1 if i > 1 and words[i - 1].endswith("ly") else i
        before = ("helps", "help", "to", "and", "can", "will", "may") if modal else NOT_MODAL
        return any(w in self.lex.product_words for w in words[max(0, j - 5) : j]) or (
            words[j - 1] in before
        )

    def _brand_subject(self, words: list[str], i: int) -> bool:
        """A product's name opens the clause as the verb's subject ("GlucoBalance lowers
        blood sugar", "Joint Flex eases stiffness"; extract/promises.py)."""
        clause = clause_start(words, i)
        subject = words[clause:i]
        lex = self.lex
        is_term = bool(self.vocabulary.find(subject))
        excluded = lex.lifestyle | lex.providers
        return brand_subject(self._texts, words, clause, i, excluded, is_term, self.promises)

    def _drug_target(self, words: list[str], start: int, stop: int) -> int | None:
        """Where a drug or procedure named within words[start:stop] ends: a drug word, a drug
        name from the vocabulary ("metformin") or a disease's drug ("the dementia drug")."""
        lex = self.lex
        # A phrase is looked for only when the words hold its first word (issue 16).
        present = set(words[start:stop])
        for phrase in lex.drug_words:
            if phrase[0] not in present:
                continue
            size = len(phrase)
            for j in range(start, min(stop, len(words) - size + 1)):
                if tuple(words[j : j + size]) == phrase:
                    return j + size
        for term in self.vocabulary.find(words[start : stop + 4]):
            if term.start + start >= stop:
                break
            end = term.end + start
            name = " ".join(words[term.start + start : end])
            if term.category == "treatment" and name not in lex.not_drugs:
                return end
            if (
                term.category in DISEASE_TERMS
                and words[end : end + 1]
                and (words[end] in lex.likeness_drug_nouns)
            ):
                return end + 1
        return None

    def _label_list(
        self, words: list[str], head: int, start: int, anchor: int, term_at: dict[int, Term]
    ) -> Found | None:
        """The first disease or symptom a label line lists from words[start] on, to the end of
        its clause."""
        end = next((j for j in range(start, len(words)) if words[j] in STOPS), len(words))
        for j in range(start, min(end, start + LABEL_REACH)):
            term = term_at.get(j)
            if term is not None and term.category in DISEASE_TERMS | {"symptom"}:
                return Found(head, term.end, DISEASE, anchor)
        return None

    def _names_medicine(self, ws: list[str]) -> bool:
        """Whether `ws` name a medicine: a drug word, or a treatment term that is no curated
        supplement (zinc or elderberry do not count)."""
        if contains_phrase(ws, self.lex.drug_words, 0, len(ws)):
            return True
        curated = self.lex.ingredients
        return any(
            t.category == "treatment"
            and not contains_phrase(ws[t.start : t.end], curated, 0, t.end - t.start)
            for t in self.vocabulary.find(ws)
        )

    def _process_claim(self, words: list[str], i: int, term: Term) -> bool:
        """A process term as the verb's own object ("stimulates your own collagen"), not a
        participle adjective ("accelerated collagen breakdown") or a later word ("helps to
        bind water to collagen")."""
        if term.start > i + 3 or (term.start == i + 1 and words[i].endswith("ed")):
            return False
        return self._product_subject(words, i)

    def _process(self, words: list[str], term: Term) -> bool:
        """A body process of cosmetic copy ("collagen", "cell turnover"): a claim when said
        of a product, not when a procedure page explains what the procedure does."""
        return " ".join(words[term.start : term.end]) in self.lex.process_terms

    def _promoted(self, words: list[str], verb: int) -> bool:
        """Said by or of the product: an imperative or fragment ("Finally get ..."), a product
        subject, or "helps (you)"; not lifestyle advice or a provider's service."""
        lex = self.lex
        clause = clause_start(words, verb)
        before = words[max(clause, verb - 5) : verb]
        if self._lifestyle(words, verb) or not lex.providers.isdisjoint(before):
            return False
        opening = all(not w.isalnum() or w.endswith("ly") for w in words[clause:verb])
        helped = not {"help", "helps", "helping"}.isdisjoint(words[max(clause, verb - 3) : verb])
        # "an immune booster that keeps the virus away": a relative clause on the product.
        helped = helped or words[verb - 1 : verb] in (["that"], ["which"])
        # "Wash your hands to keep germs away": a purpose of advice, unless something helps.
        if words[verb - 1 : verb] == ["to"] and not helped:
            return False
        return opening or helped or self._product_subject(words, verb)

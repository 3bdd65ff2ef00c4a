"""The structural finder's state and riddance readings (issue 13): a state kept or
controlled ("keeps blood sugar in check"), riddance ("... is history"), "anti-" words,
compounds ("cancer-fighting") and the promises of round 7 (onset, habits, senses)."""

from __future__ import annotations

from kalypso_lint.extract.claim_kinds import (
    DISEASE,
    DISEASE_TERMS,
    EFFICACY,
    FUNCTION,
    Found,
)
from kalypso_lint.extract.finder_base import FinderBase
from kalypso_lint.extract.promises import (
    appearance_riddance,
    habit_claim,
    habit_object_at,
    has_manner,
    onset_claim,
    sense_result,
)
from kalypso_lint.extract.structure_words import (
    BE,
    CLAIMABLE,
    KEEP,
    MEANS,
    NEGATIONS,
    RIDDANCE_LEADS,
    SENTENCE_ENDS,
    adjective_list_end,
    clause_start,
    noun_kind,
    phrases_at,
)
from kalypso_lint.extract.vocabulary import Term


class StateReadings(FinderBase):
    """States kept, riddance, "anti-" words, compounds and round 7 promises."""

    def _appearance_riddance_claim(
        self, words: list[str], i: int, terms: list[Term]
    ) -> Found | None:
        """ "watch the pounds melt away", "the pounds come off and stay off", "keep the weight
        off for good": a weight term and its riddance (an efficacy claim)."""
        for term in terms:
            if term.category != "appearance" or not term.end <= i <= term.end + 1:
                continue
            end = appearance_riddance(words, term.end, self.promises)
            # "A healthy diet and regular exercise help keep the weight off": advice.
            if end is None or end <= i or self._lifestyle(words, term.start):
                continue
            # "Early treatment can keep the pounds off": "keep" needs the product or nothing
            # as its subject.
            keep = next(
                (j for j in range(term.start - 1, max(-1, term.start - 5), -1) if words[j] in KEEP),
                None,
            )
            if keep is None or self._product_subject(words, keep, False):
                return Found(term.start, end, EFFICACY, i)
        return None

    def _sense_claim(self, words: list[str], i: int) -> Found | None:
        """ "Hear better in noisy restaurants", "helps you see clearly again": a sense and its
        result, said by or of a product (a disease claim when the sense had gone)."""
        found = sense_result(words, i, self.promises)
        if found is None or not self._promoted(words, i):
            return None
        end, lost = found
        return Found(i, end, DISEASE if lost else FUNCTION, i)

    def _onset_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """ "Take one teaspoon at the first sign of COVID symptoms", "Use at the first sign of
        a cold": a product taken at a disease's onset (its intended use)."""
        found = onset_claim(words, i, self.promises)
        if found is None or not self.lex.providers.isdisjoint(words):
            return None
        start, end = found
        # "Chew two tablets at the first sign ...", "Use at the first sign ...": what is used
        # is a product or a dose ("Apply ice at the first sign of swelling" is first aid).
        use = next(
            (j for j in range(start - 1, -1, -1) if words[j] in self.promises.onset_uses), None
        )
        used = words[use + 1 : start] if use is not None else []
        if any(w.isalpha() and w not in self._onset_doses for w in used):
            return None
        plain = next(
            (p for p in self.promises.onset_plain if tuple(words[end : end + len(p)]) == p), None
        )
        if plain is not None:
            return Found(start, end + len(plain), DISEASE, i)
        term = self._object(words, end, term_at)
        if term is None or term.start > end + 2 or term.category not in DISEASE_TERMS | {"symptom"}:
            return None
        return Found(start, term.end, DISEASE, i)

    def _habit_claim(self, words: list[str], i: int) -> Found | None:
        """ "Helps you quit smoking in seven days", "Kick the habit with our blend", "helps
        smokers quit": quitting a habit, said by or of a product (a disease claim: nicotine
        dependence; 21 CFR 310.544)."""
        found = habit_claim(words, i, self.promises)
        if found is None:
            return None
        end, needs_manner = found
        clause = clause_start(words, i)
        # Providers helping patients quit describe a service ("Our counselors help ...").
        if not self.lex.providers.isdisjoint(words[max(clause, i - 5) : i]):
            return None
        # "... are not approved as a way to quit smoking": a negation anywhere before.
        if not NEGATIONS.isdisjoint(words[clause:i]):
            return None
        # "Laser therapy to quit smoking", "patches to stop smoking": a product's purpose.
        if words[i - 1 : i] == ["to"] and i - 1 - clause <= 4:
            subject = words[clause : i - 1]
            named = any(t.category == "treatment" for t in self.vocabulary.find(subject))
            if named or not self.lex.product_words.isdisjoint(subject):
                return Found(i, end, DISEASE, i)
        helped = not {"help", "helps", "helping", "helped"}.isdisjoint(
            words[max(clause, i - 3) : i]
        ) or words[i - 1 : i] in (["that"], ["which"])
        opening = all(not w.isalnum() or w.endswith("ly") for w in words[clause:i])
        if not needs_manner:
            # "helps smokers quit" needs the help or the product named ("Few smokers manage to
            # quit on their own" is a statistic).
            named = not self.lex.product_words.isdisjoint(words[clause:i])
            return Found(i, end, DISEASE, i) if helped or named else None
        said_of_product = helped or (not opening and self._product_subject(words, i))
        if said_of_product or (needs_manner and has_manner(words, end, self.lex.providers)):
            return Found(i, end, DISEASE, i)
        return None

    def _riddance_claim(
        self, words: list[str], i: int, terms: list[Term], term_at: dict[int, Term]
    ) -> Found | None:
        """ "say goodbye to joint pain", "makes eczema a thing of the past"."""
        for phrase, start in phrases_at(words, i, self.riddance_before):
            end = start + len(phrase)
            term = self._object(words, end, term_at)
            if term is not None and term.category in CLAIMABLE and term.start <= end + 2:
                return Found(start, term.end, noun_kind(term.category), i)
            # "Say goodbye to cigarettes for good": a habit left behind (round 7).
            habit = habit_object_at(words, end, self.promises)
            # ("No more smoking is allowed on campus" is a rule.)
            if habit is not None and not BE.isdisjoint(words[habit : habit + 2]):
                habit = None
            if habit is not None:
                return Found(start, habit, DISEASE, i)
        for phrase, start in phrases_at(words, i, self.riddance_after):
            before = [t for t in terms if start - 4 <= t.end <= start and t.category in CLAIMABLE]
            # "makes eczema history", "your pain is history"; not "your symptoms and medical
            # history" (a modifier before the phrase makes it a noun of its own).
            said = bool(before) and (words[start - 1] in RIDDANCE_LEADS or before[-1].end == start)
            if said:
                term = before[-1]
                return Found(term.start, start + len(phrase), noun_kind(term.category), i)
        return None

    def _anti_claim(self, words: list[str], spaces: list[str], i: int) -> Found | None:
        lex = self.lex
        word, end = words[i], i + 1
        # "anti-inflammatory" is three tokens; "antiviral" one.
        disease = False
        if word == "anti" and i + 2 < len(words) and words[i + 1] == "-" and not spaces[i]:
            word, end = f"anti-{words[i + 2]}", i + 3
            # "anti-SARS-CoV-2 activity": "anti-" before a disease or germ (round 7).
            named = self.vocabulary.find(words[i + 2 : i + 2 + self.vocabulary.longest])
            if named and named[0].start == 0 and named[0].category in DISEASE_TERMS:
                disease, end = True, i + 2 + named[0].end
        # "anticancer", "antitumor": "anti" glued to a disease or a germ (round 12).
        if word.startswith("anti") and len(word) > 6 and word not in lex.anti:
            named_term = self.vocabulary.category(word[4:])
            disease = disease or named_term in DISEASE_TERMS
        if word not in lex.anti and not disease:
            return None
        # "anti-inflammatory, antimicrobial and regenerative properties": the context word
        # may follow a list of adjectives (round 12).
        if words[end : end + 1] and words[end] in self.standalone.anti_not_before:
            return None
        end_of_list = adjective_list_end(words, end)
        nearby = [
            *words[max(0, i - 2) : i],
            *words[end : end + 2],
            *words[end_of_list : end_of_list + 2],
        ]
        if not any(w in lex.anti_context or w in lex.anti_products for w in nearby):
            return None
        return Found(i, end, EFFICACY if word in lex.anti_appearance else DISEASE, i)

    def _compound_claim(
        self, words: list[str], spaces: list[str], i: int, terms: list[Term]
    ) -> Found | None:
        """ "cancer-fighting", "virus-killing": a term, a hyphen, an effect word; without the
        hyphen before a product word: "dark spot correcting serum", "immune boosting formula"."""
        lex = self.lex
        hyphen = i >= 2 and words[i - 1] == "-" and not spaces[i - 1]
        joined = not hyphen and i + 1 < len(words) and words[i + 1] in lex.compound_products
        if not (hyphen or joined):
            return None
        term = next((t for t in terms if t.end == (i - 1 if hyphen else i)), None)
        if term is None:
            return None
        word = words[i]
        if word in lex.compounds and term.category in DISEASE_TERMS | {"symptom"}:
            return Found(term.start, i + 1, DISEASE, i)
        if word in lex.appearance_compounds and term.category == "appearance":
            return Found(term.start, i + 1, EFFICACY, i)
        if word in lex.function_compounds and term.category == "function":
            # "collagen-stimulating treatment" names a procedure; "elastin-stimulating
            # peptides" and "a collagen-boosting serum" say what a product does (round 6).
            sold = i + 1 < len(words) and words[i + 1] in lex.process_products
            if self._process(words, term) and not (joined or sold):
                return None
            return Found(term.start, i + 1, FUNCTION, i)
        return None

    def _state_claim(
        self, words: list[str], i: int, terms: list[Term], term_at: dict[int, Term]
    ) -> Found | None:
        """ "get your diabetes under control", "keeps colds at bay", "take control of your
        anxiety": a disease held in a state, by a product, an imperative or a fragment."""
        lex = self.lex
        for phrase, start in phrases_at(words, i, self.state_phrases):
            term = next(
                (t for t in reversed(terms) if start - 1 <= t.end <= start and t.start < start),
                None,
            )
            if term is None or term.category not in CLAIMABLE:
                return None
            verb = next(
                (
                    j
                    for j in range(term.start - 1, max(term.start - 4, -1), -1)
                    if words[j] in lex.state_forms
                ),
                None,
            )
            if verb is None or not self._promoted(words, verb):
                return None
            # "Keep colds out with our syrup!"; "Keep germs out of the kitchen" is advice.
            if phrase in self.lex.state_means and not self._with_product(words, start):
                return None
            return Found(verb, start + len(phrase), noun_kind(term.category), verb)
        for phrase, start in phrases_at(words, i, self.control_before):
            end = start + len(phrase)
            term = self._object(words, end, term_at)
            if term is None or term.category not in CLAIMABLE or term.start > end + 2:
                return None
            if not self._promoted(words, start):
                return None
            return Found(start, term.end, noun_kind(term.category), start)
        return None

    def _with_product(self, words: list[str], start: int) -> bool:
        """A product as the means after words[start]: "with our syrup", "using this tea"."""
        for k in range(start, min(start + 6, len(words))):
            if words[k] in SENTENCE_ENDS:
                return False
            if words[k] in MEANS and words[k + 1 : k + 2] in (["our"], ["this"], ["these"]):
                return True
        return False

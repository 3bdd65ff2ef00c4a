"""The verb readings of the structural finder (issue 13): an effect verb and its object
("relieves joint pain"), its passive and "-able" forms, effect adjectives and protective
nouns."""

from __future__ import annotations

from collections.abc import Sequence

from kalypso_lint.extract.claim_kinds import (
    DISEASE,
    DISEASE_TERMS,
    EFFICACY,
    FUNCTION,
    Found,
)
from kalypso_lint.extract.finder_base import FinderBase
from kalypso_lint.extract.service_names import names_a_service
from kalypso_lint.extract.structure_words import (
    BE,
    CLAIMABLE,
    GERUND_NOUNS,
    MEANS,
    NOT_BEFORE_VERBS,
    PRONOUNS,
    contains_phrase,
    list_extra,
)
from kalypso_lint.extract.vocabulary import Term


class VerbReadings(FinderBase):
    """An effect verb and its object, and the verb's other forms."""

    def _verb_claim(
        self,
        words: list[str],
        i: int,
        term_at: dict[int, Term],
        before: Sequence[str] = (),
        spaces: Sequence[str] = (),
    ) -> Found | None:
        lex = self.lex
        lemma = lex.forms.get(words[i])
        # "FDA-cleared", "drug-free": a compound adjective, not the verb; "the fight against
        # the opioid epidemic": a noun after a determiner. A dash between spaces ends a
        # heading's name ("ImmunoMax - Strengthen your immunity"): the verb after it is a verb.
        spaced_dash = words[i - 1 : i] == ["-"] and i - 1 < len(spaces) and bool(spaces[i - 1])
        if lemma is None or (i > 0 and words[i - 1] in NOT_BEFORE_VERBS and not spaced_dash):
            return None
        after = i + 1
        # The particle may follow the object: "protects brain cells from damage".
        particles = lex.particles.get(lemma, frozenset())
        # ("protects your skin and eyes from the sun": up to six words between.)
        with_particle = not particles.isdisjoint(words[after : after + 6])
        if lemma in lex.promoted_verbs and not self._promoted(words, i):
            return None
        # "Healing time for sprains", "the healing process": a gerund naming a noun.
        if words[i].endswith("ing") and words[after : after + 1] and words[after] in GERUND_NOUNS:
            return None
        # "Most people benefit from ...": the verb's subject gains, it acts on nothing.
        if tuple(words[i : i + 2]) in lex.reversed_verbs:
            return None
        # "Plaque builds up in the arteries": accumulation, not the verb's object.
        if contains_phrase(words, lex.intransitive_after, after, min(after + 2, len(words))):
            return None
        for term in self._objects(words, after, term_at):
            if self._process(words, term) and not self._process_claim(words, i, term):
                continue
            # "Patients often regain their hearing": the senses, like the body processes,
            # count when a product, a pronoun or nothing is the subject (round 7).
            sense = " ".join(words[term.start : term.end]) in lex.sense_terms
            if sense and not (term.start <= i + 3 and self._product_subject(words, i, False)):
                continue
            kind = self._kind(lemma, term.category, with_particle, words, i, term)
            if kind is not None:
                return Found(i, term.end, kind, i)
        if lemma not in lex.disease or lemma in lex.weak:
            return None
        # "... the virus, and calculated the frequencies to kill it": a pronoun object
        # standing for a disease named earlier in the sentence; "Attack the problem now":
        # an anaphor standing for a disease named in the block's sentences before.
        pronoun = next(
            (j for j in range(after, min(after + 2, len(words))) if words[j] in PRONOUNS), None
        )
        named = any(t.category in DISEASE_TERMS for t in term_at.values() if t.end <= i)
        if pronoun is not None and named:
            return Found(i, pronoun + 1, DISEASE, i)
        anaphor = next((a for a in lex.anaphors if tuple(words[after : after + len(a)]) == a), None)
        if anaphor is None and pronoun is None:
            return None
        if any(t.category in DISEASE_TERMS for t in self.vocabulary.find(before)):
            end = after + len(anaphor) if anaphor is not None else (pronoun or after) + 1
            return Found(i, end, DISEASE, i)
        return None

    def _kind(
        self,
        lemma: str,
        category: str,
        with_particle: bool,
        words: list[str],
        i: int,
        term: Term | None = None,
    ) -> str | None:
        lex = self.lex
        disease_verb = lemma in lex.disease and (with_particle or lemma not in lex.particle_only)
        text = " ".join(words[term.start : term.end]) if term is not None else ""
        # "removes parasites from the colon": a germ, parasite or toxic metal only.
        if lemma in lex.agent_only:
            return DISEASE if category == "agent" and self._product_subject(words, i) else None
        # "Protect your hearing with earplugs" is advice; "a walk burns 150 calories" is
        # exercise information ("blocks the calories from carbs" is a claim).
        # "manage your hearing health online": the senses take support and restore verbs only.
        sense = text in lex.sense_terms
        if (sense and (lemma in lex.sense_protect or lemma not in lex.support | lex.restore)) or (
            text in lex.block_only and lemma not in lex.block_verbs
        ):
            return None
        if category in DISEASE_TERMS:
            if disease_verb and (lemma not in lex.weak or not self._lifestyle(words, i)):
                return DISEASE
            # "strengthens your body against COVID-19": support aimed at a disease.
            aimed = not lex.support_links.isdisjoint(words[i + 1 :])
            return DISEASE if lemma in lex.support and aimed else None
        restores = lemma in lex.restore and (with_particle or lemma not in lex.particle_only)
        if category in ("symptom", "marker"):
            if restores:  # "rebuilds damaged cartilage"
                return DISEASE
            if disease_verb and (lemma not in lex.weak or self._product_subject(words, i)):
                return DISEASE
            if category == "marker" and lemma in lex.support:
                return FUNCTION
            return None
        if category == "function":
            if restores:
                return DISEASE
            return FUNCTION if lemma in lex.support or disease_verb else None
        if category == "appearance":
            return EFFICACY if lemma in lex.appearance else None
        return None

    def _protective_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "your COVID-19 shield", "cold and flu defense": a protective noun right after a
        disease or germ; an "-er" noun of an effect verb after a term: "Cancer Preventer",
        "Herpes Outbreak Eliminator", "Blood Sugar Balancer"."""
        lex = self.lex
        word = words[i]
        agent = lex.agents.get(word)
        if word not in lex.protective and agent is None:
            return None
        # One filler noun may come between: "herpes outbreak eliminator".
        end = i - 1 if i > 0 and words[i - 1] in lex.agent_fillers else i
        term = next((t for t in terms if t.end == end), None)
        if term is None:
            return None
        if word in lex.protective and term.category in DISEASE_TERMS:
            # "Malaria Prevention", "Stroke Recovery": a service's name on a clinic's page, as
            # "Migraine Treatment" is, unless time is promised ("Flu protection in 24 hours").
            service = names_a_service(words, i) and not contains_phrase(
                words, lex.promise_times, i + 1, min(i + 5, len(words))
            )
            return Found(term.start, i + 1, DISEASE, i, service)
        if agent == DISEASE and term.category in CLAIMABLE - {"appearance"}:
            return Found(term.start, i + 1, DISEASE, i)
        if agent == FUNCTION and term.category in ("function", "marker"):
            return Found(term.start, i + 1, FUNCTION, i)
        if agent == EFFICACY and term.category == "appearance":
            return Found(term.start, i + 1, EFFICACY, i)
        return None

    def _passive_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "symptoms were relieved", "the virus can be stopped with ...": a disease term,
        a form of "be", then an effect participle (weak verbs need "with"/"by" after)."""
        lex = self.lex
        if words[i] in lex.able_forms:
            return self._able_claim(words, i, terms)
        lemma = lex.forms.get(words[i])
        if lemma is None or lemma not in lex.disease or not words[i].endswith(("ed", "t", "n")):
            return None
        be = next((j for j in range(i - 1, max(i - 5, -1), -1) if words[j] in BE), None)
        if be is None:
            return None
        term = next((t for t in terms if be - 3 <= t.end <= be and t.category in CLAIMABLE), None)
        if term is None:
            return None
        if lemma in lex.weak and not {"with", "by", "using"} & set(words[i + 1 : i + 6]):
            return None
        return Found(term.start, i + 1, DISEASE, i)

    def _able_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "complications may be reversible by NAD+ repletion": a disease, a form of "be",
        an "-ible" form of an effect verb, and a product or ingredient as the means."""
        be = next((j for j in range(i - 1, max(i - 4, -1), -1) if words[j] in BE), None)
        if be is None:
            return None
        term = next((t for t in terms if be - 3 <= t.end <= be and t.category in CLAIMABLE), None)
        link = next((j for j in range(i + 1, min(i + 3, len(words))) if words[j] in MEANS), None)
        if term is None or link is None:
            return None
        means = words[link + 1 : link + 5]
        lex = self.lex
        if lex.product_words.isdisjoint(means) and not contains_phrase(
            means, lex.ingredients, 0, len(means)
        ):
            return None
        return Found(term.start, i + 1, DISEASE, i)

    def _adjective_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """ "effective against viruses", "active against cancer cells"; a symptom when a
        product or nothing is the subject ("Helpful in the case of breathing difficulties")."""
        lex = self.lex
        if words[i] not in lex.effect_adjectives or i + 1 >= len(words):
            return None
        if words[i + 1] not in lex.adjective_links:
            return None
        start = i + 1
        for filler in lex.adjective_fillers:
            if tuple(words[i + 2 : i + 2 + len(filler)]) == filler:
                start = i + 1 + len(filler)
                break
        term = self._object(words, start + 1, term_at)
        # "Regular exercise is protective against heart disease": health advice (round 9).
        # ("effective against breast, colon, skin and lung cancers": a list before the term.)
        reach = start + 4 + list_extra(words, start + 1)
        if term is None or term.start > reach or self._lifestyle(words, i):
            return None
        symptom = term.category == "symptom" and self._product_subject(words, i, False)
        if term.category not in DISEASE_TERMS and not symptom:
            return None
        return Found(i, term.end, DISEASE, i)

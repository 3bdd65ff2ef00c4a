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

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.attrs import LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.asked_forms import (
    AskedLexicon,
    asked_lexicon,
    craving_claim,
    promising_question,
    survival_claim,
    survival_denied,
)
from kalypso_lint.extract.boasts import (
    BoastLexicon,
    boast_lexicon,
    hashtag_parts,
    property_claim,
    rate_boast,
    safety_comparison,
    study_result,
    superlative_boast,
    work_promise,
)
from kalypso_lint.extract.common_forms import (
    CommonLexicon,
    answers_supposition,
    common_lexicon,
    comparative_substitute,
    disparaged,
    free_for_good,
    if_help_claim,
    offered_supposition,
    research_setting,
    result_claim,
    works_better_claim,
)
from kalypso_lint.extract.cues import CLAUSE_BREAKS, Cues, claim_cues, plain_apostrophes
from kalypso_lint.extract.doctext import block_text
from kalypso_lint.extract.framing import (
    FramingLexicon,
    absolute_effect,
    framing_lexicon,
    made_by_writer,
    perceived_change,
    research_use,
    therapeutic_use,
    used_for,
)
from kalypso_lint.extract.implied import (
    ImpliedLexicon,
    implied_lexicon,
    implied_use,
    subject_use,
)
from kalypso_lint.extract.lemmas import agent_noun, form_table
from kalypso_lint.extract.lexicon import medical_lexicon
from kalypso_lint.extract.near_forms import (
    NearLexicon,
    agent_before,
    comparative_fragment,
    drug_class,
    free_state,
    healing_supported,
    illness_avoided,
    illness_promise,
    last_question,
    near_lexicon,
    onset_delayed,
    question_answered,
    supposed_after,
    weak_compound,
)
from kalypso_lint.extract.page_talk import talks_about
from kalypso_lint.extract.patterns import lower_words
from kalypso_lint.extract.promises import (
    PromiseLexicon,
    appearance_riddance,
    brand_subject,
    habit_claim,
    habit_object_at,
    has_manner,
    onset_claim,
    outcome_promise,
    promise_lexicon,
    sense_result,
)
from kalypso_lint.extract.service_names import (
    advised_avoidance,
    in_noun_compound,
    names_a_service,
    names_a_topic,
    procedure_comfort,
    service_names,
)
from kalypso_lint.extract.standalone import (
    DEATH,
    DURING,
    FREE,
    INFANT,
    PEOPLE,
    PERFORMANCE,
    StandaloneLexicon,
    standalone_claim,
    standalone_lexicon,
)
from kalypso_lint.extract.vocabulary import Term, Vocabulary, medical_vocabulary
from kalypso_lint.extract.wordlists import phrase_tuples, word_set

DISEASE, FUNCTION, EFFICACY = "disease", "structure-function", "efficacy"
# What informational wording makes of a claim (StructureFinder._information).
SERVICE, INFORMATION = "service", "information"
_DISEASE_TERMS = frozenset({"condition", "agent"})
_OBJECT_GAP = 8  # words between an effect verb and its object ("kills 99.9% of the virus")
_LABEL_REACH = 16  # words of a "Recommended for:" label line searched for a disease
_ASSOCIATION_REACH = 14  # words after "associated with" searched for the disease
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
_LIST_DETERMINERS = frozenset({"the", "your", "a", "an", "all", "many", "most", "some"})
_STOPS = CLAUSE_BREAKS | {".", "!", "?", "but", "while", "although", "whereas", "because"}
# Before a riddance phrase: "... is history", "... are no match for ...".
_RIDDANCE_LEADS = frozenset(
    {"is", "are", "be", "been", "was", "were", "'s", "'re", "become", "becomes", "becoming", "now"}
    | {"just", "soon", "officially", "finally", "quickly", "simply", "all", "?", ":", "-"}
    | {"—", "–", ",", "!"}
)


@dataclass(frozen=True)
class StructureLexicon:
    forms: dict[str, str]  # inflected form -> lemma
    disease: frozenset[str]
    restore: frozenset[str]
    support: frozenset[str]
    appearance: frozenset[str]
    weak: frozenset[str]
    support_links: frozenset[str]
    particles: dict[str, frozenset[str]]
    particle_only: frozenset[str]
    promoted_verbs: frozenset[str]
    anaphors: tuple[tuple[str, ...], ...]
    name_products: frozenset[str]
    name_fillers: frozenset[str]
    reference_markers: tuple[tuple[str, ...], ...]
    nouns_always: frozenset[str]
    nouns_qualified: frozenset[str]
    nouns_fragment: frozenset[str]
    nouns_products: frozenset[str]
    association_words: frozenset[str]
    ingredients: tuple[tuple[str, ...], ...]
    qualifiers: frozenset[str]
    prepositions: frozenset[str]
    protective: frozenset[str]
    agents: dict[str, str]  # "-er" noun -> kind: "preventer" -> disease
    agent_fillers: frozenset[str]
    substitute_nouns: frozenset[str]
    substitute_verbs: frozenset[str]
    drug_words: tuple[tuple[str, ...], ...]
    substitute_safety: frozenset[str]
    substitute_phrases: tuple[tuple[str, ...], ...]
    riddance_before: tuple[tuple[str, ...], ...]
    versus: frozenset[str]
    riddance_after: tuple[tuple[str, ...], ...]
    lifestyle: frozenset[str]
    comparisons: tuple[tuple[str, ...], ...]
    purpose_nouns: frozenset[str]
    outcome_verbs: frozenset[str]
    outcome_hedges: frozenset[str]
    effect_adjectives: frozenset[str]
    adjective_links: frozenset[str]
    anti: frozenset[str]
    anti_context: frozenset[str]
    anti_products: frozenset[str]
    anti_appearance: frozenset[str]
    compounds: frozenset[str]
    links: tuple[tuple[str, ...], ...]
    providers: frozenset[str]
    provider_verbs: frozenset[str]
    informational: tuple[tuple[str, ...], ...]
    service_wording: tuple[tuple[str, ...], ...]
    testimonial_patterns: list[Any]
    testimonial_quoted: list[Any]  # round 8: spans inside quotation marks
    testimonial_results: frozenset[str]
    testimonial_told: list[Any]
    testimonial_told_words: frozenset[str]
    testimonial_told_plain: list[Any]
    testimonial_used: list[Any]
    # Round 3 (see data/claim_structure.yaml for each class).
    state_phrases: tuple[tuple[str, ...], ...]
    state_means: frozenset[tuple[str, ...]]  # round 8: "keep ... out" needs a means
    state_forms: dict[str, str]
    control_before: tuple[tuple[str, ...], ...]
    purpose_participles: frozenset[str]
    purpose_adjectives: frozenset[str]
    purpose_people: frozenset[str]
    likeness: tuple[tuple[str, ...], ...]
    likeness_window: int
    likeness_drug_nouns: frozenset[str]
    likeness_safety: frozenset[str]
    not_drugs: frozenset[str]
    without_effects: frozenset[str]
    compound_products: frozenset[str]
    appearance_compounds: frozenset[str]
    function_compounds: frozenset[str]
    restore_nouns: frozenset[str]
    process_terms: frozenset[str]
    process_products: frozenset[str]
    background_openers: frozenset[str]
    # Round 7.
    intransitive_after: tuple[tuple[str, ...], ...]
    reversed_verbs: frozenset[tuple[str, ...]]
    sense_terms: frozenset[str]
    sense_protect: frozenset[str]
    block_only: frozenset[str]
    block_verbs: frozenset[str]
    product_words: frozenset[str]
    label_heads: tuple[tuple[str, ...], ...]
    purpose_imperatives: frozenset[str]
    agent_only: frozenset[str]
    able_forms: dict[str, str]
    adjective_fillers: tuple[tuple[str, ...], ...]
    promise_times: tuple[tuple[str, ...], ...]


def _agents(verbs: dict[str, Any], data: dict[str, Any]) -> dict[str, str]:
    """ "-er" nouns of the effect verbs and the kind of claim each makes after a term: a
    "cancer preventer" (disease), a "memory enhancer" (structure/function), a "fat burner"
    (efficacy); the words in `agent_exclude` name drugs or people ("pain reliever", "healer")."""
    excluded = word_set(data["agent_exclude"])
    agents: dict[str, str] = {}
    for key, kind in (("disease", DISEASE), ("support", FUNCTION), ("appearance", EFFICACY)):
        for lemma in verbs[key]:
            noun = agent_noun(str(lemma))
            if noun not in excluded:
                agents.setdefault(noun, kind)
                agents.setdefault(noun + "s", kind)
    for noun in data.get("agent_extra", []):
        agents.setdefault(str(noun), DISEASE)
        agents.setdefault(f"{noun}s", DISEASE)
    return agents


@cache
def structure_lexicon() -> StructureLexicon:
    data = shared_data_file("claim_structure.yaml")
    verbs = data["verbs"]
    more = data["more_verbs"]
    irregular = verbs.get("irregular", {})
    lemmas = {str(w) for key in ("disease", "restore", "support", "appearance") for w in verbs[key]}
    lemmas.update(str(w) for key in ("disease", "restore", "support", "agent") for w in more[key])
    lemmas.update(str(w) for w in data["substitute_verbs"])
    # Round 13 (data/common_forms.yaml): more verbs of the disease class.
    common = common_lexicon()
    lemmas.update(common.disease_verbs)
    nouns = data["nouns"]
    return StructureLexicon(
        forms=form_table(sorted(lemmas), irregular),
        disease=word_set([*verbs["disease"], *more["disease"], *common.disease_verbs]),
        restore=word_set([*verbs["restore"], *more["restore"]]),
        support=word_set([*verbs["support"], *more["support"]]),
        appearance=word_set(verbs["appearance"]),
        weak=word_set([*data["weak_disease_verbs"], *more["weak"]]),
        support_links=word_set(data["support_links"]),
        particles={
            k: word_set(v or [])
            for k, v in (*data["particles"].items(), *data["more_particles"].items())
        },
        particle_only=word_set([*data["particle_only"], *more["particle_only"]]),
        promoted_verbs=word_set(data["promoted_verbs"]),
        anaphors=phrase_tuples(data["anaphors"]),
        name_products=word_set(data["name_products"]),
        name_fillers=word_set(data["name_fillers"]),
        reference_markers=phrase_tuples(data["reference_markers"]),
        nouns_always=word_set(nouns["always"]),
        nouns_qualified=word_set(
            [
                *nouns["qualified"],
                *data["more_nouns_qualified"],
                *data["round9_nouns_qualified"],
                *common.fragment_nouns,
            ]
        ),
        nouns_fragment=word_set([*nouns.get("fragment", []), *common.fragment_nouns]),
        nouns_products=word_set([*data["product_only_nouns"], *near_lexicon().product_only_nouns]),
        association_words=word_set(data["association_words"]),
        # The curated treatments and supplements of data/medical.yaml ("zinc", "melatonin").
        ingredients=phrase_tuples(list(medical_lexicon().treatments)),
        qualifiers=word_set(
            [*nouns["qualifiers"], *data["more_qualifiers"], *data["round8_qualifiers"]]
        ),
        prepositions=word_set(nouns["prepositions"]),
        # Round 14 (data/asked_forms.yaml): "Wart Remover", "Acne Eraser".
        protective=word_set([*data["protective_nouns"], *asked_lexicon().product_nouns]),
        agents=_agents(verbs, data),
        agent_fillers=word_set(data["agent_fillers"]),
        substitute_nouns=word_set(data["substitute_nouns"]),
        substitute_verbs=word_set(data["substitute_verbs"]),
        drug_words=phrase_tuples(
            [
                *data["nicotine_replacement"],
                *data["drug_words"],
                *data["round8_drug_words"],
                *common.drug_words,
            ]
        ),
        substitute_safety=word_set(data["substitute_safety"]),
        substitute_phrases=phrase_tuples(data["substitute_phrases"]),
        riddance_before=phrase_tuples([*data["riddance_before"], *near_lexicon().riddance_before]),
        versus=word_set(data["versus"]),
        riddance_after=phrase_tuples(
            [
                *data["riddance_after"],
                *data["round9_riddance_after"],
                *near_lexicon().riddance_after,
            ]
        ),
        lifestyle=word_set(
            [
                *data["lifestyle_subjects"],
                *data["round9_lifestyle_subjects"],
                *near_lexicon().lifestyle_subjects,
            ]
        ),
        comparisons=phrase_tuples(data["comparisons"]),
        purpose_nouns=word_set([*data["purpose_nouns"], *data["natural_products"]]),
        outcome_verbs=word_set(data["outcome_verbs"]),
        outcome_hedges=word_set(data["outcome_hedges"]),
        effect_adjectives=word_set([*data["effect_adjectives"], *data["round9_effect_adjectives"]]),
        adjective_links=word_set(
            [*data["effect_adjective_links"], *data["round9_adjective_links"]]
        ),
        anti=word_set([*data["anti_words"], *data["round9_anti_words"]]),
        anti_context=word_set(data["anti_context"]),
        anti_products=word_set(data["anti_products"]),
        anti_appearance=word_set(data["anti_appearance"]),
        compounds=word_set(data["compound_effects"]),
        links=phrase_tuples(data["disease_links"]),
        providers=word_set([*data["provider_subjects"], *data["more_providers"]]),
        provider_verbs=word_set([*data["provider_verbs"], *data["more_provider_verbs"]]),
        informational=phrase_tuples(
            [p for p in data["informational"] if p not in data["service_informational"]]
        ),
        service_wording=(
            *phrase_tuples(data["service_informational"]),
            *service_names().service_wording,
        ),
        testimonial_patterns=data["testimonial_patterns"],
        testimonial_quoted=data["testimonial_patterns_round8"],
        testimonial_results=word_set(
            [*data["testimonial_results"], *data["more_testimonial_results"]]
        ),
        testimonial_told=data["testimonial_told_patterns"],
        testimonial_told_words=word_set(
            [*data["testimonial_told_words"], *data["told_plain_words"], *data["told_used_words"]]
        ),
        testimonial_told_plain=data["testimonial_told_plain_patterns"],
        testimonial_used=data["testimonial_used_patterns"],
        state_phrases=phrase_tuples([*data["state_phrases"], *data["more_state_phrases"]]),
        state_means=frozenset(phrase_tuples(data["state_means_phrases"])),
        state_forms=form_table([str(w) for w in data["state_verbs"]], data["state_irregular"]),
        control_before=phrase_tuples(data["control_before"]),
        purpose_participles=word_set(data["purpose_participles"]),
        purpose_adjectives=word_set(data["purpose_adjectives"]),
        purpose_people=word_set(data["purpose_people"]),
        likeness=phrase_tuples(
            [*data["likeness"], *shared_data_file("standalone.yaml")["likeness"]]
        ),
        likeness_window=int(data["likeness_window"]),
        likeness_drug_nouns=word_set(data["likeness_drug_nouns"]),
        likeness_safety=word_set(data["likeness_safety"]),
        not_drugs=word_set(data["likeness_not_drugs"]),
        without_effects=word_set(data["without_effects"]),
        compound_products=word_set([*data["compound_products"], *data["more_compound_products"]]),
        appearance_compounds=word_set(data["appearance_compounds"]),
        function_compounds=word_set(data["function_compounds"]),
        restore_nouns=word_set(data["restore_nouns"]),
        background_openers=word_set(data["background_openers"]),
        process_products=word_set(data["process_products"]),
        intransitive_after=phrase_tuples(data["intransitive_after"]),
        reversed_verbs=frozenset(
            (form, after)
            for phrase in phrase_tuples(data["reversed_verbs"])
            for form in form_table([phrase[0]], {})
            for after in phrase[1:]
        ),
        sense_terms=frozenset(" ".join(p) for p in phrase_tuples(data["sense_terms"])),
        sense_protect=word_set(data["sense_protect_verbs"]),
        block_only=word_set(data["block_only_terms"]),
        block_verbs=word_set(data["block_verbs"]),
        product_words=_PRODUCT_WORDS | word_set(data["more_product_words"]),
        label_heads=phrase_tuples(data["label_heads"]),
        purpose_imperatives=word_set(data["purpose_imperatives"]),
        agent_only=word_set(more["agent"]),
        able_forms={str(k): str(v) for k, v in data["able_forms"].items()},
        adjective_fillers=phrase_tuples(data["adjective_fillers"]),
        promise_times=phrase_tuples(data["promise_times"]),
        process_terms=frozenset(" ".join(p) for p in phrase_tuples(data["process_terms"])),
    )


def _contains(
    words: Sequence[str], phrases: tuple[tuple[str, ...], ...], start: int, end: int
) -> bool:
    for phrase in phrases:
        size = len(phrase)
        for i in range(max(start, 0), end - size + 1):
            if words[i] == phrase[0] and tuple(words[i : i + size]) == phrase:
                return True
    return False


@dataclass(frozen=True)
class Found:
    start: int  # token indices in the sentence
    end: int
    kind: str
    anchor: int  # the effect word, where cue scopes are measured from
    # A reading right on a product page only (seller.py): service or drug-information
    # wording on a clinic's page, a claim on a supplement's.
    products_only: bool = False


# Product-only spans carry this after their kind ("disease|products"); kl_medical keeps them
# apart from the rest (extract/medical.py).
PRODUCTS_ONLY = "|products"


class StructureFinder:
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
                *(_anchor_word(p) for p in lex.comparisons),
                *(_anchor_word(p) for p in lex.substitute_phrases),
                *(_anchor_word(p) for p in lex.riddance_before),
                *lex.versus,
                *(_anchor_word(p) for p in lex.riddance_after),
                "anti",
                *(_anchor_word(p) for p in (*lex.state_phrases, *lex.control_before)),
                *(_anchor_word(p) for p in lex.likeness),
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
                *(_anchor_word(p) for p in self.promises.onset_phrases),
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
            }
        )
        # Words a claim can hang on; a sentence needs one of them (or a product word, for
        # "a tincture for chronic pain") to be searched at all.
        self.anchors = self.triggers | {"for"}
        # Each phrase family by anchor word, so a word tries only the phrases it can anchor.
        self.riddance_before = _by_anchor(lex.riddance_before)
        self.riddance_after = _by_anchor(lex.riddance_after)
        self.state_phrases = _by_anchor(lex.state_phrases)
        self.control_before = _by_anchor(lex.control_before)
        self.likeness = _by_anchor(lex.likeness)
        self.compared = _by_anchor((*lex.comparisons, *lex.substitute_phrases))
        self.purpose_words = lex.purpose_nouns | lex.purpose_participles | lex.purpose_adjectives
        # The word sets the round 7 and 8 readings test, joined once here, not per anchor.
        self._rate_context = self.boasts.rate_context | (lex.product_words - _PRONOUNS)
        self._work_nouns = lex.product_words - _SPEAKERS
        self._sold_nouns = (lex.product_words | self.standalone.sold_nouns) - _NOT_SOLD
        self._onset_doses = self.promises.onset_doses | lex.product_words
        # Informational wording less a headline's framing, for absolute effects (round 9).
        self._unframed = tuple(p for p in lex.informational if p not in self.framing.framing)
        strings = nlp.vocab.strings
        self.sentence_ids = frozenset(strings.add(w) for w in self.triggers | self.purpose_words)
        self.testimonial_ids = frozenset(strings.add(w) for w in lex.testimonial_results)
        self.testimonials = Matcher(nlp.vocab)
        self.testimonials.add("testimonial", lex.testimonial_patterns)
        self.testimonials.add(_QUOTED, lex.testimonial_quoted)
        self.quoted_id = strings.add(_QUOTED)
        # Every step after a pattern's first is IS_SENT_START: false, so a match lies within
        # one sentence: the Matcher need only see the sentences that can keep one.
        self.testimonials_by_sentence = all(
            all(step.get("IS_SENT_START") is False for step in pattern[1:])
            for pattern in (*lex.testimonial_patterns, *lex.testimonial_quoted)
        )
        # The words a match can start with, when every pattern's first step names them.
        self.testimonial_starts = _first_words(
            [*lex.testimonial_patterns, *lex.testimonial_quoted], strings
        )
        common = self.common
        self.told_ids = frozenset(
            strings.add(w)
            for w in (*lex.testimonial_told_words, *common.told_gate, *common.told_plain_gate)
        )
        self._dot = strings.add(".")
        self.told = Matcher(nlp.vocab)
        self.told.add("told", [*lex.testimonial_told, *lex.testimonial_used])
        # Stories that are results in themselves, with or without a term (round 6).
        self.told.add(_TOLD_PLAIN, [*lex.testimonial_told_plain, *common.told_plain_patterns])
        # Round 13: recoveries told by the person; a body function counts as the term.
        self.told.add(_TOLD_RECOVERY, common.told_patterns)

    @property
    def vocabulary(self) -> Vocabulary:
        # Loaded on the first sentence with an effect word: a page without one never needs it.
        if self._vocabulary is None:
            self._vocabulary = medical_vocabulary()
        return self._vocabulary

    def __call__(self, doc: Doc) -> list[Span]:
        spans: list[Span] = []
        # Word ids and arrays, not Token objects: most sentences hold no effect word, and
        # making a Token per word was most of this component's time on a large page.
        lower = doc.to_array(LOWER).tolist()
        if not self.testimonial_ids.isdisjoint(lower):
            spans.extend(self._testimonials(doc, lower))
        if not self.told_ids.isdisjoint(lower):
            spans.extend(self._told(doc))
        edited = _unbracketed(doc) if _INNER_BRACKET.search(block_text(doc)) else {}
        if self.sentence_ids.isdisjoint(lower) and not edited:
            return spans
        strings = doc.vocab.strings
        # "Smith J, et al. Probiotics for the prevention of ...": a reference list entry (its
        # block names authors or a DOI) names a study; it claims nothing.
        block = [strings[i] for i in lower]
        if (
            _contains(block, self.lex.reference_markers, 0, len(block))
            or any(w.startswith("doi:") for w in block)
            or self.cues.reference_entry(block_text(doc))
        ):
            return spans
        columns = doc.to_array([SENT_START, SPACY]).tolist()
        # The words as written (a token's text is its ORTH string), without a Token each.
        orth = doc.to_array(ORTH).tolist()
        sentences = [i for i, (start, _) in enumerate(columns) if start == 1 or i == 0]
        # A quotation's omission (". . ." before a lower-case word) joins what it splits:
        # "Helps prevent . . . flu symptoms" is one claim (round 7).
        elided = _elisions(doc, sentences, lower, self._dot)
        if elided:
            edited = {**edited, **elided}
        starts = [i for i in sentences if i - 1 not in elided]
        for index, (start, end) in enumerate(zip(starts, [*starts[1:], len(doc)], strict=True)):
            ids = lower[start:end]
            fixed = {i - start: w for i, w in edited.items() if start <= i < end}
            if self.sentence_ids.isdisjoint(ids) and not fixed:
                continue
            words = plain_apostrophes([fixed.get(k, strings[i]) for k, i in enumerate(ids)])
            if fixed and self.anchors.isdisjoint(words) and self.purpose_words.isdisjoint(words):
                continue
            spaces = [" " if space else "" for _, space in columns[start:end]]
            last = next((w for w in reversed(words) if w.strip()), "")[-1:]
            # "Can essential oils fight the virus? Yes!": a question its next sentence answers
            # is asserted (data/claim_cues.yaml, question `answered-by`).
            if last == "?" and end < len(doc) and self.cues.answers(strings[lower[end]]):
                last = "."
            # The block's earlier sentences (up to three), for "the problem" and "it" standing
            # for a disease named there.
            earlier = starts[max(0, index - 3)]
            before = plain_apostrophes([strings[i] for i in lower[earlier:start]])
            texts = [strings[i] for i in orth[start:end]]
            for found in self.sentence_claims(words, spaces, last, before, texts):
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
            ):
                claim = replace(claim, products_only=True)
            if claim.products_only and (
                made_by_writer(words, claim.anchor, _FIRST_PERSON, self.framing)
                or self._unapproved_means(words)
                or self._sold_here(words, claim)
            ):
                claim = replace(claim, products_only=False)
            if asked:
                claim = replace(claim, products_only=True)
            found.append(claim)
        if not found:
            implied = self._implied_subject(words, terms, last)
            if implied is not None:
                found.append(implied)
        return _coordinated(found)

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
        a later form that reads one on any page, so no page loses a claim to it."""
        products_only: Found | None = None
        for claim in self._readings(words, spaces, i, terms, term_at, before):
            if claim is not None and not claim.products_only:
                return claim
            products_only = products_only or claim
        return products_only

    def _readings(
        self,
        words: list[str],
        spaces: list[str],
        i: int,
        terms: list[Term],
        term_at: dict[int, Term],
        before: Sequence[str],
    ) -> Iterator[Found | None]:
        """Each form's reading at words[i], in order, each read only when asked for."""
        yield self._verb_claim(words, i, term_at, before, spaces)
        yield self._noun_claim(words, i, terms, term_at)
        yield self._protective_claim(words, i, terms)
        yield self._anti_claim(words, spaces, i)
        yield self._compound_claim(words, spaces, i, terms)
        yield self._passive_claim(words, i, terms)
        yield self._adjective_claim(words, i, term_at)
        yield self._substitute_claim(words, i)
        yield self._purpose_claim(words, i, term_at)
        yield self._outcome_claim(words, i, terms)
        yield self._riddance_claim(words, i, terms, term_at)
        yield self._versus_claim(words, i, term_at)
        yield self._state_claim(words, i, terms, term_at)
        yield self._likeness_claim(words, i, terms)
        yield self._without_claim(words, i, terms)
        yield self._restore_noun_claim(words, i, term_at)
        yield self._named_claim(words, i, terms)
        yield self._association_claim(words, i, terms)
        yield self._outcome_noun_claim(words, i, terms)
        yield self._appearance_riddance_claim(words, i, terms)
        yield self._habit_claim(words, i)
        yield self._sense_claim(words, i)
        yield self._onset_claim(words, i, term_at)
        yield self._label_claim(words, i, term_at)
        yield self._boast_claim(words, i, term_at)
        # Round 9 (extract/framing.py).
        yield self._research_claim(words, i, term_at)
        yield self._therapeutic_claim(words, i)
        yield self._use_claim(words, i, term_at)
        # Round 11 (extract/near_forms.py).
        yield self._near_claim(words, i, term_at)
        yield self._answer_claim(words, i, before)
        yield self._near_state_claim(words, spaces, i, terms)
        # Round 12 (extract/standalone.py).
        yield self._standalone_claim(words, i, term_at)
        # Round 13 (extract/common_forms.py).
        yield self._common_claim(words, i, term_at)
        # Round 14 (extract/asked_forms.py).
        yield self._promise_claim(words, i, term_at)
        # Round 10 (extract/implied.py): the most general reading, tried last.
        yield self._implied_claim(words, i, term_at)

    # -- effect forms -------------------------------------------------------------------

    def _objects(self, words: list[str], start: int, term_at: dict[int, Term]) -> list[Term]:
        """The vocabulary terms from words[start] on, within the clause and the gap."""
        found = []
        # A list of one-word modifiers: the object is its head ("breast, colon and lung
        # cancer" is cancer, not the breast).
        listed = _list_extra(words, start)
        for j in range(start, min(start + _OBJECT_GAP + 1 + listed, len(words))):
            if words[j] in _STOPS:
                break
            # "supports reproductive wellness, not a fertility treatment": what follows "not"
            # is denied ("not only" is no denial).
            if words[j] == "not" and words[j + 1 : j + 2] not in (["only"], ["just"], ["merely"]):
                break
            term = term_at.get(j)
            # "sleep formula", "immune blend": the term names the product, not the object.
            if term is not None and not (
                term.end < len(words) and words[term.end] in _PRODUCT_NOUNS
            ):
                found.append(term)
        # Inside the list a body part is a modifier when the list ends in its head: "breast,
        # colon and lung cancer" ("bones, joints and muscles" keeps its body parts).
        if listed and any(t.start >= start + listed for t in found):
            found = [t for t in found if t.start >= start + listed or t.category in _CLAIMABLE]
        return found

    def _object(self, words: list[str], start: int, term_at: dict[int, Term]) -> Term | None:
        objects = self._objects(words, start, term_at)
        return objects[0] if objects else None

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
        if lemma is None or (i > 0 and words[i - 1] in _NOT_BEFORE_VERBS and not spaced_dash):
            return None
        after = i + 1
        # The particle may follow the object: "protects brain cells from damage".
        particles = lex.particles.get(lemma, frozenset())
        # ("protects your skin and eyes from the sun": up to six words between.)
        with_particle = not particles.isdisjoint(words[after : after + 6])
        if lemma in lex.promoted_verbs and not self._promoted(words, i):
            return None
        # "Healing time for sprains", "the healing process": a gerund naming a noun.
        if words[i].endswith("ing") and words[after : after + 1] and words[after] in _GERUND_NOUNS:
            return None
        # "Most people benefit from ...": the verb's subject gains, it acts on nothing.
        if tuple(words[i : i + 2]) in lex.reversed_verbs:
            return None
        # "Plaque builds up in the arteries": accumulation, not the verb's object.
        if _contains(words, lex.intransitive_after, after, min(after + 2, len(words))):
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
            (j for j in range(after, min(after + 2, len(words))) if words[j] in _PRONOUNS), None
        )
        named = any(t.category in _DISEASE_TERMS for t in term_at.values() if t.end <= i)
        if pronoun is not None and named:
            return Found(i, pronoun + 1, DISEASE, i)
        anaphor = next((a for a in lex.anaphors if tuple(words[after : after + len(a)]) == a), None)
        if anaphor is None and pronoun is None:
            return None
        if any(t.category in _DISEASE_TERMS for t in self.vocabulary.find(before)):
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
        if category in _DISEASE_TERMS:
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

    def _lifestyle(self, words: list[str], i: int) -> bool:
        """Health advice: "Regular exercise lowers the risk of heart disease"."""
        return not self.lex.lifestyle.isdisjoint(words[max(0, i - 4) : i])

    def _product_subject(self, words: list[str], i: int, modal: bool = True) -> bool:
        """A weak verb ("reduces", "eases") counts when a product or pronoun is its subject,
        or in a fragment without one ("...reduces joint pain", "Arnica: eases bruising").
        `modal` False: a modal verb alone does not say whose the claim is ("Cochlear implants
        can restore some hearing")."""
        if all(not w.isalnum() for w in words[_clause_start(words, i) : i]):
            return True
        if self._lifestyle(words, i):
            return False
        # "Kelatox . . . removes": the quotation left the subject out.
        if self._brand_subject(words, i) or words[i - 1 : i] == [ELISION]:
            return True
        # "to naturally lower ...": an adverb between the verb and what comes before it.
        j = i - 1 if i > 1 and words[i - 1].endswith("ly") else i
        before = ("helps", "help", "to", "and", "can", "will", "may") if modal else _NOT_MODAL
        return any(w in self.lex.product_words for w in words[max(0, j - 5) : j]) or (
            words[j - 1] in before
        )

    def _noun_claim(
        self, words: list[str], i: int, terms: list[Term], term_at: dict[int, Term]
    ) -> Found | None:
        lex = self.lex
        word = words[i]
        nouns = lex.nouns_qualified | lex.nouns_always | lex.nouns_products
        # "the prevention and early treatment of COVID-19": coordinated effect nouns share
        # the qualifier before the first and the object after the last.
        head = _list_start(words, i, nouns)
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
        link = _list_end(words, i, nouns)
        if link + 1 < len(words) and words[link + 1] in lex.prepositions:
            term = self._object(words, link + 2, term_at)
            # "a real solution for the millions who suffer from cold sores": people between.
            # ("complete relief from chronic and severe knee pain": adjectives between.)
            reach = link + (8 if self._people_between(words, link + 2) else 6)
            reach += _list_extra(words, link + 2)
            if term is not None and term.start <= reach and term.category in _CLAIMABLE:
                return Found(i, term.end, _noun_kind(term.category), i, products_only)
        before_terms = [
            t for t in terms if t.end <= i and t.end >= i - 2 and t.category in _CLAIMABLE
        ]
        if before_terms:
            term = before_terms[-1]
            # "Tinnitus relief in just 7 days": a promise of time makes it a claim anywhere.
            promised = _contains(words, self.lex.promise_times, i + 1, min(i + 5, len(words)))
            return Found(
                term.start, i + 1, _noun_kind(term.category), i, products_only and not promised
            )
        return self._supposed_object(words, i, terms, products_only)

    def _brand_subject(self, words: list[str], i: int) -> bool:
        """A product's name opens the clause as the verb's subject ("GlucoBalance lowers
        blood sugar", "Joint Flex eases stiffness"; extract/promises.py)."""
        clause = _clause_start(words, i)
        subject = words[clause:i]
        lex = self.lex
        is_term = bool(self.vocabulary.find(subject))
        excluded = lex.lifestyle | lex.providers
        return brand_subject(self._texts, words, clause, i, excluded, is_term, self.promises)

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
                (
                    j
                    for j in range(term.start - 1, max(-1, term.start - 5), -1)
                    if words[j] in _KEEP
                ),
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
        if (
            term is None
            or term.start > end + 2
            or term.category not in _DISEASE_TERMS | {"symptom"}
        ):
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
        clause = _clause_start(words, i)
        # Providers helping patients quit describe a service ("Our counselors help ...").
        if not self.lex.providers.isdisjoint(words[max(clause, i - 5) : i]):
            return None
        # "... are not approved as a way to quit smoking": a negation anywhere before.
        if not _NEGATIONS.isdisjoint(words[clause:i]):
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
        clause = _clause_start(words, i)
        subject = words[clause:i]
        named = any(t.category == "treatment" and clause <= t.start < i for t in terms)
        if not (
            named
            or not lex.purpose_nouns.isdisjoint(subject)
            or _contains(subject, lex.ingredients, 0, len(subject))
        ):
            return None
        end = next((j for j in range(i, len(words)) if words[j] in _SENTENCE_ENDS), len(words))
        target = next(
            (
                t
                for t in terms
                if i < t.start < min(end, i + 2 + _ASSOCIATION_REACH)
                and t.category in _DISEASE_TERMS | {"symptom"}
            ),
            None,
        )
        if target is None:
            return None
        return Found(i, target.end, DISEASE, i, products_only=True)

    def _supposed_object(
        self, words: list[str], i: int, terms: list[Term], products_only: bool = False
    ) -> Found | None:
        """ "If your dog suffers from arthritis, our balm offers relief": the effect noun's
        object is the disease named by a fronted condition (the comma ends the supposition,
        so the claim after it stands; data/claim_cues.yaml). Round 11: the same condition
        after the noun ("gives the comfort you seek when your child suffers from colic";
        extract/near_forms.py)."""
        trailing = supposed_after(words, i, terms, _SUFFERING, self.near)
        if trailing is not None:
            return Found(i, trailing, DISEASE, i, products_only)
        if products_only or words[:1] != ["if"] or "," not in words[:i]:
            return None
        comma = words.index(",")
        named = [t for t in terms if t.end <= comma and t.category in _DISEASE_TERMS | {"symptom"}]
        if not named or _SUFFERING.isdisjoint(words[:comma]):
            return None
        return Found(i, i + 1, DISEASE, i)

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
        if term.category in _DISEASE_TERMS:
            # "Allergy Shots", "Flu Shot": a form a clinic administers names its service,
            # unless praised for its effect ("Allergy shots are highly effective for ...").
            administered = words[i] in service_names().administered_names and (
                lex.effect_adjectives.isdisjoint(words[i + 1 : i + 8])
            )
            return Found(term.start, i + 1, DISEASE, i, administered)
        return None

    def _people_between(self, words: list[str], start: int) -> bool:
        """People named before the disease: "(for) those who suffer from", "the millions
        living with", "anyone with"."""
        window = words[start : start + 4]
        return not self.lex.purpose_people.isdisjoint(window) and not _SUFFERING.isdisjoint(
            words[start : start + 6]
        )

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
        if word in lex.protective and term.category in _DISEASE_TERMS:
            # "Malaria Prevention", "Stroke Recovery": a service's name on a clinic's page, as
            # "Migraine Treatment" is, unless time is promised ("Flu protection in 24 hours").
            service = names_a_service(words, i) and not _contains(
                words, lex.promise_times, i + 1, min(i + 5, len(words))
            )
            return Found(term.start, i + 1, DISEASE, i, service)
        if agent == DISEASE and term.category in _CLAIMABLE - {"appearance"}:
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
        be = next((j for j in range(i - 1, max(i - 5, -1), -1) if words[j] in _BE), None)
        if be is None:
            return None
        term = next((t for t in terms if be - 3 <= t.end <= be and t.category in _CLAIMABLE), None)
        if term is None:
            return None
        if lemma in lex.weak and not {"with", "by", "using"} & set(words[i + 1 : i + 6]):
            return None
        return Found(term.start, i + 1, DISEASE, i)

    def _able_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "complications may be reversible by NAD+ repletion": a disease, a form of "be",
        an "-ible" form of an effect verb, and a product or ingredient as the means."""
        be = next((j for j in range(i - 1, max(i - 4, -1), -1) if words[j] in _BE), None)
        if be is None:
            return None
        term = next((t for t in terms if be - 3 <= t.end <= be and t.category in _CLAIMABLE), None)
        link = next((j for j in range(i + 1, min(i + 3, len(words))) if words[j] in _MEANS), None)
        if term is None or link is None:
            return None
        means = words[link + 1 : link + 5]
        lex = self.lex
        if lex.product_words.isdisjoint(means) and not _contains(
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
        reach = start + 4 + _list_extra(words, start + 1)
        if term is None or term.start > reach or self._lifestyle(words, i):
            return None
        symptom = term.category == "symptom" and self._product_subject(words, i, False)
        if term.category not in _DISEASE_TERMS and not symptom:
            return None
        return Found(i, term.end, DISEASE, i)

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
        compared = any(True for _ in _phrases_at(words, i, self.compared))
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
        advice = advised_avoidance(words, i, _clause_start(words, i))
        # "Avoid painful surgery, radiotherapy or chemotherapy" offers a way around the
        # treatment (round 13).
        advice = advice and not disparaged(words, i + 1, end, self.common)
        return Found(i, end, DISEASE, i, advice)

    def _drug_target(self, words: list[str], start: int, stop: int) -> int | None:
        """Where a drug or procedure named within words[start:stop] ends: a drug word, a drug
        name from the vocabulary ("metformin") or a disease's drug ("the dementia drug")."""
        lex = self.lex
        for phrase in lex.drug_words:
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
                term.category in _DISEASE_TERMS
                and words[end : end + 1]
                and (words[end] in lex.likeness_drug_nouns)
            ):
                return end + 1
        return None

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
            not w.isalnum() for w in words[_clause_start(words, i - 1) : i - 1]
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
            if term.category in _DISEASE_TERMS | {"symptom"}:
                return Found(i - 1, term.end, DISEASE, i)
            break
        return None

    def _label_list(
        self, words: list[str], head: int, start: int, anchor: int, term_at: dict[int, Term]
    ) -> Found | None:
        """The first disease or symptom a label line lists from words[start] on, to the end of
        its clause."""
        end = next((j for j in range(start, len(words)) if words[j] in _STOPS), len(words))
        for j in range(start, min(end, start + _LABEL_REACH)):
            term = term_at.get(j)
            if term is not None and term.category in _DISEASE_TERMS | {"symptom"}:
                return Found(head, term.end, DISEASE, anchor)
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
            if term is not None and term.category in _CLAIMABLE:
                kind = _noun_kind(term.category)
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
            if term is None or term.category not in _CLAIMABLE:
                return None
            return Found(term.start, i + 1, _noun_kind(term.category), i)
        start = study_result(words, i, self.boasts)
        if start is None:
            return None
        term = self._object(words, i + 1, term_at)
        end = term.end if term is not None and term.start <= i + 4 else i + 1
        return Found(start, end, EFFICACY, i)

    def _unapproved_means(self, words: list[str]) -> bool:
        """Whether the sentence names a therapy no approval covers (data/claim_structure.yaml,
        `unapproved_therapies`): stem cells, exosomes, ozone, chelation, ..."""
        if self.framing.unapproved_words.isdisjoint(words):
            return False
        # "Bone marrow transplants use stem cells to treat leukemia": an approved use.
        approved = self.framing.approved_uses
        return _contains(words, self.framing.unapproved, 0, len(words)) and not _contains(
            words, approved, 0, len(words)
        )

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
        first = _clause_start(words, i)
        # "VitaCalm has been widely studied for ...": the brand before the auxiliaries.
        verb = i
        while verb > first and words[verb - 1] in _AUXILIARY_RUN:
            verb -= 1
        brand = verb < i and self._brand_subject(words, verb)
        products = self._work_nouns.isdisjoint(words[first:i]) and not brand
        term = self._object(words, start, term_at)
        if term is not None:
            return Found(i, term.end, _noun_kind(term.category), i, products)
        # "investigated for its cardioprotective action": a drug class's action.
        end = min(start + _OBJECT_GAP, len(words))
        action = next((j for j in range(start, end) if words[j] in self.lex.anti), None)
        return None if action is None else Found(i, action + 1, DISEASE, i, products)

    def _therapeutic_claim(self, words: list[str], i: int) -> Found | None:
        """ "therapeutic benefits", "valued therapeutically": a product's use said as therapy
        (product-only unless the sentence names a product); round 9."""
        end = therapeutic_use(words, i, self.framing)
        if end is None:
            return None
        clause = words[_clause_start(words, i) : i]
        return Found(i, end, DISEASE, i, self._work_nouns.isdisjoint(clause))

    def _use_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """A use told for a disease ("has taken the capsules since last spring for his gout")
        or a change perceived after a use ("has been using the balm ... and noticed a
        decrease in her joint pain"): testimonials in the third person; round 9."""
        use = used_for(words, i, self.framing)
        if use is not None:
            term = self._object(words, i + 1, term_at)
            if term is None or term.start > i + 3 or term.category not in _DISEASE_TERMS:
                return None
            # "He has taken prednisone for his asthma": a drug's use is a case history.
            used = words[use + 1 : i]
            drug = any(t.category == "treatment" for t in self.vocabulary.find(used))
            if drug or _contains(used, self.lex.drug_words, 0, len(used)):
                return None
            return Found(i, term.end, DISEASE, i)
        change = perceived_change(words, i, self.framing)
        if change is None:
            return None
        term = self._object(words, change + 1, term_at)
        if term is None or term.category not in _CLAIMABLE:
            return None
        return Found(i, term.end, _noun_kind(term.category), i)

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
        before = words[_clause_start(words, start) : start]
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
        clause = words[_clause_start(words, i) : i]
        # A drug class, healing and an agent noun are a product's only when the clause says
        # so; on a clinic's page they describe care or a medicine.
        products_only = not promise and self._work_nouns.isdisjoint(clause)
        start, end = span
        before = words[_clause_start(words, start) : start]
        if not self.lex.providers.isdisjoint(before) or self._lifestyle(words, start):
            return None
        # "Ibuprofen is an effective painkiller", "Statins can delay ...": a medicine's
        # information.
        if self._names_medicine(clause):
            return None
        return Found(start, end, kind, i, products_only)

    def _names_medicine(self, ws: list[str]) -> bool:
        """Whether `ws` name a medicine: a drug word, or a treatment term that is no curated
        supplement (zinc or elderberry do not count)."""
        if _contains(ws, self.lex.drug_words, 0, len(ws)):
            return True
        curated = self.lex.ingredients
        return any(
            t.category == "treatment"
            and not _contains(ws[t.start : t.end], curated, 0, t.end - t.start)
            for t in self.vocabulary.find(ws)
        )

    def _sold_here(self, words: list[str], claim: Found) -> bool:
        """Round 12: the sentence says a product is sold here: it tells a product's make-up
        ("Contains peptides that support healing"), or a link of use follows a product's
        noun in its clause ("this roller goes to work for soothing pain")."""
        if _contains(words, self.standalone.composition_words, 0, len(words)):
            # "Mounjaro contains the same active ingredient as ...": a medicine's make-up.
            return not self._names_medicine(words)
        if words[claim.anchor] not in self.implied.anchors:
            return False
        clause = words[_clause_start(words, claim.anchor) : claim.anchor]
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
        clause = _clause_start(words, i)
        before = words[clause:i]
        if not self.lex.providers.isdisjoint(before) or self._lifestyle(words, i):
            return None
        return Found(span[0], span[1], kind, i, products_only)

    def _promise_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """Round 14 (extract/asked_forms.py): a craving for nicotine said to be satisfied, a
        germ said unable to survive the product; disease claims on any page."""
        if words[i] not in self.asked.anchors:
            return None
        span = craving_claim(words, i, self.asked) or survival_claim(words, i, term_at, self.asked)
        return None if span is None else Found(span[0], span[1], DISEASE, i)

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
        clause = _clause_start(words, found.start)
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
                words[k] == "," and words[k + 1] in _SUBJECT_OPENERS
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
            products_only = (self._work_nouns - _PRONOUNS).isdisjoint(
                words[_clause_start(words, i) : i + 3]
            )
        if span is None:
            return None
        start = span[0]
        before = words[_clause_start(words, start) : start]
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
            t.category in _CLAIMABLE for t in self.vocabulary.find(list(question))
        ):
            return None
        effect = frozenset({word}) if verbs else frozenset()
        span = question_answered(words, i, effect, self._work_nouns, self.near)
        if span is None:
            return None
        clause = words[_clause_start(words, i) : i]
        if not lex.providers.isdisjoint(clause) or self._lifestyle(words, i):
            return None
        named = not (self._work_nouns - _PRONOUNS).isdisjoint(words)
        return Found(span[0], span[1], DISEASE, i, not named)

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

    def _outcome_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "skin cancers disappear", "cancer cells die": a disease and its end."""
        lex = self.lex
        if words[i] not in lex.outcome_verbs:
            return None
        term = next((t for t in terms if i - 3 <= t.end <= i), None)
        # "watch the fat disappear" is a looks claim (efficacy), "tumors shrink" a disease claim.
        if term is None or term.category not in _DISEASE_TERMS | {"appearance"}:
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
        return Found(term.start, i + 1, _noun_kind(term.category), i)

    def _versus_claim(self, words: list[str], i: int, term_at: dict[int, Term]) -> Found | None:
        """ "Elderberry vs. the flu": a product set against a disease (not disease vs. disease)."""
        if words[i] not in self.lex.versus or i == 0:
            return None
        before = next((t for t in term_at.values() if t.end == i), None)
        if words[i - 1] in _STOPS or (before is not None and before.category != "treatment"):
            return None
        # "Cold vs. flu": a word that starts a condition's name ("cold sore") is no product.
        # ("oil" starts "oil production", but "Oregano Oil" names a product.)
        first = words[i - 1] in self.vocabulary.firsts
        if before is None and first and words[i - 1] not in self.lex.purpose_nouns:
            return None
        term = self._object(words, i + 1, term_at)
        if term is None or term.start > i + 2 or term.category not in _DISEASE_TERMS:
            return None
        return Found(i - 1, term.end, DISEASE, i)

    def _riddance_claim(
        self, words: list[str], i: int, terms: list[Term], term_at: dict[int, Term]
    ) -> Found | None:
        """ "say goodbye to joint pain", "makes eczema a thing of the past"."""
        for phrase, start in _phrases_at(words, i, self.riddance_before):
            end = start + len(phrase)
            term = self._object(words, end, term_at)
            if term is not None and term.category in _CLAIMABLE and term.start <= end + 2:
                return Found(start, term.end, _noun_kind(term.category), i)
            # "Say goodbye to cigarettes for good": a habit left behind (round 7).
            habit = habit_object_at(words, end, self.promises)
            # ("No more smoking is allowed on campus" is a rule.)
            if habit is not None and not _BE.isdisjoint(words[habit : habit + 2]):
                habit = None
            if habit is not None:
                return Found(start, habit, DISEASE, i)
        for phrase, start in _phrases_at(words, i, self.riddance_after):
            before = [t for t in terms if start - 4 <= t.end <= start and t.category in _CLAIMABLE]
            # "makes eczema history", "your pain is history"; not "your symptoms and medical
            # history" (a modifier before the phrase makes it a noun of its own).
            said = bool(before) and (words[start - 1] in _RIDDANCE_LEADS or before[-1].end == start)
            if said:
                term = before[-1]
                return Found(term.start, start + len(phrase), _noun_kind(term.category), i)
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
            if named and named[0].start == 0 and named[0].category in _DISEASE_TERMS:
                disease, end = True, i + 2 + named[0].end
        # "anticancer", "antitumor": "anti" glued to a disease or a germ (round 12).
        if word.startswith("anti") and len(word) > 6 and word not in lex.anti:
            named_term = self.vocabulary.category(word[4:])
            disease = disease or named_term in _DISEASE_TERMS
        if word not in lex.anti and not disease:
            return None
        # "anti-inflammatory, antimicrobial and regenerative properties": the context word
        # may follow a list of adjectives (round 12).
        if words[end : end + 1] and words[end] in self.standalone.anti_not_before:
            return None
        end_of_list = _adjective_list_end(words, end)
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
        if word in lex.compounds and term.category in _DISEASE_TERMS | {"symptom"}:
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

    def _state_claim(
        self, words: list[str], i: int, terms: list[Term], term_at: dict[int, Term]
    ) -> Found | None:
        """ "get your diabetes under control", "keeps colds at bay", "take control of your
        anxiety": a disease held in a state, by a product, an imperative or a fragment."""
        lex = self.lex
        for phrase, start in _phrases_at(words, i, self.state_phrases):
            term = next(
                (t for t in reversed(terms) if start - 1 <= t.end <= start and t.start < start),
                None,
            )
            if term is None or term.category not in _CLAIMABLE:
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
            return Found(verb, start + len(phrase), _noun_kind(term.category), verb)
        for phrase, start in _phrases_at(words, i, self.control_before):
            end = start + len(phrase)
            term = self._object(words, end, term_at)
            if term is None or term.category not in _CLAIMABLE or term.start > end + 2:
                return None
            if not self._promoted(words, start):
                return None
            return Found(start, term.end, _noun_kind(term.category), start)
        return None

    def _with_product(self, words: list[str], start: int) -> bool:
        """A product as the means after words[start]: "with our syrup", "using this tea"."""
        for k in range(start, min(start + 6, len(words))):
            if words[k] in _SENTENCE_ENDS:
                return False
            if words[k] in _MEANS and words[k + 1 : k + 2] in (["our"], ["this"], ["these"]):
                return True
        return False

    def _promoted(self, words: list[str], verb: int) -> bool:
        """Said by or of the product: an imperative or fragment ("Finally get ..."), a product
        subject, or "helps (you)"; not lifestyle advice or a provider's service."""
        lex = self.lex
        clause = _clause_start(words, verb)
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

    def _likeness_claim(self, words: list[str], i: int, terms: list[Term]) -> Found | None:
        """ "works like a prescription sedative", "similar potency to the leading dementia
        drug": a product likened to a drug."""
        lex = self.lex
        for phrase, start in _phrases_at(words, i, self.likeness):
            # One drug likened to another is drug information: "naproxen works like ibuprofen".
            clause = _clause_start(words, start)
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

    def _restore_noun_claim(
        self, words: list[str], i: int, term_at: dict[int, Term]
    ) -> Found | None:
        """ "the regeneration of damaged nerves", "regrowth of brain cells"."""
        # "re-growth" is three tokens.
        regrowth = words[i] == "growth" and words[max(0, i - 2) : i] == ["re", "-"]
        if not (regrowth or words[i] in self.lex.restore_nouns) or words[i + 1 : i + 2] != ["of"]:
            return None
        term = self._object(words, i + 2, term_at)
        if term is None or term.start > i + 4 or term.category not in _CLAIMABLE | {"function"}:
            return None
        return Found(i, term.end, _noun_kind(term.category), i)

    # -- what is not a claim ------------------------------------------------------------

    def _not_a_claim(self, words: list[str], claim: Found, last: str) -> bool:
        reason = self.cues.reason(words, claim.anchor, last)
        # "If you need to lower your blood sugar, try our tea": a supposition that ends in
        # an offer of the product is the claim, not a hypothetical or advice ("if you're")
        # (round 13, extract/common_forms.py).
        if reason in _SUPPOSED and (
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
        # The writer's own words reach _PERSONAL_REACH words: a long spoken sentence
        # whose "I" opens it is said to the reader (round 9).
        personal = words[max(claim.anchor - _PERSONAL_REACH, 0) : claim.anchor]
        if _FIRST_PERSON.isdisjoint(personal):
            return False
        # "I have reason to believe our drops prevent the flu": the writer asserts (round 12).
        writer = max(j for j, w in enumerate(personal) if w in _FIRST_PERSON)
        if not self.standalone.belief_words.isdisjoint(personal[writer:]):
            return False
        return not made_by_writer(words, claim.anchor, _FIRST_PERSON, self.framing)

    def _information(self, words: list[str], claim: Found) -> str | None:
        """SERVICE for a provider's service or drug information ("Our physicians treat
        asthma", "is used to treat insomnia"): no claim on a clinic's or a pharmacy's page,
        a claim on a page that sells the product (a product-only reading); INFORMATION for
        wording that informs on any page ("learn about", "there is no cure"); else None."""
        lex = self.lex
        clause = _clause_start(words, claim.anchor)
        lemma = lex.forms.get(words[claim.anchor])
        # "I recently developed a remedy for ...": the writer presents a discovery, on any
        # page (round 9).
        if made_by_writer(words, claim.anchor, _FIRST_PERSON, self.framing):
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
            (j for j in range(max(clause, claim.anchor - 3), claim.anchor) if words[j] in _HELP),
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
            if not lex.purpose_nouns.isdisjoint(subject) and words[used - 1] in _BE:
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
        if _contains(words, informational, clause, claim.end):
            return INFORMATION
        if not _contains(words, lex.service_wording, clause, claim.end):
            return None
        # "Oseltamivir is used to treat the flu": a drug's indication informs on any page,
        # a pharmacy's shop included.
        subject = words[clause : claim.anchor]
        drug = any(t.category == "treatment" for t in self.vocabulary.find(subject))
        return INFORMATION if drug and lex.purpose_nouns.isdisjoint(subject) else SERVICE

    def _tied_to_disease(self, words: list[str], terms: list[Term]) -> bool:
        """A function claim in a sentence that names a disease or a germ, or links to one."""
        return any(t.category in _DISEASE_TERMS for t in terms) or _contains(
            words, self.lex.links, 0, len(words)
        )

    def _told(self, doc: Doc) -> list[Span]:
        """Results told as a story ("my blood sugar dropped to 115", "I no longer have cold
        sores"): a testimonial when the sentence or the one before names a term."""
        spans: list[Span] = []
        done: set[int] = set()
        plain = doc.vocab.strings[_TOLD_PLAIN]
        recovery = doc.vocab.strings[_TOLD_RECOVERY]
        for match_id, start, _end in self.told(doc):
            sentence = doc[start].sent
            if sentence.start in done:
                continue
            before = doc[sentence.start - 1].sent if sentence.start > 0 else None
            named = match_id == plain
            told_terms = _TOLD_TERMS | {"function"} if match_id == recovery else _TOLD_TERMS
            for part in (sentence, before):
                if part is not None and not named:
                    words = plain_apostrophes([t.lower_ for t in part])
                    named = any(
                        t.category in told_terms for t in self.vocabulary.find(words)
                    ) or any((w,) in self.lex.drug_words for w in words)
            if named:
                done.add(sentence.start)
                start, end = sentence.start, _last_word(sentence)
                if match_id == plain:
                    # A quoted story ('"It gave me my life back." —') is the words inside the
                    # quotes, as kl_medical's quoted testimonials are, so the two are one.
                    start, end = inside_quotes(doc, start, end)
                spans.append(Span(doc, start, end, label="testimonial"))
        return spans

    def _testimonials(self, doc: Doc, lower: list[int]) -> list[Span]:
        """A sentence per match in a sentence holding a result word (`testimonial_results`)."""
        if self.testimonials_by_sentence:
            # The same spans, in the same order, as matching the whole block (issue 16: this
            # Matcher, with its `{0,10}` steps, cost about 14 µs a token over whole blocks).
            spans = []
            starts = self.testimonial_starts
            for sentence in doc.sents:
                ids = lower[sentence.start : sentence.end]
                if self.testimonial_ids.isdisjoint(ids):
                    continue
                if starts is not None and starts.isdisjoint(ids):
                    continue
                for match_id, _start, _end in self.testimonials(sentence):
                    start, end = sentence.start, _last_word(sentence)
                    if match_id == self.quoted_id:
                        start, end = inside_quotes(doc, start, end)
                    spans.append(Span(doc, start, end, label="testimonial"))
            return spans
        spans = []
        for match_id, start, _end in self.testimonials(doc):
            sentence = doc[start].sent
            words = {t.lower_ for t in sentence}
            if words.isdisjoint(self.lex.testimonial_results):
                continue
            first, last = sentence.start, _last_word(sentence)
            if match_id == self.quoted_id:
                first, last = inside_quotes(doc, first, last)
            spans.append(Span(doc, first, last, label="testimonial"))
        return spans


_PRONOUNS = frozenset({"it", "them"})
# A subject after a fronted phrase: "Designed for ..., our class teaches ..." (round 12).
_SUBJECT_OPENERS = frozenset(
    {"our", "the", "this", "these", "we", "it", "they", "your", "its", "their", "my", "i"}
)
# Round 12: the product words that name a thing sold (not a programme, a plan or a pronoun),
# for a reading that holds on any page when the clause names one.
_NOT_SOLD = frozenset(
    {"it", "this", "our", "program", "programme", "protocol", "plan", "support", "aid", "aids"}
    | {"kit", "product", "products"}
)

# Not a product noun: the speaker or a pronoun ("Our team works quickly").
_SPEAKERS = frozenset({"it", "them", "this", "that", "our", "we", "us", "these", "its"})
_NOT_MODAL = ("helps", "help", "to", "and")
_KEEP = frozenset({"keep", "keeps", "keeping", "kept"})
_GERUND_NOUNS = frozenset(
    {"time", "times", "process", "period", "rate", "journey", "phase", "stage", "window"}
)
_HELP = frozenset({"help", "helps", "helping", "helped"})
_MEANS = frozenset({"by", "with", "using", "through"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot", "nor"})
_TOLD_PLAIN = "told-plain"
_TOLD_RECOVERY = "told-recovery"
# The cue classes a supposition that ends in an offer overrides (round 13).
_SUPPOSED = frozenset({"hypothetical", "advice"})
_QUOTED = "testimonial-quoted"
# Editorial brackets inside a word, as quotations print them: "[r]elieves", "Invigorate[s]",
# "(s)timulating". The word is read without them.
_INNER_BRACKET = re.compile(r"\w[\[\]()]\w")


def _unbracketed(doc: Doc) -> dict[int, str]:
    """Token index -> its lower-case text without editorial brackets, for the tokens that
    have them between letters."""
    edited = {}
    for token in doc:
        text = token.lower_
        if len(text) > 2 and not _BRACKETS.isdisjoint(text):
            plain = "".join(c for c in text if c not in _BRACKETS)
            if plain.isalpha():
                edited[token.i] = plain
    return edited


_BRACKETS = frozenset("[]()")
ELISION = "…"


def _elisions(doc: Doc, sentences: list[int], lower: list[int], dot: int) -> dict[int, str]:
    """Token index -> "…" for the dots of a spaced omission mark (". . .") that ends a
    sentence the next one continues in lower case (or with an editorial bracket: "[t]he"):
    the sentencizer splits a regulator's quotation there. `lower` holds the Doc's LOWER ids,
    `dot` the id of "." (most sentences end in none: no Token is made for them)."""
    found: dict[int, str] = {}
    for start in sentences:
        if start < 3 or start >= len(doc) or lower[start - 1] != dot:
            continue
        dots = doc[start - 3 : start]
        if not all(t.text == "." for t in dots) or not all(t.whitespace_ for t in dots[:2]):
            continue
        first = doc[start].text
        if first[:1].islower() or first[:1] == "[":
            found.update(dict.fromkeys(range(start - 3, start), ELISION))
    return found


_SUFFERING = frozenset(
    {"suffer", "suffers", "suffering", "with", "living", "struggling", "battling", "facing"}
)
_NOT_BEFORE_VERBS = frozenset({"-", "the", "a", "an", "local", "global", "national", "ongoing"})
_TOLD_TERMS = frozenset({"condition", "agent", "symptom", "marker", "treatment"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
# Auxiliaries and adverbs between a subject and its participle ("has been widely studied").
_AUXILIARY_RUN = frozenset(
    {"has", "have", "had", "been", "is", "are", "was", "were", "be", "being", "widely"}
    | {"extensively", "also", "commonly", "often", "recently"}
)
_PERSONAL_REACH = 20  # words before a claim where the writer's "I" makes it personal
_FIRST_PERSON = frozenset({"i", "my", "me", "i'm", "i've", "mine", "myself"})
_CLAIMABLE = frozenset({"condition", "agent", "symptom", "marker", "appearance"})
_PRODUCT_WORDS = frozenset(
    {
        "it",
        "this",
        "our",
        "product",
        "products",
        "supplement",
        "supplements",
        "formula",
        "oil",
        "tea",
        "capsules",
        "gummies",
        "drops",
        "blend",
        "extract",
        "remedy",
        "herb",
        "herbs",
        "spray",
        "cream",
        "pills",
        "tablets",
        "tincture",
        "juice",
        "powder",
        "kit",
        "aid",
        "aids",
        "program",
        "programme",
        "protocol",
        "plan",
        "support",
        "stack",
    }
)


# Words after a term that make it a product's name ("sleep formula"), not pronouns: "beat
# the flu this season" names the flu.
_PRODUCT_NOUNS = _PRODUCT_WORDS - {"it", "this", "our"}


@cache
def _anchor_word(phrase: tuple[str, ...]) -> str:
    """The word a phrase is looked for at: its longest, so "a thing of the past" is not
    tried at every "a"."""
    return max(phrase, key=len)


def _phrase_at(words: list[str], i: int, phrase: tuple[str, ...]) -> int | None:
    """Where `phrase` starts if it occurs with its anchor word at words[i]."""
    anchor = _anchor_word(phrase)
    if words[i] != anchor:
        return None
    start = i - phrase.index(anchor)
    if start >= 0 and tuple(words[start : start + len(phrase)]) == phrase:
        return start
    return None


def _by_anchor(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A family's phrases grouped by anchor word, each group in the family's order."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        groups.setdefault(_anchor_word(phrase), []).append(phrase)
    return {anchor: tuple(group) for anchor, group in groups.items()}


def _phrases_at(
    words: list[str], i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]
) -> Iterator[tuple[tuple[str, ...], int]]:
    """Each of `phrases` (grouped by `_by_anchor`) that occurs with its anchor word at
    words[i], with its start, in the family's order (the first one found decides, as each
    family's patterns are ordered). Only the group of words[i] is tried: a phrase with
    another anchor cannot occur there (issue 16: trying every phrase at every anchor word
    was most of the phrase families' time)."""
    for phrase in phrases.get(words[i], ()):
        start = _phrase_at(words, i, phrase)
        if start is not None:
            yield phrase, start


def _coordinated(found: list[Found]) -> list[Found]:
    """ "restores and rebuilds your joints": overlapping readings of one claim share the
    strongest kind (a disease claim outweighs a function claim)."""
    result = []
    for claim in found:
        if claim.kind == FUNCTION and any(
            other.kind == DISEASE and other.start < claim.end and claim.start < other.end
            for other in found
        ):
            claim = Found(claim.start, claim.end, DISEASE, claim.anchor)
        result.append(claim)
    return result


_LIST_JOINS = frozenset({"and", "or", ",", "/"})
_LIST_GAP = 4  # words between coordinated nouns: "prevention and early at-home treatment"


_LIST_ITEMS_MIN = 3  # one-word items of a list of modifiers ("breast, colon, skin and ...")
_LIST_ITEMS_MAX = 10


def _list_extra(words: Sequence[str], start: int) -> int:
    """The words a list of one-word modifiers adds before the object it ends in (issue 13,
    round 12): "effective against breast, colon, skin and lung cancers", "relieves stiff,
    swollen, aching joints". Each item is one word, the items are joined by commas and a
    last "and" or "or"; 0 when words[start:] opens no such list."""
    j = start
    if j < len(words) and words[j] in _LIST_DETERMINERS:
        j += 1
    items = 0
    while j + 1 < len(words) and items < _LIST_ITEMS_MAX and words[j].isalpha():
        items += 1
        joint = words[j + 1]
        if joint == "," and j + 2 < len(words) and words[j + 2] in ("and", "or"):
            j += 3
        elif joint in (",", "and", "or"):
            j += 2
        else:
            break
        if joint in ("and", "or") or words[j - 1] in ("and", "or"):
            items += 1
            break
    return j - start if items >= _LIST_ITEMS_MIN else 0


_ADJECTIVE_ENDINGS = ("al", "ive", "ic", "ory", "ant", "ent", "anti")
_ADJECTIVE_JOINS = frozenset({",", "-", "and", "or", "[", "]", "…", "...", "(", ")"})


def _adjective_list_end(words: Sequence[str], start: int) -> int:
    """Where a list of adjectives that words[start] continues ends ("anti-inflammatory,
    antimicrobial and regenerative properties" -> "properties"); `start` when none."""
    j = start
    seen = False
    while j < len(words) and j < start + 14:
        word = words[j]
        if word in _ADJECTIVE_JOINS:
            j += 1
            continue
        if word.isalpha() and word.endswith(_ADJECTIVE_ENDINGS):
            seen = True
            j += 1
            continue
        break
    return j if seen else start


def _list_start(words: list[str], i: int, members: frozenset[str]) -> int:
    """The first of coordinated `members` ending at words[i] ("prevention and treatment")."""
    head = i
    while True:
        joined = next(
            (
                j
                for j in range(head - 1, max(head - 2 - _LIST_GAP, -1), -1)
                if words[j] in _LIST_JOINS
            ),
            None,
        )
        if joined is None or joined == 0 or words[joined - 1] not in members:
            return head
        head = joined - 1


def _list_end(words: list[str], i: int, members: frozenset[str]) -> int:
    """The last of coordinated `members` starting at words[i]."""
    end = i
    while end + 1 < len(words) and words[end + 1] in _LIST_JOINS:
        nxt = next(
            (
                j
                for j in range(end + 2, min(end + 3 + _LIST_GAP, len(words)))
                if words[j] in members
            ),
            None,
        )
        if nxt is None or any(w in _STOPS for w in words[end + 2 : nxt]):
            return end
        end = nxt
    return end


def _noun_kind(category: str) -> str:
    return EFFICACY if category == "appearance" else DISEASE


def _clause_start(words: list[str], anchor: int) -> int:
    for i in range(anchor - 1, -1, -1):
        if words[i] in CLAUSE_BREAKS:
            return i + 1
    return 0


def _first_words(patterns: list[Any], strings: StringStore) -> frozenset[int] | None:
    """The ids of the lower-case words the patterns' matches can start with; None when a
    pattern's first step may be skipped or is not a plain `LOWER` list."""
    words: set[int] = set()
    for pattern in patterns:
        first = pattern[0]
        members = lower_words(first)
        if members is None or set(first) != {"LOWER"}:
            return None
        words.update(strings.add(word) for word in members)
    return frozenset(words)


def inside_quotes(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """`start:end` without the quote marks, the dash before an attribution and the white
    space around the words (a final ".", "!" or "?" stays): a quoted testimonial's words,
    for kl_medical's quoted results and this module's told stories alike."""
    while end - start > 1 and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in ".!?")
    ):
        end -= 1
    while end - start > 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _last_word(sentence: Span) -> int:
    end = sentence.end
    while end > sentence.start + 1 and (sentence.doc[end - 1].is_space):
        end -= 1
    return end

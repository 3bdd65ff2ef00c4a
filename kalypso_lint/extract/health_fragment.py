"""A verbless line that names what its percentage is of (issue 12, round 16).

A percentage in a line without a verb is set aside as a product fact (`percent-fragment`:
"Vitamin C 50%", "Cotton 100%", "Save 15%"). On a clinic's or a patient's page the same
shape states how common something is: "Systemic hypertension 66%" under "Causes", "91%
mandibular advancement response", "Bilateral in 1-2% of cases". Such a line is a claim when
its words name a condition or symptom (data/vocabulary.txt), a result (the words of a stat
card's label, `stat_card_words` in data/figure_evidence.yaml: "response", "remission") or a
group of people (the cue's `values`), and no product word follows the figure ("100%
natural"). The wider outcome words are not enough here: "Eye Drops 0.2%" is a label.
"""

from __future__ import annotations

from spacy.tokens import Span

from kalypso_lint.extract.evidence import evidence_model, stat_card_words
from kalypso_lint.extract.vocabulary import medical_vocabulary

# Vocabulary categories that name something a body has, not a product or a treatment.
_HEALTH_CATEGORIES = frozenset({"condition", "symptom"})
# The longest drug name read after a percentage, in tokens.
_DRUG_WORDS = 3


def concentration(figure: Span) -> bool:
    """ "2% salicylic acid", "5% Minoxidil": a percentage right before a drug or an active
    ingredient of the medical vocabulary is how strong a product is, not how common a
    condition is, whatever condition the line names."""
    doc = figure.doc
    words = [t.lower_ for t in doc[figure.end : min(len(doc), figure.end + _DRUG_WORDS)]]
    found = medical_vocabulary().find(words)
    return any(term.start == 0 and term.category == "treatment" for term in found)


def names_health(sentence: Span, figure: Span, people: frozenset[str]) -> bool:
    """Whether the words of `sentence` other than `figure` name a condition, a symptom, an
    outcome or one of `people`, with no product word right after the figure."""
    model = evidence_model()
    # A product word right after the figure or past `product_after_skip` words ("100% AIP
    # compliant").
    reach = figure.end + model.product_after_skip + 1
    after = [t.lower_ for t in figure.doc[figure.end : min(sentence.end, reach)]]
    if any(word in model.product_after for word in after):
        return False
    if concentration(figure):
        return False
    words = [
        t.lower_ for t in sentence if not (figure.start <= t.i < figure.end) and not t.is_space
    ]
    if people.intersection(words) or stat_card_words().intersection(words):
        return True
    vocabulary = medical_vocabulary()
    return any(term.category in _HEALTH_CATEGORIES for term in vocabulary.find(words))

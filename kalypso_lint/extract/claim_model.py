"""KL207 (issue 13): a small fitted model that reads a sentence as a possible disease claim.

The structural finder (claims.py) misses claims worded in ways no pattern names yet. This
model, fitted by scripts/fit_claim_model.py to sentences regulators cited and to neutral
sentences (the weights, threshold and provenance are in data/claim_model.json), scores a
sentence on the words and data-file phrases it holds. It runs only when KL207 is switched
on (it is off by default: on real pages most of what it adds is no claim, docs/medical-claims.md)
and only on sentences where no other medical or regulatory claim was found. The runtime adds
weights up in pure Python; scikit-learn is needed only to fit.

Two gates keep it off sentences it must never flag: one with any cue of data/claim_cues.yaml
(negation, advice, question, disclaimer, ...), and one without any effect word at all.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from kalypso_lint.extract.cues import claim_cues, clause_end_of
from kalypso_lint.extract.fitted import LinearModel
from kalypso_lint.extract.lemmas import inflections, lemma_guess
from kalypso_lint.extract.vocabulary import medical_vocabulary

MODEL_FILE = "claim_model.json"
# The data files whose word lists are features; each list is named by its file and keys.
LEXICON_FILES = ("claim_structure.yaml", "medical.yaml", "claim_cues.yaml")
# Keys whose lists are not phrases (Matcher patterns, settings).
# The cue lists that only qualify a cue (data/claim_cues.yaml: a negation's breaks, a
# guarantee's outcomes and neighbours, a heading's question words) are neither features nor
# gates.
_NOT_PHRASES = frozenset(
    {"patterns", "irregular", "scope", "window", "unless-next", "breaks", "outcomes"}
    | {"applies-to-claims", "neighbours", "title-openers", "answered-by", "start-fillers"}
)
# Lists that name an effect (a verb, noun or frame of a claim): a sentence without any is
# never flagged. Matched as substrings of the list's name.
EFFECT_LISTS = (
    "verbs.disease",
    "verbs.restore",
    "verbs.appearance",
    "verbs.support",
    "nouns.",
    "effect_adjectives",
    "anti_words",
    "compound_effects",
    "protective_nouns",
    "medical.effect_words",
    "medical.safety_phrases",
    "medical.study_phrases",
    "comparisons",
    "riddance_",
    "substitute_",
    "testimonial_results",
    "likeness",
    "outcome_verbs",
    "restore_nouns",
    "weak_disease_verbs",
    "disease_links",
    "support_links",
    "medical.mechanism.verbs",
    "particles.",
    "coordinated-verbs",
    "purpose_",
)
_CUES = "lx:claim_cues."
# Coordinated verbs are a scope rule, not a reason the sentence is no claim.
_NOT_A_GATE = "lx:claim_cues.coordinated"
LONGEST_PHRASE = 4  # tokens; longer list entries are never looked up
SHORT, LONG = 8, 25  # words
TOP_REASONS = 3


def _lists(node: Any, path: tuple[str, ...]) -> Iterator[tuple[str, list[str]]]:
    """Every list of strings in a data file, named by its keys ("claim_structure.verbs.disease")."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in _NOT_PHRASES:
                yield from _lists(value, (*path, str(key)))
    elif isinstance(node, list) and node and all(isinstance(x, str) for x in node):
        yield ".".join(path), node


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """Phrase (lower case, verbs with their inflections) -> the lists that hold it."""
    table: dict[str, set[str]] = {}
    data = resources.files("kalypso_lint.data")
    for name in LEXICON_FILES:
        loaded = yaml.safe_load(data.joinpath(name).read_text("utf-8"))
        for path, phrases in _lists(loaded, (name.split(".")[0],)):
            for phrase in phrases:
                phrase = phrase.lower().strip()
                forms = {phrase}
                if " " not in phrase and phrase.isalpha():
                    forms |= inflections(phrase)
                for form in forms:
                    table.setdefault(form, set()).add(path)
    return {phrase: frozenset(paths) for phrase, paths in table.items()}


def sentence_features(words: Sequence[str]) -> dict[str, str]:
    """The model's features of a sentence's tokens, each with the text that gave it (for
    the finding's reasons): word lemmas (w:), word pairs (b:), data-file lists (lx:),
    vocabulary categories (voc:) and the sentence's shape (shape:)."""
    low = [w.lower().replace("\u2019", "'") for w in words]
    found: dict[str, str] = {}
    alpha = [w for w in low if any("a" <= ch <= "z" for ch in w)]
    for word in alpha:
        found.setdefault("w:" + lemma_guess(word, frozenset()), word)
    for first, second in pairwise(alpha):
        found.setdefault(f"b:{first}_{second}", f"{first} {second}")
    table = lexicon()
    for i in range(len(low)):
        for size in range(1, LONGEST_PHRASE + 1):
            if i + size > len(low):
                break
            phrase = " ".join(low[i : i + size])
            for path in table.get(phrase, ()):
                found.setdefault("lx:" + path, phrase)
    terms = medical_vocabulary().find(low)
    for term in terms:
        found.setdefault("voc:" + term.category, " ".join(words[term.start : term.end]))
    if sum(1 for term in terms if term.category == "condition") >= 3:
        found["voc:condition3"] = ""
    capitals = [w for w in words if w[:1].isupper()]
    if alpha and len(capitals) >= 0.6 * len(alpha):
        found["shape:titlecase"] = ""
    if not words or words[-1] not in (".", "!", "?"):
        found["shape:nostop"] = ""
    if len(alpha) <= SHORT:
        found["shape:short"] = ""
    elif len(alpha) >= LONG:
        found["shape:long"] = ""
    if any(ch.isdigit() for w in words for ch in w):
        found["shape:digit"] = ""
    if "!" in words:
        found["shape:bang"] = ""
    if "?" in words:
        found["shape:question"] = ""
    return found


def gated(features: Sequence[str] | dict[str, str]) -> bool:
    """Whether the sentence is never flagged: it holds a not-a-claim cue, or no effect word."""
    if any(f.startswith(_CUES) and not f.startswith(_NOT_A_GATE) for f in features):
        return True
    return not _has_effect_word(features)


def _has_effect_word(features: Sequence[str] | dict[str, str]) -> bool:
    """Whether the sentence holds a word of an `EFFECT_LISTS` list."""
    return any(f.startswith("lx:") and any(e in f for e in EFFECT_LISTS) for f in features)


class ClaimModel(LinearModel):
    """Weights fitted by scripts/fit_claim_model.py: a sentence is a possible disease claim
    when the logistic of `bias` plus its features' weights reaches `threshold`."""

    def score(self, features: Sequence[str] | dict[str, str]) -> float:
        return 1.0 / (1.0 + math.exp(-self.total(features)))

    def strongest(self, features: dict[str, str]) -> list[str]:
        """The features present that pushed hardest towards "claim", named for a reader:
        '"used to treat"' for a phrase or word, 'condition "gout"' for a vocabulary term."""
        pushing = sorted(
            ((self.weights.get(f, 0.0), f) for f in features if self.weights.get(f, 0.0) > 0),
            reverse=True,
        )
        reasons: list[str] = []
        for _, feature in pushing:
            text = features[feature]
            # A word like "the" may weigh, but names nothing a reader could check.
            if not text or all(word in STOP_WORDS for word in text.lower().split()):
                continue
            kind = feature.split(":", 1)[1] if feature.startswith("voc:") else ""
            reason = f'{kind} "{text}"'.strip()
            if reason.lower() not in {r.lower() for r in reasons}:
                reasons.append(reason)
            if len(reasons) == TOP_REASONS:
                break
        return reasons


@dataclass(frozen=True)
class Reading:
    """The model's reading of one sentence that it flags."""

    score: float
    reasons: tuple[str, ...]


@cache
def claim_model() -> ClaimModel:
    return ClaimModel.read(MODEL_FILE)


# The effect lists whose words a cue's scope is measured from (round 14): verbs, nouns and
# adjectives of an effect, not the links, purposes, study or safety phrases that also open the
# gate ("products" is a purpose noun; "no side effects" carries its own negation).
# They are `EFFECT_LISTS`, in its order, less `_NOT_ANCHORS`, with "nouns." narrowed to
# `_ANCHOR_NOUNS`.
_NOT_ANCHORS = frozenset(
    {"medical.safety_phrases", "medical.study_phrases", "comparisons", "substitute_"}
    | {"testimonial_results", "likeness", "disease_links", "support_links", "particles."}
    | {"coordinated-verbs", "purpose_"}
)
_ANCHOR_NOUNS = ("nouns.always", "nouns.fragment", "nouns.qualified")
ANCHOR_LISTS = tuple(
    anchor
    for effect in EFFECT_LISTS
    if effect not in _NOT_ANCHORS
    for anchor in (_ANCHOR_NOUNS if effect == "nouns." else (effect,))
)


def _effect_positions(low: Sequence[str]) -> Iterator[int]:
    """Where the sentence's effect words (a phrase of an `ANCHOR_LISTS` list) start."""
    table = lexicon()
    for i in range(len(low)):
        for size in range(1, LONGEST_PHRASE + 1):
            if i + size > len(low):
                break
            paths = table.get(" ".join(low[i : i + size]), ())
            if any(e in path for path in paths for e in ANCHOR_LISTS):
                yield i
                break


def uncued_effect(words: Sequence[str]) -> bool:
    """Whether an effect word of the sentence lies outside every cue's scope, in a clause that
    names a vocabulary term after it (round 14).

    The cue gate closes on a cue anywhere in the sentence; the structural finder measures
    each cue's scope from the effect word (data/claim_cues.yaml). "Our drops fight the flu,
    so you never miss a day" holds a negation, but not over "fight": the sentence is read
    as the finder would read it. A sentence whose every effect word a cue covers stays
    gated, and so does one whose free effect word has no term in its clause ("This tea won't
    cure insomnia, but it may help you wind down": the term is the negated clause's).
    """
    low = [w.lower().replace("\u2019", "'") for w in words]
    last = next((w for w in reversed(low) if w.strip()), "")[-1:]
    cues = claim_cues()
    terms = medical_vocabulary().find(low)
    positions = list(_effect_positions(low))
    cued = {i for i in positions if cues.reason(low, i, last) is not None}
    for i in positions:
        if i in cued:
            continue
        # The term after the effect word, as the finder reads "fight the flu", with no cued
        # effect word between ("Massage therapy isn't a treatment for cancer": the claim is
        # the negated "treatment", whatever "therapy" before it reads as).
        end = min(clause_end_of(low, i + 1), _comma_after(low, i))
        for term in terms:
            if i < term.start and term.end <= end and not any(i < j < term.start for j in cued):
                return True
    return False


def _comma_after(low: Sequence[str], i: int) -> int:
    return next((k for k in range(i + 1, len(low)) if low[k] == ","), len(low))


def read_sentence(words: Sequence[str]) -> Reading | None:
    """The model's reading of a sentence when it flags it as a possible disease claim."""
    features = sentence_features(words)
    # Gated by a cue alone (there is an effect word): the sentence still counts when an
    # effect word lies outside every cue's scope.
    if gated(features) and not (_has_effect_word(features) and uncued_effect(words)):
        return None
    model = claim_model()
    score = model.score(features)
    if score <= model.threshold:
        return None
    return Reading(round(score, 2), tuple(model.strongest(features)))

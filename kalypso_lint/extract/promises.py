"""Round 7 claim forms (issue 13): weight-loss promises, quitting a habit, and a product's
name as the subject of a weak verb.

- outcomes: an outcome noun ("weight loss") after a promotional qualifier ("causes rapid
  weight loss") or as the object of a verb that brings it about ("promotes fat loss"), and a
  weight term followed by its riddance ("the pounds come off and stay off");
- habits: a quit verb and a habit, said by or of a product or with a means or a manner
  ("Helps you quit smoking in seven days", "Kick the habit with our blend");
- brands: a title-case name as the subject ("GlucoBalance lowers blood sugar").

The words are data (data/claim_structure.yaml, "round 7"); the structural finder
(finder_base.py, noun_readings.py, state_readings.py) calls these readings with the sentence's
lower-case words and reads their result as a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.lemmas import form_table
from kalypso_lint.extract.wordlists import phrase_tuples, word_set


@dataclass(frozen=True)
class PromiseLexicon:
    outcomes: frozenset[str]  # "weight loss", as the vocabulary joins a term's words
    qualifiers: frozenset[str]
    bringers: frozenset[str]  # every form of cause, promote, trigger ...
    risks: frozenset[str]
    after: tuple[tuple[str, ...], ...]
    riddance: tuple[tuple[str, ...], ...]
    habit_forms: dict[str, str]  # form -> lemma
    habit_objects: tuple[tuple[str, ...], ...]
    habit_people: frozenset[str]
    habit_manners: frozenset[str]
    brand_marks: frozenset[str]
    habit_words: frozenset[str]
    sense_verbs: frozenset[str]
    sense_results: frozenset[str]
    sense_devices: frozenset[str]
    onset_phrases: tuple[tuple[str, ...], ...]
    onset_uses: frozenset[str]
    onset_plain: tuple[tuple[str, ...], ...]
    onset_doses: frozenset[str]
    # Every word of an onset phrase: a word outside it anchors none (a cheap first test).
    onset_words: frozenset[str]


@cache
def promise_lexicon() -> PromiseLexicon:
    data = shared_data_file("claim_structure.yaml")
    return PromiseLexicon(
        outcomes=frozenset(" ".join(p) for p in phrase_tuples(data["appearance_outcomes"])),
        qualifiers=word_set(
            [
                *data["outcome_qualifiers"],
                *shared_data_file("standalone.yaml")["outcome_qualifiers"],
            ]
        ),
        bringers=frozenset(form_table([str(w) for w in data["outcome_verbs_before"]], {})),
        risks=word_set(data["outcome_risks"]),
        riddance=phrase_tuples(data["appearance_riddance"]),
        after=phrase_tuples(data["outcome_after"]),
        habit_forms=form_table([str(w) for w in data["habit_verbs"]], data["habit_irregular"]),
        # Longest first, so "the smoking habit" is read before "smoking".
        habit_objects=tuple(sorted(phrase_tuples(data["habit_objects"]), key=len, reverse=True)),
        habit_people=word_set(data["habit_people"]),
        habit_manners=word_set(data["habit_manners"]),
        brand_marks=frozenset(str(w) for w in data["brand_marks"]),
        habit_words=word_set(data["habit_words"]),
        sense_verbs=word_set(data["sense_verbs"]),
        sense_results=word_set(data["sense_results"]),
        sense_devices=word_set(data["sense_devices"]),
        onset_phrases=phrase_tuples(data["onset_phrases"]),
        onset_uses=word_set(data["onset_uses"]),
        onset_plain=phrase_tuples(data["onset_plain"]),
        onset_doses=word_set(data["onset_doses"]),
        onset_words=frozenset(w for p in phrase_tuples(data["onset_phrases"]) for w in p),
    )


def outcome_promise(words: Sequence[str], start: int, end: int, lex: PromiseLexicon) -> int | None:
    """Where a promised outcome ("rapid weight loss", "promotes fat loss") starts, for the
    outcome term at words[start:end]; None when the term is not promised."""
    if " ".join(words[start:end]) not in lex.outcomes:
        return None
    # "Rapid weight loss can cause gallstones": the outcome as the subject of a risk.
    if not lex.risks.isdisjoint(words[end : end + 2]):
        return None
    # "Weight loss that lasts", "fat loss without dieting".
    if any(tuple(words[end : end + len(p)]) == p for p in lex.after):
        return start
    before = [j for j in range(max(0, start - 3), start) if words[j].isalnum()]
    for j in reversed(before):
        if words[j] in lex.qualifiers:
            return j
        if words[j] in lex.bringers:
            return j
    return None


def appearance_riddance(words: Sequence[str], term_end: int, lex: PromiseLexicon) -> int | None:
    """Where a riddance phrase right after a weight term ends: "the pounds come off", "watch
    the fat melt away", "keep the weight off for good"; None if there is none."""
    for phrase in lex.riddance:
        for start in range(term_end, min(term_end + 2, len(words))):
            if tuple(words[start : start + len(phrase)]) == phrase:
                return start + len(phrase)
    if words[term_end : term_end + 1] == ["off"] and any(
        w in ("keep", "keeps", "keeping", "kept") for w in words[max(0, term_end - 5) : term_end]
    ):
        return term_end + 1
    return None


def habit_claim(words: Sequence[str], i: int, lex: PromiseLexicon) -> tuple[int, bool] | None:
    """(end, needs_manner) of a quit verb at words[i] with a habit after it ("quit smoking",
    "kick the habit", "give up cigarettes") or a smoker before it ("helps smokers quit");
    needs_manner is True for the habit object form, which an imperative alone does not make a
    claim ("Quit smoking, eat well" is advice). None when there is no habit."""
    # "our quit-smoking program": a compound names a service.
    if words[i] not in lex.habit_forms or "-" in (*words[i - 1 : i], *words[i + 1 : i + 2]):
        return None
    for phrase in lex.habit_objects:
        if tuple(words[i + 1 : i + 1 + len(phrase)]) == phrase:
            return i + 1 + len(phrase), True
    if not lex.habit_people.isdisjoint(words[max(0, i - 3) : i]):
        return i + 1, False
    # "... contain no nicotine and help you quit": the habit named elsewhere in the sentence.
    helped = words[i - 1 : i] in (["help"], ["helps"]) or (
        words[i - 1 : i] == ["you"] and words[i - 2 : i - 1] in (["help"], ["helps"])
    )
    if helped and not lex.habit_words.isdisjoint(words):
        return i + 1, False
    return None


def habit_object_at(words: Sequence[str], start: int, lex: PromiseLexicon) -> int | None:
    """Where a habit ("smoking", "cigarettes") starting at words[start] ends, if one does."""
    for phrase in lex.habit_objects:
        if tuple(words[start : start + len(phrase)]) == phrase:
            return start + len(phrase)
    return None


def sense_result(words: Sequence[str], i: int, lex: PromiseLexicon) -> tuple[int, bool] | None:
    """(end, lost) of a sense verb at words[i] with its result: "hear better", "see clearly
    again" (lost: "again" says the sense had gone); None otherwise, or with a device as the
    means ("hear better with hearing aids")."""
    if words[i] not in lex.sense_verbs:
        return None
    result = next(
        (j for j in range(i + 1, min(i + 3, len(words))) if words[j] in lex.sense_results), None
    )
    if result is None or not lex.sense_devices.isdisjoint(words):
        return None
    # "see better results": the result word before a noun is an adjective.
    after = words[result + 1 : result + 2]
    if after and after[0].isalpha() and after[0] not in _AFTER_RESULT:
        return None
    lost = "again" in words[i + 1 : i + 6]
    return result + 1, lost


def onset_claim(words: Sequence[str], i: int, lex: PromiseLexicon) -> tuple[int, int] | None:
    """(start, end of the onset phrase) when words[i] anchors "at the first sign of" in a
    clause with a use verb ("Take one teaspoon at the first sign of ..."); the caller reads
    the disease after it."""
    # A phrase found here holds words[i]; most anchors are in none.
    if words[i] not in lex.onset_words:
        return None
    for phrase in lex.onset_phrases:
        for start in range(max(0, i - len(phrase) + 1), i + 1):
            if tuple(words[start : start + len(phrase)]) == phrase:
                if lex.onset_uses.isdisjoint(words):
                    return None
                return start, start + len(phrase)
    return None


def has_manner(words: Sequence[str], end: int, providers: frozenset[str]) -> bool:
    """A means or a manner after the quit phrase: "with our blend", "naturally", "for good",
    "in just seven days"; not "with your doctor" (a provider's help is advice)."""
    lex = promise_lexicon()
    tail = list(words[end : end + 8])
    for k, word in enumerate(tail):
        if word in (".", "!", "?", ";"):
            break
        if word == "for" and tail[k + 1 : k + 2] != ["good"]:
            continue
        if word == "in" and not any(
            any(c.isdigit() for c in w) or w in _NUMBERS for w in tail[k + 1 : k + 4]
        ):
            continue
        if word in ("with", "using") and not providers.isdisjoint(tail[k + 1 : k + 5]):
            return False
        if word in lex.habit_manners:
            return True
    return False


_AFTER_RESULT = frozenset(
    {
        "in",
        "at",
        "on",
        "with",
        "without",
        "than",
        "again",
        "and",
        "or",
        "after",
        "within",
        "for",
        "every",
        "all",
        "even",
        "now",
        "today",
        "naturally",
        "day",
        "night",
        "by",
        "from",
        "when",
        "while",
        "as",
        "so",
        "like",
        "up",
        "close",
        "far",
        "clearly",
        "better",
    }
)
_NUMBERS = frozenset(
    {
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "a",
        "days",
        "weeks",
        "hours",
        "minutes",
    }
)


def brand_subject(
    texts: Sequence[str],
    words: Sequence[str],
    clause: int,
    verb: int,
    excluded: frozenset[str],
    is_term: bool,
    lex: PromiseLexicon,
) -> bool:
    """A product's name as the subject of the verb at words[verb]: one to three title-case
    words opening the clause, the verb itself lower case (a title-case heading capitalizes
    every word); a single word only when it is written like a brand ("GlucoBalance", "VITALIX",
    "Vitalix™"). `excluded` holds the subjects that are no product (stop words are added
    here), `is_term` whether the subject is a vocabulary term."""
    if not texts or verb >= len(texts) or not texts[verb][:1].islower() or is_term:
        return False
    marks = [j for j in range(clause, verb) if texts[j] in lex.brand_marks]
    names = [j for j in range(clause, verb) if j not in marks]
    if not 1 <= len(names) <= 3 or names != list(range(clause, clause + len(names))):
        return False
    for j in names:
        text = texts[j]
        if not (text[:1].isupper() and text.replace("-", "").isalnum()):
            return False
        if words[j] in STOP_WORDS or words[j] in excluded:
            return False
    if len(names) > 1 or marks:
        return True
    text = texts[names[0]]
    return any(c.isupper() for c in text[1:]) or (text.isupper() and len(text) >= 4)

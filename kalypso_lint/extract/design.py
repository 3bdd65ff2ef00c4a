"""Figures that frame a result rather than state one (issue 12, round 17).

A research write-up is full of numbers besides its result: how many people took part, how
many studies or centres, how many arms, how long the protocol ran ("64 adults were
randomly assigned to two groups", "two sessions per week for six weeks"). A definition
bounds a term ("defined as poor sleep for three months"), a stage of a process has a
length ("the luteal stage lasts about 13 days"), a check has its time ("a blood test ten
days after the retrieval"), and a list has a heading ("7 simple ways to ..."). Beside a
statistic, a follow-up window opening its clause ("After four months, 41% ...") or a time
point ("at the 6-month mark") qualifies that statistic; the statistic is the claim. An
age band ("women under 35") is left alone: the labelled corpora count it as one of the
claim's figures. These readings give such a figure its `fact` reason; the statistic of
the same sentence stays a claim, and so does a result said of a sample ("a trial of 310
patients found ..."): only the design's own verbs and nouns count. The words are data
(`design` in data/figure_evidence.yaml); docs/figure-classes.md ("Round 17") explains them.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.time_frames import belongs_to_figure, symptom_threshold
from kalypso_lint.extract.wordlists import phrase_pattern, word_set

DATA_FILE = "figure_evidence.yaml"
# "3-month", "five-year": a length written as an adjective.
_HYPHEN_LENGTH = re.compile(r"-(?:minute|hour|day|week|month|year)s?$")
# How far past a figure an opening phrase of time may close with a comma.
_FRONT_WORDS = 4
_AGE_BOUNDS = frozenset({"before", "until"})  # "before 35" bounds an age band too
_SCALE_AT_LEAST = 4  # numbers in a line of nothing else: a chart's scale
_LIST_COUNT_WINDOW = 4  # words from a list heading's count to its noun
# The `fact` reasons of this module.
FRAMING_CUES = frozenset(
    {
        "study-design",
        "definition",
        "process-length",
        "list-heading",
        "qualifies-statistic",
        "procedure-timing",
        "credential",
        "worked-example",
        "compound-count",
        "refers-back",
        "rating-or-scale",
        "range-end",
        "symptom-threshold",
    }
)


@dataclass(frozen=True)
class DesignWords:
    design_phrases: re.Pattern[str]
    design_nouns: frozenset[str]
    list_nouns: frozenset[str]
    list_at_most: float
    definition_phrases: re.Pattern[str]
    process_subjects: frozenset[str]
    lasting: frozenset[str]
    not_process: frozenset[str]
    classes_of_duration: frozenset[str]
    front_openers: frozenset[str]
    qualified_nouns: frozenset[str]
    checks: frozenset[str]
    ratings: frozenset[str]
    credential_phrases: re.Pattern[str]
    compound_not: frozenset[str]
    compound_at_most: float
    back_pointers: frozenset[str]
    example_openers: re.Pattern[str]


@cache
def design_words() -> DesignWords:
    raw: dict[str, Any] = shared_data_file(DATA_FILE)["design"]

    def words(key: str) -> frozenset[str]:
        return word_set(raw[key])

    return DesignWords(
        design_phrases=phrase_pattern(raw["design_phrases"]),
        design_nouns=words("design_nouns"),
        list_nouns=words("list_nouns"),
        list_at_most=float(raw["list_at_most"]),
        definition_phrases=phrase_pattern(raw["definition_phrases"]),
        process_subjects=words("process_subjects"),
        lasting=words("lasting"),
        not_process=words("not_process"),
        classes_of_duration=words("classes_of_duration"),
        front_openers=words("front_openers"),
        qualified_nouns=words("qualified_nouns"),
        checks=words("checks"),
        ratings=words("ratings"),
        credential_phrases=phrase_pattern(raw["credential_phrases"]),
        compound_not=words("compound_not"),
        compound_at_most=float(raw["compound_at_most"]),
        back_pointers=words("back_pointers"),
        example_openers=re.compile(
            rf"^\W*(?:{'|'.join(re.escape(str(w).lower()) for w in raw['example_openers'])})\b"
        ),
    )


class _Figure:
    """A figure with what every reading asks of it, given once by the caller, which has read
    them already: `Span.sent` walks the document each time it is read."""

    def __init__(self, span: Span, sent: Span, sentence_words: Set[str]) -> None:
        self.span = span
        self.doc = span.doc
        self.sent = sent
        self.sentence_words = sentence_words
        self.reading = span._.kl_reading

    def before(self) -> str:
        """The word right before the figure in its sentence, or ""."""
        return self.doc[self.span.start - 1].lower_ if self.span.start > self.sent.start else ""


def framing(span: Span, sent: Span, sentence_words: Set[str], beside_statistic: bool) -> str | None:
    """The `fact` reason of a figure that frames a result (see the module), or None. `sent`
    is its sentence, `sentence_words` that sentence's words in lower case;
    `beside_statistic`: a percentage, fraction, rate or multiplier stands in the sentence."""
    words = design_words()
    fig = _Figure(span, sent, sentence_words)
    text = fig.sent.text.lower()
    if _rating(fig, words) or _number_row(fig):
        return "rating-or-scale"
    timed = belongs_to_figure(span, fig.sent, beside_statistic)  # round 19b
    if timed is not None:
        return timed
    if beside_statistic:
        return "qualifies-statistic" if _qualifies(fig, words) else None
    if words.example_openers.search(text.replace("\u2019", "'")):
        return "worked-example"  # round 18: "For example, ...", "Let's assume ..."
    if words.design_phrases.search(text) or _counts_parts(fig, words):
        return "study-design"
    if words.definition_phrases.search(text) or _classifies(fig, words):
        return "definition"
    if symptom_threshold(span, fig.sent):
        return "symptom-threshold"  # round 19b: "no improvement after 2 weeks"
    if fig.reading.kind == "duration" and words.credential_phrases.search(text):
        return "credential"  # round 18: "a three-year residency", "his studies ... degree"
    if _compound_count(fig, words):
        return "compound-count"  # round 18: "eleven-core chips", "a 3-step routine"
    if _refers_back(fig, words):
        return "refers-back"  # round 18: "these two techniques"
    if _process_length(fig, words):
        return "process-length"
    if _timed_check(fig, words):
        return "procedure-timing"
    value = fig.reading.value
    small = value is not None and value <= words.list_at_most
    # Round 18: a plain count may have three words before its noun ("5 simple yet effective
    # exercises"); a length keeps two ("2 weeks of these exercises" is no heading).
    window = _LIST_COUNT_WINDOW if fig.reading.kind == "count" else 2
    if small and _before_noun(fig, words.list_nouns, window):
        return "list-heading"
    return None


def _rating(fig: _Figure, words: DesignWords) -> bool:
    """ "5-Star Patient Reviews", "a 5 star rating": how a service is rated, no result."""
    end = fig.span.end
    after = [t.lower_ for t in fig.doc[end : min(fig.sent.end, end + 2)]]
    if after[:1] == ["-"]:
        after = after[1:]
    return bool(after) and after[0] in words.ratings


def _number_row(fig: _Figure) -> bool:
    """ "0 5 10 15 20 25": a line of numbers and nothing else is a chart's scale."""
    tokens = [t for t in fig.sent if not t.is_punct and not t.is_space]
    return len(tokens) >= _SCALE_AT_LEAST and all(t.like_num for t in tokens)


def _counts_parts(fig: _Figure, words: DesignWords) -> bool:
    """ "an analysis of 8 studies", "one of three treatment groups": a plain count of a
    study's parts after "of"; "Over 40 clinical studies show ...", "this guide draws on 14
    studies" and a stat card's "10 Studies Reviewed" state how much evidence there is."""
    if fig.reading.qualifier or fig.before() != "of":
        return False
    return _before_noun(fig, words.design_nouns, 3)


def _before_noun(fig: _Figure, nouns: frozenset[str], window: int) -> bool:
    """One of `nouns` within `window` words after the figure ("9 acupuncture studies", "7
    simple ways"), before any "of" ("two of the groups")."""
    end = fig.span.end
    for token in fig.doc[end : min(fig.sent.end, end + window)]:
        if token.lower_ in nouns:
            return True
        if token.lower_ == "of" or not token.is_alpha:
            return False
    return False


def _qualifies(fig: _Figure, words: DesignWords) -> bool:
    """A length that opens its clause before a comma ("After four months, 41% ...", "In the
    first trial, after eight weeks of treatment, the response rate was 71%"), an age the
    statistic is reached by ("half of adults have it by age 80"), or a length written as
    an adjective of a time point ("the 6-month mark", "a 5-year survival rate")."""
    span, doc, sent = fig.span, fig.doc, fig.sent
    if _HYPHEN_LENGTH.search(span.text.lower()):
        after = doc[span.end] if span.end < sent.end else None
        return after is not None and after.lower_ in words.qualified_nouns
    before = fig.before()
    if fig.reading.kind == "age" and (before in words.front_openers or before in _AGE_BOUNDS):
        return True
    start = sent.start
    for index in range(span.start - 1, sent.start - 1, -1):
        if doc[index].text == ",":
            start = index + 1
            break
    opening = [t.lower_ for t in doc[start : span.start]]
    if not opening or opening[0] not in words.front_openers or len(opening) > 4:
        return False
    rest = doc[span.end : min(sent.end, span.end + _FRONT_WORDS)]
    return any(t.text == "," for t in rest)


def _classifies(fig: _Figure, words: DesignWords) -> bool:
    """ "chronic (lasting more than 12 weeks)": a length right after "lasting" in a sentence
    that sorts a condition by how long it lasts (`classes_of_duration`). "An attack can
    last 4-72 hours" states a fact of the condition: a claim."""
    start = fig.span.start
    before = [t.lower_ for t in fig.doc[max(fig.sent.start, start - 2) : start]]
    if "lasting" not in before:
        return False
    return bool(fig.sentence_words & words.classes_of_duration)


def _timed_check(fig: _Figure, words: DesignWords) -> bool:
    """ "A pregnancy test is done about two weeks after the transfer": a length right before
    "after" or "before" in a sentence about a test or a visit says when the check comes,
    not what a treatment does ("swelling settles ten days after the procedure" has no test)."""
    end = fig.span.end
    if fig.reading.kind != "duration" or end >= fig.sent.end:
        return False
    if fig.doc[end].lower_ not in ("after", "before"):
        return False
    return bool(fig.sentence_words & words.checks)


def _process_length(fig: _Figure, words: DesignWords) -> bool:
    """ "This phase lasts about 14 days", "Sessions typically last 45 minutes": the length
    of a stage of a process, said with "last", whose subject names the stage."""
    clause = [t.lower_ for t in fig.doc[fig.sent.start : fig.span.start]]
    verbs = [i for i, w in enumerate(clause) if w in words.lasting]
    if not verbs or len(clause) - verbs[-1] > 4 or set(clause) & words.not_process:
        return False
    return bool(set(clause[: verbs[-1]]) & words.process_subjects)


def _compound_count(fig: _Figure, words: DesignWords) -> bool:
    """ "an eleven-core chip", "a 3-step routine": a count joined by a hyphen to a noun
    names a part or a specification; "a 10-point drop" (`compound_not`) measures a result."""
    span, doc, reading = fig.span, fig.doc, fig.reading
    if reading.kind != "count" or span.end + 1 >= fig.sent.end:
        return False
    if reading.value is None or reading.value > words.compound_at_most:
        return False
    hyphen, noun = doc[span.end], doc[span.end + 1]
    joined = hyphen.text == "-" and not span[-1].whitespace_ and not hyphen.whitespace_
    return joined and noun.is_alpha and noun.lower_ not in words.compound_not


def _refers_back(fig: _Figure, words: DesignWords) -> bool:
    """ "When these two techniques work together": a count after "these" or "those" points
    back to things already named."""
    return fig.reading.kind == "count" and fig.before() in words.back_pointers

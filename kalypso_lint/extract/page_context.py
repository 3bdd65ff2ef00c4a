"""A figure's page context (issue 12, round 6): what the block it stands in does not say.

classify.py classes a figure from its own block: a block's Doc is made from its text and
kind alone, so the block memo (extract/__init__.py) can reuse it wherever the same block
comes back. What only the page shows is read here, on the page's figures once every block is
done, and it only ever sets a figure aside, never makes one a claim:

- the **section** a figure stands in, named by the headings open above it (by level): figures
  under a price list, a practitioner's biography, or dosing and aftercare directions are
  offers, identifiers and instructions unless their own sentence states a result (the words
  are `sections` in data/figure_classes.yaml);
- a **name with a number** ("Clinic 27", "Studio 5"): a bare number after a capitalised word
  in the middle of a sentence, with no noun after it, names a thing; the same name elsewhere
  on the page, at the start of a sentence too, is the same name;
- a **bare table cell**: a fraction alone in a table cell, with no word of its own, is a
  value of a lookup table (a chart of fractions, a dosing grid), not a statement;
- a **table's column** (round 7): the first row of a table names its columns; a figure in a
  cell under a heading cell that names a result ("Bioavailability", "Half-life", "Onset")
  is a claim, even where the table cell alone set it aside;
- a **product page** (seller.py: a Supplement Facts panel, "Add to cart", a pack count with a
  price): its amounts, counts and label lines are product facts (what the pack holds, how it
  ships, what the blend is made of) unless the figure's own sentence states a result, a
  population or a study (round 7).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

import numpy
from spacy.attrs import IS_ALPHA
from spacy.tokens import Doc, Span

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.classify import DATA_FILE, FigureClass, class_model
from kalypso_lint.extract.evidence import (
    NO_EVIDENCE,
    evidence_model,
    health_words,
    stat_card_words,
)
from kalypso_lint.models import Claim

# Cues of a figure's own sentence that a section never overrules: the sentence states a
# result, a population, a recommendation or a measurement (data/figure_classes.yaml).
_OWN_EVIDENCE = frozenset(
    {
        "cue:evidence-words",
        "cue:reference-amount",
        "cue:population-amount",
        "cue:lab-value",
        "cue:people-count",
        "cue:population-scale",
        "cue:money-not-price",
        "cue:importance-of",
        "cue:share-of",  # "50% of fertility issues involve ..." (round 16)
    }
)
# Capitalised words before a number that name no thing: sentence openers, months, titles.
_NOT_NAMES = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun"),
        *("jul", "aug", "sep", "sept", "oct", "nov", "dec", "day", "days", "week", "weeks"),
        *("the", "a", "an", "of", "in", "on", "at", "by", "for", "with", "from", "to", "and"),
        *("or", "over", "under", "about", "around", "only", "just", "nearly", "almost", "all"),
        *("top", "up", "than", "after", "before", "within", "since", "until", "per", "every"),
    }
)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class SectionWords:
    """Heading words that name what a section of a page is for, by the class they give."""

    by_class: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]

    def class_of(self, headings: tuple[str, ...], kind: str) -> tuple[str, str] | None:
        """The class the headings above give a figure of `kind` (the nearest heading that
        names a section's purpose decides) and the cue's name, or None."""
        for heading in reversed(headings):
            lower = heading.lower()
            for figure_class, words, kinds in self.by_class:
                if words.search(lower):
                    return (figure_class, f"section-{figure_class}") if kind in kinds else None
        return None


@cache
def section_words() -> SectionWords:
    raw = shared_data_file(DATA_FILE)["sections"]
    found = []
    for entry in raw:
        values = sorted((re.escape(str(v).lower()) for v in entry["values"]), key=len)
        pattern = re.compile(rf"(?<![\w])(?:{'|'.join(reversed(values))})(?![\w])")
        found.append((str(entry["class"]), pattern, frozenset(entry["kinds"])))
    return SectionWords(tuple(found))


class Tables:
    """The column heading of each table cell: the cells of a table's first row (one source
    line in Markdown, one row in HTML) name its columns; a cell of a later row takes the
    heading of its position in the row (cells of one row share a source line, as in Markdown).
    A block that is no table cell ends the table."""

    def __init__(self) -> None:
        self._header: list[str] = []
        self._header_line = -1
        self._row_line = -1
        self._column = 0
        self._row_label: str | None = None
        # The label of the current cell's row (its first cell), None in the first cell.
        self.row: str | None = None

    def enter(self, kind: str, line: int, text: str, cell: int = -1) -> str | None:
        """The column heading of a block of `kind` starting on `line`, None for none; `cell`
        is its place in its row when the reader knows it (HTML). Sets `row`."""
        self.row = None
        if kind not in _CELL_KINDS or line > max(self._row_line, self._header_line + 1) + 1:
            # Not a cell, or a cell after a gap of lines: a new table starts (or none).
            self._header, self._header_line, self._row_line = [], -1, -1
            self._row_label = None
            if kind not in _CELL_KINDS:
                return None
        if self._header_line < 0:
            self._header_line = line
        if cell == 0 or (cell < 0 and line != self._row_line):
            self._row_label = text  # a row's first cell labels the row (round 16)
        elif cell > 0 or line == self._row_line:
            self.row = self._row_label
        if line == self._header_line:
            self._header.append(text)
            return None
        if line != self._row_line:
            self._row_line, self._column = line, 0
        else:
            self._column += 1
        # A first row of one cell per line (HTML written a cell a line) shows no columns.
        if len(self._header) < 2 or self._column >= len(self._header):
            return None
        return self._header[self._column]


_CELL_KINDS = frozenset({"table_cell", "td", "th"})


class Sections:
    """The headings open above the current block, outermost first: a heading closes those of
    its level and deeper. The level is the block's (documents/headings.py: "## ", "<h2", a
    setext heading's "---" underline); a heading whose level does not show (a title in front
    matter) counts as level 1."""

    def __init__(self) -> None:
        self._open: list[tuple[int, str]] = []

    def enter(self, level: int, text: str) -> None:
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        self._open.append((level, text))

    @property
    def open(self) -> tuple[str, ...]:
        return tuple(text for _, text in self._open)


@dataclass(frozen=True)
class PageFigure:
    """What the page pass needs of one figure, taken from its Doc before the Doc is let go."""

    index: int  # of its claim in the page's claims
    figure: FigureClass
    kind: str
    block_kind: str
    sections: tuple[str, ...]  # the headings open above it (its own block's, when a heading)
    name: str | None  # "clinic 27": the word before a bare number, when it may name a thing
    names: bool  # this occurrence alone shows a name (mid-sentence capitalised word)
    bare_cell: bool  # alone in a table cell, no word of its own
    column: str | None = None  # the heading of its table column, in a table cell
    block: int = -1  # the index of its block on the page
    short: bool = False  # its block is a short fragment ("in 8 months" under "Lost 45 lbs")
    alone: bool = False  # its block holds no word of its own ("95%" on a stat card)
    row: str | None = None  # the label of its table row (the row's first cell), round 16


def block_words(doc: Doc) -> tuple[int, list[str]]:
    """How many words a block has and its first word (lower case, in a list), read in bulk
    once per block (a Token per word cost more than the rest of page_figure)."""
    alpha = numpy.flatnonzero(doc.to_array(IS_ALPHA))
    return len(alpha), [doc[int(alpha[0])].lower_] if len(alpha) else []


def page_figure(
    index: int,
    span: Span,
    figure: FigureClass,
    kind: str,
    block_kind: str,
    sections: tuple[str, ...],
    shape: tuple[int, list[str]],
    column: str | None = None,
    block: int = -1,
    row: str | None = None,
) -> PageFigure:
    """The figure as the page reads it; `shape` is its block's `block_words`."""
    name, names = _name_before(span, kind)
    bare = _bare_cell(span, block_kind)
    words, first = shape
    # "in 5 months" under "Lost 30 lbs": a short line that says when, and no price.
    short = words <= _SHORT_BLOCK_WORDS and kind == "duration" and first in _WHEN_LEADS
    alone = words <= _ALONE_WORDS
    return PageFigure(
        index,
        figure,
        kind,
        block_kind,
        sections,
        name,
        names,
        bare,
        column,
        block,
        short,
        alone,
        row,
    )


# A block of at most this many words that follows a block with a claim goes on with it.
_SHORT_BLOCK_WORDS = 3
_ALONE_WORDS = 1  # "95%", "95%+", "Up to 60%"
_WHEN_LEADS = (["in"], ["within"], ["after"], ["over"], ["by"])


def _bare_digits(span: Span) -> bool:
    return len(span) == 1 and span[0].text.isdigit()


def _name_before(span: Span, kind: str) -> tuple[str | None, bool]:
    """ "Clinic 27": (the name, whether this occurrence shows it is one)."""
    if kind != "count" or not _bare_digits(span) or span.start == 0:
        return None, False
    doc = span.doc
    before = doc[span.start - 1]
    if not before.is_alpha or before.lower_ in _NOT_NAMES or len(before) < 3:
        return None, False
    after = doc[span.end] if span.end < len(doc) else None
    if (
        after is not None
        and after.is_alpha
        and after.is_lower
        and after.lower_ not in _AFTER_NAME
        and after.lower_ not in class_model().verbs
    ):
        return None, False  # "Omega 3 fatty acids", "Level 2 patients": the number counts
    name = f"{before.lower_} {span.text}"
    mid_sentence = before.i > span.sent.start and before.is_title
    return name, mid_sentence


# Words after a name that are no noun it counts ("Clinic 27 are trained", "at Clinic 27 we").
_AFTER_NAME = frozenset(
    {
        *("is", "are", "was", "were", "has", "have", "had", "can", "will", "would", "we", "use"),
        *("uses", "offers", "offer", "provides", "provide", "today", "team", "and", "or"),
        *("in", "on", "at", "to", "for", "with", "of", "by", "the", "a", "an", "our", "now"),
        *("strives", "strive", "helps", "help", "treats", "treat", "also", "who", "that"),
    }
)


def _bare_cell(span: Span, block_kind: str) -> bool:
    if block_kind not in ("table_cell", "td", "th"):
        return False
    doc = span.doc
    return not any(
        _WORD.fullmatch(token.text) for token in doc if not (span.start <= token.i < span.end)
    )


def revise(
    claims: list[Claim],
    figures: Iterable[PageFigure],
    products: bool = False,
    labels: Mapping[int, str] | None = None,
) -> None:
    """Set aside, in place, the claims whose page context says they are no claim; `products`:
    the page sells a product (seller.py)."""
    figures = list(figures)
    names = {f.name for f in figures if f.name is not None and f.names and _may_name(f)}
    known = section_words()
    results = result_columns()
    claim_blocks = {f.block for f in figures if claims[f.index].figure_class == "claim"}
    for figure in figures:
        claim = claims[figure.index]
        if claim.figure_class != "claim" and _stat_card(
            figure, (labels or {}).get(figure.block + 1)
        ):
            claims[figure.index] = replace(claim, figure_class="claim", class_cues=("stat-card",))
            continue
        # A `fact` (no health evidence, round 10) may still be named more exactly by the page.
        if claim.figure_class not in ("claim", "fact"):
            result = _result_label(figure, results)
            if result is not None:
                claims[figure.index] = replace(claim, figure_class="claim", class_cues=(result,))
            continue
        found = _page_class(figure, names, known)
        if found is None and products and _product_fact(figure) and not _body_change(claim):
            found = ("offer", "product-page")
        if found is None and _test_turnaround(claim, figure):
            found = ("offer", "test-turnaround")
        if found is None and claim.figure_class == "fact" and NO_EVIDENCE in claim.class_cues:
            # The page can be the health evidence a fact lacked (round 10): a result column,
            # or a section about a study or its results.
            result = _result_label(figure, results)
            if result is not None:
                found = ("claim", result)
            elif figure.sections and evidence_model().evidence_headings.search(
                figure.sections[-1].lower()
            ):
                found = ("claim", "section-evidence")
            elif figure.short and figure.block - 1 in claim_blocks:
                found = ("claim", "continues-result")
        if found is not None:
            figure_class, cue = found
            kept = tuple(c for c in claim.class_cues if c != NO_EVIDENCE)
            claims[figure.index] = replace(
                claim, figure_class=figure_class, class_cues=(cue, *kept)
            )


def _stat_card(figure: PageFigure, label: str | None) -> bool:
    """A percentage alone in its block over a short label that names an outcome: "95%" over
    "Effective protection", "60%" over "Reduction in symptoms" (a page's stat card, round 15);
    a length over a label that names a result ("2 Years" over "Protection duration", round
    16: only the words of `stat_card_words`, as "45 min" over "Treatment time" is a fact)."""
    if label is None or not figure.alone:
        return False
    if figure.kind in _STAT_CARD_KINDS:
        return health_words().search(label) is not None
    if figure.kind == "duration" and figure.block_kind not in _CELL_BLOCKS:
        return not stat_card_words().isdisjoint(_WORD.findall(label))
    return False


_STAT_CARD_KINDS = frozenset({"percent", "fraction"})


def _body_change(claim: Claim) -> bool:
    """ "Down 18 lbs in 6 weeks" on a product page: a body's change is a result, not what a
    pack holds (round 16)."""
    return "evidence:outcome:body-change" in claim.class_cues


def _test_turnaround(claim: Claim, figure: PageFigure) -> bool:
    """ "Results in 3-5 days" under "Basic Wellness Panel": how soon a lab test's results come
    back, not a treatment's (round 11): a length whose only evidence is the word "results",
    under a heading about a test."""
    if claim.figure_class != "claim" or claim.kind != "duration" or not figure.sections:
        return False
    if "evidence:outcome:results" not in claim.class_cues:
        return False
    headings = evidence_model().turnaround_headings
    return any(headings.search(heading.lower()) for heading in figure.sections)


def _page_class(figure: PageFigure, names: set[str], known: SectionWords) -> tuple[str, str] | None:
    if _may_name(figure) and figure.name in names:
        return "identifier", "named-on-page"
    if figure.bare_cell and figure.kind == "fraction":
        # A count alone in a cell may be a study's sample size beside its label; a cell of
        # bare counts is already an offer (the `table-cell` cue) unless a claim cue holds.
        return "identifier", "bare-table-cell"
    found = known.class_of(figure.sections, figure.kind)
    if found is None or found[0] == "claim":
        return None  # no section's purpose, or a section of results (round 16)
    features = figure.figure.features
    sure = _sure_claim(features)
    if found[0] == "instruction" and sure:
        # Under "Dosage", "500 mg/day" is the direction: only a result keeps its claim.
        sure = any(_sure_claim((f,)) for f in features if f not in _DOSING_CUES)
    if sure:
        return None
    if found[0] == "identifier":
        # A count or length in a biography is the practitioner's story (or a business
        # fact: "20 years of practice"), whatever words stand around it.
        return found
    if found[0] == "offer" and figure.kind == "money":
        # Under a price list a sum is a price, whoever it is for ("$30 for children"),
        # unless it is counted in millions or said of an economy.
        return None if _NOT_PRICE.intersection(features) else found
    return None if _OWN_EVIDENCE.intersection(features) else found


# Claim cues that an amount a day held ("500 mg/day"): under a dosing heading, a direction.
_DOSING_CUES = frozenset({"cue:daily-amount"})
_NOT_PRICE = frozenset({"cue:money-not-price", "cue:population-scale"})


# The cues that set a figure aside for where it stands alone (a table cell, a verbless line),
# not for what it says: a column heading that names a result overrules them.
_PLACE_CUES = frozenset({"table-cell", "fragment", "percent-fragment", "label-value"})
_RESULT_KINDS = frozenset({"percent", "duration", "range", "multiplier", "fraction", "rate"})


def _words_of(key: str) -> re.Pattern[str]:
    values = sorted((str(v).lower() for v in shared_data_file(DATA_FILE)[key]), key=len)
    alternatives = "|".join(re.escape(v) for v in reversed(values))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


@cache
def result_columns() -> re.Pattern[str]:
    return _words_of("result_columns")


@cache
def evidence_sections() -> re.Pattern[str]:
    return _words_of("evidence_sections")


def _result_label(figure: PageFigure, results: re.Pattern[str]) -> str | None:
    """`result-column` or `result-row` for a figure set aside only for standing in a table
    cell, under a column heading or in a row whose label names a result: "30-35%" under
    "Bioavailability", "2-5 hours" under "Half-life", "1-2 weeks" in the row "Recovery"
    (round 16); None otherwise."""
    if figure.kind not in _RESULT_KINDS:
        return None
    held = {f.removeprefix("cue:") for f in figure.figure.features if f.startswith("cue:")}
    if not held - _claim_cues() <= _PLACE_CUES:
        return None
    for cue, label in (("result-column", figure.column), ("result-row", figure.row)):
        if label is not None and results.search(label.lower()):
            return cue
    return None


# On a product page, in a label line (a verbless line, a list item, a table cell, "Size:
# 30 ml"), an amount, a count or a range is what the pack holds or what the blend is made
# of; a count or a range in a sentence too ("Each jar is made with 4 herbs"). A length only
# in a verbless line or a table cell ("Ships in 2-3 days"), and an amount in a sentence is
# left to the model: a sentence may say how fast or at what dose the product acts.
_PRODUCT_FACT_KINDS = frozenset({"measure", "count", "range"})
_SENTENCE_FACT_KINDS = frozenset({"count", "range"})
_CELL_BLOCKS = frozenset({"table_cell", "td", "th"})
_LIST_BLOCKS = frozenset({"list_item", "li", "dt"})


def _product_fact(figure: PageFigure) -> bool:
    """A figure on a product page that states what the product is, not what it does."""
    features = figure.figure.features
    if _OWN_EVIDENCE.intersection(features) or _sure_claim(features):
        return False
    if figure.sections and evidence_sections().search(figure.sections[-1].lower()):
        return False  # under "Clinical Studies", "Results": the figures of a study
    verbless = "no-verb" in features or figure.block_kind in _CELL_BLOCKS
    if figure.kind == "duration":
        return verbless
    if figure.kind not in _PRODUCT_FACT_KINDS:
        return False
    label = verbless or figure.block_kind in _LIST_BLOCKS or "cue:label-value" in features
    return label or figure.kind in _SENTENCE_FACT_KINDS


def _may_name(figure: PageFigure) -> bool:
    """A number that counts people is no name, whatever the case of the noun after it: a
    title-case headline ("We Treated 1200 Patients") capitalises the noun it counts."""
    return figure.name is not None and "cue:people-count" not in figure.figure.features


def _sure_claim(features: Iterable[str]) -> bool:
    """A decisive claim cue held: the figure's own line states a result."""
    return any(f.removeprefix("cue:") in _decisive_claim_cues() for f in features)


@cache
def _claim_cues() -> frozenset[str]:
    return frozenset(cue.name for cue in class_model().cues if cue.figure_class == "claim")


@cache
def _decisive_claim_cues() -> frozenset[str]:
    return frozenset(
        cue.name for cue in class_model().cues if cue.decisive and cue.figure_class == "claim"
    )

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
  value of a lookup table (a chart of fractions, a dosing grid), not a statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.classify import DATA_FILE, FigureClass, class_model
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
    raw = load_data_file(DATA_FILE)["sections"]
    found = []
    for entry in raw:
        values = sorted((re.escape(str(v).lower()) for v in entry["values"]), key=len)
        pattern = re.compile(rf"(?<![\w])(?:{'|'.join(reversed(values))})(?![\w])")
        found.append((str(entry["class"]), pattern, frozenset(entry["kinds"])))
    return SectionWords(tuple(found))


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


def page_figure(
    index: int,
    span: Span,
    figure: FigureClass,
    kind: str,
    block_kind: str,
    sections: tuple[str, ...],
) -> PageFigure:
    name, names = _name_before(span, kind)
    return PageFigure(
        index, figure, kind, block_kind, sections, name, names, _bare_cell(span, block_kind)
    )


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


def revise(claims: list[Claim], figures: Iterable[PageFigure]) -> None:
    """Set aside, in place, the claims whose page context says they are no claim."""
    figures = list(figures)
    names = {f.name for f in figures if f.name is not None and f.names and _may_name(f)}
    known = section_words()
    for figure in figures:
        claim = claims[figure.index]
        if claim.figure_class != "claim":
            continue
        found = _page_class(figure, names, known)
        if found is not None:
            figure_class, cue = found
            claims[figure.index] = replace(
                claim, figure_class=figure_class, class_cues=(cue, *claim.class_cues)
            )


def _page_class(figure: PageFigure, names: set[str], known: SectionWords) -> tuple[str, str] | None:
    if _may_name(figure) and figure.name in names:
        return "identifier", "named-on-page"
    if figure.bare_cell and figure.kind == "fraction":
        # A count alone in a cell may be a study's sample size beside its label; a cell of
        # bare counts is already an offer (the `table-cell` cue) unless a claim cue holds.
        return "identifier", "bare-table-cell"
    found = known.class_of(figure.sections, figure.kind)
    if found is None or _sure_claim(figure.figure.features):
        return None
    if found[0] == "identifier":
        # A count or length in a biography is the practitioner's story (or a business
        # fact: "20 years of practice"), whatever words stand around it.
        return found
    return None if _OWN_EVIDENCE.intersection(figure.figure.features) else found


def _may_name(figure: PageFigure) -> bool:
    """A number that counts people is no name, whatever the case of the noun after it: a
    title-case headline ("We Treated 1200 Patients") capitalises the noun it counts."""
    return figure.name is not None and "cue:people-count" not in figure.figure.features


def _sure_claim(features: Iterable[str]) -> bool:
    """A decisive claim cue held: the figure's own line states a result."""
    return any(f.removeprefix("cue:") in _decisive_claim_cues() for f in features)


@cache
def _decisive_claim_cues() -> frozenset[str]:
    return frozenset(
        cue.name for cue in class_model().cues if cue.decisive and cue.figure_class == "claim"
    )

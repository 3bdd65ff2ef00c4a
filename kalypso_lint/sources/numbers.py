"""Figures as a source page writes them: "39 million", "39,000,000", "39M", "$36bn", "88%",
"88 percent", "3x", "three times", "one in three", "two-thirds", "thirty-nine million".

The page text is already normalised (text.normalise: case folded, NFKC, one space). Each
figure found carries its value and the precision it was written with. A registry value counts
as present when it lies within the rounding of what the page wrote ("39 million" covers
38.5–39.5 million; "39,000,000" only 39,000,000), or when the page's figure rounds to the
registry's (88.4% for 88; 38.8 million for 39000000).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kalypso_lint.figures import unit_family

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7,
    "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10,
    "tenths": 10,
}  # fmt: skip

_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)
_DENOMINATOR_WORDS = "|".join(sorted(_DENOMINATORS, key=len, reverse=True))
# "thirty-nine", "thirty nine", "forty", "seven"; never "one two".
_SPELLED = rf"(?:(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})\b"
# 39,000,000 / 39 000 000 / 39000000 / 88.5
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d.])|\d+(?:\.\d+)?"
_START = r"(?<![\w.,/])"
_NUMBER = re.compile(
    rf"{_START}(?P<number>{_DIGITS}|{_SPELLED})"
    r"(?:(?P<suffix>mln|mn|bn|tn|[kmb])\b|\s?(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<tail>\s?(?:%|percent\b|per cent\b|x\b|times\b|-?fold\b))?"
)
# 1/3 (not a date such as 1/3/2020), "one in three", "1 in 4", "a third", "two-thirds".
_SLASH_SHARE = re.compile(rf"{_START}(\d{{1,3}})/(\d{{1,4}})(?![\d/])")
_IN_SHARE = re.compile(rf"{_START}(\d+|{_SPELLED})[- ]in[- ](\d+|{_SPELLED})")
_WORD_SHARE = re.compile(rf"{_START}(an?|{_SPELLED})[- ]({_DENOMINATOR_WORDS})\b")


@dataclass(frozen=True)
class WrittenFigure:
    value: float
    precision: float  # half of this is the rounding a reader allows the written figure
    kind: str  # percent, times, share (a fraction, in percent) or plain

    def covers(self, target: float) -> bool:
        """Whether one of the two figures is the other one rounded."""
        allowed = max(self.precision, registry_precision(target)) / 2
        return abs(self.value - target) <= allowed + abs(target) * 1e-9


def registry_precision(value: float) -> float:
    """The rounding a registry value may carry: its last decimal ("88.5": 0.1), or for a whole
    number its trailing zeros, keeping two significant digits (39000000: a million; 40: 1)."""
    text = f"{abs(value):.10f}".rstrip("0").rstrip(".")
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    zeros = len(text) - len(text.rstrip("0"))
    return 10.0 ** max(0, min(zeros, len(text) - 2))


def _spelled_value(words: str) -> float | None:
    total = 0
    for part in re.split(r"[- ]", words):
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return float(total)


def _number(text: str) -> tuple[float, float] | None:
    """(value, precision) of a digit or spelled-out number."""
    if text[0].isdigit():
        plain = text.replace(",", "").replace(" ", "")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        return float(plain), 10.0**-decimals
    value = _spelled_value(text)
    return None if value is None else (value, 1.0)


def written_figures(text: str, shares: bool = True) -> Iterator[WrittenFigure]:
    """Every figure in normalised page text (fractions as shares only when `shares`)."""
    for match in _NUMBER.finditer(text):
        parsed = _number(match.group("number"))
        if parsed is None:
            continue
        value, precision = parsed
        scale = _SCALE_SUFFIXES.get(match.group("suffix") or "") or _SCALE_WORDS.get(
            match.group("scale") or "", 1
        )
        tail = (match.group("tail") or "").strip()
        if tail in ("%", "percent", "per cent"):
            kind = "percent"
        elif tail:
            kind = "times"
        else:
            kind = "plain"
        yield WrittenFigure(value * scale, precision * scale, kind)
    if not shares:
        return
    for pattern in (_SLASH_SHARE, _IN_SHARE, _WORD_SHARE):
        for match in pattern.finditer(text):
            share = _share(match.group(1), match.group(2))
            if share is not None:
                yield WrittenFigure(share, 1.0, "share")


def _share(numerator: str, denominator: str) -> float | None:
    """A fraction ("1/3", "one in three", "a third", "two-thirds") as a percentage."""
    top = (1.0, 1.0) if numerator in ("a", "an") else _number(numerator)
    if denominator in _DENOMINATORS:
        bottom: tuple[float, float] | None = (float(_DENOMINATORS[denominator]), 1.0)
    else:
        bottom = _number(denominator)
    if top is None or bottom is None or not 0 < top[0] <= bottom[0] <= 1000:
        return None
    return 100.0 * top[0] / bottom[0]


def figure_on_page(text: str, low: float, high: float, unit: str | None) -> bool:
    """Whether the page writes the entry's value (or both ends of its range) in some form."""
    family = unit_family(unit)
    wanted = {"percent": ("percent", "share"), "ratio": ("times",)}.get(family, ("plain",))
    figures = [f for f in written_figures(text, shares="share" in wanted) if f.kind in wanted]
    return all(any(f.covers(target) for f in figures) for target in {low, high})

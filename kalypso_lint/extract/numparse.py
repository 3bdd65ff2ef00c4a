"""Reading the value of one written number from its tokens: "49 million", "forty-nine",
"1.2B", "3x", "1/3", "two-thirds", "a dozen". Pure functions on strings; no spaCy here.

A third-party parser was measured and rejected (../shared/research/deps.md §3): text2num and
number-parser misread "49 million", and quantulum3 takes 2 s to load and drops qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kalypso_lint.extract.lexicon import NumericLexicon

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)([a-zA-Z×]{1,2})$")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")
_JOINERS = frozenset({"-", "and"})


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    used: int  # how many of the given tokens the number spans
    fraction: bool = False  # value is a share in percent (1/3 -> 33.33...)
    times: bool = False  # written as a multiplier ("3x")
    words: bool = False  # spelled out ("forty-nine")
    scaled: bool = False  # carries a scale word or suffix ("million", "10k")
    digits: int = 0  # digits before the decimal point, for year/phone heuristics
    grouped: bool = False  # written with thousands separators
    decimal: bool = False  # written with a decimal point ("2.0", "4.5")


def _digit_value(text: str) -> float | None:
    if not _DIGITS.match(text):
        return None
    integer = text.split(".")[0].replace(",", "")
    if len(integer) > 1 and integer.startswith("0"):
        return None  # "013" is a code or phone fragment, not a quantity
    return float(text.replace(",", ""))


def _apply_scales(
    base: float, tokens: list[str], start: int, lex: NumericLexicon
) -> tuple[float, int]:
    value, index = base, start
    while index < len(tokens) and tokens[index].lower() in lex.scales:
        value *= lex.scales[tokens[index].lower()]
        index += 1
    return value, index


def parse_number(tokens: list[str], lex: NumericLexicon) -> ParsedNumber | None:
    """Parse the longest number at the start of `tokens`, or None."""
    if not tokens:
        return None
    first = tokens[0]
    lower = first.lower()

    fraction = _FRACTION.match(first)
    if fraction:
        numerator, denominator = int(fraction.group(1)), int(fraction.group(2))
        # Shares are written over small denominators (1/3, 3/4, 1/10); "3/14" is a date.
        if 0 < numerator < denominator and (denominator <= 10 or denominator == 100):
            return ParsedNumber(100.0 * numerator / denominator, 1, fraction=True)
        return None

    value = _digit_value(first)
    if value is not None:
        scaled_value, end = _apply_scales(value, tokens, 1, lex)
        integer = first.split(".")[0].replace(",", "")
        return ParsedNumber(
            scaled_value,
            end,
            scaled=end > 1,
            digits=len(integer),
            grouped="," in first,
            decimal="." in first,
        )

    suffixed = _SUFFIXED.match(first)
    if suffixed:
        number, suffix = float(suffixed.group(1)), suffixed.group(2)
        if suffix in lex.times_suffixes:
            return ParsedNumber(number, 1, times=True)
        if suffix in lex.token_suffixes:
            scaled_value, end = _apply_scales(number * lex.token_suffixes[suffix], tokens, 1, lex)
            return ParsedNumber(scaled_value, end, scaled=True)
        return None

    if lower.endswith("s") and lower[:-1] in lex.scales and len(lower) > 6:
        # "millions", "billions" alone: at least one of that scale (the number patterns
        # decide which plurals are read at all).
        return ParsedNumber(float(lex.scales[lower[:-1]]), 1, words=True, scaled=True)

    if lower == "half" and len(tokens) > 2 and tokens[1].lower() == "a":
        scale = lex.scales.get(tokens[2].lower())
        if scale and tokens[2].isalpha() and len(tokens[2]) > 3:
            return ParsedNumber(scale / 2, 3, words=True, scaled=True)
        return None

    if lower == "a" and len(tokens) > 1:
        second = tokens[1].lower()
        if second == "single":
            return ParsedNumber(1.0, 2, words=True)  # "a single visit"
        if second in lex.time_units and second.isalpha() and not second.endswith("s"):
            return ParsedNumber(1.0, 1, words=True)  # "within a week" (number_patterns)
        if second == "dozen":
            return ParsedNumber(12.0, 2, words=True)
        if second in lex.denominators:
            return ParsedNumber(100.0 / lex.denominators[second], 2, fraction=True, words=True)
        if second in lex.scales and second.isalpha() and len(second) > 2:
            value, end = _apply_scales(1.0, tokens, 1, lex)
            return ParsedNumber(value, end, words=True, scaled=True)
        return None
    return _parse_words(tokens, lex)


def _parse_words(tokens: list[str], lex: NumericLexicon) -> ParsedNumber | None:
    """Spelled-out cardinals and fractions: "forty-nine million", "one hundred and twenty",
    "two-thirds", "three quarters"."""
    total = 0
    current = 0
    used = 0
    last = ""  # kind of the last number word: unit, ten, hundred, scale
    scaled = False
    index = 0
    while index < len(tokens):
        word = tokens[index].lower()
        if word in _JOINERS:
            if used == 0 or index + 1 >= len(tokens):
                break
            nxt = tokens[index + 1].lower()
            # "forty-nine", "one hundred and five", "two-thirds"; never "five and six".
            if word == "-" and not (
                (last == "ten" and nxt in lex.units) or nxt in lex.denominators
            ):
                break
            if word == "and" and last not in ("hundred", "scale"):
                break
            index += 1
            continue
        if word in lex.denominators and used and last == "unit" and total == 0:
            numerator = current
            denominator = lex.denominators[word]
            if 0 < numerator <= denominator and not (numerator == 1 and word.endswith("s")):
                return ParsedNumber(
                    100.0 * numerator / denominator, index + 1, fraction=True, words=True
                )
            return None
        if word in lex.units:
            if last in ("unit",):
                break
            if last == "ten" and lex.units[word] >= 10:
                break
            current += lex.units[word]
            last = "unit"
        elif word in lex.tens:
            if last in ("unit", "ten"):
                break
            current += lex.tens[word]
            last = "ten"
        elif word == "hundred":
            if last == "hundred":
                break
            current = (current or 1) * 100
            last = "hundred"
            scaled = True
        elif word == "dozen":
            current = (current or 1) * 12
            last = "scale"
        elif word in lex.scales and word.isalpha() and len(word) > 3:
            if used == 0:
                break
            total += (current or 1) * lex.scales[word]
            current = 0
            last = "scale"
            scaled = True
        else:
            break
        index += 1
        used = index
    if used == 0:
        return None
    return ParsedNumber(float(total + current), used, words=True, scaled=scaled)

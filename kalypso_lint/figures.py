"""Units and how figures are compared and written back in messages ("39 million people")."""

from __future__ import annotations

import re

PERCENT_UNITS = frozenset({"percent", "%"})
RATIO_UNITS = frozenset({"ratio", "times", "x", "fold"})
CURRENCY_SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£", "aud": "A$", "cad": "C$"}
# Time units convert to hours so "3 days" can be checked against "72 hours".
HOURS_PER_UNIT = {
    "seconds": 1 / 3600,
    "minutes": 1 / 60,
    "hours": 1.0,
    "days": 24.0,
    "weeks": 168.0,
    "months": 730.5,
    "years": 8766.0,
}
# The periods of a frequency's unit ("per-year": 3 times a year), in hours.
_PERIOD_HOURS = {unit.removesuffix("s"): hours for unit, hours in HOURS_PER_UNIT.items()}
# Amounts (issue 12): mass converts to milligrams; the other measures compare only with
# themselves. Each unit is its own family unless listed here.
MG_PER_UNIT = {"mcg": 0.001, "mg": 1.0, "g": 1000.0, "kg": 1e6, "oz": 28349.523, "lb": 453592.37}
MEASURE_UNITS = frozenset({*MG_PER_UNIT, "iu", "cfu", "ml", "kcal", "psi", "degrees"})
# Spellings a reviewer writes for a unit -> the unit (issue ux14: `percentage` and `pct`
# passed validation and then matched nothing). docs/registry.md lists them.
_UNIT_ALIASES = {
    "%": "percent",
    "percentage": "percent",
    "percentages": "percent",
    "pct": "percent",
    "per cent": "percent",
    "per-cent": "percent",
    "percents": "percent",
    "times": "ratio",
    "x": "ratio",
    "fold": "ratio",
    "person": "people",
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "dollar": "usd",
    "dollars": "usd",
    "euro": "eur",
    "euros": "eur",
    "µg": "mcg",
    "μg": "mcg",
    "ug": "mcg",
    "lbs": "lb",
    "pounds": "lb",
    "calories": "kcal",
    "degree": "degrees",
}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def normalise_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    lowered = " ".join(unit.lower().split())
    lowered = _UNIT_ALIASES.get(lowered, lowered)
    if lowered.startswith("per-") and lowered.endswith("k") and lowered[4:-1].isdigit():
        return f"per-{int(lowered[4:-1]) * 1000}"
    return lowered


def unit_family(unit: str | None) -> str:
    """percent, ratio, money:<ccy>, time, rate, mass, another measure unit (iu, cfu, ml, kcal,
    psi, degrees), or count (people, cases, visits, ...)."""
    unit = normalise_unit(unit)
    if unit is None:
        return "none"
    if unit in PERCENT_UNITS or unit == "percent":
        return "percent"
    if unit == "ratio":
        return "ratio"
    if unit in CURRENCY_SYMBOLS:
        return f"money:{unit}"
    if unit in HOURS_PER_UNIT:
        return "time"
    if unit.startswith("per-") and (unit[4:] in _PERIOD_HOURS or unit[4:].isdigit()):
        # "per-100000": a rate in a population; "per-year": how often (issue 12, round 7).
        # Anything else after "per-" is no number to convert by ("per-thousand").
        return "frequency" if unit[4:] in _PERIOD_HOURS else "rate"
    if unit in MG_PER_UNIT:
        return "mass"
    if unit in MEASURE_UNITS:
        return unit
    return "count"


_KNOWN_UNITS = frozenset(
    {"people", "count", "percent", "ratio", *CURRENCY_SYMBOLS, *HOURS_PER_UNIT, *MEASURE_UNITS}
)
_COUNT_NOUN = re.compile(r"[a-z]+(?:-[a-z]+)*")


def unit_doubt(unit: str) -> str | None:
    """Why a registry entry's unit may not be what its author meant, or None.

    Any word is a valid count noun (`cases`, `visits`), so this only warns: about a unit with
    digits, spaces or symbols that no unit reads as (`mg/dl`, `per-thousand`), and about a
    near miss of a known unit (`percnt`), which would silently match only other counts.
    """
    normal = normalise_unit(unit) or ""
    if unit_family(normal) != "count" or normal in _KNOWN_UNITS:
        return None
    import difflib

    measured = [u for u in sorted(_KNOWN_UNITS | set(_UNIT_ALIASES)) if unit_family(u) != "count"]
    near = difflib.get_close_matches(normal, measured, 1, 0.8)
    if near:
        meant = normalise_unit(near[0])
        return f"unit {unit!r} is not a unit kalypso-lint knows; did you mean {meant!r}?"
    if _COUNT_NOUN.fullmatch(normal) and not normal.startswith("per-"):
        return None  # a plain count noun
    return (
        f"unit {unit!r} is not a unit kalypso-lint knows, so it is read as a count noun "
        "and matches counts only (docs/registry.md lists the units)"
    )


def conversion_factor(from_unit: str | None, to_unit: str | None) -> float | None:
    """Multiply a value in `from_unit` by this to express it in `to_unit`; None if impossible."""
    a, b = normalise_unit(from_unit), normalise_unit(to_unit)
    family = unit_family(a)
    if family != unit_family(b):
        return None
    if family == "time" and a and b:
        return HOURS_PER_UNIT[a] / HOURS_PER_UNIT[b]
    if family == "rate" and a and b:
        return float(b[4:]) / float(a[4:])
    if family == "frequency" and a and b:
        return _PERIOD_HOURS[b[4:]] / _PERIOD_HOURS[a[4:]]
    if family == "mass" and a and b:
        return MG_PER_UNIT[a] / MG_PER_UNIT[b]
    return 1.0


def format_number(value: float) -> str:
    magnitude = abs(value)
    for scale, word in _SCALES:
        if magnitude >= scale:
            scaled = value / scale
            text = f"{scaled:.2f}".rstrip("0").rstrip(".")
            return f"{text} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_figure(
    value: float | None, low: float | None, high: float | None, unit: str | None
) -> str:
    """How a figure reads in a message: "39 million people", "88%", "4–72 hours", "$36 billion"."""
    unit = normalise_unit(unit)
    if low is not None and high is not None:
        numbers = f"{format_number(low)}–{format_number(high)}"
    elif value is not None:
        numbers = format_number(value)
    else:
        return "no figure"
    family = unit_family(unit)
    if family == "percent":
        if low is not None and high is not None:
            return f"{format_number(low)}%–{format_number(high)}%"
        return f"{numbers}%"
    if family == "ratio":
        return f"{numbers}x"
    if family.startswith("money:") and unit:
        return f"{CURRENCY_SYMBOLS[unit]}{numbers}"
    if family == "rate" and unit:
        return f"{numbers} per {int(unit[4:]):,}"
    if family == "frequency" and unit:
        return f"{numbers} times a {unit[4:]}"
    if unit in (None, "count"):
        return numbers
    return f"{numbers} {unit}"


# -- writing a figure back into copy in the copy's own style (the language server, issue 18) --
_SCALE_VALUES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}
_COPY_NUMBER = re.compile(
    r"(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<decimals>\d+))?"
    r"(?:(?P<space>\s?)(?P<scale>thousand|million|billion|trillion|bn|[kKmMbBtT])(?![A-Za-z]))?"
)
# "2/3" and "one in four" are shares written as fractions: their digits are no figure to swap.
_FRACTION = re.compile(r"\d\s*/\s*\d|\bin\s+\d")


def _copy_style_number(value: float, match: re.Match[str]) -> str:
    """`value` written like the number `match` found: same scale word or suffix, thousands
    separators when the copy used them (or the number is large), decimals only as needed."""
    scale = match.group("scale")
    if scale:
        value /= _SCALE_VALUES[scale.lower()]
    if value == int(value):
        commas = "," in match.group("digits") or abs(value) >= 10_000
        text = f"{int(value):,}" if commas else str(int(value))
    else:
        places = max(len(match.group("decimals") or ""), 1)
        text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    if scale:
        text += (match.group("space") or "") + scale
    return text


def rewrite_figure(copy: str, low: float, high: float) -> str | None:
    """The claim's text `copy` ("almost 49 million", "ages 35-45", "$36 billion") with its
    figure replaced by low..high (a single value when equal), keeping its words, qualifier,
    separators and scale; None when the copy's figure is not written in digits."""
    if _FRACTION.search(copy):
        return None
    numbers = list(_COPY_NUMBER.finditer(copy))
    if not numbers or len(numbers) > 2:
        return None
    first, last = numbers[0], numbers[-1]
    if len(numbers) == 2 and low != high:  # a range for a range: each bound in its place
        return (
            copy[: first.start()]
            + _copy_style_number(low, first)
            + copy[first.end() : last.start()]
            + _copy_style_number(high, last)
            + copy[last.end() :]
        )
    if low == high:
        figure = _copy_style_number(low, first)
    else:
        figure = f"{_copy_style_number(low, first)}–{_copy_style_number(high, first)}"
    return copy[: first.start()] + figure + copy[last.end() :]

"""Units and how figures are compared and written back in messages ("39 million people")."""

from __future__ import annotations

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
# Amounts (issue 12): mass converts to milligrams; the other measures compare only with
# themselves. Each unit is its own family unless listed here.
MG_PER_UNIT = {"mcg": 0.001, "mg": 1.0, "g": 1000.0, "kg": 1e6, "oz": 28349.523, "lb": 453592.37}
MEASURE_UNITS = frozenset({*MG_PER_UNIT, "iu", "cfu", "ml", "kcal", "psi", "degrees"})
_UNIT_ALIASES = {
    "%": "percent",
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
    "dollars": "usd",
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
    lowered = unit.strip().lower()
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
    if unit.startswith("per-"):
        return "rate"
    if unit in MG_PER_UNIT:
        return "mass"
    if unit in MEASURE_UNITS:
        return unit
    return "count"


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
    if unit in (None, "count"):
        return numbers
    return f"{numbers} {unit}"

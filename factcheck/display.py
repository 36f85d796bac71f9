"""Show values for people in their unit: years without separators, days as dates; and
the whole numbers a fact base may hold (qualifiers), however long.

Every number factcheck shows goes through here or ``intervals.format_number``, never
through a bare ``str()``: Python refuses to turn an integer of more than 4,300 digits
into text (a 5,000-hex-digit ``!!int`` qualifier is valid YAML), and such a number is
unreadable anyway, so it is shown as ``≈1.23457e+6020``.
"""

from __future__ import annotations

from collections.abc import Mapping

from factcheck.intervals import Interval, Rational, format_number
from factcheck.periods import from_day_number
from factcheck.units import Unit

__all__ = ["json_qualifiers", "show_integer", "show_interval", "show_qualifiers", "show_value"]

#: Digits from which a whole number is shown as ≈ m × 10^e (as ``format_number`` does).
MAX_SHOWN_DIGITS = 30
_SHOWN_BELOW = 10**MAX_SHOWN_DIGITS


def show_integer(value: int) -> str:
    """A whole number as written, without separators (2022, batch 5); past
    ``MAX_SHOWN_DIGITS`` digits, approximately (``≈1.23457e+6020``)."""
    if -_SHOWN_BELOW < value < _SHOWN_BELOW:
        return str(value)
    return format_number(value)


def show_qualifiers(qualifiers: Mapping[str, str | int]) -> str:
    """ "sector=healthcare, batch=5"."""
    return ", ".join(
        f"{key}={show_integer(value) if isinstance(value, int) else value}"
        for key, value in qualifiers.items()
    )


def json_qualifiers(qualifiers: Mapping[str, str | int]) -> dict[str, str | int]:
    """Qualifiers for JSON: whole numbers stay numbers, except those too long to show,
    which become their display text (JSON encoders refuse them too)."""
    return {
        key: value
        if not isinstance(value, int) or -_SHOWN_BELOW < value < _SHOWN_BELOW
        else show_integer(value)
        for key, value in qualifiers.items()
    }


def show_value(value: Rational, unit: Unit | None) -> str:
    if unit is Unit.YEAR and value.denominator == 1:
        return show_integer(value.numerator)
    if unit is Unit.DATE and value.denominator == 1:
        try:
            return from_day_number(value.numerator).isoformat()
        except OverflowError:  # past year 9999: show the day number
            return format_number(value)
    return format_number(value)


def show_interval(interval: Interval, unit: Unit | None) -> str:
    """ "[9.45, 9.55) percent", "2019 … 2022", "≥ 300"."""
    if interval.is_empty:
        return "∅"
    suffix = f" {unit}" if unit not in {None, Unit.YEAR, Unit.DATE, Unit.COUNT} else ""
    if interval.is_point:
        assert interval.lo is not None
        return show_value(interval.lo, unit) + suffix
    left = "[" if interval.lo_closed else "("
    right = "]" if interval.hi_closed else ")"
    lo = "-∞" if interval.lo is None else show_value(interval.lo, unit)
    hi = "∞" if interval.hi is None else show_value(interval.hi, unit)
    return f"{left}{lo}, {hi}{right}{suffix}"

"""Show values for people in their unit: years without separators, days as dates."""

from __future__ import annotations

from factcheck.intervals import Interval, Rational, format_number
from factcheck.periods import from_day_number
from factcheck.units import Unit

__all__ = ["show_interval", "show_value"]


def show_value(value: Rational, unit: Unit | None) -> str:
    if unit is Unit.YEAR and value.denominator == 1:
        return str(value.numerator)
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

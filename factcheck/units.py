"""The units a claim's value can carry, and the kinds of quantity a metric measures.

Units are kinds in code: a small closed set that the engine knows how to compare.
A metric's kind picks its default unit and its natural domain (a count is never
negative, a share lies between 0 and 100 percent).
"""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction

from factcheck.intervals import Interval

__all__ = ["Measure", "Unit", "convert", "default_unit", "domain_of"]


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    CNY = "CNY"
    USD = "USD"
    YEAR = "year"  # a calendar year, 2018
    DATE = "date"  # a calendar day, as days since 1970-01-01
    YEARS = "years"  # a duration
    TIMES = "times"  # a multiplier
    KM = "km"
    RANK = "rank"
    RATIO = "ratio"  # a pure number: "one-eighth" is 1/8, or 12.5 percent
    CNY_PER_USD = "CNY/USD"  # an exchange rate: yuan per US dollar


class Measure(StrEnum):
    """What a metric measures; decides its default unit and its domain."""

    COUNT = "count"
    SHARE = "share"
    MONEY = "money"
    RATE = "rate"
    YEAR = "year"
    DATE = "date"
    DURATION = "duration"
    MULTIPLIER = "multiplier"
    LENGTH = "length"
    RANK = "rank"
    EXCHANGE_RATE = "exchange-rate"


_DEFAULT_UNIT: dict[Measure, Unit | None] = {
    Measure.COUNT: Unit.COUNT,
    Measure.SHARE: Unit.PERCENT,
    Measure.MONEY: None,  # the currency comes from the value or the claim
    Measure.RATE: Unit.PERCENT,
    Measure.YEAR: Unit.YEAR,
    Measure.DATE: Unit.DATE,
    Measure.DURATION: Unit.YEARS,
    Measure.MULTIPLIER: Unit.TIMES,
    Measure.LENGTH: Unit.KM,
    Measure.RANK: Unit.RANK,
    Measure.EXCHANGE_RATE: Unit.CNY_PER_USD,
}

_ZERO = Fraction(0)
_NON_NEGATIVE = Interval(_ZERO, None, True, False)
_DOMAIN: dict[Measure, Interval] = {
    Measure.COUNT: _NON_NEGATIVE,
    Measure.SHARE: Interval.closed(0, 100),
    Measure.MONEY: _NON_NEGATIVE,
    Measure.DURATION: _NON_NEGATIVE,
    Measure.MULTIPLIER: _NON_NEGATIVE,
    Measure.LENGTH: _NON_NEGATIVE,
    Measure.RANK: Interval(Fraction(1), None, True, False),
    Measure.EXCHANGE_RATE: Interval(_ZERO, None, False, False),
}


def convert(value: Fraction, written: Unit, wanted: Unit) -> Fraction | None:
    """``value`` in ``written`` units expressed in ``wanted`` units, or None when the two
    are not the same kind of quantity."""
    if written is wanted:
        return value
    if (written, wanted) == (Unit.RATIO, Unit.PERCENT):
        return value * 100
    return None


def default_unit(measure: Measure) -> Unit | None:
    return _DEFAULT_UNIT[measure]


def domain_of(measure: Measure) -> Interval:
    """Values a metric of this kind can take at all (a count is never negative)."""
    return _DOMAIN.get(measure, Interval.everything())

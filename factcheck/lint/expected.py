"""What a figure held to a claim must fit, and the figure's interval in a unit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from factcheck.figures import Figure, Hedge
from factcheck.hedges import HedgeWidths, interval_of
from factcheck.intervals import Interval
from factcheck.units import Measure, Unit, convert, domain_of, rate_currency

__all__ = ["Expected", "Match", "figure_interval", "range_ends"]


@dataclass(frozen=True, slots=True)
class Expected:
    """What a figure matched to a claim must fit: the claim's interval, and the figure
    as the claim writes it (its number rounded, without its hedge)."""

    interval: Interval
    written: Interval
    hedge: Hedge | None
    unit: Unit | None  # None: a calendar year (an as_of), compared as a number
    ends: tuple[Interval, Interval] | None = None  # a range's written ends

    def fits(self, figure: Figure, widths: HedgeWidths) -> bool | None:
        """Whether ``figure`` agrees; None when it cannot be in this unit at all.

        With the same hedge ("more than 300" against "more than 3,000") the written
        numbers must agree: the draft states a different figure. A range against a
        range: each end must agree ("between 2020 and 2022" is not "between 2019 and
        2022", though they overlap). Otherwise the draft's interval must meet the
        claim's ("nearly 13,000" against 12,950)."""
        interval = figure_interval(figure, self.unit, widths)
        if interval is None:
            return None
        if figure.is_range and self.ends is not None:
            low, high = range_ends(figure, self.unit, widths)
            return low.meets(self.ends[0]) and high.meets(self.ends[1])
        if figure.hedge is not None and figure.hedge is self.hedge:
            written = figure_interval(replace(figure, hedge=None), self.unit, widths)
            return written is not None and written.meets(self.written)
        return interval.meets(self.interval)


def range_ends(figure: Figure, unit: Unit | None, widths: HedgeWidths) -> tuple[Interval, Interval]:
    """The written ends of a range, each with its own rounding."""
    ends = []
    for amount in (figure.low, figure.high):
        end = replace(figure, low=amount, high=amount, hedge=None)
        ends.append(figure_interval(end, unit, widths) or Interval.everything())
    return ends[0], ends[1]


@dataclass(frozen=True, slots=True)
class Match:
    """The claim a figure was held to, and whether it fits."""

    claim: str
    kind: str  # "value", "time" (an anchor) or "signature"
    expected: Expected
    fits: bool
    why: str = ""  # how the figure was tied to the claim, for the finding's message


def figure_interval(figure: Figure, unit: Unit | None, widths: HedgeWidths) -> Interval | None:
    """The figure's interval in ``unit``, or None when the figure cannot be in it."""
    written = figure.unit
    if unit is None or unit is Unit.YEAR:  # a calendar year: a bare number of four digits
        if written is not None or not all(
            a.step == 0 and a.value.denominator == 1 and 1000 <= a.value <= 2999
            for a in (figure.low, figure.high)
        ):
            return None
        return interval_of(figure, widths)
    if written is None:
        if unit in {Unit.COUNT, Unit.RANK} or rate_currency(unit) is not None:
            return interval_of(figure, widths, unit).intersect(_domain(unit))
        return None
    if written is unit:
        return interval_of(figure, widths, unit).intersect(_domain(unit))
    factor = convert(Fraction(1), written, unit)
    if factor is None:
        return None
    base = interval_of(figure, widths, unit)
    lo = None if base.lo is None else base.lo * factor
    hi = None if base.hi is None else base.hi * factor
    return Interval(lo, hi, base.lo_closed, base.hi_closed)


def _domain(unit: Unit) -> Interval:
    measure = {Unit.PERCENT: Measure.SHARE, Unit.RANK: Measure.RANK}.get(unit, Measure.COUNT)
    return domain_of(measure)

"""What a figure means: the interval of values it allows.

The rules, one example each, are in docs/semantics.md. In short: a figure first
stands for every value that rounds to it (``Amount.step``: "9.5 percent" is
[9.45, 9.55), a count in digits is exact); a hedge then widens or bounds that base
interval; finally the metric's domain clips it (a count is never negative). The widths
that are a matter of judgement ("about" reaches 10 percent either side) live in
``HedgeWidths`` and can be set in ``[tool.factcheck.hedges]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from factcheck.figures import Amount, Figure, Hedge
from factcheck.intervals import Interval
from factcheck.units import Unit

__all__ = ["HedgeWidths", "interval_of"]


@dataclass(frozen=True, slots=True)
class HedgeWidths:
    """How far the judgement hedges reach. Relative widths are fractions of the figure."""

    about: Fraction = Fraction(1, 10)  # "about 10,000": 9,000 … 11,000
    nearly: Fraction = Fraction(1, 10)  # "nearly 13,000": 11,700 … below 13,000
    about_years: Fraction = Fraction(1)  # "around 2015": 2014 … 2016
    about_days: Fraction = Fraction(30)  # "around July 14, 2023": a month either side


def base_interval(figure: Figure, step: Fraction | None = None) -> Interval:
    """Every value the figure's digits round to, before any hedge.

    Rounding is half-up, as statcheck and scrutiny's ``unround()`` assume: 9.5 stands
    for [9.45, 9.55). ``step`` overrides the rounding unit of both ends (a claim's
    ``precision``), so that "4,900" read as rounded to the hundred is [4,850, 4,950).
    """
    low = figure.low if step is None else Amount(figure.low.value, step)
    high = figure.high if step is None else Amount(figure.high.value, step)
    lo = low.value - low.step / 2
    hi = high.value + high.step / 2
    return Interval(lo, hi, True, high.step == 0)


def interval_of(
    figure: Figure,
    widths: HedgeWidths,
    unit: Unit | None = None,
    step: Fraction | None = None,
) -> Interval:
    """The values a figure allows, hedge included (domain not applied)."""
    magnitude = _hedged(figure, widths, unit, step)
    return magnitude.negated() if figure.negative else magnitude


def _hedged(
    figure: Figure, widths: HedgeWidths, unit: Unit | None, step: Fraction | None
) -> Interval:
    base = base_interval(figure, step)
    hedge = figure.hedge
    if hedge is None:
        return base
    if hedge is Hedge.MORE_THAN:
        return Interval(base.lo, None, False, False)
    if hedge is Hedge.AT_LEAST:
        return Interval(base.lo, None, base.lo_closed, False)
    if hedge is Hedge.LESS_THAN:
        return Interval(None, base.hi, False, False)
    if hedge is Hedge.AT_MOST:
        return Interval(None, base.hi, False, base.hi_closed)
    low, high = figure.low.value, figure.high.value
    if hedge is Hedge.NEARLY:
        # Below the figure, and not by much: "nearly 13,000" is under 13,000.
        return Interval(low - _reach(low, widths.nearly, unit, widths), high, True, False)
    # Hedge.ABOUT: either side, and never narrower than the rounding itself.
    lo = (
        min(base.lo, low - _reach(low, widths.about, unit, widths)) if base.lo is not None else None
    )
    hi = (
        max(base.hi, high + _reach(high, widths.about, unit, widths))
        if base.hi is not None
        else None
    )
    return Interval(lo, hi, True, True)


def _reach(value: Fraction, relative: Fraction, unit: Unit | None, widths: HedgeWidths) -> Fraction:
    if unit is Unit.YEAR:
        return widths.about_years
    if unit is Unit.DATE:
        return widths.about_days
    return abs(value) * relative

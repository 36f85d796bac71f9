"""What a figure in text is: its number(s) with the rounding unit of the last written
digit, its unit, its hedge and direction, and where it was written.

A figure is what was written, kept apart from what it means: ``factcheck.hedges`` turns
it into an interval (the rules are tabled in docs/semantics.md); ``factcheck.figures``
finds figures in text.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from factcheck.hedge_words import Hedge
from factcheck.units import Unit

__all__ = ["Amount", "Figure"]


@dataclass(frozen=True, slots=True)
class Amount:
    """A written number and the rounding unit of its last written digit.

    ``step`` is 0 for an exact figure (a count in digits, a number in words), the
    place of the last digit for a rounded one ("9.5 percent": 0.1; "5 billion": 1e9).
    """

    value: Fraction
    step: Fraction = Fraction(0)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure found in text, with its span (``text[start:end]``)."""

    start: int
    end: int
    low: Amount
    high: Amount  # the same as ``low`` unless the figure is a range
    unit: Unit | None = None
    hedge: Hedge | None = None
    negative: bool = False  # "down 2.5 percent": the amounts are magnitudes
    direction: str | None = None  # "up" or "down", from the word before the figure
    #: What the figure measures when that is none of ``Unit`` ("64GB": "GB"; "six
    #: months", read as half a year, "months"). Lint leaves a figure with a measure
    #: and no unit alone (``factcheck.measure_words``).
    measure: str | None = None

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def compared(self) -> bool:
        """Whether factcheck can hold the figure to a claim: not one in a measure outside
        its units ("64GB", "12 kg"), which it lists but does not reason about."""
        return self.measure is None or self.unit is not None

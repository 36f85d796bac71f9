"""Intervals of rationals with open or closed ends.

A stated figure is never a point: "9.5 percent" is every value that rounds to 9.5,
the half-open interval [9.45, 9.55). Ends are ``fractions.Fraction`` so that a bound
that decides a verdict is compared exactly, never through a float. ``None`` is an
unbounded end (and is then always open). An integral end may be a plain ``int``, which
compares and adds many times faster than a ``Fraction`` of the same value (the engine
stores counts that way); the two are equal and hash alike, and division always goes
through ``Fraction``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Interval", "Rational", "integral"]

#: An interval end: a rational, or an integer.
Rational = Fraction | int


@dataclass(frozen=True, slots=True)
class Interval:
    """A (possibly unbounded, possibly empty) interval of rationals."""

    lo: Rational | None
    hi: Rational | None
    lo_closed: bool = True
    hi_closed: bool = True

    def __post_init__(self) -> None:
        # An unbounded end cannot be closed: keep one spelling per interval.
        if self.lo is None and self.lo_closed:
            object.__setattr__(self, "lo_closed", False)
        if self.hi is None and self.hi_closed:
            object.__setattr__(self, "hi_closed", False)

    # -- construction -------------------------------------------------------------
    @classmethod
    def point(cls, value: Fraction | int) -> Interval:
        v = Fraction(value)
        return cls(v, v, True, True)

    @classmethod
    def closed(cls, lo: Fraction | int, hi: Fraction | int) -> Interval:
        return cls(Fraction(lo), Fraction(hi), True, True)

    @classmethod
    def everything(cls) -> Interval:
        return cls(None, None, False, False)

    # -- predicates ---------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        if self.lo < self.hi:
            return False
        return not (self.lo == self.hi and self.lo_closed and self.hi_closed)

    @property
    def is_point(self) -> bool:
        return self.lo is not None and self.lo == self.hi and not self.is_empty

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int | Fraction):
            return False
        v = Fraction(value)
        if self.lo is not None and (v < self.lo or (v == self.lo and not self.lo_closed)):
            return False
        return not (self.hi is not None and (v > self.hi or (v == self.hi and not self.hi_closed)))

    # -- lattice operations -------------------------------------------------------
    def intersect(self, other: Interval) -> Interval:
        """The values in both intervals (possibly empty)."""
        lo, lo_closed = _tighter_lower(self, other)
        hi, hi_closed = _tighter_upper(self, other)
        return Interval(lo, hi, lo_closed, hi_closed)

    def integral(self) -> Interval:
        """The same interval, its integral ends as ``int`` (faster arithmetic)."""
        return Interval(integral(self.lo), integral(self.hi), self.lo_closed, self.hi_closed)

    def negated(self) -> Interval:
        """{-x : x in self}."""
        lo = None if self.hi is None else -self.hi
        hi = None if self.lo is None else -self.lo
        return Interval(lo, hi, self.hi_closed, self.lo_closed)

    def meets(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        return not self.intersect(other).is_empty

    # -- display ------------------------------------------------------------------
    def __str__(self) -> str:
        if self.is_empty:
            return "∅"
        if self.is_point:
            assert self.lo is not None
            return format_number(self.lo)
        left = "[" if self.lo_closed else "("
        right = "]" if self.hi_closed else ")"
        lo = "-∞" if self.lo is None else format_number(self.lo)
        hi = "∞" if self.hi is None else format_number(self.hi)
        return f"{left}{lo}, {hi}{right}"


def _tighter_lower(a: Interval, b: Interval) -> tuple[Rational | None, bool]:
    if a.lo is None:
        return b.lo, b.lo_closed
    if b.lo is None or a.lo > b.lo:
        return a.lo, a.lo_closed
    if b.lo > a.lo:
        return b.lo, b.lo_closed
    return a.lo, a.lo_closed and b.lo_closed


def _tighter_upper(a: Interval, b: Interval) -> tuple[Rational | None, bool]:
    if a.hi is None:
        return b.hi, b.hi_closed
    if b.hi is None or a.hi < b.hi:
        return a.hi, a.hi_closed
    if b.hi < a.hi:
        return b.hi, b.hi_closed
    return a.hi, a.hi_closed and b.hi_closed


#: Magnitudes from which a number is shown as ≈ m × 10^e: its digits would be unreadable,
#: and past 4,300 digits (or 1e308 as a float) Python refuses to convert it at all.
_HUGE = 10**30
_TINY = Fraction(1, 10**30)


def format_number(value: Rational) -> str:
    """Render a rational for people: integers with separators, short decimals as such,
    anything else to six significant digits (marked approximate with ``≈``)."""
    magnitude = -value if value < 0 else value
    if value and not _TINY <= magnitude < _HUGE:
        return _scientific(value)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    # A finite decimal (denominator 2^a 5^b) is printed exactly when short.
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d == 1:
        text = f"{float(value):,.10f}".rstrip("0").rstrip(".")
        if Fraction(text.replace(",", "")) == value:
            return text
    return f"≈{float(value):,.6g}"


def _scientific(value: Rational) -> str:
    """``≈1.23457e+8099``, worked out without turning the whole number into a float or
    a string: the exponent from bit lengths, then corrected."""
    magnitude = abs(Fraction(value))
    bits = magnitude.numerator.bit_length() - magnitude.denominator.bit_length()
    exponent = math.floor(bits * math.log10(2))
    while magnitude >= Fraction(10) ** (exponent + 1):
        exponent += 1
    while magnitude < Fraction(10) ** exponent:
        exponent -= 1
    mantissa = float(magnitude / Fraction(10) ** exponent)
    return f"≈{'-' if value < 0 else ''}{mantissa:.6g}e{exponent:+d}"


def integral(value: Rational | None) -> Rational | None:
    """``value`` as an ``int`` when it is a whole number."""
    if value is None or isinstance(value, int) or value.denominator != 1:
        return value
    return value.numerator

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

    def whole(self) -> Interval:
        """The smallest interval holding every whole number of this one, its ends
        closed (empty if there is none): (285.1, 290.9] is [286, 290], (300, ∞) is
        [301, ∞). Sound for a quantity that is a count: no whole value is dropped."""
        lo, hi = self.lo, self.hi
        if lo is not None:
            up = math.ceil(lo)
            lo = up + 1 if up == lo and not self.lo_closed else up
        if hi is not None:
            down = math.floor(hi)
            hi = down - 1 if down == hi and not self.hi_closed else down
        if lo is not None and hi is not None and lo > hi:
            return Interval(1, 0)
        return Interval(lo, hi, lo is not None, hi is not None)

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
#: Decimals a number may have to be shown exactly ("0.0005"); the denominator of such a
#: number, 2^a·5^b, is then at most 10^this.
_DECIMALS = 10


def format_number(value: Rational) -> str:
    """Render a rational for people: integers with separators, short decimals as such,
    anything else to six significant digits (marked approximate with ``≈``). The work is
    bounded by the size of ``value``: no digit-by-digit loop over a huge denominator."""
    magnitude = -value if value < 0 else value
    if value and not _TINY <= magnitude < _HUGE:
        return _scientific(value)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    if _short_decimal(value.denominator):
        text = f"{float(value):,.{_DECIMALS}f}".rstrip("0").rstrip(".")
        if Fraction(text.replace(",", "")) == value:
            return text
    return f"≈{float(value):,.6g}"


def _short_decimal(denominator: int) -> bool:
    """Whether ``denominator`` is 2^a·5^b with a, b ≤ ``_DECIMALS`` (a finite decimal of
    at most that many places)."""
    if denominator > 10**_DECIMALS:
        return False
    odd = denominator >> ((denominator & -denominator).bit_length() - 1)  # the 2s gone
    while odd % 5 == 0:  # at most 14 times: odd ≤ 10^10 < 5^15
        odd //= 5
    return odd == 1


def _scientific(value: Rational) -> str:
    """``≈1.23457e+8099``, worked out in integers without turning the whole number into a
    float, a string or a reduced fraction: the exponent from bit lengths, corrected by
    exact comparisons, then 17 leading digits by one short division."""
    n, d = abs(value.numerator), value.denominator
    exponent = math.floor((n.bit_length() - d.bit_length()) * math.log10(2))
    while _at_least(n, d, exponent + 1):
        exponent += 1
    while not _at_least(n, d, exponent):
        exponent -= 1
    shift = 16 - exponent  # 10^16 ≤ n/d · 10^shift < 10^17
    leading = (n * 10**shift) // d if shift >= 0 else n // (d * 10**-shift)
    mantissa = f"{leading / 10**16:.6g}"
    if mantissa == "10":  # 9.9999996… rounds up to the next power
        mantissa, exponent = "1", exponent + 1
    return f"≈{'-' if value < 0 else ''}{mantissa}e{exponent:+d}"


def _at_least(numerator: int, denominator: int, exponent: int) -> bool:
    """numerator / denominator ≥ 10^exponent."""
    power: int = 10 ** abs(exponent)
    if exponent >= 0:
        return numerator >= denominator * power
    return numerator * power >= denominator


def integral(value: Rational | None) -> Rational | None:
    """``value`` as an ``int`` when it is a whole number."""
    if value is None or isinstance(value, int) or value.denominator != 1:
        return value
    return value.numerator

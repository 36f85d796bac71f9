"""Sound interval arithmetic: every operation returns an interval that holds every
pointwise result (it may hold a little more, never less).

Ends are exact rationals with open or closed flags. Where an end's openness is in
doubt the result keeps it closed, which only ever widens an interval — sound. Division
by an interval that holds zero: when zero is an end, the quotient is taken over the
non-zero divisors (x / 0 is undefined, so no value is lost); when zero is inside, the
quotient is unbounded. Derived ends whose denominators grow past ``MAX_DENOMINATOR`` are
rounded outward, which keeps long chains of constraints from slowing to a crawl; and so
are ends whose magnitude grows past ``LIMIT`` (2^32,768, some 9,900 digits): a lower end
above it becomes ``LIMIT``, an upper end above it +∞ (and the mirror image below
-``LIMIT``). Without that a bound that squares at every revision (``u == u * u`` from
``u >= 2``) has 2^k bits after k revisions, and propagation never ends. No product of
the numbers an expression may write (300 operators, 30 digits each) comes near it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from math import ceil, floor

from factcheck.intervals import Interval, Rational

__all__ = [
    "add",
    "divide",
    "hull",
    "maximum",
    "minimum",
    "multiply",
    "subtract",
    "total",
]

MAX_DENOMINATOR = 10**24
_GRID = Fraction(1, 10**18)  # outward rounding step for over-long derived ends
#: The magnitude (in bits) past which derived ends are widened to ``LIMIT`` or infinity.
MAX_BITS = 2**15
LIMIT = 2**MAX_BITS

# An end: (value, closed), value None for -inf (as a lower end) or +inf (as an upper).
_End = tuple[Rational | None, bool]


def _outward(value: Rational, upward: bool) -> Rational:
    if value.denominator <= MAX_DENOMINATOR:
        return value
    steps = value / _GRID
    return (ceil(steps) if upward else floor(steps)) * _GRID


def _beyond(value: Rational) -> bool:
    """|value| > ``LIMIT`` (not every value past it: those within a bit are let be)."""
    return abs(value.numerator).bit_length() - value.denominator.bit_length() > MAX_BITS


def _tidy(interval: Interval) -> Interval:
    lo, hi = interval.lo, interval.hi
    lo_closed, hi_closed = interval.lo_closed, interval.hi_closed
    if lo is not None:
        if lo.denominator > MAX_DENOMINATOR:
            lo, lo_closed = _outward(lo, upward=False), True
        if _beyond(lo):
            lo, lo_closed = (LIMIT, True) if lo > 0 else (None, False)
    if hi is not None:
        if hi.denominator > MAX_DENOMINATOR:
            hi, hi_closed = _outward(hi, upward=True), True
        if _beyond(hi):
            hi, hi_closed = (-LIMIT, True) if hi < 0 else (None, False)
    return Interval(lo, hi, lo_closed, hi_closed)


def add(a: Interval, b: Interval) -> Interval:
    if a.is_empty or b.is_empty:
        return _EMPTY
    lo = None if a.lo is None or b.lo is None else a.lo + b.lo
    hi = None if a.hi is None or b.hi is None else a.hi + b.hi
    return _tidy(Interval(lo, hi, a.lo_closed and b.lo_closed, a.hi_closed and b.hi_closed))


def subtract(a: Interval, b: Interval) -> Interval:
    return add(a, b.negated())


def total(items: Iterable[Interval]) -> Interval:
    result = Interval(0, 0)
    for item in items:
        result = add(result, item)
    return result


_EMPTY = Interval(1, 0, True, True)


# -- multiplication ---------------------------------------------------------------------
# Ends are compared in the extended reals. A product of two ends is exact when both are
# finite; 0 × ∞ is 0 (the limit, attained only if the zero end is closed); otherwise
# ±∞ by the signs.


def _sign(value: Rational | None, is_upper: bool) -> int:
    if value is None:
        return 1 if is_upper else -1
    return (value > 0) - (value < 0)


def _product(x: _End, x_upper: bool, y: _End, y_upper: bool) -> tuple[Rational | None, int, bool]:
    """(finite value or None, sign of an infinite result, closed)."""
    (xv, xc), (yv, yc) = x, y
    if xv is not None and yv is not None:
        # A closed zero end times any value of the other interval is 0: attained
        # even where the other end is open ((-∞, 0] × (0, 2) holds 0 × 1).
        zero = (xv == 0 and xc) or (yv == 0 and yc)
        return xv * yv, 0, (xc and yc) or zero
    if (xv is not None and xv == 0) or (yv is not None and yv == 0):
        return 0, 0, xc if xv == 0 else yc
    return None, _sign(xv, x_upper) * _sign(yv, y_upper), False


def multiply(a: Interval, b: Interval) -> Interval:
    if a.is_empty or b.is_empty:
        return _EMPTY
    a_ends = [((a.lo, a.lo_closed), False), ((a.hi, a.hi_closed), True)]
    b_ends = [((b.lo, b.lo_closed), False), ((b.hi, b.hi_closed), True)]
    candidates = [_product(x, xu, y, yu) for x, xu in a_ends for y, yu in b_ends]
    lo, lo_closed = _extreme(candidates, lowest=True)
    hi, hi_closed = _extreme(candidates, lowest=False)
    return _tidy(Interval(lo, hi, lo_closed, hi_closed))


def _extreme(candidates: Sequence[tuple[Rational | None, int, bool]], lowest: bool) -> _End:
    if lowest and any(v is None and s < 0 for v, s, _ in candidates):
        return None, False
    if not lowest and any(v is None and s > 0 for v, s, _ in candidates):
        return None, False
    finite = [(v, c) for v, _, c in candidates if v is not None]
    best = min(v for v, _ in finite) if lowest else max(v for v, _ in finite)
    return best, any(c for v, c in finite if v == best)


def _reciprocal(b: Interval) -> Interval:
    """{1/y : y in b, y != 0}; b must not hold zero strictly inside."""
    lo, hi = b.lo, b.hi
    # 1/y is decreasing on each side of zero: the ends swap.
    new_lo = Fraction(0) if hi is None else (None if hi == 0 else Fraction(1) / hi)
    new_hi = Fraction(0) if lo is None else (None if lo == 0 else Fraction(1) / lo)
    new_lo_closed = hi is not None and hi != 0 and b.hi_closed
    new_hi_closed = lo is not None and lo != 0 and b.lo_closed
    return Interval(new_lo, new_hi, new_lo_closed, new_hi_closed)


def divide(a: Interval, b: Interval) -> Interval:
    if a.is_empty or b.is_empty:
        return _EMPTY
    if b.lo is not None and b.hi is not None and b.lo == b.hi == 0:
        return _EMPTY  # division by exactly zero: no value
    zero_inside = (b.lo is None or b.lo < 0) and (b.hi is None or b.hi > 0)
    if zero_inside:
        return Interval.everything()
    return multiply(a, _reciprocal(b))


def _lower(items: Sequence[Interval], *, lowest: bool) -> _End:
    """The lowest (or highest) of the items' lower ends, with its closedness."""
    ends = [(i.lo, i.lo_closed) for i in items]
    if any(v is None for v, _ in ends):
        if lowest:
            return None, False
        ends = [(v, c) for v, c in ends if v is not None]
        if not ends:
            return None, False
    finite = [v for v, _ in ends if v is not None]
    best = min(finite) if lowest else max(finite)
    return best, any(c for v, c in ends if v == best)


def minimum(items: Sequence[Interval]) -> Interval:
    """{min(x1, x2, …)}: the lowest lower end and the lowest upper end."""
    if not items or any(i.is_empty for i in items):
        return _EMPTY
    lo, lo_closed = _lower(items, lowest=True)
    hi, hi_closed = _lower([i.negated() for i in items], lowest=False)
    return Interval(lo, None if hi is None else -hi, lo_closed, hi_closed)


def maximum(items: Sequence[Interval]) -> Interval:
    return minimum([i.negated() for i in items]).negated()


def hull(items: Iterable[Interval]) -> Interval:
    """The smallest interval holding all of ``items``."""
    present = [i for i in items if not i.is_empty]
    if not present:
        return _EMPTY
    lo, lo_closed = _lower(present, lowest=True)
    hi, hi_closed = _lower([i.negated() for i in present], lowest=True)
    return Interval(lo, None if hi is None else -hi, lo_closed, hi_closed)

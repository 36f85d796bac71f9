"""Interval arithmetic contains every pointwise result (hypothesis)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck import arithmetic as ar
from factcheck.intervals import Interval

values = st.fractions(min_value=-50, max_value=50, max_denominator=12)


@st.composite
def interval_and_member(draw: st.DrawFn) -> tuple[Interval, Fraction]:
    """A non-empty interval (ends possibly open or unbounded) and a value inside it."""
    member = draw(values)
    below = draw(st.one_of(st.none(), st.fractions(min_value=0, max_value=20, max_denominator=12)))
    above = draw(st.one_of(st.none(), st.fractions(min_value=0, max_value=20, max_denominator=12)))
    lo = None if below is None else member - below
    hi = None if above is None else member + above
    lo_closed = below == 0 or draw(st.booleans())
    hi_closed = above == 0 or draw(st.booleans())
    interval = Interval(lo, hi, lo_closed, hi_closed)
    if draw(st.booleans()):  # whole ends as int, as the engine stores counts
        interval = interval.integral()
    assert member in interval
    return interval, member


BINARY: dict[
    str, tuple[Callable[[Interval, Interval], Interval], Callable[[Fraction, Fraction], Fraction]]
] = {
    "add": (ar.add, lambda x, y: x + y),
    "subtract": (ar.subtract, lambda x, y: x - y),
    "multiply": (ar.multiply, lambda x, y: x * y),
    "divide": (ar.divide, lambda x, y: x / y),
    "minimum": (lambda a, b: ar.minimum([a, b]), min),
    "maximum": (lambda a, b: ar.maximum([a, b]), max),
}


@pytest.mark.parametrize("name", BINARY)
@given(a=interval_and_member(), b=interval_and_member())
def test_binary_operations_contain_every_pointwise_result(
    name: str, a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]
) -> None:
    (x_interval, x), (y_interval, y) = a, b
    operation, pointwise = BINARY[name]
    if name == "divide":
        assume(y != 0)
    assert pointwise(x, y) in operation(x_interval, y_interval)


@given(items=st.lists(interval_and_member(), min_size=1, max_size=5))
def test_total_and_hull_contain_their_members(items: list[tuple[Interval, Fraction]]) -> None:
    intervals = [i for i, _ in items]
    members = [m for _, m in items]
    assert sum(members, Fraction(0)) in ar.total(intervals)
    assert all(m in ar.hull(intervals) for m in members)


def _half_open(lo: int, hi: int) -> Interval:
    return Interval(Fraction(lo), Fraction(hi), True, False)


EXAMPLES = [
    # an open end stays open
    ("add", _half_open(1, 2), Interval.point(1), _half_open(2, 3)),
    ("divide", Interval.point(500), Interval.point(5261), Interval.point(Fraction(500, 5261))),
    # zero as an end of the divisor: only the non-zero divisors count
    ("divide", Interval.closed(1, 2), Interval.closed(0, 4), Interval(Fraction(1, 4), None, True)),
    # zero inside the divisor: unbounded
    ("divide", Interval.closed(1, 2), Interval.closed(-1, 1), Interval.everything()),
    # 0 × ∞ is 0, attained because the zero end is closed
    ("multiply", Interval.closed(0, 1), Interval(Fraction(5), None), Interval(Fraction(0), None)),
    # a closed zero end times an open one: 0 is still attained (found by hypothesis)
    (
        "multiply",
        Interval(None, Fraction(0), False, True),
        Interval(Fraction(0), Fraction(2), False, False),
        Interval(None, Fraction(0), False, True),
    ),
]


@pytest.mark.parametrize(("name", "a", "b", "expected"), EXAMPLES)
def test_examples(name: str, a: Interval, b: Interval, expected: Interval) -> None:
    assert BINARY[name][0](a, b) == expected


def test_long_denominators_are_rounded_outward() -> None:
    third = Interval.point(Fraction(1, 3))
    value = third
    for _ in range(60):
        value = ar.multiply(value, Interval.point(Fraction(7, 3)))
    exact = Fraction(1, 3) * Fraction(7, 3) ** 60
    assert exact in value
    assert value.lo is not None
    assert value.lo.denominator <= ar.MAX_DENOMINATOR


# -- sizes ------------------------------------------------------------------------------
# A derived end is widened outward once its magnitude passes ``ar.LIMIT`` (2^32,768):
# otherwise a bound squared at every revision of a propagation (``u == u * u``) has 2^k
# bits after k revisions and the engine never finishes.

BITS = st.integers(min_value=0, max_value=ar.MAX_BITS + 200)


@st.composite
def huge_interval_and_member(draw: st.DrawFn) -> tuple[Interval, Fraction]:
    """``interval_and_member()`` scaled by 2^k, k up to a little past ``ar.MAX_BITS``:
    ends and members on either side of ``ar.LIMIT``."""
    interval, member = draw(interval_and_member())
    scale = Fraction(2) ** draw(BITS)
    lo = None if interval.lo is None else interval.lo * scale
    hi = None if interval.hi is None else interval.hi * scale
    return Interval(lo, hi, interval.lo_closed, interval.hi_closed), member * scale


def _bounded(end: Fraction | int | None) -> bool:
    """At most ``ar.LIMIT`` in magnitude, with a denominator of at most
    ``ar.MAX_DENOMINATOR``: arithmetic on it stays cheap."""
    if end is None:
        return True
    return abs(end) <= ar.LIMIT and end.denominator <= ar.MAX_DENOMINATOR


SIZED = ["add", "subtract", "multiply", "divide"]


@pytest.mark.parametrize("name", SIZED)
@settings(deadline=None)
@given(a=huge_interval_and_member(), b=huge_interval_and_member())
def test_results_stay_bounded_in_size_and_hold_every_pointwise_result(
    name: str, a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]
) -> None:
    """Whatever the operands' size, a result's finite ends are at most ``ar.LIMIT`` in
    magnitude (past it they are widened: a lower end to ``LIMIT``, an upper one to +∞),
    and the result still holds the pointwise result."""
    (x_interval, x), (y_interval, y) = a, b
    operation, pointwise = BINARY[name]
    result = operation(x_interval, y_interval)
    assert _bounded(result.lo), result.lo
    assert _bounded(result.hi), result.hi
    if name != "divide" or y != 0:
        assert pointwise(x, y) in result


def test_squaring_again_and_again_stays_bounded() -> None:
    """2, 4, 16, 256, …: squared 20 times the value would have 2^20 bits; the lower end
    stops at ``ar.LIMIT`` and the upper end is unbounded."""
    value = Interval.point(2)
    for _ in range(20):
        value = ar.multiply(value, value)
    assert value == Interval(ar.LIMIT, None, True, False)

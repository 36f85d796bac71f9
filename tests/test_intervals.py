"""Interval properties: membership agrees with the ends, intersection is exact."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from factcheck.intervals import Interval

values = st.fractions(min_value=-1000, max_value=1000, max_denominator=50)
ends = st.one_of(st.none(), values)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    return Interval(draw(ends), draw(ends), draw(st.booleans()), draw(st.booleans()))


def holds(interval: Interval, v: Fraction) -> bool:
    """Membership spelled out from the definition, as the reference."""
    above = interval.lo is None or v > interval.lo or (v == interval.lo and interval.lo_closed)
    below = interval.hi is None or v < interval.hi or (v == interval.hi and interval.hi_closed)
    return above and below


@given(intervals(), values)
def test_membership_follows_the_ends(interval: Interval, v: Fraction) -> None:
    assert (v in interval) == holds(interval, v)


@given(intervals(), intervals(), values)
def test_intersection_holds_exactly_what_both_hold(a: Interval, b: Interval, v: Fraction) -> None:
    assert (v in a.intersect(b)) == (v in a and v in b)


@given(intervals(), values)
def test_empty_holds_nothing(interval: Interval, v: Fraction) -> None:
    if interval.is_empty:
        assert v not in interval


@given(intervals(), values)
def test_negation_mirrors_membership(interval: Interval, v: Fraction) -> None:
    assert (v in interval) == (-v in interval.negated())


@given(intervals(), intervals())
def test_meets_is_symmetric_and_means_a_common_value(a: Interval, b: Interval) -> None:
    assert a.meets(b) == b.meets(a)
    if not a.meets(b):
        for probe in (a.lo, a.hi, b.lo, b.hi):
            if probe is not None:
                assert not (probe in a and probe in b)


def test_unbounded_ends_are_open() -> None:
    assert Interval(None, Fraction(3), True, True) == Interval(None, Fraction(3), False, True)


def test_display_keeps_open_and_closed_ends() -> None:
    assert str(Interval(Fraction("9.45"), Fraction("9.55"), True, False)) == "[9.45, 9.55)"
    assert str(Interval(Fraction(300), None, False, False)) == "(300, ∞)"
    assert str(Interval.point(5261)) == "5,261"
    assert str(Interval.closed(1, 0)) == "∅"

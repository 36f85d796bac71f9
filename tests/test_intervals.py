"""Interval properties: membership agrees with the ends, intersection is exact; and how
numbers and intervals are shown."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from factcheck.display import json_qualifiers, show_integer, show_interval, show_qualifiers
from factcheck.intervals import Interval, format_number
from factcheck.units import Unit

from .test_engine_order import _time_limit

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


@given(intervals(), st.integers(min_value=-1100, max_value=1100))
def test_whole_keeps_exactly_the_whole_numbers(interval: Interval, n: int) -> None:
    """A count's interval narrowed to whole ends holds the same whole numbers, and
    nothing outside the interval."""
    counted = interval.whole()
    assert (n in counted) == (n in interval)
    for end in () if counted.is_empty else (counted.lo, counted.hi):
        if end is not None:
            assert end in interval
            assert Fraction(end).denominator == 1


def test_whole_examples() -> None:
    assert Interval(Fraction(2851, 10), Fraction(2909, 10), False, True).whole() == Interval(
        286, 290
    )
    assert Interval(300, None, False, False).whole() == Interval(301, None, True, False)
    assert Interval(Fraction(50175, 1000), Fraction(50325, 1000), True, False).whole().is_empty


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


# -- display ------------------------------------------------------------------------------

#: Rationals from 10^-40 to 10^40, some with denominators 2^a·5^b (finite decimals).
shown = st.builds(
    lambda numerator, denominator, exponent: (
        Fraction(numerator, denominator) * Fraction(10) ** exponent
    ),
    st.integers(min_value=-(10**8), max_value=10**8),
    st.one_of(
        st.integers(min_value=1, max_value=10**6),
        st.builds(lambda a, b: 2**a * 5**b, st.integers(0, 40), st.integers(0, 40)),
    ),
    st.integers(min_value=-40, max_value=40),
)


@given(shown)
def test_a_number_is_shown_exactly_or_marked_approximate(value: Fraction) -> None:
    """Without ``≈`` the text is the number itself; with it, the number to six
    significant digits."""
    text = format_number(value)
    if not text.startswith("≈"):
        assert Fraction(text.replace(",", "")) == value
        return
    approximate = text.removeprefix("≈").replace(",", "")
    mantissa, _, exponent = approximate.partition("e")
    written = Fraction(mantissa) * Fraction(10) ** int(exponent or 0)
    assert abs(written - value) <= abs(value) * Fraction(1, 10**5), (value, text)


def test_a_huge_denominator_is_not_stripped_digit_by_digit() -> None:
    """590 + 10^-1,000,000: checking whether it is a finite decimal divided the
    denominator by 2 and by 5 a million times each (`precision: "1e-100000"` made
    `claims`, `explain` and `graph` take 40-60 s). The limit only keeps a regression from
    hanging the suite: this takes milliseconds."""
    value = Fraction(590) + Fraction(1, 10**1_000_000)
    with _time_limit(30):
        assert format_number(value) == "≈590"
        assert format_number(-value * 10**40) == "≈-5.9e+42"


def test_display_shortens_huge_numbers() -> None:
    assert format_number(Fraction(10) ** 8073) == "≈1e+8073"
    assert format_number(Fraction(9999999, 10**37)) == "≈1e-30"  # not "≈10e-31"
    assert str(Interval(Fraction(2) ** 40000, None)) == "[≈1.58426e+12041, ∞)"


def test_whole_numbers_of_any_length_are_shown() -> None:
    """Python turns no integer of more than 4,300 digits into text: a qualifier
    ``!!int 0xfff…`` of 5,000 hex digits made ``explain`` raise, and so would a year
    that large."""
    huge = int("f" * 5000, 16)
    assert show_integer(2022) == "2022"
    assert show_integer(huge) == "≈3.98028e+6020"
    assert show_qualifiers({"sector": "health", "batch": huge}) == (
        "sector=health, batch=≈3.98028e+6020"
    )
    assert json_qualifiers({"batch": 5, "big": huge}) == {"batch": 5, "big": "≈3.98028e+6020"}
    assert show_interval(Interval(huge, None), Unit.YEAR) == "[≈3.98028e+6020, ∞)"

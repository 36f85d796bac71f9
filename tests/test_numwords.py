"""Numbers in words: a round trip from integers through English and back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.numwords import words_to_number

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_ONES[hundreds], "hundred"]
        if rest:
            words.append("and")
    if rest >= 20:
        words.append(_TENS[rest // 10])
        if rest % 10:
            words.append(_ONES[rest % 10])
    elif rest or not words:
        words.append(_ONES[rest])
    return words


def in_words(n: int) -> list[str]:
    """English for ``n`` (< 10**15), the way a newspaper spells it out."""
    if n == 0:
        return ["zero"]
    words: list[str] = []
    scales = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))
    for scale, name in scales:
        group, n = divmod(n, scale)
        if group:
            words += [*below_thousand(group), name]
    if n:
        words += below_thousand(n)
    return words


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_words_round_trip(n: int) -> None:
    assert words_to_number(in_words(n)) == n


@pytest.mark.parametrize(
    "words",
    ["five three", "hundred", "two thousand thousand", "thousand million", "and", "twenty and"],
)
def test_ill_formed_sequences_are_not_numbers(words: str) -> None:
    assert words_to_number(words.split()) is None

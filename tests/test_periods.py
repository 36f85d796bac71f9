"""How an `as_of` is read: years, months, days, quarters, halves and spans of them."""

from __future__ import annotations

import pytest

from factcheck.periods import parse_period

READ = [
    ("2022", "2022-01-01/2022-12-31"),
    ("2022-09", "2022-09-01/2022-09-30"),
    ("2023-07-14", "2023-07-14"),
    ("2019/2022", "2019-01-01/2022-12-31"),
    ("2021-Q1", "2021-01-01/2021-03-31"),
    ("2021-q4", "2021-10-01/2021-12-31"),
    ("2022-H2", "2022-07-01/2022-12-31"),
    ("2021-Q1/2021-Q3", "2021-01-01/2021-09-30"),  # "the first nine months"
    ("2024-02", "2024-02-01/2024-02-29"),
]

REFUSED = [
    ("2021-Q5", "is not a date"),
    ("2021-H3", "a year has two halves (H1, H2) and four quarters"),
    ("2022-13", "no such date"),
    ("2023/2021", "ends before it starts"),
    ("September", "write YYYY, YYYY-MM, YYYY-MM-DD, a quarter YYYY-Q1 or a half YYYY-H1"),
]


@pytest.mark.parametrize(("written", "period"), READ)
def test_period_is_read(written: str, period: str) -> None:
    assert str(parse_period(written)) == period


@pytest.mark.parametrize(("written", "reason"), REFUSED)
def test_period_is_refused_with_a_reason(written: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_period(written)

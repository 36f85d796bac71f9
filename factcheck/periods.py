"""Dates and periods: when a claim holds ("as of"), when a source was published, and
date-valued claims ("July 14, 2023", "September 2022").

A period is a closed range of calendar days. ISO-like forms are accepted everywhere:
``2022``, ``2022-09``, ``2022-09-19``, and ranges ``2019/2022`` (ISO 8601 interval
notation). Date-valued claims may also be written as in prose: "July 14, 2023",
"14 July 2023", "September 2022".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from factcheck.regex_trie import trie_pattern

__all__ = [
    "EPOCH",
    "MONTH_NAMES",
    "PROSE_DATE",
    "PROSE_MONTHS",
    "Period",
    "parse_period",
    "parse_prose_date",
    "period_of_match",
]

#: Date-valued claims are numbers of days since this day, so that they can be
#: subtracted and compared like any other figure.
EPOCH = date(1970, 1, 1)

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """The closed range of days ``start`` … ``end``."""

    start: date
    end: date

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def widened(self, granularity: str) -> Period:
        """The month, quarter or year (``granularity``) that holds this period, if one
        does; else the period itself. 2024-12-31 within a month is 2024-12."""
        months = {"month": 1, "quarter": 3, "year": 12}[granularity]
        first = (self.start.month - 1) // months * months + 1
        start = date(self.start.year, first, 1)
        last = first + months - 1
        end = date(self.start.year, last, calendar.monthrange(self.start.year, last)[1])
        return Period(start, end) if self.end <= end else self

    @property
    def days(self) -> tuple[int, int]:
        """First and last day as numbers of days since ``EPOCH``."""
        return (self.start - EPOCH).days, (self.end - EPOCH).days


_ISO_PART = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
#: A quarter or a half of a year: 2021-Q3, 2022-H1.
_PART_OF_YEAR = re.compile(r"(?P<y>\d{4})-(?P<kind>[QH])(?P<n>[1-4])", re.IGNORECASE)
_MONTHS_IN = {"Q": 3, "H": 6}


def _iso_part(text: str) -> Period:
    if (q := _PART_OF_YEAR.fullmatch(text.strip())) is not None:
        months = _MONTHS_IN[q["kind"].upper()]
        n = int(q["n"])
        if n * months > 12:
            raise ValueError(f"{text!r}: a year has two halves (H1, H2) and four quarters")
        year = int(q["y"])
        first = _period(year, (n - 1) * months + 1, None)
        return Period(first.start, _period(year, n * months, None).end)
    m = _ISO_PART.fullmatch(text.strip())
    if m is None:
        raise ValueError(
            f"{text!r} is not a date: write YYYY, YYYY-MM, YYYY-MM-DD, a quarter YYYY-Q1 "
            "or a half YYYY-H1"
        )
    return _period(int(m["y"]), _int_or_none(m["m"]), _int_or_none(m["d"]))


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text else None


def _period(year: int, month: int | None, day: int | None) -> Period:
    try:
        if month is None:
            return Period(date(year, 1, 1), date(year, 12, 31))
        if day is None:
            first = date(year, month, 1)
            return Period(first, date(year, month, calendar.monthrange(year, month)[1]))
        return Period(date(year, month, day), date(year, month, day))
    except ValueError as exc:  # month 13, February 30
        raise ValueError(f"no such date: {exc}") from None


def parse_period(text: str) -> Period:
    """Parse ``2022``, ``2022-09``, ``2022-09-19``, a quarter ``2021-Q1``, a half
    ``2022-H2``, or ``A/B`` of any two of those (``2021-Q1/2021-Q3``: the first nine
    months)."""
    if not isinstance(text, str):
        raise ValueError("a period is written as a string such as '2022-09' or '2019/2022'")
    first, slash, last = text.partition("/")
    start = _iso_part(first)
    if not slash:
        return start
    end = _iso_part(last)
    if end.end < start.start:
        raise ValueError(f"period {text!r} ends before it starts")
    return Period(start.start, end.end)


#: Month names as prose writes them, lowercase: "march", "mar", "sept".
MONTH_NAMES: tuple[str, ...] = tuple(_MONTHS)
PROSE_MONTHS = trie_pattern(_MONTHS)
#: A day or a month written as in prose; also found inside running text by the scanner.
#: Each form behind a lookahead on its first character, so that the scan is quick.
PROSE_DATE = re.compile(
    rf"""\b(?:
        (?=[a-z])(?:
            (?P<m1>{PROSE_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})
          | (?P<m3>{PROSE_MONTHS})\.?,?\s+(?:of\s+)?(?P<y3>\d{{4}}))
      | (?=\d)(?:
            (?P<d2>\d{{1,2}})\s+(?P<m2>{PROSE_MONTHS})\.?,?\s+(?P<y2>\d{{4}})
          | (?P<iso>\d{{4}}-\d{{2}}(?:-\d{{2}})?))
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_prose_date(text: str) -> Period | None:
    """A date written as in prose, or None when ``text`` is not one."""
    m = PROSE_DATE.fullmatch(text.strip())
    return None if m is None else period_of_match(m)


def period_of_match(m: re.Match[str]) -> Period | None:
    """The period a ``PROSE_DATE`` match names. Raises ``ValueError`` for no such day."""
    if m["iso"]:
        return _iso_part(m["iso"])
    for i in "123":
        if m[f"y{i}"]:
            day = _int_or_none(m.groupdict().get(f"d{i}"))
            return _period(int(m[f"y{i}"]), _MONTHS[m[f"m{i}"].lower()], day)
    return None  # pragma: no cover - the pattern has no other branch


def from_day_number(n: int) -> date:
    return EPOCH + timedelta(days=n)

"""Dates and ages: spans of years that must agree with the years they join.

- against the draft's year: "set up in 2012, nine years ago"; "in 2003, two decades
  ago"; "In the six years since the first batch came out in 2019"; "moved into the park
  in 2013 ... In the nine years since";
- ages: "in 1987, when Ren, then 43, founded Huawei ... Thirty-eight years later, Ren is
  81"; "founded in 1998 by a 30-year-old who is 56 today";
- schedules: "by 2030, three years ahead of schedule" with the year it was met.

Spans are whole calendar years (2025 less 2019 is six); "decades" are rounded to ten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import timedelta
from fractions import Fraction

from factcheck.engine.relations import Term
from factcheck.figure_model import Amount
from factcheck.intervals import Interval
from factcheck.lint.statements.passage import Mention, Operand, Passage
from factcheck.lint.statements.statement import (
    Category,
    Reading,
    Statement,
    constant,
    minus,
    plus,
    times,
)
from factcheck.periods import EPOCH
from factcheck.units import Unit

__all__ = ["might_state", "read_dates"]

_AGO = re.compile(r"\s*(?:years?\s+)?ago\b")
_DECADES_AGO = re.compile(r"\s*decades?\s+(?:ago|after|later|on|since)\b")
_AFTER = re.compile(r"\s*(?:years?\s+|decades?\s+)?after\b")
#: A main clause in the present: "it is the only cluster", "Geely owns Volvo".
_PRESENT = re.compile(r"\b(?:is|are|has|have|owns|remains|ranks|holds|now|today)\b")
_SINCE = re.compile(r"\s*(?:years?\s+)?since\b")
_LATER = re.compile(r"\s*(?:years?\s+)?(?:later|on)\b")
_THEN_AGE = re.compile(r"(?:\bthen|\baged)\s*$")
_AGE_NOW = re.compile(r"\b(?:is|is now|turns|turned)\s*$")
_TODAY = re.compile(r"\s*(?:today|now|this year)\b")
_AHEAD = re.compile(r"\s*ahead of schedule\b")


def _span(passage: Passage, m: Mention) -> bool:
    """A number of years: "11 years", "seven years", or "three" before "decades"."""
    return m.unit is Unit.YEARS or (m.is_count and bool(_DECADES_AGO.match(passage.after(m, 15))))


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a span of years, decades, or an age now."""
    lowered = passage.lowered
    return (
        any(m.unit is Unit.YEARS for m in passage.mentions)
        or "decade" in lowered
        or "today" in lowered
        or " is " in lowered
    )


def read_dates(passage: Passage) -> Iterator[Statement]:
    for m in passage.mentions:
        if _span(passage, m):
            statement = _ago(passage, m) or _since(passage, m) or _later(passage, m)
            statement = statement or _years_later(passage, m) or _after(passage, m)
            statement = statement or _schedule(passage, m)
        elif (
            m.is_count
            and _AGE_NOW.search(passage.before(m, 12))
            and _TODAY.match(passage.after(m, 12))
        ):
            statement = _age_today(passage, m)
        else:
            statement = None
        if statement is not None:
            yield statement


def _years(passage: Passage, span: Mention) -> Operand:
    return passage.operand(span, Unit.YEARS)


def _decades(passage: Passage, span: Mention) -> bool:
    return bool(_DECADES_AGO.match(passage.after(span, 15)))


#: A decade as a span of years, rounded: "three decades" is 25 to 35 years.
_DECADE = Interval(Fraction(25, 3), Fraction(35, 3))


def _length(passage: Passage, span: Mention, years: Operand) -> Term:
    """The span as a term in years: decades are tens, rounded to the nearest."""
    if _decades(passage, span):
        return times(years.name, constant(_DECADE, "10 years a decade"))
    return years.name


def _calendar(m: Mention) -> Mention | None:
    """A plain year, or the year of a date ("March 2021"), as a year."""
    if m.figure.hedge is not None:
        return None
    if m.is_year:
        return None if m.figure.is_range else m
    if m.unit is Unit.DATE:
        first, last = (
            (EPOCH + timedelta(days=int(a.value))).year for a in (m.figure.low, m.figure.high)
        )
        if first != last:
            return None
        amount = Amount(Fraction(first))
        return replace(m, figure=replace(m.figure, low=amount, high=amount, unit=None), year=True)
    return None


def _years_in(mentions: Iterable[Mention]) -> list[Mention]:
    return [y for y in map(_calendar, mentions) if y is not None]


def _year_near(passage: Passage, span: Mention, sentences: int = 0) -> Mention | None:
    """The year nearest before the span, in its sentence (or ``sentences`` back)."""
    before = _years_in(passage.earlier(span, sentences))
    after = _years_in(passage.later(span))
    found = before or after
    return found[0] if found else None


def _against_now(passage: Passage, span: Mention, year: Mention, says: str) -> Statement | None:
    if passage.year is None or year.figure.is_range:
        return None
    y, n = passage.operand(year, Unit.YEAR), _years(passage, span)
    length = _length(passage, span, n)
    now = constant(passage.year, f"{passage.year} (the draft's year)")
    written = passage.mentions[year.index].figure if year.index >= 0 else year.figure
    if written.unit is Unit.DATE and passage.when is not None:
        # "in April 2020, two and a half years ago" in October 2022: in months, give or
        # take half a year for the span's rounding.
        month = (EPOCH + timedelta(days=int(written.low.value))).month
        months = Fraction(passage.when.month - month, 12)
        now = constant(
            Interval(
                passage.year + months - Fraction(1, 2), passage.year + months + Fraction(1, 2)
            ),
            f"{passage.when:%B %Y} (the draft's date)",
        )
    reading = Reading(
        plus(y.name, length), "==", now, (y, n),
        says.format(y=y.label, n=n.label, now=passage.year),
    )  # fmt: skip
    return Statement(Category.DATE, span, (reading,))


def _ago(passage: Passage, span: Mention) -> Statement | None:
    if not (_AGO.match(passage.after(span, 12)) or _DECADES_AGO.match(passage.after(span, 15))):
        return None
    year = _year_near(passage, span)
    if year is None:
        return None
    return _against_now(passage, span, year, "{y} is {n} before {now}, the draft's year")


def _since(passage: Passage, span: Mention) -> Statement | None:
    if not _SINCE.match(passage.after(span, 12)):
        return None
    year = _year_near(passage, span, 1)
    if year is None:
        return None
    return _against_now(passage, span, year, "{n} since {y} ends in {now}, the draft's year")


def _years_later(passage: Passage, span: Mention) -> Statement | None:
    """ "Hefei became a pilot city in 2004. Thirteen years later, in February 2017, it
    opened ...": the year before, plus the span, is the year after."""
    if not _LATER.match(passage.after(span, 15)) or span.sentence == 0:
        return None
    then = _years_in(passage.in_sentence(span.sentence - 1))[-1:]
    now = _years_in(passage.later(span))[:1]
    if not then or not now:
        return None
    a, b, n = (
        passage.operand(then[0], Unit.YEAR),
        passage.operand(now[0], Unit.YEAR),
        _years(passage, span),
    )
    says = f"{b.label} is {n.label} after {a.label}"
    return Statement(
        Category.DATE,
        span,
        (Reading(b.name, "==", plus(a.name, _length(passage, span, n)), (a, b, n), says),),
    )


def _after(passage: Passage, span: Mention) -> Statement | None:
    """ "Fourteen years after its launch in 2003, it is the only cluster": the year of
    the event, in its sentence or one of the two before, plus the span is the draft's."""
    if not _AFTER.match(passage.after(span, 15)):
        return None
    if not _PRESENT.search(passage.sentence_lowered(span.sentence)):
        return None
    years = _years_in(passage.earlier(span, 2)) + _years_in(passage.later(span))[:1]
    readings = [
        r for year in years[:4]
        if (s := _against_now(passage, span, year, _PLUS_SPAN)) is not None
        for r in s.readings
    ]  # fmt: skip
    return Statement(Category.DATE, span, tuple(readings)) if readings else None


_PLUS_SPAN = "{y} plus {n} is {now}, the draft's year"


def _later(passage: Passage, span: Mention) -> Statement | None:
    """ "in 1987, when Ren, then 43, ... Thirty-eight years later, Ren is 81"."""
    if not _LATER.match(passage.after(span, 12)):
        return None
    now = next(
        (m for m in passage.later(span) if m.is_count and _AGE_NOW.search(passage.before(m, 12))),
        None,
    )
    then = next(
        (
            m
            for m in passage.earlier(span, 1)
            if m.is_count and _THEN_AGE.search(passage.before(m, 12))
        ),
        None,
    )
    if now is None or then is None:
        return None
    a, b, n = passage.operand(then), passage.operand(now), _years(passage, span)
    says = f"{b.label} is {a.label} plus {n.label}"
    return Statement(
        Category.DATE, now, (Reading(b.name, "==", plus(a.name, n.name), (a, b, n), says),)
    )


def _age_today(passage: Passage, now: Mention) -> Statement | None:
    """ "founded in 1998 by a 30-year-old who is 56 today"."""
    if passage.year is None:
        return None
    then = next(
        (
            m
            for m in passage.earlier(now, 1)
            if m.unit is Unit.YEARS and "year-old" in passage.text[m.start : m.end + 5].lower()
        ),
        None,
    )
    if then is None:
        then = next(
            (
                m
                for m in passage.earlier(now, 1)
                if m.is_count and _THEN_AGE.search(passage.before(m, 12))
            ),
            None,
        )
    if then is None:
        return None
    year = _year_near(passage, then, 1)
    if year is None:
        return None
    a, b, y = (
        passage.operand(then, Unit.YEARS),
        passage.operand(now, Unit.YEARS),
        passage.operand(year, Unit.YEAR),
    )
    right = plus(
        a.name, minus(constant(passage.year, f"{passage.year} (the draft's year)"), y.name)
    )
    says = f"{b.label} is {a.label} in {y.label} plus the years to {passage.year}"
    return Statement(Category.DATE, now, (Reading(b.name, "==", right, (a, b, y), says),))


def _schedule(passage: Passage, lead: Mention) -> Statement | None:
    """ "by 2030, three years ahead of schedule", met in 2027."""
    if not _AHEAD.match(passage.after(lead, 25)):
        return None
    sentence = passage.in_sentence(lead.sentence)
    deadline = next((m for m in sentence if m.is_year and m.figure.hedge is not None), None)
    reached = [
        m for m in sentence if m.is_year and m.figure.hedge is None and not m.figure.is_range
    ]
    if deadline is None or not reached:
        return None
    r, n = passage.operand(reached[0], Unit.YEAR), passage.operand(lead, Unit.YEARS)
    end = constant(deadline.figure.high.value, passage.written(deadline))
    says = f"{r.label} is {n.label} before the deadline, {passage.written(deadline)}"
    return Statement(Category.DATE, lead, (Reading(plus(r.name, n.name), "==", end, (r, n), says),))

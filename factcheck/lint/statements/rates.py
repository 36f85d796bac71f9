"""Rates: a figure per unit ("per company", "for each", "each peeler") that must be a
total of the draft divided by a count of it.

"123 companies ... raised 26.8 billion yuan, an average of about 220 million yuan per
company"; "28 injection molding machines ... 140 million yuan, about 5 million yuan per
machine"; "about 1,000 crayfish a minute, the work of 50 peelers ... each peeler would
shell about 20 crayfish a minute"; "50.84 billion yuan ... 9.72 million business
entities, about 5,230 yuan for each".

The total is a figure of the same kind (yuan with yuan, crayfish with crayfish); the
count one of what the rate is per ("companies" for "per company"), or, when no figure
counts that, any count near it. Every such pair is a reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from factcheck.intervals import Interval
from factcheck.lint.statements.cues import kind, same_kind
from factcheck.lint.statements.passage import Mention, Passage, noun_key
from factcheck.lint.statements.statement import Category, Reading, Statement, constant, ratio

__all__ = ["might_state", "read_rates"]

_PER_AFTER = re.compile(
    r"\s*(?:[a-z&\-]+\s+){0,4}?(?:per|for each|for every|each)\s+(?P<what>[a-z\-]+)|"
    r"\s*(?:[a-z&\-]+\s+){0,4}?(?:for each|apiece|each|a head|on average)\b"
)
_EACH_BEFORE = re.compile(r"\b(?:each|every|per)\s+(?P<what>[a-z\-]+)\b(?:\s+[a-z]+){0,6}\s+$")
_AVERAGE_BEFORE = re.compile(r"\baverage(?:d|s)?\s+(?:of\s+)?$")
_TIME = frozenset(("minute", "hour", "day", "week", "month", "year", "second", "quarter"))
_REACH = 2


_TOGETHER = re.compile(r"\b(?:together|in all|in total|altogether|combined)\b")
#: A rate per day, week or month of a total for a year: "256 million tons in 2020 ...
#: about 700,000 tons a day".
_PER_TIME = re.compile(
    r"\s*(?:[a-z\-]+\s+){0,2}?(?:a|per|each)\s+(?P<unit>day|week|month)\b|\s*(?:[a-z\-]+\s+){0,2}?(?P<daily>daily)\b"
)
_IN_A_YEAR = {
    "day": Interval(Fraction(365), Fraction(366)),
    "week": Interval(Fraction(52), Fraction(53)),
    "month": Interval.point(12),
}
_ANNUAL = re.compile(
    r"\b(?:in (?:19|20)\d\d|a year|per year|annual|annually|last year|this year|for the year)\b"
)


def _annual(passage: Passage, total: Mention) -> bool:
    """Whether a total is for a whole year: "256 million tons of cargo in 2020"."""
    near = passage.before(total, 40) + " " + passage.after(total, 50)
    return bool(_ANNUAL.search(near)) and not _PART_OF_YEAR.search(near)


_PART_OF_YEAR = re.compile(
    r"\b(?:half|quarter|months?|weeks?|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4])\b"
)


def _per_time(passage: Passage, rate: Mention) -> Iterator[Statement]:
    found = _PER_TIME.match(passage.after(rate, 30))
    if found is None:
        return
    unit = found.group("unit") or "day"
    noun = passage.noun(rate)
    totals = [
        m for m in passage.earlier(rate, 1)
        if m is not rate and same_kind(m, rate) and m.figure.low.value > rate.figure.low.value
        and (rate.is_money or noun is None or passage.noun(m) == noun)
        and _annual(passage, m)
        and not _PER_TIME.match(passage.after(m, 30))
    ]  # fmt: skip
    readings = []
    for total in totals[:2]:
        r, t = passage.operand(rate), passage.operand(total)
        says = f"{r.label} is {t.label} spread over the {unit}s of a year"
        readings.append(
            Reading(
                r.name,
                "==",
                ratio(t.name, constant(_IN_A_YEAR[unit], f"{unit}s in a year")),
                (r, t),
                says,
            )
        )
    if readings:
        yield Statement(Category.RATE, rate, tuple(readings))


_CUES = re.compile(r"per |each|every|average|apiece|a head|a day|a week|a month|daily")


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a word of "per"."""
    return bool(_CUES.search(passage.lowered))


def read_rates(passage: Passage) -> Iterator[Statement]:
    for rate in passage.mentions:
        if kind(rate) in {None, "percent", "points"} or rate.figure.direction:
            continue
        yield from _per_time(passage, rate)
        per = _per(passage, rate)
        if per is None or (per == "" and not rate.is_money):
            continue  # "five or fewer each": shared out, but of what is not said
        readings = list(_readings(passage, rate, per or None))
        if readings:
            yield Statement(Category.RATE, rate, tuple(readings))


def _per(passage: Passage, rate: Mention) -> str | None:
    """What the rate is per ("firm"), "" when the words do not say ("for each"), None when
    the figure is not a rate."""
    after = _PER_AFTER.match(passage.after(rate, 50))
    if after is not None:
        what = after.groupdict().get("what")
        if what is None:
            return ""
        key = noun_key(what)
        if key not in _TIME:
            return key
    before = passage.before(rate, 60)
    each = _EACH_BEFORE.search(before)
    if each is not None:
        return noun_key(each.group("what"))
    if _AVERAGE_BEFORE.search(before):
        return ""
    return None


def _readings(passage: Passage, rate: Mention, per: str | None) -> Iterator[Reading]:
    near = [m for m in passage.earlier(rate, _REACH) if m is not rate]
    # "Each holds 26.6 patents on average, so together they own more than 470,000".
    near += [m for m in passage.later(rate) if _TOGETHER.search(passage.before(m, 40))]
    noun = passage.noun(rate)
    totals = [
        m for m in near
        if same_kind(m, rate) and m.figure.low.value > rate.figure.low.value
        and (rate.is_money or noun is None or passage.noun(m) == noun)
        and _per(passage, m) is None
    ]  # fmt: skip
    counts = [m for m in near if m.is_count and m not in totals and _per(passage, m) is None]
    if per:
        named = [m for m in counts if passage.noun(m) == per]
        # "nearly 900,000 of them": a count that names nothing may be the one too.
        counts = named + [m for m in counts if passage.noun(m) is None] or [
            m for m in counts if passage.noun(m) == "firm"
        ]
    for total in totals:
        for count in counts:
            if count.index == total.index:
                continue
            r, t, n = passage.operand(rate), passage.operand(total), passage.operand(count)
            says = f"{r.label} is {t.label} shared among {n.label}"
            yield Reading(r.name, "==", ratio(t.name, n.name), (r, t, n), says)

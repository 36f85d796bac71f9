"""A claim's value as written ("nearly 13,000", "ranking first", "July 14, 2023"),
read into exactly one ``Figure``."""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction

from factcheck.figures import Amount, Figure, Hedge, scan
from factcheck.hedge_words import HEDGE_WORDS
from factcheck.numwords import ORDINALS, chinese_number
from factcheck.periods import PROSE_MONTHS, parse_prose_date
from factcheck.units import Unit

__all__ = ["UnreadableValueError", "read_value"]


class UnreadableValueError(ValueError):
    """The value as written is not one figure factcheck can read."""


_RANK_WORDS = "|".join(
    sorted([*ORDINALS, "top", "most", "largest", "biggest", "highest"], key=len, reverse=True)
)
_RANK = re.compile(
    rf"(?:(?:ranking|ranked|ranks?)\s+)?(?:the\s+)?"
    rf"(?:(?P<word>{_RANK_WORDS})|(?P<num>\d{{1,9}})(?:st|nd|rd|th))\b.*",
    re.IGNORECASE,
)
#: Ranks written with a marker rather than an ordinal word: "No. 2", "topped the list",
#: and Chinese 第N ("全国第一", "居全省第3位").
_ZH_ORDINAL = r"[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]|\d{1,9}"
_MARKED_RANK = re.compile(
    r"(?:(?:ranking|ranked|ranks?)\s+)?(?:No\.?|number|#)\s*(?P<num>\d{1,9})\b.*"
    r"|(?P<top>(?:topped|tops|topping|led|leads|leading|headed|heads)\s+the\s+"
    r"(?:list|ranking|table)\b.*)"
    r"|(?:[居位列排名]{0,2})(?:全国|全省|全市|全区|国内|省内)?"
    rf"第(?P<zh>{_ZH_ORDINAL})[名位]?(?![一二两三四五六七八九十百千零批届次期个年]).*",
    re.IGNORECASE,
)
#: A level reached, in a claim's value only: the fact base's author keeps "reached" in the
#: value when the figure may have been passed (34 of 48 "reached 70%"). In prose,
#: "output reached 163 billion yuan" usually states the value, so drafts read it as printed.
_REACHED = re.compile(
    r"(?:reached|reaching|reaches|hit|hitting)\s+(?P<rest>[\d$¥€£].*)", re.IGNORECASE
)
_DATE_HEDGE = re.compile(r"(?P<hedge>since|by|before|after|in|on)\s+(?P<rest>.+)", re.IGNORECASE)
#: A date after a preposition: whether it bounds the value, and at which end of the date
#: (after September 2022 is after its last day; before it, before its first).
_DATE_HEDGES = {
    "since": (Hedge.AT_LEAST, "first"),
    "by": (Hedge.AT_MOST, "last"),
    "after": (Hedge.MORE_THAN, "last"),
    "before": (Hedge.LESS_THAN, "first"),
}


def read_value(text: str) -> Figure:
    """Read a claim's value as written. Raises ``UnreadableValueError`` with a reason."""
    stripped = " ".join(text.split())
    if not stripped:
        raise UnreadableValueError("the value is empty")
    if (date_figure := _read_date(stripped)) is not None:
        return date_figure
    if (marked := _read_marked_rank(stripped)) is not None:
        return marked
    if (reached := _REACHED.fullmatch(stripped)) is not None:
        try:
            figure = read_value(reached["rest"])
        except UnreadableValueError:
            figure = None  # the whole value's reading says why
        if figure and figure.hedge is None and not figure.negative and figure.unit is not Unit.DATE:
            shift = len(stripped) - len(reached["rest"])
            return replace(
                figure, start=figure.start + shift, end=figure.end + shift, hedge=Hedge.AT_LEAST
            )
    figures = list(scan(stripped))
    if not figures:
        if (rank := _read_rank(stripped)) is not None:
            return rank
        if _DAY_WITHOUT_YEAR.fullmatch(stripped):  # "June 15": a day of no known year
            raise UnreadableValueError(
                f"{stripped!r} is a day without its year; give the date in full in 'reading'"
                " (reading: June 15, 2022)"
            )
        raise UnreadableValueError(f"no figure in {stripped!r}")
    if len(figures) > 1:
        found = ", ".join(repr(stripped[f.start : f.end]) for f in figures)
        raise UnreadableValueError(
            f"{stripped!r} holds {len(figures)} figures ({found}); a claim states one"
        )
    return figures[0]


_DAY_WITHOUT_YEAR = re.compile(
    rf"(?:{PROSE_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?:{PROSE_MONTHS})\.?",
    re.IGNORECASE,
)


def _read_date(text: str) -> Figure | None:
    hedge: Hedge | None = None
    end: str | None = None
    body = text
    if (m := _DATE_HEDGE.fullmatch(text)) is not None:
        hedge, end = _DATE_HEDGES.get(m["hedge"].lower(), (None, None))
        body = m["rest"]
    try:
        period = parse_prose_date(body)
    except ValueError:  # "2018-20" is a span of years, not month 20
        return None
    if period is None:
        return None
    first, last = period.days
    if end is not None:  # a bound: one day, the end of the date the preposition looks at
        first = last = first if end == "first" else last
    return Figure(0, len(text), Amount(Fraction(first)), Amount(Fraction(last)), Unit.DATE, hedge)


def _read_marked_rank(text: str) -> Figure | None:
    m = _MARKED_RANK.fullmatch(text)
    if m is None:
        return None
    if m["top"]:
        rank = 1
    elif m["num"]:
        rank = int(m["num"])
    else:
        rank = chinese_number(m["zh"])
    return Figure(0, len(text), Amount(Fraction(rank)), Amount(Fraction(rank)), Unit.RANK)


def _read_rank(text: str) -> Figure | None:
    m = _RANK.fullmatch(text)
    if m is None:
        return None
    rank = int(m["num"]) if m["num"] else ORDINALS.get(m["word"].lower(), 1)
    return Figure(0, len(text), Amount(Fraction(rank)), Amount(Fraction(rank)), Unit.RANK)


assert "since" in HEDGE_WORDS  # the date hedges mirror the figure hedges

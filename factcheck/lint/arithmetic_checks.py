"""A draft checked against itself: shares, conversions, growth, sums and schedules
stated within one sentence. Each check returns (rule, message, figure) for what fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from factcheck import arithmetic as ar
from factcheck.display import show_interval
from factcheck.figures import Figure, Hedge
from factcheck.hedges import HedgeWidths, interval_of
from factcheck.intervals import Interval
from factcheck.rules.lint import (
    DraftConversionImplausible,
    DraftGrowthMismatch,
    DraftScheduleMismatch,
    DraftShareMismatch,
    DraftSumMismatch,
)
from factcheck.rules.registry import Rule
from factcheck.units import Unit

__all__ = ["Problem", "SentenceFigures", "check_sentence"]


@dataclass(frozen=True, slots=True)
class Problem:
    rule: type[Rule]
    message: str
    figure: Figure


@dataclass(frozen=True, slots=True)
class SentenceFigures:
    text: str
    figures: Sequence[Figure]
    widths: HedgeWidths
    rates: Interval | None  # plausible yuan per dollar for the draft's date, if known
    year: int | None  # the draft's year, if known


def _is_year(figure: Figure) -> bool:
    return (
        figure.unit is None
        and figure.low.step == 0
        and figure.low.value.denominator == 1
        and 1900 <= figure.low.value <= 2100
    )


def _is_count(figure: Figure) -> bool:
    return figure.unit is None and figure.hedge is None and not _is_year(figure)


def _interval(figure: Figure, widths: HedgeWidths) -> Interval:
    return interval_of(figure, widths)


def _percent_of(part: Interval, whole: Interval) -> Interval:
    return ar.multiply(ar.divide(part, whole), Interval.point(100))


def _text(s: SentenceFigures, figure: Figure, end: int | None = None) -> str:
    """A figure as written, on one line ("10.5 percent", even across a line break)."""
    return " ".join(s.text[figure.start : end if end is not None else figure.end].split())


def _after(s: SentenceFigures, figure: Figure, n: int = 40) -> str:
    return s.text[figure.end : figure.end + n].lower()


def _before(s: SentenceFigures, figure: Figure, n: int = 40) -> str:
    return s.text[max(0, figure.start - n) : figure.start].lower()


_DIFFERENCE_AFTER = re.compile(r"\s+(?:more|fewer|less|higher|lower)\b")


def shares(s: SentenceFigures) -> Iterator[Problem]:
    for share in s.figures:
        # The part and the whole come before the share ("5,261, among which 500 …, or 9.5
        # percent of the total"); "210 more than" is a difference, neither.
        counts = [
            f for f in s.figures
            if _is_count(f) and f.end <= share.start and not _DIFFERENCE_AFTER.match(_after(s, f))
        ]  # fmt: skip
        if share.unit is not Unit.PERCENT or share.negative or len(counts) < 2:
            continue
        if not re.match(r"\s+of\s+(the\s+)?(total|all)\b", _after(s, share)):
            continue
        stated = _interval(share, s.widths)
        pairs = [(a, b) for a, b in combinations(counts, 2)] + [
            (b, a) for a, b in combinations(counts, 2)
        ]
        ratios = [
            _percent_of(_interval(a, s.widths), _interval(b, s.widths))
            for a, b in pairs
            if a.low.value < b.low.value
        ]
        if ratios and not any(r.meets(stated) for r in ratios):
            shown = ", ".join(_text(s, c) for c in counts)
            yield Problem(
                DraftShareMismatch,
                f"{_text(s, share)!r} is not the share any of {shown} makes "
                f"of another (closest: {show_interval(_closest(ratios, stated), None)} percent)",
                share,
            )


def _closest(candidates: list[Interval], target: Interval) -> Interval:
    def distance(i: Interval) -> Fraction:
        lo = Fraction(i.lo) if i.lo is not None else Fraction(0)
        t = Fraction(target.lo) if target.lo is not None else Fraction(0)
        return abs(lo - t)

    return min(candidates, key=distance)


def conversions(s: SentenceFigures) -> Iterator[Problem]:
    if s.rates is None:
        return
    for yuan, dollars in zip(s.figures, s.figures[1:], strict=False):
        if yuan.unit is not Unit.CNY or dollars.unit is not Unit.USD:
            continue
        if not re.fullmatch(r"\s*\(\s*", s.text[yuan.end : dollars.start]):
            continue
        rate = ar.divide(_interval(yuan, s.widths), _interval(dollars, s.widths))
        if not rate.meets(s.rates):
            written = _text(s, yuan, dollars.end + 1)
            yield Problem(
                DraftConversionImplausible,
                f"{written!r} implies {show_interval(rate, None)} yuan per dollar; the "
                f"reference parity allows {show_interval(s.rates, None)}",
                dollars,
            )


def growth(s: SentenceFigures) -> Iterator[Problem]:
    for i, rise in enumerate(s.figures):
        if rise.unit is not Unit.PERCENT or not s.text[rise.start :].lower().startswith(
            ("up", "down")
        ):
            continue
        base = next(
            (f for f in s.figures[i + 1 :] if re.search(r"\bfrom\s+$", _before(s, f))), None
        )
        now = next((f for f in reversed(s.figures[:i]) if base and f.unit is base.unit), None)
        if base is None or now is None or _is_year(base):
            continue
        change = ar.subtract(
            _percent_of(_interval(now, s.widths), _interval(base, s.widths)), Interval.point(100)
        )
        if not change.meets(_interval(rise, s.widths)):
            yield Problem(
                DraftGrowthMismatch,
                f"{_text(s, now)!r} is {show_interval(change, None)} percent "
                f"up on {_text(s, base)!r}, not {_text(s, rise)!r}",
                rise,
            )


_TOTAL_BEFORE = re.compile(r"(?:total(?:l)?ing|a total of|in total of|total of|sum of)\s+$")


_LIST_SEPARATOR = re.compile(r"\s*(?:,|,?\s*and|,?\s*plus)\s*")


def _listed_before(s: SentenceFigures, i: int) -> list[Figure]:
    """The list of figures that ends just before figure ``i``: "248, 1,744 and 2,930"."""
    parts: list[Figure] = []
    for figure in reversed(s.figures[:i]):
        if parts and not _LIST_SEPARATOR.fullmatch(s.text[figure.end : parts[0].start]):
            break
        parts.insert(0, figure)
    return parts


def sums(s: SentenceFigures) -> Iterator[Problem]:
    for i, total in enumerate(s.figures):
        if not _TOTAL_BEFORE.search(_before(s, total)) or _is_year(total):
            continue
        parts = _listed_before(s, i)
        if any(p.unit is not total.unit or p.hedge is not None or _is_year(p) for p in parts):
            continue
        if len(parts) < 2:
            continue
        added = ar.total(_interval(p, s.widths) for p in parts)
        if not added.meets(_interval(total, s.widths)):
            shown = " + ".join(_text(s, p) for p in parts)
            yield Problem(
                DraftSumMismatch,
                f"{shown} is {show_interval(added, None)}, not {_text(s, total)!r}",
                total,
            )


def schedules(s: SentenceFigures) -> Iterator[Problem]:
    for lead in s.figures:
        if lead.unit is not Unit.YEARS or not _after(s, lead).startswith(" ahead of schedule"):
            continue
        deadline = next((f for f in s.figures if f.hedge is Hedge.AT_MOST and _is_year(f)), None)
        if deadline is None:
            continue
        # The year it was reached: a plain year in the sentence ("Since 2019" is not, nor
        # "2021-2025"). Not the draft's: a goal met in 2023 is reported in 2024.
        others = [
            f.low.value for f in s.figures
            if _is_year(f) and f.low == f.high and f is not deadline and f.hedge is None
        ]  # fmt: skip
        if not others:
            continue
        reached = others[0]
        years = ar.subtract(Interval.point(deadline.low.value), _interval(lead, s.widths))
        if reached not in years:
            yield Problem(
                DraftScheduleMismatch,
                f"{int(deadline.low.value)} less {_text(s, lead)!r} is "
                f"{show_interval(years, Unit.YEAR)}, not {int(reached)}",
                lead,
            )


CHECKS = (shares, conversions, growth, sums, schedules)


def check_sentence(s: SentenceFigures) -> Iterator[Problem]:
    for check in CHECKS:
        yield from check(s)

"""Conversions: an amount given in two currencies, whose ratio must be a plausible
exchange rate for the draft's date.

"44.64 billion yuan ($6.24 billion)"; "3 million yuan, or about 473,000 US dollars";
"660 billion yuan (about 91.7 billion US dollars)"; "KSh 1.2 billion (HK$72 million)".
The band is the engine's (``engine.conversions.RateBook``): the fact base's reference
rates within 31 days of the date, or bracketing it, widened by the settings'
``rate_tolerance``; or, for prose, the range of those within a year either side, widened
by a tenth (a coarser test, which still catches a slipped magnitude). Without a
date or a reference rate for a currency, a conversion is not read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from factcheck.engine.conversions import ORDER
from factcheck.hedge_words import Hedge
from factcheck.lint.statements.passage import Mention, Passage
from factcheck.lint.statements.statement import Category, Reading, Statement, constant, ratio
from factcheck.periods import Period

__all__ = ["might_state", "read_conversions"]

#: Between an amount and its conversion: "(", ", or about", " — ", ", roughly".
_BETWEEN = re.compile(
    r"\s*(?:\(\s*(?:about|around|roughly|some|or|approximately|nearly|almost|over|more than)?\s*|"
    r",\s*(?:or\s+)?(?:about|around|roughly|some|approximately|nearly|almost)?\s*|"
    r"\s*[—–-]\s*|\s+or\s+(?:about\s+|around\s+|roughly\s+)?)"
)


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: amounts in two currencies, and a date."""
    if passage.when is None:
        return False
    return len({m.unit for m in passage.mentions if m.is_money}) > 1


def read_conversions(passage: Passage) -> Iterator[Statement]:
    if passage.when is None or passage.rates is None:
        return
    when = Period(passage.when, passage.when)
    money = [m for m in passage.mentions if m.is_money]
    for first, second in itertools.pairwise(money):
        if first.unit is second.unit:
            continue
        if second.index != first.index + 1 or not _BETWEEN.fullmatch(
            passage.between(first, second)
        ):
            continue
        statement = _conversion(passage, first, second, when)
        if statement is not None:
            yield statement


def _conversion(
    passage: Passage, first: Mention, second: Mention, when: Period
) -> Statement | None:
    assert passage.rates is not None
    assert first.unit is not None
    assert second.unit is not None
    top, bottom = sorted((first, second), key=lambda m: ORDER.index(m.unit))  # type: ignore[arg-type]
    band = passage.rates.plausible(top.unit, bottom.unit, when, coarse=True)  # type: ignore[arg-type]
    if band is None:
        return None
    # A bound written before the first amount bounds both ("exceeds 660 billion yuan
    # (about $91.7 billion)"): the conversion is of the number as written.
    a, b = (
        passage.operand(m, hedged=m is not first or m.figure.hedge is Hedge.ABOUT)
        for m in (top, bottom)
    )
    rate = f"{top.unit}/{bottom.unit}"
    assert band.lo is not None
    assert band.hi is not None
    says = (
        f"{a.label} / {b.label} is a {rate} rate, which around {passage.when} lay between "
        f"{float(band.lo):.4f} and {float(band.hi):.4f} (the reference rates, widened)"
    )
    reading = Reading(
        ratio(a.name, b.name), "==", constant(band, f"the reference {rate} band"), (a, b), says
    )
    return Statement(Category.CONVERSION, second, (reading,))

"""Against the fact base: a draft's figure related to one of a numbered series the fact
base holds ("the third batch", "the fifth national list").

- "The city's 412 firms, more than the third batch named nationwide": above that claim;
- "658 firms, 17.9 percent of the fifth list": a share whose whole is that claim;
- "one in four firms of the fifth list were from the province".

The series is every claim with a whole-number qualifier (``batch: 5``) of a count, one
claim per number (``Passage.series``); its value is read as the claim states it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.figure_model import Figure
from factcheck.lint.statements.cues import ordinal
from factcheck.lint.statements.passage import Mention, Operand, Passage
from factcheck.lint.statements.statement import Category, Reading, Statement, times
from factcheck.units import Unit

__all__ = ["might_state", "read_series"]

_NAMED = re.compile(
    r"\bthe\s+(?P<n>first|second|third|fourth|fifth|sixth|seventh|eighth|\d(?:st|nd|rd|th))"
    r"\s+(?:national\s+)?(?:batch|list)\b"
)
_MORE = re.compile(r"\b(?:more|larger|bigger|greater)\s+than\s+$")
_FEWER = re.compile(r"\b(?:fewer|smaller|less)\s+than\s+$")
_OF = re.compile(r"\b(?:of|in|on)\s+(?:the\s+firms\s+(?:of|in|on)\s+)?$")


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a series to hold figures to, and a numbered list."""
    return bool(passage.series) and ("batch" in passage.lowered or "list" in passage.lowered)


def read_series(passage: Passage) -> Iterator[Statement]:
    for number in range(len(passage.sentences)):
        start = passage.sentences[number][0]
        lowered = passage.sentence_lowered(number)
        for named in _NAMED.finditer(lowered):
            n = named.group("n")
            key = ordinal(n)
            if key not in passage.series:
                continue
            claim = _claim(passage, number, start + named.start(), start + named.end(), key)
            before = lowered[: named.start()]
            own = [
                m for m in passage.in_sentence(number)
                if m.end <= start + named.start() and m.is_count
            ]  # fmt: skip
            shares = [
                m for m in passage.in_sentence(number)
                if m.end <= start + named.start() and m.unit in {Unit.PERCENT, Unit.RATIO}
            ]  # fmt: skip
            if _MORE.search(before) or _FEWER.search(before):
                yield from _compared(passage, claim, own, more=bool(_MORE.search(before)))
            elif shares and _OF.search(before[-25:]):
                yield from _share(passage, claim, shares[-1], own)


def _claim(passage: Passage, number: int, start: int, end: int, key: int) -> Operand:
    cid, figure = passage.series[key]
    placed = Figure(start, end, figure.low, figure.high, figure.unit, figure.hedge)
    return Operand(Mention(placed, number, -3000 - start), Unit.COUNT, f"claim {cid!r}")


def _compared(
    passage: Passage, claim: Operand, own: list[Mention], *, more: bool
) -> Iterator[Statement]:
    if not own:
        return
    a = passage.operand(own[-1])
    says = f"{a.label} is {'more' if more else 'fewer'} than {claim.label}"
    op = ">" if more else "<"
    reading = Reading(a.name, op, claim.name, (a, claim), says)
    yield Statement(Category.RANK, own[-1], (reading,))


def _share(
    passage: Passage, claim: Operand, share: Mention, own: list[Mention]
) -> Iterator[Statement]:
    parts = [m for m in own if m.end <= share.start]
    if not parts:
        return
    p, s = passage.operand(parts[-1]), passage.operand(share)
    says = f"{s.label} is the share {p.label} makes of {claim.label}"
    reading = Reading(p.name, "==", times(claim.name, s.name), (p, claim, s), says)
    yield Statement(Category.SHARE, share, (reading,))

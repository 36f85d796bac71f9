"""Gaps in percentage points: the difference of two percentages.

- "grew 19.2 percent, 5.9 percentage points slower than the 25.1 percent rise";
  "That is 7.37 points higher than the 4.9 percent spent by ..." after the sentence that
  gave 12.27 percent; "2.46 points slower than their revenue", whose growth an earlier
  sentence gave;
- "took 27.4 percent, up from 24.2 percent a year earlier, a gain of 3.2 percentage
  points".

"Faster", "higher", "above" and "more" put the first percentage above the second;
"slower", "lower", "below" and "less" below it: a gap of the right size on the wrong
side is an error too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.lint.statements.changes import change_pair
from factcheck.lint.statements.cues import content_words, points_back
from factcheck.lint.statements.passage import Mention, Passage
from factcheck.lint.statements.statement import Category, Reading, Statement, minus
from factcheck.units import Unit

__all__ = ["read_points"]

_ABOVE = r"faster|higher|above|more|greater|larger|up|ahead of|over"
_BELOW = r"slower|lower|below|less|smaller|down|behind|under"
_COMPARED = re.compile(rf"\s*(?P<side>{_ABOVE}|{_BELOW})\b(?:\s+than)?\s+(?:the\s+|that\s+of\s+|their\s+|its\s+)?(?P<what>(?:[^,.;]|[.,]\d)*)")
_GAP = re.compile(r"(?:gain|rise|increase|jump|drop|fall|decline|decrease|narrowing|widening)\s+of\s*$|\b(?:up|down|rose|fell|climbed|dropped|gained|lost|added)\s+(?:by\s+)?$")


def _percent(m: Mention) -> bool:
    return m.unit is Unit.PERCENT and not m.points


def read_points(passage: Passage) -> Iterator[Statement]:
    for gap in passage.mentions:
        if not gap.points:
            continue
        compared = _COMPARED.match(passage.after(gap))
        if compared is not None:
            statement = _compared(passage, gap, compared)
        elif _GAP.search(passage.before(gap, 30)) or gap.figure.direction:
            statement = _between(passage, gap)
        else:
            statement = None
        if statement is not None:
            yield statement


def _compared(passage: Passage, gap: Mention, compared: re.Match[str]) -> Statement | None:
    above = re.fullmatch(_ABOVE, compared.group("side")) is not None
    end = gap.end + compared.end()
    than = [m for m in passage.later(gap) if _percent(m) and m.end <= end][:1]
    if not than:
        # "faster than their revenue": the rate an earlier sentence gave for it.
        words = content_words(compared.group("what"))[:2]
        than = [
            m for m in passage.earlier(gap, 2)
            if _percent(m) and m.sentence < gap.sentence
            and any(w[:5] in passage.sentence_text(m.sentence).lower() for w in words)
        ]  # fmt: skip
    if not than and compared.group("side") in {"faster", "slower"}:
        # "grew 36.79 percent, 2.46 points slower than revenue", which an earlier
        # sentence said "took in ... up 39.25 percent": any growth rate given before.
        than = [
            m for m in passage.earlier(gap, 2)
            if _percent(m) and m.sentence < gap.sentence and m.figure.direction
        ]  # fmt: skip
    own = [m for m in passage.earlier(gap, 0) if _percent(m)]
    if not own and points_back(passage, gap.sentence):
        own = [m for m in passage.earlier(gap, 1) if _percent(m) and m.sentence < gap.sentence][:1]
    readings = []
    for first in own[:1]:
        for second in than:
            a, b, p = passage.operand(first), passage.operand(second), passage.operand(gap)
            left = minus(a.name, b.name) if above else minus(b.name, a.name)
            side = "above" if above else "below"
            says = f"{a.label} is {p.label} {side} {b.label}"
            readings.append(Reading(left, "==", p.name, (a, b, p), says))
    return Statement(Category.POINTS, gap, tuple(readings)) if readings else None


def _between(passage: Passage, gap: Mention) -> Statement | None:
    pair = change_pair(passage, gap.sentence)
    if pair is None and points_back(passage, gap.sentence) and gap.sentence > 0:
        pair = change_pair(passage, gap.sentence - 1)
    if pair is None or not all(_percent(m) for m in pair):
        return None
    old, new = (passage.operand(m) for m in pair)
    p = passage.operand(gap)
    down = gap.figure.direction == "down" or re.search(
        r"(?:drop|fall|decline|decrease|down|fell|dropped|lost)\b", passage.before(gap, 30)
    )
    left = minus(old.name, new.name) if down else minus(new.name, old.name)
    says = f"{p.label} is the gap from {old.label} to {new.label}"
    return Statement(Category.POINTS, gap, (Reading(left, "==", p.name, (old, new, p), says),))

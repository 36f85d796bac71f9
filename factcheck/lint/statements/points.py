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

import itertools
import re
from collections.abc import Iterator

from factcheck.lint.statements.changes import change_pair
from factcheck.lint.statements.cues import content_words, points_back
from factcheck.lint.statements.passage import Mention, Passage
from factcheck.lint.statements.statement import Category, Reading, Statement, minus
from factcheck.units import Unit

__all__ = ["might_state", "read_points"]

_ABOVE = r"faster|higher|more|greater|larger|above|ahead of|over"
_BELOW = r"slower|lower|less|smaller|below|behind|under"
#: "5.9 points slower than the 25.1 percent rise", "3.25 points above the 3 percent floor".
_COMPARED = re.compile(
    r"\s*(?:(?P<more>faster|higher|more|greater|larger|slower|lower|less|smaller)\s+than|"
    r"(?P<at>above|ahead of|below|behind))\s+"
    r"(?:the\s+|that\s+of\s+|their\s+|its\s+)?(?P<what>(?:[^,.;]|[.,]\d)+)"
)
#: "outran output growth by 4.7 points", "beating their 44.3 percent share by 1.5 points".
_BY = re.compile(
    r"\b(?P<verb>outran|outrun|outpaced|outpacing|outstripped|outstripping|beat|beating|"
    r"exceeded|exceeding|topped|topping|trailed|trailing|lagged|lagging)\b"
    r"(?P<what>(?:[^,.;]|[.,]\d)*?)\bby\s*$"
)
_BEHIND_VERBS = ("trail", "lag")
#: "That put high-tech industries 7.2 percentage points ahead": no second rate written.
_ALONE = re.compile(rf"\s*(?P<side>{_ABOVE}|{_BELOW}|ahead|behind)\s*(?:[.;,]|$)")
_GAP = re.compile(
    r"(?:gain|rise|increase|jump|drop|fall|decline|decrease|narrowing|widening)\s+of\s*$|"
    r"\b(?:up|down|rose|fell|climbed|dropped|gained|lost|added|edged up|edged down)\s+(?:by\s+)?$"
)


def _percent(m: Mention) -> bool:
    return m.unit is Unit.PERCENT and not m.points


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a gap in points."""
    return any(m.points for m in passage.mentions)


def read_points(passage: Passage) -> Iterator[Statement]:
    for gap in passage.mentions:
        if not gap.points:
            continue
        compared = _COMPARED.match(passage.after(gap))
        by = _BY.search(passage.before(gap, 80))
        alone = _ALONE.match(passage.after(gap, 20))
        if compared is not None:
            side = compared.group("more") or compared.group("at")
            above = re.fullmatch(_ABOVE, side) is not None
            statement = _compared(
                passage, gap, above, compared.group("what"), gap.end + compared.end()
            )
        elif by is not None:
            above = not by.group("verb").startswith(_BEHIND_VERBS)
            start = passage.sentences[gap.sentence][0]
            before = passage.text[start : gap.start - len(by.group(0))]
            clause = next((c for c in reversed(re.split(r"[,;]", before)) if c.strip()), "")
            statement = _compared(passage, gap, above, by.group("what"), gap.start, clause)
        elif _GAP.search(passage.before(gap, 30)) or gap.figure.direction:
            statement = _between(passage, gap)
        elif alone is not None and points_back(passage, gap.sentence) and gap.sentence > 0:
            statement = _ahead(passage, gap, alone.group("side") not in _BELOW + "|behind")
        else:
            statement = None
        if statement is not None:
            yield statement


def _compared(  # noqa: PLR0917  (the gap, its side, and the words either side)
    passage: Passage, gap: Mention, above: bool, what: str, end: int, subject: str | None = None
) -> Statement | None:
    """The gap between the rate before it in the sentence (or the one its ``subject``
    words name) and the one it is compared with: written after it, or, for "faster
    than their revenue", given before."""
    earlier = [m for m in passage.earlier(gap, 2) if _percent(m)]
    if subject is not None:
        own = _named(passage, subject, earlier) or earlier
    else:
        own = [
            m for m in earlier
            if m.sentence == gap.sentence and not re.search(r"\bfrom\s*$", passage.before(m, 10))
        ]  # fmt: skip
        if not own and points_back(passage, gap.sentence):
            own = [m for m in earlier if m.sentence < gap.sentence][:1]
    own = own[:1] if subject is None else own
    than = [m for m in passage.mentions if _percent(m) and gap.start < m.start and m.end <= end][:1]
    if not than:
        # "faster than their revenue": the rate an earlier sentence gave for it.
        than = [m for m in _named(passage, what, earlier) if m not in own]
    if not than and (subject is not None or re.search(r"faster|slower", passage.after(gap, 20))):
        # "grew 36.79 percent, 2.46 points slower than revenue", which an earlier
        # sentence said "took in ... up 39.25 percent": any growth rate given before.
        than = [m for m in earlier if m not in own and (m.figure.direction or subject)]
    readings = [
        _reading(passage, gap, first, second, above)
        for first in own
        for second in than
        if first is not second
    ]
    return Statement(Category.POINTS, gap, tuple(readings)) if readings else None


def _named(passage: Passage, words: str, candidates: list[Mention]) -> list[Mention]:
    """The candidates said of one of the content words of ``words``: in the clause
    around them ("Energy consumption rose by only 3.4 percent")."""
    keys = [w[:5] for w in content_words(words)[:3]]
    return [
        m for m in candidates
        if any(k in _around(passage, m) for k in keys)
    ]  # fmt: skip


def _around(passage: Passage, m: Mention) -> str:
    before = re.split(r"[,;]", passage.before(m, 80))[-1]
    after = re.split(r"[,;]|\.(?!\d)", passage.after(m, 60))[0]
    return before + " " + after


def _reading(
    passage: Passage, gap: Mention, first: Mention, second: Mention, above: bool
) -> Reading:
    a, b, p = passage.operand(first), passage.operand(second), passage.operand(gap)
    left = minus(a.name, b.name) if above else minus(b.name, a.name)
    side = "above" if above else "below"
    return Reading(left, "==", p.name, (a, b, p), f"{a.label} is {p.label} {side} {b.label}")


def _ahead(passage: Passage, gap: Mention, above: bool) -> Statement | None:
    """ "Output rose 23.1 percent, against 20.4 percent ... That put it 2.7 points
    ahead": the two rates of the sentence before, the first ahead of the second."""
    rates = [m for m in passage.in_sentence(gap.sentence - 1) if _percent(m)]
    if len(rates) < 2:
        return None
    readings = [_reading(passage, gap, a, b, above) for a, b in itertools.pairwise(rates)]
    return Statement(Category.POINTS, gap, tuple(readings))


def _between(passage: Passage, gap: Mention) -> Statement | None:
    """ "slipped 0.7 points to 22.3 percent from 23 percent": the pair after the gap, or
    of the sentence before. Without a word of direction, either way round."""
    pair = change_pair(passage, gap.sentence, after=gap) or change_pair(passage, gap.sentence)
    if pair is None and points_back(passage, gap.sentence) and gap.sentence > 0:
        pair = change_pair(passage, gap.sentence - 1)
    if pair is None or not all(_percent(m) for m in pair):
        return None
    old, new = (passage.operand(m) for m in pair)
    p = passage.operand(gap)
    before = passage.before(gap, 30)
    up = gap.figure.direction == "up" or re.search(_UP_WORDS, before)
    down = gap.figure.direction == "down" or re.search(_DOWN_WORDS, before)
    says = f"{p.label} is the gap from {old.label} to {new.label}"
    readings = []
    if up or not down:
        readings.append(Reading(minus(new.name, old.name), "==", p.name, (old, new, p), says))
    if down or not up:
        readings.append(Reading(minus(old.name, new.name), "==", p.name, (old, new, p), says))
    return Statement(Category.POINTS, gap, tuple(readings))


_UP_WORDS = r"\b(?:gain|rise|increase|jump|up|rose|climbed|gained|added|widen)"
_DOWN_WORDS = r"\b(?:drop|fall|decline|decrease|down|fell|dropped|lost|slipped|narrow|shrank)"

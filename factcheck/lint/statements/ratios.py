"""Ratios: one figure a stated number of times another.

- "nearly 5 percent of revenue, roughly twice the 2.6 percent of larger firms";
- "an average profit of 40 million yuan ... That is more than twice the 15 million yuan";
- "13 percent of the SMEs ... 25 percent of the profits ... Their share of profits is
  thus nearly twice their share of firms": the figures are found by what they are of;
- "538 city-level and 70 state-level ... outnumber state-level ones by more than seven
  to one".

A multiple that says how a value grew ("tripled", "2.6 times as many as before") is a
change (``changes``), not a ratio.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.lint.statements.changes import is_growth
from factcheck.lint.statements.cues import kind, points_back, same_kind
from factcheck.lint.statements.passage import Mention, Passage, noun_key
from factcheck.lint.statements.statement import Category, Reading, Statement, times
from factcheck.units import Unit

__all__ = ["read_ratios"]

_AFTER_TIMES = re.compile(
    r"\s*(?:as\s+(?:much|many|high|large|big|great|fast)\s+as|that\s+of|the\s+(?:level|size|rate)\s+of|"
    r"more\s+than|higher\s+than|larger\s+than|greater\s+than|bigger\s+than|the|their|its|his|her)?\s*"
    r"(?P<what>(?:[^,.;]|[.,]\d)*)"
)
_TO_ONE = re.compile(r"\s*(?:to|-to-|:)\s*(?:one|1)\b")
_WORD = re.compile(r"[a-z]+")
_CLAUSE = re.compile(r"[,;:]|\.(?!\d)")


def read_ratios(passage: Passage) -> Iterator[Statement]:
    for m in passage.mentions:
        if m.unit is Unit.TIMES and not m.figure.direction and not is_growth(passage, m):
            statement = _times(passage, m)
        elif m.is_count and _TO_ONE.match(passage.after(m, 12)):
            statement = _to_one(passage, m)
        else:
            statement = None
        if statement is not None:
            yield statement


def _of_words(passage: Passage, m: Mention) -> set[str]:
    """What a figure is of, as ``noun_key`` reduces words: "25 percent of the profits"
    → {"profit"}; "3.5 percent of industrial SMEs" → {"industrial", "firm"}."""
    after = _CLAUSE.split(passage.after(m, 50))[0]
    words = [w for w in _WORD.findall(after) if len(w) > 3]
    if not words:  # "4,410 of the 9,279 firms, or 47.5 percent."
        words = [w for w in _WORD.findall(_CLAUSE.split(passage.before(m, 60))[-2:][0]) if len(w) > 3]
    return {noun_key(w) for w in words}


def _named(passage: Passage, words: str, candidates: list[Mention]) -> list[Mention]:
    """The candidates whose words share a noun with ``words``, else all of them."""
    keys = {noun_key(w) for w in _WORD.findall(words) if len(w) > 3} - {"share", "their", "that"}
    named = [m for m in candidates if keys & _of_words(passage, m)] if keys else []
    return named or candidates


def _times(passage: Passage, multiple: Mention) -> Statement | None:
    after = _AFTER_TIMES.match(passage.after(multiple))
    assert after is not None  # every part is optional
    end = multiple.end + after.end()
    written = [m for m in passage.later(multiple) if m.end <= end and kind(m) is not None]
    start = passage.sentences[multiple.sentence][0]
    subject = passage.text[start : multiple.start]
    own = [m for m in passage.earlier(multiple, 0) if kind(m) is not None and m is not multiple]
    earlier = [
        m for m in passage.earlier(multiple, 2) if kind(m) is not None and m.sentence < multiple.sentence
    ]  # fmt: skip
    bases = written[:1] or _named(passage, after.group("what"), earlier)
    readings = []
    for base in bases:
        tops = [m for m in own if same_kind(m, base)]
        if not tops and (points_back(passage, multiple.sentence) or not own):
            tops = _named(passage, subject, [m for m in earlier if same_kind(m, base) and m is not base])
        for top in tops[:3]:
            a, b, n = passage.operand(top), passage.operand(base), passage.operand(multiple)
            says = f"{a.label} is {n.label} {b.label}"
            readings.append(Reading(a.name, "==", times(n.name, b.name), (a, b, n), says))
    return Statement(Category.RATIO, multiple, tuple(readings)) if readings else None


def _to_one(passage: Passage, multiple: Mention) -> Statement | None:
    """ "outnumber them by more than seven to one": the larger of two counts before it
    over the smaller."""
    counts = [
        m for m in passage.earlier(multiple, 1) if m.is_count and m is not multiple
    ][:4]  # fmt: skip
    readings = []
    for big in counts:
        for small in counts:
            if big.figure.low.value <= small.figure.low.value:
                continue
            a, b = passage.operand(big), passage.operand(small)
            n = passage.operand(multiple, Unit.TIMES)
            says = f"{a.label} to {b.label} is {n.label} to one"
            readings.append(Reading(a.name, "==", times(n.name, b.name), (a, b, n), says))
    return Statement(Category.RATIO, multiple, tuple(readings)) if readings else None

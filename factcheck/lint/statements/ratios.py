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
from factcheck.lint.statements.cues import content_words, kind, points_back, same_kind
from factcheck.lint.statements.passage import Mention, Passage, noun_key
from factcheck.lint.statements.statement import Category, Reading, Statement, times
from factcheck.units import Unit

__all__ = ["might_state", "read_ratios"]

_AFTER_TIMES = re.compile(
    r"\s*(?:as\s+(?:much|many|high|large|big|great|fast)\s+as|that\s+of|the\s+(?:level|size|rate)\s+of|"
    r"more\s+than|higher\s+than|larger\s+than|greater\s+than|bigger\s+than|the|their|its|his|her)?\s*"
    r"(?P<what>(?:[^,.;]|[.,]\d)*)"
)
_TO_ONE = re.compile(r"\s*(?:to|-to-|:)\s*(?:one|1)\b")
_CLAUSE = re.compile(r"[,;:]|\.(?!\d)|\b(?:and|but|yet|while|whereas)\b")


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a multiple, or "to one"."""
    return any(m.unit is Unit.TIMES for m in passage.mentions) or bool(
        re.search(r"to[- ](?:one|1)\b", passage.lowered)
    )


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
    previous = next(passage.earlier(m, 0), None) if m.index > 0 else None
    reach = 60 if previous is None else min(60, m.start - previous.end)
    clauses = _CLAUSE.split(passage.before(m, reach))
    before = clauses[-1]
    return {noun_key(w) for w in content_words(before + " " + after)}


_VAGUE = frozenset(("share", "level", "size", "much", "many", "what", "figure", "number"))
#: "2.2 times the year-earlier level": a value of another time, not written: a change.
_PAST = re.compile(r"\b(?:year|earlier|ago|last|previous|before|original)\b")


def _named(passage: Passage, words: str, candidates: list[Mention]) -> list[Mention]:
    """The candidates whose words share a noun with ``words`` ("their share of firms"
    and "13 percent of the province's SMEs"); all of them when ``words`` name nothing."""
    if _PAST.search(words.lower()):
        return []
    keys = {noun_key(w) for w in content_words(words)} - _VAGUE
    if not keys:
        return candidates
    return [m for m in candidates if keys & _of_words(passage, m)]


def _times(passage: Passage, multiple: Mention) -> Statement | None:
    """ "X ..., N times the Q": the base is the figure written after "times", or the one
    its words name ("three times their share of firms"), or any before; the top the
    figure of its kind before the multiple in its sentence, or the one the sentence's
    subject names. Every such pair is a reading."""
    after = _AFTER_TIMES.match(passage.after(multiple))
    assert after is not None  # every part is optional
    end = multiple.end + after.end()
    written = [m for m in passage.later(multiple) if m.end <= end and kind(m) is not None]
    start = passage.sentences[multiple.sentence][0]
    subject = passage.text[start : multiple.start]
    near = [m for m in passage.earlier(multiple, 2) if kind(m) is not None and m is not multiple]
    own = [m for m in near if m.sentence == multiple.sentence]
    bases = written[:1] or _named(passage, after.group("what"), near)
    readings = []
    for base in bases:
        tops = [m for m in own if same_kind(m, base) and m is not base]
        if not tops or points_back(passage, multiple.sentence):
            others = [m for m in near if same_kind(m, base) and m is not base]
            named = _named(passage, subject, others)
            if named and named is not others:  # what the subject names ("their share of revenue")
                tops += named
            elif points_back(passage, multiple.sentence):  # "That is N times ..."
                tops += [m for m in others if m.sentence < multiple.sentence]
        for top in list(dict.fromkeys(tops))[:4]:
            a, b, n = passage.operand(top), passage.operand(base), passage.operand(multiple)
            says = f"{a.label} is {n.label} {b.label}"
            readings.append(Reading(a.name, "==", times(n.name, b.name), (a, b, n), says))
    return Statement(Category.RATIO, multiple, tuple(readings)) if readings else None


def _to_one(passage: Passage, multiple: Mention) -> Statement | None:
    """ "outnumber them by more than seven to one", "exports outweighed imports by 1.7 to
    one": the larger of two figures of a kind before it over the smaller."""
    counts = [
        m for m in passage.earlier(multiple, 1)
        if (m.is_count or m.is_money) and m is not multiple
    ][:4]  # fmt: skip
    readings = []
    for big in counts:
        for small in counts:
            if not same_kind(big, small):
                continue
            if big.figure.low.value <= small.figure.low.value:
                continue
            a, b = passage.operand(big), passage.operand(small)
            n = passage.operand(multiple, Unit.TIMES)
            says = f"{a.label} to {b.label} is {n.label} to one"
            readings.append(Reading(a.name, "==", times(n.name, b.name), (a, b, n), says))
    return Statement(Category.RATIO, multiple, tuple(readings)) if readings else None

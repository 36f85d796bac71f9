"""What a reader makes of a relation a draft states: a ``Statement`` with one or more
``Reading``s, each a relation over the draft's figures in the engine's terms.

A sentence can often be read more than one way ("That is 7.1 percent of the list": which
of the figures before it is the part, which the whole). A statement holds when any of its
readings does; only when none can is it reported, with its first reading: that keeps lint
quiet on accurate prose whose grammar it reads only roughly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from factcheck.engine.relations import Constant, Term
from factcheck.expressions import Binary
from factcheck.intervals import Interval
from factcheck.lint.statements.passage import Mention, Operand

__all__ = [
    "Category",
    "Reading",
    "Statement",
    "constant",
    "minus",
    "plus",
    "ratio",
    "times",
]


class Category(StrEnum):
    """The kinds of relation lint reads from prose, each with its rule (docs/lint.md)."""

    SHARE = "share"
    CHANGE = "change"
    POINTS = "points"
    SUM = "sum"
    RANK = "rank"
    CONVERSION = "conversion"
    RESTATEMENT = "restatement"
    RATIO = "ratio"
    RATE = "rate"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Reading:
    """``left op right`` over ``operands``; ``says`` puts it in words for the finding."""

    left: Term
    op: str
    right: Term
    operands: tuple[Operand, ...]
    says: str


@dataclass(frozen=True, slots=True)
class Statement:
    category: Category
    anchor: Mention  # the figure the finding is reported at
    readings: tuple[Reading, ...]


def plus(a: Term, b: Term) -> Term:
    return Binary("+", a, b, 0, 0)


def minus(a: Term, b: Term) -> Term:
    return Binary("-", a, b, 0, 0)


def times(a: Term, b: Term) -> Term:
    return Binary("*", a, b, 0, 0)


def ratio(a: Term, b: Term) -> Term:
    return Binary("/", a, b, 0, 0)


def constant(value: Fraction | int | Interval, label: str | None = None) -> Constant:
    interval = value if isinstance(value, Interval) else Interval.point(value)
    return Constant(interval, 0, 0, label)

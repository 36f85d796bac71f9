"""What the engine works on: variables (claims and unknowns) and relations over them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from factcheck.dimensions import Dimension
from factcheck.expressions import Binary, Call, Constant, Name, Negation, Node
from factcheck.findings import Location
from factcheck.intervals import Interval
from factcheck.units import Unit

__all__ = [
    "Constant",
    "Relation",
    "RelationKind",
    "Term",
    "Untestable",
    "Variable",
    "target_of",
]


Term = Node  # an expression tree as the engine evaluates it


class RelationKind(StrEnum):
    CONSTRAINT = "constraint"  # written in constraints/*.yaml
    AGREEMENT = "agreement"  # same subject, metric and time
    PART_WHOLE = "part-whole"
    CUMULATIVE = "cumulative"
    RANK = "rank"
    CONVERSION = "conversion"
    SHARE = "share"
    SUM = "sum"  # a whole and the parts its metric declares (``sums``)


@dataclass(frozen=True, slots=True)
class Variable:
    """A claim or an unknown. Values are in the engine's base scale (a percent is
    a ratio: 9.5 percent is 0.095); ``unit`` and ``scale`` convert back for people."""

    id: str
    kind: str  # "claim" or "unknown"
    unit: Unit
    dimension: Dimension
    scale: Fraction
    stated: Interval  # what the claim says; for an unknown, its domain
    domain: Interval  # every value the metric allows at all
    location: Location
    whole: bool = False  # a count: only whole numbers


@dataclass(frozen=True, slots=True)
class Relation:
    """``left op right`` over variables. ``related`` are other places to show."""

    id: str
    kind: RelationKind
    left: Term
    op: str
    right: Term
    variables: tuple[str, ...]
    location: Location
    description: str
    acknowledged: str | None = None
    severity: str | None = None  # a constraint's own severity for its violation
    related: tuple[Location, ...] = ()
    #: Its variables that are counts, so whole numbers: propagation narrows them to
    #: whole ends (the GRIM test: 33.5 percent of 150 is no whole number).
    whole: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Untestable:
    """A relation that cannot be built or tested, and why (reported as FC209)."""

    message: str
    location: Location
    claims: tuple[str, ...]


_TARGETS = {
    "==": Interval(0, 0),
    "<=": Interval(None, 0, False, True),
    "<": Interval(None, 0, False, False),
    ">=": Interval(0, None, True, False),
    ">": Interval(0, None, False, False),
}


def target_of(op: str) -> Interval:
    """Where ``left - right`` must lie for ``left op right`` to hold."""
    return _TARGETS[op]


def variables_in(term: Term) -> Iterator[str]:
    if isinstance(term, Name):
        yield term.id
    elif isinstance(term, Negation):
        yield from variables_in(term.operand)
    elif isinstance(term, Binary):
        yield from variables_in(term.left)
        yield from variables_in(term.right)
    elif isinstance(term, Call):
        for arg in term.args:
            yield from variables_in(arg)

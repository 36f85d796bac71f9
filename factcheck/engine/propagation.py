"""Interval propagation to a fixpoint (HC4-revise over a constraint graph).

Each relation ``left op right`` is revised as ``left - right ∈ target(op)``: a forward
pass evaluates every node of the tree over the current domains, the root is narrowed to
the target, and a backward pass projects the narrowed root onto each child, narrowing
the variables at the leaves (Benhamou et al., "Revising hull and box consistency",
1999; DataFusion's interval ``cp_solver`` works the same way). A worklist revisits the
relations of every variable that narrowed, until nothing changes.

Soundness: every projection is an interval operation that holds every pointwise
result, and domains are only ever intersected, so no value that satisfies every
relation is ever discarded. A count (``Relation.whole``) is narrowed to whole ends,
which drops no whole value: that is how 33.5 percent of 150 respondents is found
impossible (no whole count is 50.25; the GRIM test of Brown and Heathers).

Termination: a narrowing counts as a change only if it shrinks the domain by more than
``MIN_SHRINK`` of its width (or bounds an unbounded end), and the number of revisions
is capped at ``budget``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from factcheck import arithmetic as ar
from factcheck.engine.relations import Constant, Relation, Term, target_of
from factcheck.expressions import Binary, Call, Name, Negation, Number
from factcheck.intervals import Interval

__all__ = ["Domains", "Narrowing", "Network", "Outcome", "causes", "evaluate", "propagate"]

MIN_SHRINK = Fraction(1, 10**6)
REVISIONS_PER_RELATION = 64


@dataclass(frozen=True, slots=True)
class Narrowing:
    """Relation ``relation`` narrowed ``variable`` from ``before`` to ``after`` in the
    propagation's ``revision``-th revision."""

    variable: str
    relation: str
    before: Interval
    after: Interval
    revision: int = 0


class Domains(dict[str, Interval]):
    """The domains a propagation narrowed, reading through to ``base`` for the rest.

    Copying every domain of a large fact base for each propagation would make judging
    it quadratic; a layer holds only what changed. Only ``[]`` reads through: ``get``,
    ``in`` and iteration see the changes alone.
    """

    __slots__ = ("base",)

    def __init__(self, base: Mapping[str, Interval]) -> None:
        super().__init__()
        self.base = base

    def __missing__(self, key: str) -> Interval:
        return self.base[key]

    def layer(self) -> Domains:
        """A new layer over the same base, starting with this layer's changes."""
        copy = Domains(self.base)
        copy.update(self)
        return copy


@dataclass
class Outcome:
    domains: Mapping[str, Interval]
    narrowings: list[Narrowing] = field(default_factory=list)
    emptied: str | None = None  # the relation whose revision left a domain empty
    revisions: int = 0
    exhausted: bool = False  # the budget ran out before the fixpoint

    @property
    def consistent(self) -> bool:
        return self.emptied is None


class _EmptyError(Exception):
    """A revision left some domain empty: the relations cannot all hold."""


def evaluate(
    term: Term, domains: Mapping[str, Interval], values: dict[int, Interval] | None = None
) -> Interval:
    """The interval of ``term`` over ``domains`` (forward pass). ``values``, when given,
    receives every node's interval by ``id(node)``, for the backward pass."""
    if isinstance(term, Name):
        result = domains[term.id]
    elif isinstance(term, Number):
        result = Interval.point(term.value).integral()
    elif isinstance(term, Constant):
        result = term.interval
    elif isinstance(term, Negation):
        result = evaluate(term.operand, domains, values).negated()
    elif isinstance(term, Binary):
        left = evaluate(term.left, domains, values)
        right = evaluate(term.right, domains, values)
        result = _BINARY[term.op](left, right)
    else:
        args = [evaluate(arg, domains, values) for arg in term.args]
        result = _CALLS[term.function](args)
    if values is not None:
        values[id(term)] = result
    return result


_BINARY = {"+": ar.add, "-": ar.subtract, "*": ar.multiply, "/": ar.divide}
_CALLS = {"sum": ar.total, "min": ar.minimum, "max": ar.maximum}


def _revise(relation: Relation, domains: Mapping[str, Interval]) -> dict[str, Interval]:
    """Narrowed domains of the relation's variables; raises ``_EmptyError``."""
    values: dict[int, Interval] = {}
    left = evaluate(relation.left, domains, values)
    right = evaluate(relation.right, domains, values)
    difference = ar.subtract(left, right)
    allowed = difference.intersect(target_of(relation.op))
    if allowed.is_empty:
        raise _EmptyError
    narrowed: dict[str, Interval] = {}
    # left - right = d  ⇒  left = d + right, right = left - d
    _project(relation.left, ar.add(allowed, right), values, domains, narrowed)
    _project(relation.right, ar.subtract(left, allowed), values, domains, narrowed)
    for variable in relation.whole.intersection(narrowed):
        # A count is a whole number: (285.1, 290.9] firms are [286, 290] firms.
        counted = narrowed[variable].whole()
        if counted.is_empty:
            raise _EmptyError
        narrowed[variable] = counted
    return narrowed


def _project(
    term: Term,
    target: Interval,
    values: dict[int, Interval],
    domains: Mapping[str, Interval],
    narrowed: dict[str, Interval],
) -> None:
    """Narrow the leaves of ``term`` so that ``term`` can lie in ``target``."""
    current = values[id(term)].intersect(target)
    if current.is_empty:
        raise _EmptyError
    if isinstance(term, Name):
        base = narrowed.get(term.id, domains[term.id])
        result = base.intersect(current)
        if result.is_empty:
            raise _EmptyError
        narrowed[term.id] = result
    elif isinstance(term, Negation):
        _project(term.operand, current.negated(), values, domains, narrowed)
    elif isinstance(term, Binary):
        a, b = values[id(term.left)], values[id(term.right)]
        if term.op == "+":
            _project(term.left, ar.subtract(current, b), values, domains, narrowed)
            _project(term.right, ar.subtract(current, a), values, domains, narrowed)
        elif term.op == "-":
            _project(term.left, ar.add(current, b), values, domains, narrowed)
            _project(term.right, ar.subtract(a, current), values, domains, narrowed)
        elif term.op == "*":
            # a·b = c ⇒ a = c / b, unless b can be 0 while c can be 0 (then a is free).
            if not (0 in b and 0 in current):
                _project(term.left, ar.divide(current, b), values, domains, narrowed)
            if not (0 in a and 0 in current):
                _project(term.right, ar.divide(current, a), values, domains, narrowed)
        else:  # "/": a / b = c ⇒ a = c·b;  b = a / c unless a and c can both be 0
            _project(term.left, ar.multiply(current, b), values, domains, narrowed)
            if not (0 in a and 0 in current):
                _project(term.right, ar.divide(a, current), values, domains, narrowed)
    elif isinstance(term, Call):
        args = [values[id(arg)] for arg in term.args]
        for i, arg in enumerate(term.args):
            if term.function == "sum":
                others = ar.total(v for j, v in enumerate(args) if j != i)
                _project(arg, ar.subtract(current, others), values, domains, narrowed)
            elif term.function == "min" and current.lo is not None:
                _project(
                    arg, Interval(current.lo, None, current.lo_closed), values, domains, narrowed
                )
            elif term.function == "max" and current.hi is not None:
                _project(
                    arg,
                    Interval(None, current.hi, False, current.hi_closed),
                    values,
                    domains,
                    narrowed,
                )


def _significant(before: Interval, after: Interval) -> bool:
    if (before.lo is None) != (after.lo is None) or (before.hi is None) != (after.hi is None):
        return True
    if before.lo is None or before.hi is None or after.lo is None or after.hi is None:
        return before != after  # a finite end moved on a half-unbounded interval
    width = before.hi - before.lo
    return width > 0 and (width - (after.hi - after.lo)) > MIN_SHRINK * width


def propagate(
    relations: Iterable[Relation],
    start: Mapping[str, Interval],
    budget: int | None = None,
) -> Outcome:
    """Narrow ``start`` (domains by variable id) by ``relations`` to a fixpoint."""
    network = Network(relations)
    return network.run(network.relations, start, budget)


class Network:
    """Relations indexed by the variables they name, for propagating many times over
    one set: ``run`` starts from a fixpoint of the active relations and revises only
    the ones it is given, so adding relations to a solved set costs what they change.
    Relations in ``inactive`` are left out until ``activate``d."""

    def __init__(self, relations: Iterable[Relation]) -> None:
        self.relations = list(relations)
        self.by_variable: dict[str, list[Relation]] = {}
        for relation in self.relations:
            for variable in relation.variables:
                self.by_variable.setdefault(variable, []).append(relation)
        self.inactive: set[str] = set()

    def activate(self, relations: Iterable[Relation]) -> None:
        self.inactive.difference_update(r.id for r in relations)

    def deactivate(self, relations: Iterable[Relation]) -> None:
        self.inactive.update(r.id for r in relations)

    def run(
        self, queue: Sequence[Relation], start: Mapping[str, Interval], budget: int | None = None
    ) -> Outcome:
        """Revise ``queue``, and every active relation of a variable that narrows,
        until nothing changes. ``start`` must already be a fixpoint of the active
        relations not in ``queue`` for the result to be theirs too."""
        domains = start.layer() if isinstance(start, Domains) else Domains(start)
        outcome = Outcome(domains)
        limit = budget if budget is not None else REVISIONS_PER_RELATION * len(queue) + 100
        pending = deque(queue)
        queued = {r.id for r in queue}
        skip = self.inactive
        while pending:
            if outcome.revisions >= limit:
                outcome.exhausted = True
                break
            relation = pending.popleft()
            queued.discard(relation.id)
            outcome.revisions += 1
            try:
                narrowed = _revise(relation, domains)
            except _EmptyError:
                outcome.emptied = relation.id
                break
            for variable, after in narrowed.items():
                before = domains[variable]
                if after == before:
                    continue
                domains[variable] = after
                outcome.narrowings.append(
                    Narrowing(variable, relation.id, before, after, outcome.revisions)
                )
                if not _significant(before, after):
                    continue
                # The relation just revised too: HC4-revise is not idempotent (a
                # variable named twice, or narrowed after another one), so without
                # another pass the result is no fixpoint and depends on the order.
                for other in self.by_variable[variable]:
                    if other.id not in queued and other.id not in skip:
                        pending.append(other)
                        queued.add(other.id)
        return outcome


def causes(outcome: Outcome, relations: Mapping[str, Relation]) -> set[str]:
    """The relations whose revisions led to the empty domain of an inconsistent
    ``outcome``: the emptying one and, going back in time, every relation that narrowed
    a variable of theirs before they were revised. Replaying those revisions alone
    from the same start reaches the same empty domain, so the set is inconsistent too
    (a worklist that skips insignificant narrowings may stop short of it: check)."""
    assert outcome.emptied is not None
    history: dict[str, list[Narrowing]] = {}
    for narrowing in outcome.narrowings:
        history.setdefault(narrowing.variable, []).append(narrowing)
    times = {variable: [n.revision for n in events] for variable, events in history.items()}
    done: dict[str, int] = {}  # variable → index of its first narrowing not yet followed
    needed = {outcome.emptied}
    stack = [(outcome.emptied, outcome.revisions)]
    while stack:
        relation, revision = stack.pop()
        for variable in relations[relation].variables:
            first = done.get(variable, 0)
            last = bisect_left(times.get(variable, ()), revision)
            for event in history.get(variable, ())[first:last]:
                needed.add(event.relation)
                stack.append((event.relation, event.revision))
            done[variable] = max(first, last)
    return needed

"""A verdict for every relation, and the conflicts among claims.

Verdicts judge each relation on the claims as stated, with each unknown at the values
the *other* relations allow it:

- **violated**: no values the claims allow satisfy it; the gap says by how much;
- **untestable**: it involves an unknown nothing else bounds (it derives that unknown
  but tests nothing), or evaluates to "anything" (a divisor that may be zero);
- **holds**: some values satisfy it (``certain`` when every value does).

Conflicts are found by propagating every relation from the stated values: an empty
domain means the claims cannot all be true. A deletion filter (Chinneck and Dravnieks'
"irreducible infeasible subset", 1991) then shrinks the claims, and after them the
relations, to a minimal set that is still inconsistent; for each of those claims the
nearest value that would restore consistency is what the others imply about it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction

import networkx as nx

from factcheck import arithmetic as ar
from factcheck.engine.model import EngineModel
from factcheck.engine.propagation import (
    REVISIONS_PER_RELATION,
    Domains,
    Network,
    causes,
    evaluate,
    propagate,
)
from factcheck.engine.relations import Relation, RelationKind, Variable, target_of, variables_in
from factcheck.intervals import Interval

__all__ = [
    "EMPTY",
    "Conflict",
    "EngineResult",
    "Nearest",
    "Status",
    "Verdict",
    "halving_budget",
    "judge",
    "judge_one",
    "leave_one_out",
    "stated_domains",
]

MAX_CONFLICTS = 25


class Status(StrEnum):
    HOLDS = "holds"
    VIOLATED = "violated"
    UNTESTABLE = "untestable"


@dataclass(frozen=True, slots=True)
class Nearest:
    """What the rest implies about ``claim``, and its value nearest to the stated one."""

    claim: str
    consistent: Interval
    value: Fraction | None  # None: the stated interval meets ``consistent``, or unknown
    #: The nearest value is an open end of ``consistent``: consistent values come as close
    #: as one likes ("below 5,261") but do not reach it.
    exclusive: bool = False
    #: Propagation stopped at its work bound: ``consistent`` is only an outer bound, and
    #: no nearest value is claimed (a bound creeping towards infinity looks like one).
    exhausted: bool = False


@dataclass(frozen=True, slots=True)
class Verdict:
    relation: Relation
    status: Status
    left: Interval
    right: Interval
    gap: Fraction | None = None
    reason: str | None = None
    certain: bool = False
    nearest: tuple[Nearest, ...] = ()
    #: Violated only because counts are whole: over real numbers the sides meet.
    by_counts: bool = False


@dataclass(frozen=True, slots=True)
class Conflict:
    claims: tuple[str, ...]
    relations: tuple[str, ...]
    nearest: tuple[Nearest, ...]


@dataclass
class EngineResult:
    model: EngineModel
    verdicts: dict[str, Verdict]
    conflicts: list[Conflict]
    components: dict[str, int] = field(default_factory=dict)  # relation id → component
    #: Relations (ids) whose joint propagation ran out of work before a fixpoint: they
    #: conflict in no way found, but were not shown consistent either.
    undecided: list[tuple[str, ...]] = field(default_factory=list)


def _components(model: EngineModel) -> tuple[dict[str, int], dict[int, list[Relation]]]:
    graph: nx.Graph[tuple[str, str]] = nx.Graph()
    for relation in model.relations:
        graph.add_node(("r", relation.id))
        for variable in relation.variables:
            graph.add_edge(("r", relation.id), ("v", variable))
    of_relation: dict[str, int] = {}
    members: dict[int, list[Relation]] = {}
    by_id = {r.id: r for r in model.relations}
    order = _order(model)
    for index, nodes in enumerate(nx.connected_components(graph)):
        rels = sorted((by_id[name] for kind, name in nodes if kind == "r"), key=order)
        members[index] = rels
        for relation in rels:
            of_relation[relation.id] = index
    return of_relation, members


def _order(model: EngineModel) -> Callable[[Relation], int]:
    position = {r.id: i for i, r in enumerate(model.relations)}
    return lambda r: position[r.id]


def stated_domains(variables: Mapping[str, Variable]) -> dict[str, Interval]:
    return {vid: v.stated for vid, v in variables.items()}


def judge(model: EngineModel) -> EngineResult:
    variables = model.variables
    stated = stated_domains(variables)
    of_relation, members = _components(model)
    judged: dict[str, Verdict] = {}
    for rels in members.values():
        others = _others(rels, variables, stated)
        for relation in rels:
            judged[relation.id] = _verdict(relation, others.get(relation.id), variables, stated)
    verdicts = {r.id: judged[r.id] for r in model.relations}
    conflicts: list[Conflict] = []
    undecided: list[tuple[str, ...]] = []
    violated = [set(v.relation.variables) for v in verdicts.values() if v.status is Status.VIOLATED]
    for rels in members.values():
        # Violated relations are reported on their own; what is left can still
        # conflict through a chain, which only a joint propagation shows. A chain that
        # only joins claims a violated relation already names is the same news twice.
        healthy = [r for r in rels if verdicts[r.id].status is not Status.VIOLATED]
        found, unsettled = _conflicts(healthy, variables, stated)
        conflicts += [c for c in found if not any(set(c.claims) <= n for n in violated)]
        if unsettled:
            undecided.append(tuple(r.id for r in unsettled))
    return EngineResult(model, verdicts, conflicts, of_relation, undecided)


def judge_one(relation: Relation, variables: Mapping[str, Variable]) -> Verdict:
    """The verdict of one relation over claims only (no unknowns), as ``judge`` gives it
    within a model of that relation alone, without building the model's components."""
    assert not _unknowns(relation, variables)
    return _verdict(relation, None, variables, stated_domains(variables))


def _unknowns(relation: Relation, variables: Mapping[str, Variable]) -> list[str]:
    return [v for v in relation.variables if variables[v].kind == "unknown"]


def _others(
    component: Sequence[Relation],
    variables: Mapping[str, Variable],
    stated: Mapping[str, Interval],
) -> dict[str, Mapping[str, Interval] | None]:
    """For each relation with unknowns, the domains that the *other* relations of its
    component allow (None where they conflict among themselves). Where they do, the
    relations that name its unknowns directly stand in for them (None again if even
    those conflict): something else is broken, and reported.

    Propagating the component once per relation would be quadratic; instead the
    relations without unknowns are solved once, and the leave-one-out fixpoints of the
    rest come from halving (each half is added to a solved set and the other half
    recursed into), O(k log k) revisions for k relations with unknowns."""
    pending = [r for r in component if _unknowns(r, variables)]
    if not pending:
        return {}
    result: dict[str, Mapping[str, Interval] | None] = {}
    leave_one_out(component, pending, stated, result)
    failed = [r for r in pending if result[r.id] is None]
    naming: dict[str, set[str]] = {}  # unknown → the relations that name it
    for relation in pending:
        for unknown in _unknowns(relation, variables):
            naming.setdefault(unknown, set()).add(relation.id)
    clusters: dict[frozenset[str], list[Relation]] = {}
    for relation in failed:
        cluster = frozenset().union(*(naming[u] for u in _unknowns(relation, variables)))
        clusters.setdefault(cluster, []).append(relation)
    for cluster, group in clusters.items():
        leave_one_out([r for r in component if r.id in cluster], group, stated, result)
    return result


def leave_one_out(
    relations: Sequence[Relation],
    pending: Sequence[Relation],
    stated: Mapping[str, Interval],
    result: dict[str, Mapping[str, Interval] | None],
) -> None:
    """``result[r]`` for each ``r`` in ``pending``: the fixpoint of ``relations``
    without ``r``, from ``stated``; None where that is inconsistent."""
    network = Network(relations)
    network.deactivate(pending)
    settled = [r for r in relations if r.id not in network.inactive]
    solved = network.run(settled, stated)
    if not solved.consistent:
        result.update(dict.fromkeys((r.id for r in pending), None))
        return
    _halve(network, solved.domains, list(pending), result)


def _halve(
    network: Network,
    solved: Mapping[str, Interval],
    pending: list[Relation],
    result: dict[str, Mapping[str, Interval] | None],
) -> None:
    if len(pending) <= 1:
        result.update(dict.fromkeys((r.id for r in pending), solved))
        return
    half = len(pending) // 2
    budget = halving_budget(network, half)
    for keep_out, add in ((pending[:half], pending[half:]), (pending[half:], pending[:half])):
        network.activate(add)
        outcome = network.run(add, solved, budget)
        if outcome.consistent:
            _halve(network, outcome.domains, keep_out, result)
        else:  # adding relations never makes a conflict go away
            result.update(dict.fromkeys((r.id for r in keep_out), None))
        network.deactivate(add)


def halving_budget(network: Network, adding: int) -> int:
    """Revisions for propagating ``adding`` relations into a solved ``network``, when
    halving puts back one half at a time (here, and in ``implications``)."""
    return REVISIONS_PER_RELATION * adding + len(network.relations) + 100


def _verdict(
    relation: Relation,
    others: Mapping[str, Interval] | None,
    variables: Mapping[str, Variable],
    stated: Mapping[str, Interval],
) -> Verdict:
    env = Domains(stated)
    free: list[str] = []
    unknowns = _unknowns(relation, variables)
    if unknowns:
        if others is None:
            reason = "the other relations of its unknowns conflict with each other"
            return Verdict(
                relation,
                Status.UNTESTABLE,
                Interval.everything(),
                Interval.everything(),
                reason=reason,
            )
        for unknown in unknowns:
            env[unknown] = others[unknown]
            if env[unknown] == variables[unknown].domain:
                free.append(unknown)
    left, right = evaluate(relation.left, env), evaluate(relation.right, env)
    difference = ar.subtract(left, right)
    target = target_of(relation.op)
    # One evaluation over intervals is too wide when a claim appears twice
    # ("a / (a + b)"); propagating the relation alone narrows each occurrence against
    # the others, so it refutes what the evaluation cannot. Where every variable
    # appears once, the evaluation is already the exact range. Counts are whole, which
    # only propagation applies ("33.5 percent of 150" is no whole number of people).
    # A count an unknown stands for is where whole numbers can refute what the figures
    # allow over real numbers (claims' own intervals have whole ends already).
    counts = relation.whole.intersection(unknowns)
    alone = propagate([relation], env) if _repeats(relation) or counts else None
    refuted = difference.intersect(target).is_empty or (alone is not None and not alone.consistent)
    # Over real numbers, for what whole numbers change: only computed when it matters.
    real = (
        propagate([replace(relation, whole=frozenset())], env)
        if counts and (refuted or free)
        else alone
    )
    by_counts = refuted and bool(counts) and real is not None and real.consistent
    if refuted:
        nearest = tuple(
            _nearest(c, [relation], env, variables)
            for c in relation.variables
            if variables[c].kind == "claim"
        )
        return Verdict(
            relation, Status.VIOLATED, left, right, _gap(difference, target), nearest=nearest,
            by_counts=by_counts and not difference.intersect(target).is_empty,
        )  # fmt: skip
    counted = [
        u for u in free
        if alone is not None and real is not None and u in counts and _grim(real.domains[u])
    ]  # fmt: skip
    if alone is not None and counted:
        # A count derived to less than one wide could miss every whole number: the
        # relation tests its figures, and its sides are judged at the counts it allows.
        free = [u for u in free if u not in counted]
        env.update((u, alone.domains[u]) for u in counted)
        left, right = evaluate(relation.left, env), evaluate(relation.right, env)
        difference = ar.subtract(left, right)
    open_ended = _open_ended(left, right, difference)
    if free and (open_ended or not all(_domain_tests(relation, u, variables) for u in free)):
        names = ", ".join(free)
        reason = f"{names} is bounded by nothing else, so this derives it but tests nothing"
        return Verdict(relation, Status.UNTESTABLE, left, right, reason=reason)
    if open_ended and not (relation.kind is RelationKind.AGREEMENT and left == right):
        reason = (
            "nothing can contradict it: its sides are bounded on one side only "
            '("more than …") or divide by a value that may be zero'
        )
        return Verdict(relation, Status.UNTESTABLE, left, right, reason=reason)
    certain = difference.intersect(target) == difference
    return Verdict(relation, Status.HOLDS, left, right, certain=certain)


def _open_ended(left: Interval, right: Interval, difference: Interval) -> bool:
    return (difference.lo is None and difference.hi is None) or _anything(left) or _anything(right)


def _grim(derived: Interval) -> bool:
    """Whether a count derived over real numbers to ``derived`` is a test of the figures
    (the GRIM test): less than one wide, with an end that is not whole, so figures a
    little different would leave no whole number in it. "38 / 1.9" is 19.95 to 20.05
    firms; a sum of counts is always whole, and tests nothing."""
    if derived.lo is None or derived.hi is None or derived.hi - derived.lo >= 1:
        return False
    return derived.whole() != derived


def _domain_tests(relation: Relation, unknown: str, variables: Mapping[str, Variable]) -> bool:
    """Whether an unknown bounded by nothing but its domain still makes ``relation`` a
    test: "8,997 == 4,762 + 4,328 - removed" fails if the figures leave fewer than no
    firms removed, because a count cannot be negative. It does when some values of the
    other variables (anything their metrics allow) would put the unknown outside its
    domain; "17,600 == 3.5 percent × SMEs" cannot put a count below zero."""
    domain = variables[unknown].domain
    if domain == Interval.everything():
        return False
    start = Domains({v: variables[v].domain for v in relation.variables})
    start[unknown] = Interval.everything()
    outcome = propagate([relation], start)
    return (
        outcome.consistent
        and outcome.domains[unknown].intersect(domain) != outcome.domains[unknown]
    )


def _anything(side: Interval) -> bool:
    """Whether a side can be any positive value whatever its figures say: "more than 10
    million yuan (more than $1.4 million)" implies a rate in (0, ∞), so no rate band
    can contradict it. A side whose lower end the figures set ("more than 500 less
    590" is above -90) is not: other figures would move it."""
    return side.hi is None and (side.lo is None or side.lo == 0)


def _repeats(relation: Relation) -> bool:
    names = [*variables_in(relation.left), *variables_in(relation.right)]
    return len(set(names)) < len(names)


def _gap(difference: Interval, target: Interval) -> Fraction | None:
    """How far ``difference`` lies from ``target``; None when they meet (a relation
    refuted only by propagation) or the difference is empty."""
    if difference.is_empty or difference.meets(target):
        return None
    if target.hi is not None and difference.lo is not None and difference.lo >= target.hi:
        return Fraction(difference.lo - target.hi)
    assert target.lo is not None
    assert difference.hi is not None
    return Fraction(target.lo - difference.hi)


def _nearest(
    claim: str,
    relations: Sequence[Relation],
    env: Mapping[str, Interval],
    variables: Mapping[str, Variable],
) -> Nearest:
    """What ``relations`` imply about ``claim`` when its own statement is set aside."""
    start = Domains(env)
    start[claim] = variables[claim].domain
    outcome = propagate(relations, start)
    if outcome.exhausted:
        return Nearest(claim, outcome.domains[claim], None, exhausted=True)
    consistent = outcome.domains[claim] if outcome.consistent else EMPTY
    value, exclusive = _closest(variables[claim].stated, consistent)
    return Nearest(claim, consistent, value, exclusive=exclusive)


#: No value at all: what an inconsistent propagation leaves a variable.
EMPTY = Interval(Fraction(1), Fraction(0))


def _closest(stated: Interval, consistent: Interval) -> tuple[Fraction | None, bool]:
    """The end of ``consistent`` nearest to ``stated``, and whether that end is open."""
    if consistent.is_empty or stated.meets(consistent):
        return None, False
    if consistent.hi is not None and stated.lo is not None and consistent.hi <= stated.lo:
        return Fraction(consistent.hi), not consistent.hi_closed
    end = consistent.lo
    return (None if end is None else Fraction(end)), not consistent.lo_closed


def _inconsistent(relations: Iterable[Relation], start: Mapping[str, Interval]) -> bool:
    """Proven inconsistent. A propagation that stops at its work bound proves nothing,
    so the deletion filter then keeps the claim: the set stays inconsistent, though
    perhaps not minimal."""
    outcome = propagate(relations, start)
    return not outcome.consistent


def _conflicts(
    relations: list[Relation], variables: Mapping[str, Variable], stated: Mapping[str, Interval]
) -> tuple[list[Conflict], list[Relation]]:
    """Minimal sets of claims that cannot all hold, one per independent conflict; and
    the relations left when propagation stopped at its work bound without finding the
    next (empty when it reached a fixpoint)."""
    found: list[Conflict] = []
    # By id, not as written: where several minimal sets exist, the one reported must
    # not depend on the order of the files (a property test found two for one model).
    remaining = sorted(relations, key=lambda r: r.id)
    while remaining and len(found) < MAX_CONFLICTS:
        outcome = propagate(remaining, stated)
        if outcome.consistent:
            return found, remaining if outcome.exhausted else []
        # The deletion filter propagates once per claim: start it from the relations
        # that led to the empty domain, not from the whole component.
        by_id = {r.id: r for r in remaining}
        suspects = [r for r in remaining if r.id in causes(outcome, by_id)]
        if not _inconsistent(suspects, stated):
            suspects = remaining
        claims = sorted({v for r in suspects for v in r.variables if variables[v].kind == "claim"})

        def relaxed(keep: Iterable[str], claims: list[str] = claims) -> Domains:
            kept = set(keep)
            domains = Domains(stated)
            domains.update((c, variables[c].domain) for c in claims if c not in kept)
            return domains

        kept = list(claims)
        for claim in claims:
            trial = [c for c in kept if c != claim]
            if _inconsistent(suspects, relaxed(trial)):
                kept = trial
        needed = list(suspects)
        for relation in list(needed):
            trial_relations = [r for r in needed if r.id != relation.id]
            if _inconsistent(trial_relations, relaxed(kept)):
                needed = trial_relations
        env = relaxed(kept)
        nearest = tuple(_nearest(c, needed, env, variables) for c in kept)
        found.append(Conflict(tuple(kept), tuple(r.id for r in needed), nearest))
        gone = {n.id for n in needed}
        remaining = [r for r in remaining if r.id not in gone]
    return found, []

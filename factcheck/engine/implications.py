"""What the rest of the fact base implies about a variable, its own statement set aside:
for one variable (``implied``, what ``explain`` shows with the chain that implies it)
or for every variable at once (``implied_everywhere``, what ``graph`` shows on hover).
``set_aside`` is the one place that decides which relations both leave out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from factcheck.engine.propagation import Domains, Network, Outcome, propagate
from factcheck.engine.relations import Relation
from factcheck.engine.verdicts import (
    EMPTY,
    EngineResult,
    Status,
    halving_budget,
    stated_domains,
)
from factcheck.intervals import Interval

__all__ = ["implied", "implied_everywhere", "left_out", "set_aside"]


def set_aside(result: EngineResult) -> frozenset[str]:
    """The relations (ids) that what the rest implies about a variable leaves out unless
    they name the variable: those violated on their own and those of a conflicting set
    (FC208). They are reported, and would otherwise leave nothing to imply for every
    claim they link: one failing relation must not empty ``explain`` across a group.
    ``implied`` and ``implied_everywhere`` both ask here and ``left_out``, so these are
    the one place that decides it."""
    failing = {r for r, v in result.verdicts.items() if v.status is Status.VIOLATED}
    failing.update(r for conflict in result.conflicts for r in conflict.relations)
    return frozenset(failing)


def left_out(result: EngineResult) -> frozenset[str]:
    """The relations left out even when they name the variable: failing ones the user
    has acknowledged as a genuine disagreement in the sources. A claim's own
    acknowledged gap ("the running total is not the sum of the lists") says nothing
    about what its value should be."""
    return frozenset(
        r for r in set_aside(result) if result.verdicts[r].relation.acknowledged is not None
    )


def implied(result: EngineResult, variable: str) -> tuple[Interval, Outcome]:
    """What the rest of the fact base implies about ``variable``, its own statement set
    aside: every relation of its component is propagated from the stated values, except
    the relations ``set_aside`` that do not name it and those ``left_out``. Empty when
    even that is inconsistent. The outcome's narrowings are the chain that implies it
    (``explain``)."""
    model = result.model
    aside, out = set_aside(result), left_out(result)
    mine = {result.components[r.id] for r in model.relations if variable in r.variables}
    relations = [
        r for r in model.relations
        if result.components.get(r.id) in mine and r.id not in out
        and (variable in r.variables or r.id not in aside)
    ]  # fmt: skip
    start = Domains(stated_domains(model.variables))
    start[variable] = model.variables[variable].domain
    outcome = propagate(relations, start)
    return (outcome.domains[variable] if outcome.consistent else EMPTY), outcome


def implied_everywhere(result: EngineResult) -> dict[str, Interval]:
    """``implied(result, v)``'s interval for every variable ``v`` that a relation names,
    without one propagation of the whole component per variable (``factcheck graph``
    on a chain of 1,000 constraints took 22 s that way).

    Per component, the relations not set aside are first solved with *every* variable's
    statement set aside; then, halving as ``leave_one_out`` does for relations, one half
    of the statements is put back (what that narrows is propagated) while the other half
    is recursed into. At a single variable every statement but its own is in: what is
    left to add are the set-aside relations that name it. O(k log k) propagations of
    what changes, for k variables, instead of k of everything."""
    model = result.model
    aside, out = set_aside(result), left_out(result)
    stated = stated_domains(model.variables)
    components: dict[int, list[Relation]] = {}
    for relation in model.relations:
        components.setdefault(result.components[relation.id], []).append(relation)
    found: dict[str, Interval] = {}
    for relations in components.values():
        network = Network(relations)
        own: dict[str, list[Relation]] = {}  # variable → the set-aside relations naming it
        for relation in relations:
            if relation.id in aside and relation.id not in out:
                for variable in relation.variables:
                    own.setdefault(variable, []).append(relation)
        network.deactivate(r for r in relations if r.id in aside)
        pending = list(dict.fromkeys(v for r in relations for v in r.variables))
        start = Domains(stated)
        start.update((v, model.variables[v].domain) for v in pending)
        solved = network.run([r for r in relations if r.id not in aside], start)

        def alone(variable: str) -> Interval:
            return implied(result, variable)[0]

        if solved.exhausted:
            found.update((v, alone(v)) for v in pending)
        elif solved.consistent:
            _restore(
                network, solved.domains, pending,
                stated=stated, own=own, found=found, alone=alone,
            )  # fmt: skip
        else:  # adding statements never makes a conflict go away
            found.update(dict.fromkeys(pending, EMPTY))
    return found


def _restore(
    network: Network,
    solved: Mapping[str, Interval],
    pending: list[str],
    *,
    stated: Mapping[str, Interval],
    own: Mapping[str, list[Relation]],
    found: dict[str, Interval],
    alone: Callable[[str], Interval],
) -> None:
    """``found[v]`` for each ``v`` in ``pending``, from ``solved``: a fixpoint of the
    active relations with the statements of every variable but ``pending``'s. Where a
    propagation on the way runs out of its budget (a creeping bound), what it leaves is
    wider than one propagation from the start would reach, so those variables are
    found ``alone``, as ``implied`` finds them."""
    if not pending:  # a component of relations without variables ("1 == 1")
        return
    if len(pending) == 1:
        variable = pending[0]
        extra = own.get(variable, [])
        if not extra:
            found[variable] = solved[variable]
            return
        network.activate(extra)
        outcome = network.run(extra, solved, halving_budget(network, len(extra)))
        network.deactivate(extra)
        if outcome.exhausted:
            found[variable] = alone(variable)
            return
        found[variable] = outcome.domains[variable] if outcome.consistent else EMPTY
        return
    half = len(pending) // 2
    for keep_out, add in ((pending[:half], pending[half:]), (pending[half:], pending[:half])):
        domains = solved.layer() if isinstance(solved, Domains) else Domains(solved)
        queue: dict[str, Relation] = {}
        consistent = True
        for variable in add:
            narrowed = solved[variable].intersect(stated[variable])
            if narrowed == solved[variable]:
                continue
            if narrowed.is_empty:
                consistent = False
                break
            domains[variable] = narrowed
            for relation in network.by_variable[variable]:
                if relation.id not in network.inactive:
                    queue.setdefault(relation.id, relation)
        if consistent:
            budget = halving_budget(network, len(queue))
            outcome = network.run(list(queue.values()), domains, budget)
            if outcome.exhausted:
                found.update((v, alone(v)) for v in keep_out)
                continue
            consistent = outcome.consistent
        if consistent:
            _restore(
                network, outcome.domains, keep_out,
                stated=stated, own=own, found=found, alone=alone,
            )  # fmt: skip
        else:  # adding statements never makes a conflict go away
            found.update(dict.fromkeys(keep_out, EMPTY))

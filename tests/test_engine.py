"""The constraint engine: sound and terminating propagation, and a check that fails on
any single changed claim that breaks a relation."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import api
from factcheck.config import discover_settings
from factcheck.engine.implications import implied
from factcheck.engine.model import build_model
from factcheck.engine.propagation import causes, evaluate, propagate
from factcheck.engine.relations import Relation, RelationKind, Term
from factcheck.engine.reporting import engine_findings
from factcheck.engine.verdicts import Status, judge, leave_one_out
from factcheck.expressions import Binary, Name, Number, parse_constraint
from factcheck.factbase import FactBase, Reading
from factcheck.figures import Amount
from factcheck.findings import Location, Severity
from factcheck.intervals import Interval

from .conftest import ROOT

VARIABLES = ["a", "b", "c", "d"]
small = st.fractions(min_value=-20, max_value=20, max_denominator=6)


@st.composite
def terms(draw: st.DrawFn, depth: int = 0) -> Term:
    if depth >= 3 or draw(st.booleans()):
        if draw(st.booleans()):
            return Name(draw(st.sampled_from(VARIABLES)), 0, 0)
        return Number(draw(small), 0, 0)
    op = draw(st.sampled_from(["+", "-", "*", "/"]))
    return Binary(op, draw(terms(depth + 1)), draw(terms(depth + 1)), 0, 0)


@st.composite
def systems(
    draw: st.DrawFn, whole: bool = False
) -> tuple[dict[str, Fraction], dict[str, Interval], list[Relation]]:
    """A point, starting domains around it, and relations the point satisfies. With
    ``whole``, the point is whole and every variable a count (narrowed to whole ends)."""
    if whole:
        point = {v: Fraction(draw(st.integers(min_value=-20, max_value=20))) for v in VARIABLES}
    else:
        point = {v: draw(small) for v in VARIABLES}
    domains = {}
    for v, x in point.items():
        below = draw(
            st.one_of(st.none(), st.fractions(min_value=0, max_value=10, max_denominator=4))
        )
        above = draw(
            st.one_of(st.none(), st.fractions(min_value=0, max_value=10, max_denominator=4))
        )
        domains[v] = Interval(
            None if below is None else x - below, None if above is None else x + above
        )
    relations = []
    for i in range(draw(st.integers(min_value=1, max_value=5))):
        left, right = draw(terms()), draw(terms())
        at_point = {v: Interval.point(x) for v, x in point.items()}
        lv, rv = evaluate(left, at_point), evaluate(right, at_point)
        if not (lv.is_point and rv.is_point):
            continue  # a division by zero at the point: no relation to keep
        assert lv.lo is not None
        assert rv.lo is not None
        difference = lv.lo - rv.lo
        op = "==" if difference == 0 else ("<" if difference < 0 else ">")
        if draw(st.booleans()) and op != "==":
            op += "="
        relations.append(
            Relation(
                f"r{i}",
                RelationKind.CONSTRAINT,
                left,
                op,
                right,
                tuple(VARIABLES),
                Location("t"),
                "t",
                whole=frozenset(VARIABLES) if whole else frozenset(),
            )
        )
    return point, domains, relations


@settings(deadline=None)
@given(systems())
def test_propagation_never_discards_a_solution(
    system: tuple[dict[str, Fraction], dict[str, Interval], list[Relation]],
) -> None:
    point, domains, relations = system
    outcome = propagate(relations, domains)
    assert outcome.consistent
    for variable, value in point.items():
        assert value in outcome.domains[variable]


@settings(deadline=None)
@given(systems(whole=True))
def test_counting_never_discards_a_whole_solution(
    system: tuple[dict[str, Fraction], dict[str, Interval], list[Relation]],
) -> None:
    """Counts narrowed to whole ends keep every whole solution (issue 14, item 6)."""
    point, domains, relations = system
    outcome = propagate(relations, domains)
    assert outcome.consistent
    for variable, value in point.items():
        assert value in outcome.domains[variable]
        narrowed = outcome.domains[variable]
        if narrowed != domains[variable]:  # narrowed by a relation: whole ends
            for end in (narrowed.lo, narrowed.hi):
                assert end is None or Fraction(end).denominator == 1


def test_a_count_that_no_whole_number_fits_is_a_conflict() -> None:
    """33.5 percent of 150 respondents is 50.175 to 50.325 people: none is whole."""
    agree, respondents, share = "x", "y", "z"
    relation = dataclasses.replace(_relation("x == y * z"), whole=frozenset({agree, respondents}))
    domains = {
        agree: Interval(0, None),
        respondents: Interval.point(150),
        share: Interval(Fraction(3345, 10000), Fraction(3355, 10000), True, False),
    }
    assert not propagate([relation], domains).consistent
    assert propagate([dataclasses.replace(relation, whole=frozenset())], domains).consistent
    domains[share] = Interval(Fraction(3325, 10000), Fraction(3335, 10000), True, False)
    outcome = propagate([relation], domains)
    assert outcome.domains[agree] == Interval(50, 50)


def _relation(expr: str, rid: str = "r") -> Relation:
    tree = parse_constraint(expr)
    names = tuple(sorted({"x", "y", "z"} & set(expr.replace("(", " ").replace(")", " ").split())))
    return Relation(
        rid, RelationKind.CONSTRAINT, tree.left, tree.op, tree.right, names, Location("t"), "t"
    )


def test_slow_convergence_terminates_within_budget() -> None:
    """x = 0.999·y and y = 0.999·x shrink each other towards 0 by 0.1 percent a step."""
    relations = [_relation("x == 0.999 * y", "r1"), _relation("y == 0.999 * x", "r2")]
    start = {"x": Interval.closed(0, 100), "y": Interval.closed(0, 100)}
    outcome = propagate(relations, start, budget=500)
    assert outcome.revisions <= 500
    assert 0 in outcome.domains["x"]
    assert outcome.domains["x"].hi is not None
    assert outcome.domains["x"].hi < 100


@settings(deadline=None)
@given(systems())
def test_leave_one_out_by_halving_keeps_every_solution(
    system: tuple[dict[str, Fraction], dict[str, Interval], list[Relation]],
) -> None:
    """What the other relations allow, for each relation, computed by halving: never
    inconsistent where a point satisfies them all, and never without that point."""
    point, domains, relations = system
    others: dict[str, Mapping[str, Interval] | None] = {}
    leave_one_out(relations, relations, domains, others)
    assert set(others) == {r.id for r in relations}
    for allowed in others.values():
        assert allowed is not None
        for variable, value in point.items():
            assert value in allowed[variable]


def test_the_causes_of_an_empty_domain_are_the_relations_that_led_to_it() -> None:
    relations = [
        _relation("x + y == 10", "r1"),
        _relation("z == 5", "unrelated"),
        _relation("x - y == 2", "r2"),
    ]
    start = {"x": Interval.closed(0, 3), "y": Interval.closed(0, 3), "z": Interval.closed(0, 9)}
    outcome = propagate(relations, start)
    assert not outcome.consistent
    found = causes(outcome, {r.id: r for r in relations})
    assert outcome.emptied in found
    assert found <= {"r1", "r2"}
    assert not propagate([r for r in relations if r.id in found], start).consistent


def test_inconsistency_is_detected() -> None:
    relations = [_relation("x + y == 10", "r1"), _relation("x - y == 2", "r2")]
    start = {"x": Interval.closed(0, 3), "y": Interval.closed(0, 3)}
    assert not propagate(relations, start).consistent


def test_propagation_narrows_to_the_solution() -> None:
    relations = [_relation("x + y == 10", "r1"), _relation("x - y == 2", "r2")]
    start = {"x": Interval(None, None), "y": Interval.closed(0, 100)}
    outcome = propagate(relations, start)
    # Hull consistency narrows to the box around the solution x = 6, y = 4.
    assert outcome.domains["x"] == Interval.closed(2, 10)
    assert outcome.domains["y"] == Interval.closed(0, 8)


# -- the bundled fact base -------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> FactBase:
    factbase, _ = api.load(discover_settings(ROOT))
    return factbase


def test_bundled_fact_base_has_one_acknowledged_inconsistency(bundled: FactBase) -> None:
    result = judge(build_model(bundled))
    violated = [v for v in result.verdicts.values() if v.status is Status.VIOLATED]
    assert [v.relation.id for v in violated] == ["cn-goal-set-before-2021-report"]
    assert violated[0].relation.acknowledged
    assert result.conflicts == []


def _mutated(factbase: FactBase, claim: str, value: Fraction) -> FactBase:
    """The fact base with ``claim`` stating exactly ``value`` (in the claim's unit)."""
    reading = factbase.readings[claim]
    readings = dict(factbase.readings)
    readings[claim] = Reading(reading.figure, reading.unit, Interval.point(value))
    return dataclasses.replace(factbase, readings=readings)


def _breaking_value(factbase: FactBase, claim: str) -> Fraction | None:
    """A value of ``claim`` (in its own unit) that the rest of the fact base rules out,
    or None when nothing else bounds it or only acknowledged relations hold it."""
    result = judge(build_model(factbase))
    variable = result.model.variables[claim]
    guarding = [r for r in result.model.relations if claim in r.variables and not r.acknowledged]
    value, _ = implied(result, claim)
    if not guarding or value == variable.domain or value.is_empty:
        return None
    lo, hi = value.lo, value.hi
    candidates: list[Fraction] = []
    if hi is not None:
        step = Fraction(max(abs(hi), 1))
        candidates += [hi + step, hi + step / 10, hi + step / 1000]
    if lo is not None:
        step = Fraction(max(abs(lo), 1))
        candidates += [lo - step / 2, lo - step / 10, lo - step / 1000]
    for candidate in candidates:
        if candidate in variable.domain and candidate not in value:
            return candidate / variable.scale  # back to the claim's own unit
    return None


def _claims_in_relations(factbase: FactBase) -> list[str]:
    model = build_model(factbase)
    return sorted(
        {v for r in model.relations for v in r.variables if model.variables[v].kind == "claim"}
    )


#: Claims in relations that no single change can break, and why.
UNGUARDED = {
    "cn-goal-set-year": "its only relation is the acknowledged inconsistency",
    "bj-action-plan-years": "read through lo()/hi(): see test_a_span_read_through_lo_and_hi",
    "gd-smes-financed": "bounded only by 'more than 18,000', which has no upper end",
    "tasson-speedup": "its only relation derives an unknown nothing else bounds",
    "tasson-vs-standard": "its only relation derives an unknown nothing else bounds",
}


def test_every_claim_in_a_relation_is_guarded(bundled: FactBase) -> None:
    """Change each claim that takes part in a relation to a value the rest of the fact
    base rules out: check must then fail, naming that claim."""
    guarded, unguarded = [], []
    for claim in _claims_in_relations(bundled):
        value = _breaking_value(bundled, claim)
        if value is None:
            unguarded.append(claim)  # nothing else bounds it: no single change breaks a relation
            continue
        result = judge(build_model(_mutated(bundled, claim, value)))
        failing = [
            f for f in engine_findings(result)
            if f.severity is Severity.ERROR and f.acknowledged is None
        ]  # fmt: skip
        assert any(claim in f.claims for f in failing), f"{claim} = {value} was not caught"
        guarded.append(claim)
    assert set(unguarded) <= set(UNGUARDED), unguarded
    assert len(guarded) == len(_claims_in_relations(bundled)) - len(unguarded)


def test_mutation_reaches_the_cli_exit_code(bundled: FactBase) -> None:
    """One end-to-end case through files: 658 becomes 758."""
    result = judge(build_model(_mutated(bundled, "gd-fifth-batch", Fraction(758))))
    codes = {f.code for f in engine_findings(result) if f.acknowledged is None}
    assert codes & {"FC201", "FC203", "FC207"}


def test_a_span_read_through_lo_and_hi_is_guarded(bundled: FactBase) -> None:
    """ "spanning 2018-20" made "2018-21": four years, where the plan says three."""
    reading = bundled.readings["bj-action-plan-years"]
    longer = Reading(
        dataclasses.replace(reading.figure, high=Amount(Fraction(2021))),
        reading.unit,
        Interval.closed(2018, 2021),
    )
    readings = {**bundled.readings, "bj-action-plan-years": longer}
    result = judge(build_model(dataclasses.replace(bundled, readings=readings)))
    failing = [f for f in engine_findings(result) if f.code == "FC201"]
    assert any("bj-action-plan-years" in f.claims for f in failing)

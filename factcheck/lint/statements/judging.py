"""A paragraph's statements judged by the engine: its figures become variables and the
relations it states become relations. The engine's forward pass (``evaluate``) says
whether a reading can hold; for a statement none of whose readings can, its verdict
(``judge_one``) gives both sides and each figure's nearest consistent value; relations
that hold one by one but share figures go to ``propagate`` and, if inconsistent, to
``judge`` for their minimal conflicting sets. The findings' rules are per kind of
relation (``RULES``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction

from factcheck.arithmetic import subtract
from factcheck.dimensions import dimension_of, scale_of
from factcheck.engine.model import EngineModel, scaled
from factcheck.engine.propagation import evaluate, propagate
from factcheck.engine.relations import Relation, RelationKind, Variable, target_of, variables_in
from factcheck.engine.reporting import describe_sides, nearest_text, render_relation
from factcheck.engine.verdicts import Status, Verdict, judge, judge_one, stated_domains
from factcheck.findings import Location
from factcheck.intervals import Interval
from factcheck.lint.statements.passage import Operand, Passage
from factcheck.lint.statements.problems import Problem
from factcheck.lint.statements.statement import Category, Reading, Statement
from factcheck.rules.lint import (
    DraftChangeMismatch,
    DraftConversionImplausible,
    DraftDateMismatch,
    DraftOrderMismatch,
    DraftPointsMismatch,
    DraftRateMismatch,
    DraftRatioMismatch,
    DraftRelationsConflict,
    DraftRestatementMismatch,
    DraftShareMismatch,
    DraftSumMismatch,
)
from factcheck.rules.registry import Rule
from factcheck.units import Unit

__all__ = ["RULES", "chosen_readings", "judge_statements"]

RULES: dict[Category, type[Rule]] = {
    Category.SHARE: DraftShareMismatch,
    Category.CONVERSION: DraftConversionImplausible,
    Category.CHANGE: DraftChangeMismatch,
    Category.SUM: DraftSumMismatch,
    Category.DATE: DraftDateMismatch,
    Category.POINTS: DraftPointsMismatch,
    Category.RANK: DraftOrderMismatch,
    Category.RESTATEMENT: DraftRestatementMismatch,
    Category.RATIO: DraftRatioMismatch,
    Category.RATE: DraftRateMismatch,
}
_NONNEGATIVE = Interval(Fraction(0), None, True, False)


class _Names:
    """The variables of the figures the readings use, named as the draft writes them,
    so that the engine's messages read "'30' / '727' is 4.1 percent"."""

    def __init__(self, passage: Passage, where: Location) -> None:
        self.passage = passage
        self.where = where
        self.variables: dict[str, Variable] = {}

    def add(self, operand: Operand) -> None:
        if operand.label in self.variables:
            return
        figure = operand.mention.figure
        scale = scale_of(operand.unit)
        self.variables[operand.label] = Variable(
            id=operand.label,
            kind="claim",
            unit=operand.unit,
            dimension=dimension_of(operand.unit),
            scale=scale,
            stated=scaled(self.passage.interval(operand.mention, hedged=operand.hedged), scale),
            domain=_NONNEGATIVE,  # figures are read as magnitudes (``Passage.interval``)
            location=self.where,
            whole=operand.unit is Unit.COUNT and figure.low.step == 0 and figure.hedge is None,
        )


def _relation(reading: Reading, names: _Names, rid: str) -> Relation:
    for operand in reading.operands:
        names.add(operand)
    variables = tuple(
        dict.fromkeys(n for side in (reading.left, reading.right) for n in variables_in(side))
    )
    whole = frozenset(v for v in variables if names.variables[v].whole)
    return Relation(
        id=rid, kind=RelationKind.CONSTRAINT, left=reading.left, op=reading.op,
        right=reading.right, variables=variables, location=names.where,
        description=reading.says, whole=whole,
    )  # fmt: skip


def _verdict_of(relation: Relation, names: _Names) -> Verdict:
    return judge_one(relation, {v: names.variables[v] for v in relation.variables})


def _may_hold(relation: Relation, names: _Names) -> bool:
    """Whether the sides can meet on the stated values: the engine's forward pass, the
    first step of its verdict (which, being dearer, is asked only when this fails)."""
    stated = {v: names.variables[v].stated for v in relation.variables}
    difference = subtract(evaluate(relation.left, stated), evaluate(relation.right, stated))
    return difference.meets(target_of(relation.op))


def judge_statements(
    passage: Passage, statements: Sequence[Statement], where: Location
) -> Iterator[Problem]:
    """The statements that cannot hold, each reported at its anchor; then the sets of
    statements that hold one by one but not together."""
    names = _Names(passage, where)
    chosen: list[tuple[Statement, Relation]] = []
    for number, statement in enumerate(statements):
        relations, holding = _holding(statement, number, names)
        verdict = _verdict_of(relations[0], names) if holding is None else None
        if verdict is not None and verdict.status is Status.VIOLATED:
            yield _problem(statement, verdict, names)
        else:
            chosen.append((statement, holding or relations[0]))
    if len(chosen) > 1:
        yield from _joint(chosen, names)


def _holding(
    statement: Statement, number: int, names: _Names
) -> tuple[list[Relation], Relation | None]:
    """The statement's readings as relations, and the first that may hold, if any."""
    relations = [
        _relation(r, names, f"{statement.category}-{number}-{i}")
        for i, r in enumerate(statement.readings)
    ]
    return relations, next((r for r in relations if _may_hold(r, names)), None)


def chosen_readings(
    passage: Passage, statements: Sequence[Statement], where: Location
) -> Iterator[tuple[Statement, Reading]]:
    """Each statement with the reading lint holds it to: the first that may hold, else
    its first (the one a finding would report)."""
    names = _Names(passage, where)
    for number, statement in enumerate(statements):
        relations, holding = _holding(statement, number, names)
        index = 0 if holding is None else relations.index(holding)
        yield statement, statement.readings[index]


def _problem(statement: Statement, verdict: Verdict, names: _Names) -> Problem:
    relation = verdict.relation
    sides = " but ".join(describe_sides(verdict, names.variables))
    message = (
        f"{relation.description}: {sides} (needs {render_relation(relation)})"
        f"{nearest_text(verdict.nearest, names.variables)}"
    )
    anchor = statement.anchor
    return Problem(
        RULES[statement.category], message, anchor.start, anchor.end,
        _spans(statement.readings[0], anchor.index),
    )  # fmt: skip


def _spans(reading: Reading, anchor: int) -> tuple[tuple[int, int], ...]:
    return tuple(
        (o.mention.start, o.mention.end) for o in reading.operands if o.mention.index != anchor
    )


def _joint(chosen: list[tuple[Statement, Relation]], names: _Names) -> Iterator[Problem]:
    """Statements that each hold but cannot all hold together (the engine's minimal
    conflicting sets): "12, 9 and 4, together 30" beside "of the 25"."""
    relations = [r for _, r in chosen]
    used = {v: names.variables[v] for r in relations for v in r.variables}
    if sum(len(r.variables) for r in relations) == len(used):
        return  # no figure in two relations: nothing to conflict through
    if propagate(relations, stated_domains(used)).consistent:
        return
    result = judge(EngineModel(used, relations))
    by_id = {r.id: (s, r) for s, r in chosen}
    for conflict in result.conflicts:
        involved = [by_id[r] for r in conflict.relations]
        last = max(involved, key=lambda pair: pair[0].anchor.start)[0]
        said = "; ".join(r.description for _, r in involved)
        message = (
            f"the draft's relations cannot all hold together: {said}"
            f"{nearest_text(conflict.nearest, names.variables)}"
        )
        yield Problem(DraftRelationsConflict, message, last.anchor.start, last.anchor.end)

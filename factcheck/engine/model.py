"""Build the engine's input from a fact base: variables for claims and unknowns, and
relations from constraints/*.yaml (this module) and from the registries (``builtin``)."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from factcheck.dimensions import ANY, DIMENSIONLESS, Dimension, dimension_of, scale_of
from factcheck.engine.builtin import builtin_relations
from factcheck.engine.relations import (
    Constant,
    Relation,
    RelationKind,
    Term,
    Untestable,
    Variable,
    variables_in,
)
from factcheck.expressions import (
    Binary,
    Call,
    Comparison,
    ExpressionError,
    Name,
    Negation,
    Number,
    parse_constraint,
)
from factcheck.factbase import Entry, FactBase
from factcheck.findings import Finding
from factcheck.intervals import Interval
from factcheck.model import Constraint
from factcheck.rules.constraints import DimensionMismatch, ExpressionSyntax, UnknownName
from factcheck.rules.integrity import DuplicateId, UnitMismatch
from factcheck.rules.registry import Rule
from factcheck.units import Measure, default_unit, domain_of

__all__ = ["EngineModel", "build_model", "scaled"]


@dataclass
class EngineModel:
    variables: dict[str, Variable]
    relations: list[Relation]
    findings: list[Finding] = field(default_factory=list)
    #: Relations that cannot be built or tested, with the reason (FC209).
    untestable: list[Untestable] = field(default_factory=list)


def scaled(interval: Interval, factor: Fraction) -> Interval:
    """``interval`` times a positive constant."""
    lo = None if interval.lo is None else interval.lo * factor
    hi = None if interval.hi is None else interval.hi * factor
    return Interval(lo, hi, interval.lo_closed, interval.hi_closed)


def _variables(factbase: FactBase, findings: list[Finding]) -> dict[str, Variable]:
    variables: dict[str, Variable] = {}
    for cid, reading in factbase.readings.items():
        entry = factbase.claims[cid]
        metric = factbase.metrics[entry.record.metric].record
        scale = scale_of(reading.unit)
        variables[cid] = Variable(
            id=cid,
            kind="claim",
            unit=reading.unit,
            dimension=dimension_of(reading.unit),
            scale=scale,
            stated=scaled(reading.interval, scale).integral(),
            domain=scaled(domain_of(metric.measures), scale).integral(),
            location=entry.where("value"),
            whole=_counts(metric.measures, scale),
        )
    for uid, unknown_entry in factbase.unknowns.items():
        unknown = unknown_entry.record
        if uid in factbase.claims:
            findings.append(
                DuplicateId.finding(
                    f"unknown {uid!r} has the id of a claim; constraints could not tell them apart",
                    unknown_entry.where("id"),
                    related=(),
                )
            )
            continue
        unit = unknown.unit or default_unit(unknown.measures)
        if unit is None:
            findings.append(
                UnitMismatch.finding(
                    f"unknown {uid!r} measures {unknown.measures}: give it a 'unit'",
                    unknown_entry.where("measures"),
                )
            )
            continue
        domain = scaled(domain_of(unknown.measures), scale_of(unit)).integral()
        variables[uid] = Variable(
            uid, "unknown", unit, dimension_of(unit), scale_of(unit), domain, domain,
            unknown_entry.where("id"), _counts(unknown.measures, scale_of(unit)),
        )  # fmt: skip
    return variables


def _counts(measures: Measure, scale: Fraction) -> bool:
    """Whether values of the measure are whole numbers in the engine's base scale."""
    return measures is Measure.COUNT and scale == 1


def build_model(factbase: FactBase) -> EngineModel:
    """Variables and relations of the fact base, with findings for constraints that
    cannot be built."""
    findings: list[Finding] = []
    variables = _variables(factbase, findings)
    model = EngineModel(variables, [], findings)
    for entry in factbase.constraints.values():
        relation = _compile(entry, factbase, model)
        if relation is not None:
            model.relations.append(relation)
    explicit = {frozenset(r.variables) for r in model.relations}
    generated, untestable = builtin_relations(factbase, variables)
    model.untestable.extend(untestable)
    for relation in generated:
        if relation.kind is RelationKind.SHARE and frozenset(relation.variables) in explicit:
            continue  # a constraint already states this share
        model.relations.append(relation)
    model.relations = [_with_counts(r, variables) for r in model.relations]
    return model


def _with_counts(relation: Relation, variables: Mapping[str, Variable]) -> Relation:
    whole = frozenset(v for v in relation.variables if variables[v].whole)
    return dataclasses.replace(relation, whole=whole) if whole else relation


def _compile(entry: Entry[Constraint], factbase: FactBase, model: EngineModel) -> Relation | None:
    constraint = entry.record
    if constraint.id in model.variables or constraint.id in factbase.claims:
        model.findings.append(
            DuplicateId.finding(
                f"constraint {constraint.id!r} has the id of a claim or unknown; "
                "`factcheck explain` could not tell them apart",
                entry.where("id"),
            )
        )
    try:
        tree = parse_constraint(constraint.expr)
    except ExpressionError as exc:
        where = entry.within("expr", exc.start, exc.end)
        model.findings.append(
            ExpressionSyntax.finding(
                f"constraint {constraint.id!r}: {exc}", where, constraint=constraint.id
            )
        )
        return None
    compiler = _Compiler(entry, factbase, model)
    left, right = compiler.term(tree.left), compiler.term(tree.right)
    if compiler.failed:
        return None
    if compiler.unreadable:
        message = (
            f"constraint {constraint.id!r} is untestable: claim "
            f"{compiler.unreadable[0]!r} has no readable value"
        )
        unreadable = tuple(dict.fromkeys(compiler.unreadable))
        model.untestable.append(Untestable(message, entry.where("expr"), unreadable))
        return None
    names = list(dict.fromkeys([*variables_in(left), *variables_in(right), *compiler.bounded]))
    claims = tuple(n for n in names if model.variables[n].kind == "claim")
    relation = Relation(
        id=constraint.id,
        kind=RelationKind.CONSTRAINT,
        left=left,
        op=tree.op,
        right=right,
        variables=tuple(names),
        location=entry.where("expr"),
        description=constraint.description,
        acknowledged=constraint.acknowledged,
        severity=constraint.severity,
        related=tuple(model.variables[c].location for c in claims),
    )
    if not compiler.dimensions(tree):
        return None
    if constraint.tolerance is not None:
        return _tolerant(relation, constraint.tolerance, entry, model)
    return relation


_TOLERANCE = re.compile(r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<percent>%|percent)?")


def _tolerant(
    relation: Relation, tolerance: str, entry: Entry[Constraint], model: EngineModel
) -> Relation | None:
    """``relation`` with its right side widened by the constraint's ``tolerance``: a
    share of itself (``right * [0.98, 1.02]`` for "2 percent", sound for either sign)
    or a number in the unit the relation is shown in (``right + [-300, 300]`` firms;
    "1" against a share is one percentage point)."""
    m = _TOLERANCE.fullmatch(tolerance.strip())
    if m is None:
        model.findings.append(
            ExpressionSyntax.finding(
                f"constraint {relation.id!r}: tolerance {tolerance!r} is neither a number "
                "('300', in the unit of its claims) nor a percentage ('2 percent')",
                entry.where("tolerance"),
                constraint=relation.id,
            )
        )
        return None
    amount = Fraction(m["number"].replace(",", ""))
    if m["percent"]:
        band = Interval(1 - amount / 100, 1 + amount / 100)
        right: Term = Binary("*", relation.right, Constant(band), 0, 0)
    else:  # in the unit the right side is shown in: a bare name there, else the left's
        shown = next(
            (side.id for side in (relation.right, relation.left) if isinstance(side, Name)), None
        )
        claims = [v for v in relation.variables if model.variables[v].kind == "claim"]
        unit_of = shown or (claims[0] if claims else None)
        scale = model.variables[unit_of].scale if unit_of else Fraction(1)
        right = Binary(
            "+", relation.right, Constant(Interval(-amount * scale, amount * scale)), 0, 0
        )
    return dataclasses.replace(relation, right=right)


class _Compiler:
    """Resolves names and checks dimensions of one constraint, collecting findings."""

    def __init__(self, entry: Entry[Constraint], factbase: FactBase, model: EngineModel) -> None:
        self.entry, self.factbase, self.model = entry, factbase, model
        self.failed = False
        self.unreadable: list[str] = []
        self.bounded: list[str] = []  # claims read through lo() and hi()

    def _error(self, rule: type[Rule], message: str, start: int, end: int) -> None:
        where = self.entry.within("expr", start, end)
        cid = self.entry.record.id
        self.model.findings.append(
            rule.finding(f"constraint {cid!r}: {message}", where, constraint=cid)
        )
        self.failed = True

    def term(self, node: Term) -> Term:
        if isinstance(node, Name):
            self._resolve(node)
            return node
        if isinstance(node, Negation):
            return Negation(self.term(node.operand), node.start, node.end)
        if isinstance(node, Binary):
            return Binary(
                node.op, self.term(node.left), self.term(node.right), node.start, node.end
            )
        if isinstance(node, Call):
            if node.function in {"lo", "hi"}:
                return self._bound(node)
            return Call(node.function, tuple(self.term(a) for a in node.args), node.start, node.end)
        return node

    def _resolve(self, node: Name) -> None:
        if node.id in self.model.variables:
            return
        if node.id in self.factbase.claims:
            self.unreadable.append(node.id)
            return
        close = difflib.get_close_matches(node.id, list(self.model.variables), n=2)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        self._error(
            UnknownName,
            f"{node.id!r} is neither a claim nor an unknown{hint}",
            node.start,
            node.end,
        )

    def _bound(self, node: Call) -> Term:
        (arg,) = node.args
        assert isinstance(arg, Name)  # the parser allows only a name
        self._resolve(arg)
        variable = self.model.variables.get(arg.id)
        if variable is None:
            return Number(Fraction(0), node.start, node.end)  # reported by _resolve
        if variable.kind != "claim":
            self._error(
                UnknownName,
                f"{node.function}() takes a claim, and {arg.id!r} is an unknown",
                arg.start,
                arg.end,
            )
            return Number(Fraction(0), node.start, node.end)
        end = variable.stated.lo if node.function == "lo" else variable.stated.hi
        if end is None:
            self._error(
                ExpressionSyntax,
                f"{node.function}({arg.id}): the claim's interval has no "
                f"{'lower' if node.function == 'lo' else 'upper'} end",
                node.start,
                node.end,
            )
            return Number(Fraction(0), node.start, node.end)
        self.bounded.append(arg.id)  # a claim the relation still speaks about
        return Constant(Interval.point(end), node.start, node.end, f"{node.function}({arg.id})")

    def dimensions(self, tree: Comparison) -> bool:
        """Check that like is added to like; report the first mismatch."""
        try:
            left = self._dimension(tree.left)
            right = self._dimension(tree.right)
            _unify(left, right, tree.left.start, tree.right.end, "compare")
        except _MismatchError as mismatch:
            self._error(DimensionMismatch, str(mismatch), mismatch.start, mismatch.end)
            return False
        return True

    def _dimension(self, node: Term) -> Dimension:
        if isinstance(node, Name):
            return self.model.variables[node.id].dimension
        if isinstance(node, Number | Constant):
            return ANY
        if isinstance(node, Negation):
            return self._dimension(node.operand)
        if isinstance(node, Binary):
            left, right = self._dimension(node.left), self._dimension(node.right)
            if node.op in {"+", "-"}:
                verb = "add" if node.op == "+" else "subtract"
                return _unify(left, right, node.start, node.end, verb)
            if left.free and right.free:
                return ANY  # "2 * 3000" is still a bare number
            left = DIMENSIONLESS if left.free else left
            right = DIMENSIONLESS if right.free else right
            return left * right if node.op == "*" else left * right.inverse()
        assert isinstance(node, Call)
        result = ANY
        for arg in node.args:
            result = _unify(result, self._dimension(arg), node.start, node.end, node.function)
        return result


class _MismatchError(Exception):
    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.start, self.end = start, end


def _unify(a: Dimension, b: Dimension, start: int, end: int, verb: str) -> Dimension:
    if a.free:
        return b
    if b.free or a == b:
        return a
    raise _MismatchError(f"cannot {verb} {a} and {b}", start, end)

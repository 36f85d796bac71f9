"""The engine's verdicts and conflicts as findings (FC201–FC212)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction

from factcheck.display import show_interval
from factcheck.engine.model import EngineModel, scaled
from factcheck.engine.relations import Constant, Relation, RelationKind, Term, Variable
from factcheck.engine.verdicts import Conflict, EngineResult, Nearest, Status, Verdict
from factcheck.expressions import Binary, Call, Name, Negation, Number
from factcheck.findings import Finding, Related, Severity
from factcheck.intervals import Interval
from factcheck.rules.constraints import (
    ClaimsDisagree,
    ConstraintViolated,
    CumulativeDecrease,
    DerivedConflict,
    ImplausibleConversion,
    PartExceedsWhole,
    RankContradicted,
    ShareMismatch,
    SumMismatch,
    UntestableConstraint,
)
from factcheck.rules.registry import Rule
from factcheck.units import Unit

__all__ = [
    "describe_sides",
    "engine_findings",
    "nearest_text",
    "render_relation",
    "render_term",
    "show_in",
    "show_variable",
]

RULE_OF: dict[RelationKind, type[Rule]] = {
    RelationKind.CONSTRAINT: ConstraintViolated,
    RelationKind.AGREEMENT: ClaimsDisagree,
    RelationKind.PART_WHOLE: PartExceedsWhole,
    RelationKind.CUMULATIVE: CumulativeDecrease,
    RelationKind.RANK: RankContradicted,
    RelationKind.CONVERSION: ImplausibleConversion,
    RelationKind.SHARE: ShareMismatch,
    RelationKind.SUM: SumMismatch,
}
_OPS = {"==": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">"}


def render_term(term: Term) -> str:
    """An expression tree as text, for messages."""
    if isinstance(term, Name):
        return term.id
    if isinstance(term, Number):
        return _plain(term.value)
    if isinstance(term, Constant):
        return term.label or show_interval(term.interval, None)
    if isinstance(term, Negation):
        return f"-{render_term(term.operand)}"
    if isinstance(term, Binary):
        return f"{_wrapped(term.left)} {term.op} {_wrapped(term.right)}"
    assert isinstance(term, Call)
    return f"{term.function}({', '.join(render_term(a) for a in term.args)})"


def render_relation(relation: Relation) -> str:
    """``left op right`` as text: "a = b * c"."""
    return f"{render_term(relation.left)} {_OPS[relation.op]} {render_term(relation.right)}"


def _plain(value: Fraction) -> str:
    """A number as an expression would write it: 2021, 0.179, 1/3."""
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.12g}"
    return text if Fraction(text) == value else str(value)


def _wrapped(term: Term) -> str:
    return f"({render_term(term)})" if isinstance(term, Binary) else render_term(term)


def show_variable(interval: Interval, variable: Variable) -> str:
    """A base-scale interval in the variable's own unit: 0.095 → "9.5 percent"."""
    return show_interval(scaled(interval, 1 / variable.scale), variable.unit)


def display_unit(relation: Relation, variables: Mapping[str, Variable]) -> Variable | None:
    """The variable whose unit both sides are shown in: a side that is a bare name."""
    for side in (relation.right, relation.left):
        if isinstance(side, Name):
            return variables[side.id]
    return None


def show_in(interval: Interval, unit_of: Variable | None) -> str:
    """A base-scale interval in ``unit_of``'s unit, or as a plain number without one."""
    if unit_of is None:
        return show_interval(interval, None)
    return show_variable(interval, unit_of)


def _show_gap(gap: Fraction | None, unit_of: Variable | None) -> str:
    """A difference in the relation's unit: days and years as counts, not dates."""
    assert gap is not None
    if unit_of is None:
        return show_interval(Interval.point(gap), None)
    if unit_of.unit in {Unit.DATE, Unit.YEAR}:
        word = "day" if unit_of.unit is Unit.DATE else "year"
        return f"{show_interval(Interval.point(gap), None)} {word}{'' if gap == 1 else 's'}"
    return show_in(Interval.point(gap), unit_of)


def describe_sides(verdict: Verdict, variables: Mapping[str, Variable]) -> list[str]:
    """ "left is X", "right is Y" for the sides that are not literals ("2021 is 2021")."""
    relation = verdict.relation
    unit_of = display_unit(relation, variables)
    return [
        f"{render_term(term)} is "
        + (
            f"{show_interval(value, None)} days"
            if _days(term, variables)
            else show_in(value, unit_of)
        )
        for term, value in ((relation.left, verdict.left), (relation.right, verdict.right))
        if not isinstance(term, Number | Constant)
    ]


def _days(term: Term, variables: Mapping[str, Variable]) -> bool:
    """Whether ``term`` is a date less a date: a number of days."""
    return (
        isinstance(term, Binary)
        and term.op == "-"
        and all(
            isinstance(side, Name) and variables[side.id].unit is Unit.DATE
            for side in (term.left, term.right)
        )
    )


def nearest_text(nearest: tuple[Nearest, ...], variables: Mapping[str, Variable]) -> str:
    parts = []
    for n in nearest:
        variable = variables[n.claim]
        stated = show_variable(variable.stated, variable)
        if n.exhausted:
            parts.append(f"{n.claim}: none found within the work bound (states {stated})")
        elif n.consistent.is_empty:
            parts.append(f"{n.claim}: no value alone restores consistency (states {stated})")
        elif n.value is not None:
            value = show_variable(Interval.point(n.value), variable)
            if n.exclusive:  # an open end: as close as one likes, but not equal
                below = n.consistent.hi == n.value
                value = f"just {'below' if below else 'above'} {value}"
            parts.append(f"{n.claim} → {value} (states {stated})")
    return f". Nearest consistent values: {'; '.join(parts)}" if parts else ""


def _one_per_quantity(result: EngineResult) -> list[list[Verdict]]:
    """The violated relations, one group per mistake. Claims that agree and state the
    same figure (an agreement holds between them, and their intervals are equal) are
    one quantity, and a built-in relation is made for every claim of it: a wrong share
    of a national list that five articles print alike would be five findings. Built-in
    relations of the same kind, place, acknowledgement and severity over the same
    quantities are grouped; the first stands for the group. Claims that merely overlap
    ("about 100" and 92) are not merged: their gaps differ."""
    parent: dict[str, str] = {}

    def find(v: str) -> str:
        while parent.get(v, v) != v:
            v = parent[v]
        return v

    variables = result.model.variables
    for verdict in result.verdicts.values():
        relation = verdict.relation
        if relation.kind is RelationKind.AGREEMENT and verdict.status is Status.HOLDS:
            first, *rest = relation.variables
            for other in rest:  # copies of one figure: "3,671" in five articles
                if variables[other].stated == variables[first].stated:
                    parent[find(other)] = find(first)
    groups: dict[tuple[object, ...], list[Verdict]] = {}
    for verdict in result.verdicts.values():
        relation = verdict.relation
        if verdict.status is not Status.VIOLATED:
            continue
        key: tuple[object, ...] = (relation.id,)
        if relation.kind not in {RelationKind.CONSTRAINT, RelationKind.AGREEMENT}:
            quantities = tuple(find(v) for v in relation.variables)
            key = (
                relation.kind, relation.location, relation.acknowledged, relation.severity,
                quantities,
            )  # fmt: skip
        groups.setdefault(key, []).append(verdict)
    return list(groups.values())


def _violation(
    verdict: Verdict, variables: Mapping[str, Variable], alike: list[Verdict] | None = None
) -> Finding:
    """The finding of a violated relation; ``alike`` are the same relation over other
    claims of the same quantities, listed as related places."""
    relation = verdict.relation
    unit_of = display_unit(relation, variables)
    left, right = render_term(relation.left), render_term(relation.right)
    gap_text = f", a gap of {_show_gap(verdict.gap, unit_of)}" if verdict.gap else ""
    if verdict.by_counts:  # the sides meet, but at no whole count
        counts = ", ".join(v for v in relation.variables if v in relation.whole)
        are = "is a count" if "," not in counts else "are counts"
        gap_text = f"; {counts} {are}, and no whole number fits"
    sides = ": " + " but ".join(describe_sides(verdict, variables)) if relation.variables else ""
    message = (
        f"{relation.description}{sides} "
        f"(needs {left} {_OPS[relation.op]} {right}{gap_text})"
        f"{nearest_text(verdict.nearest, variables)}"
    )
    if relation.kind is RelationKind.CONSTRAINT:
        message = f"constraint {relation.id!r} is violated: {message}"
    claims = tuple(c for c in relation.variables if variables[c].kind == "claim")
    others = list(dict.fromkeys(
        c for other in alike or () for c in other.relation.variables
        if c not in claims and variables[c].kind == "claim"
    ))  # fmt: skip
    if others:
        message += (
            f"; the same for {len(alike or ())} more relation(s) over claims of the same "
            f"quantities ({', '.join(others)})"
        )
    return RULE_OF[relation.kind].finding(
        message,
        relation.location,
        claims=(*claims, *others),
        related=tuple(Related(variables[c].location, f"{c} is here") for c in (*claims, *others)),
        acknowledged=relation.acknowledged,
        constraint=relation.id if relation.kind is RelationKind.CONSTRAINT else None,
        severity=Severity(relation.severity) if relation.severity else None,
    )


def _conflict(conflict: Conflict, model: EngineModel, result: EngineResult) -> Finding:
    variables = model.variables
    relations = {r.id: r for r in model.relations}
    involved = [relations[r] for r in conflict.relations]
    ids = ", ".join(conflict.claims)
    through = ", ".join(conflict.relations)
    message = (
        f"claims {ids} cannot all be true together, through {through}"
        f"{nearest_text(conflict.nearest, variables)}"
    )
    acknowledged = next((r.acknowledged for r in involved if r.acknowledged), None)
    first = variables[conflict.claims[0]] if conflict.claims else None
    location = involved[0].location if involved else first.location  # type: ignore[union-attr]
    return DerivedConflict.finding(
        message,
        location,
        claims=conflict.claims,
        related=tuple(Related(variables[c].location, f"{c} is here") for c in conflict.claims),
        acknowledged=acknowledged,
    )


def engine_findings(result: EngineResult) -> Iterator[Finding]:
    model = result.model
    yield from model.findings
    for alike in _one_per_quantity(result):
        yield _violation(alike[0], model.variables, alike[1:])
    for verdict in result.verdicts.values():
        if verdict.status is Status.UNTESTABLE:  # a constraint's or a built-in rule's
            yield _untestable(verdict.relation, verdict.reason or "", model.variables)
    for note in model.untestable:
        yield UntestableConstraint.finding(note.message, note.location, claims=note.claims)
    for conflict in result.conflicts:
        yield _conflict(conflict, model, result)
    for relation_ids in result.undecided:
        yield _undecided(relation_ids, model)


def _undecided(relation_ids: tuple[str, ...], model: EngineModel) -> Finding:
    """Relations that propagation could not settle within its work bound: one finding,
    at the first written constraint among them (else the first claim), naming the rest."""
    by_id = {r.id: r for r in model.relations}
    relations = [by_id[r] for r in relation_ids]
    written = [r for r in relations if r.kind is RelationKind.CONSTRAINT]
    claims = sorted(
        {v for r in relations for v in r.variables if model.variables[v].kind == "claim"}
    )
    named = written or relations
    what = (
        f"constraint {named[0].id!r} could not be decided"
        if len(named) == 1
        else f"constraints {', '.join(r.id for r in named)} could not be decided together"
    )
    message = (
        f"{what}: propagation stopped at its work bound before a fixpoint (it narrows in "
        "small steps, as round a cycle), so it may still be violated"
    )
    first = written[0] if written else relations[0]
    return UntestableConstraint.finding(
        message,
        first.location,
        claims=tuple(claims),
        related=tuple(Related(r.location, f"{r.id} is here") for r in written[1:]),
        constraint=first.id if written else None,
    )


def _untestable(relation: Relation, reason: str, variables: Mapping[str, Variable]) -> Finding:
    claims = tuple(c for c in relation.variables if variables[c].kind == "claim")
    what = "constraint" if relation.kind is RelationKind.CONSTRAINT else "built-in relation"
    return UntestableConstraint.finding(
        f"{what} {relation.id!r} is untestable: {reason}",
        relation.location,
        claims=claims,
        constraint=relation.id,
    )

"""``factcheck explain ID``: one claim's (or constraint's, or unknown's) provenance,
relations and derivation, as a value that formatters render.

What the rest of the fact base implies about a claim is found by setting the claim's
own statement aside and propagating every relation of its component from the other
claims as stated. The narrowings recorded on the way give the chain: the claim was
narrowed by relation R from variables X and Y, X was narrowed by S from Z, …
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from factcheck.display import show_qualifiers
from factcheck.engine.implications import implied, left_out, set_aside
from factcheck.engine.propagation import Narrowing
from factcheck.engine.relations import Relation, RelationKind, Variable
from factcheck.engine.reporting import describe_sides, render_term, show_variable
from factcheck.engine.verdicts import EngineResult, Status, Verdict
from factcheck.errors import UsageError
from factcheck.factbase import FactBase
from factcheck.intervals import Interval

__all__ = ["Explanation", "Step", "UnknownIdError", "explain"]

MAX_DEPTH = 8


class UnknownIdError(UsageError, LookupError):
    def __init__(self, wanted: str, close: list[str]) -> None:
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        super().__init__(f"no claim, constraint or unknown {wanted!r}{hint}")
        self.close = close


@dataclass(frozen=True, slots=True)
class Step:
    """One node of a derivation: ``variable`` is ``value``, by ``via`` from ``inputs``."""

    variable: str
    value: str
    via: str | None = None  # relation id; None for a claim taken as stated
    expression: str | None = None
    inputs: tuple[Step, ...] = ()


@dataclass(frozen=True, slots=True)
class RelationLine:
    id: str
    kind: str
    expression: str
    status: str
    detail: str
    location: str
    acknowledged: str | None = None


@dataclass(frozen=True, slots=True)
class Explanation:
    kind: str  # claim, unknown or constraint
    id: str
    facts: tuple[tuple[str, str], ...]
    relations: tuple[RelationLine, ...] = ()
    implied: str | None = None
    consistent: bool | None = None
    derivation: Step | None = None
    notes: tuple[str, ...] = field(default=())


def explain(factbase: FactBase, result: EngineResult, wanted: str) -> Explanation:
    variables = result.model.variables
    relations = {r.id: r for r in result.model.relations}
    if wanted in factbase.claims:
        return _claim(factbase, result, wanted)
    if wanted in variables:
        return _unknown(factbase, result, wanted)
    if wanted in relations:
        return _relation(result, relations[wanted])
    not_built = ("not built: see the findings of `factcheck check`",)
    if wanted in factbase.unknowns:
        unknown = factbase.unknowns[wanted]
        return Explanation(
            "unknown", wanted, (("defined at", str(unknown.location)),), notes=not_built
        )
    if wanted in factbase.constraints:
        constraint = factbase.constraints[wanted]
        facts = (("expression", constraint.record.expr), ("defined at", str(constraint.location)))
        return Explanation("constraint", wanted, facts, notes=not_built)
    if wanted in factbase.proposed_claims or wanted in factbase.proposed_constraints:
        return _proposed(factbase, wanted)
    if wanted in factbase.rejected:
        raise UsageError(f"{wanted!r} is not a valid record: `factcheck check` says why")
    names = list(
        dict.fromkeys([
            *factbase.claims, *factbase.unknowns, *factbase.constraints,
            *factbase.proposed_claims, *factbase.proposed_constraints,
        ])
    )  # fmt: skip
    raise UnknownIdError(wanted, difflib.get_close_matches(wanted, names, n=3, cutoff=0.5))


_WAITING = (
    "proposed (status: proposed): it takes no part in the checks until a person has "
    "checked it against its quote and deleted that line"
)


def _proposed(factbase: FactBase, wanted: str) -> Explanation:
    """A record extract or import proposed: what it says, and what it still needs."""
    if wanted in factbase.proposed_constraints:
        constraint = factbase.proposed_constraints[wanted]
        rows = (
            ("expression", constraint.record.expr),
            ("description", constraint.record.description),
            ("defined at", str(constraint.location)),
        )
        return Explanation("proposed constraint", wanted, rows, notes=(_WAITING,))
    entry = factbase.proposed_claims[wanted]
    claim = entry.record
    reading = factbase.proposed_readings.get(wanted)
    source = factbase.sources.get(claim.source)
    title = f"{claim.source} ({source.record.title})" if source else claim.source
    missing = "missing: fill it from the quote"
    facts = [
        ("source", title),
        ("quote", claim.quote),
        ("value", claim.value if reading is None else f"{claim.value} → {reading.interval}"),
        ("subject", claim.subject or missing),
        ("metric", claim.metric or missing),
        ("as of", missing if claim.as_of is None else str(claim.as_of)),
    ]
    if claim.qualifiers:
        facts.append(("qualifiers", show_qualifiers(claim.qualifiers)))
    if claim.notes:
        facts.append(("notes", claim.notes))
    facts.append(("defined at", str(entry.location)))
    needs = claim.missing
    notes = (f"needs its {', '.join(needs)}" if needs else "complete: awaits review", _WAITING)
    return Explanation("proposed claim", wanted, tuple(facts), notes=notes)


def _relation_lines(result: EngineResult, variable: str) -> tuple[RelationLine, ...]:
    """The relations ``variable`` takes part in, and those its claim makes without being
    in them: a rank claim ("ranking first") relates the counts it ranks, by the id
    ``rank:<rank>:<other><=<own>``."""
    variables = result.model.variables
    return tuple(
        _line(verdict, variables)
        for verdict in result.verdicts.values()
        if variable in verdict.relation.variables
        or verdict.relation.id.startswith(f"{verdict.relation.kind}:{variable}:")
    )


def _line(verdict: Verdict, variables: Mapping[str, Variable]) -> RelationLine:
    relation = verdict.relation
    expression = f"{render_term(relation.left)} {relation.op} {render_term(relation.right)}"
    if verdict.status is Status.UNTESTABLE:
        detail = verdict.reason or ""
    else:
        detail = "; ".join(describe_sides(verdict, variables))
        if verdict.status is Status.HOLDS and verdict.certain:
            detail += " (holds for every stated value)"
        for nearest in verdict.nearest:
            if nearest.value is not None:
                value = show_variable(Interval.point(nearest.value), variables[nearest.claim])
                detail += f"; nearest consistent {nearest.claim}: {value}"
    return RelationLine(
        relation.id, str(relation.kind), expression, str(verdict.status), detail,
        str(relation.location), relation.acknowledged,
    )  # fmt: skip


def _implied(result: EngineResult, variable: str) -> tuple[Interval, list[Narrowing]]:
    value, outcome = implied(result, variable)
    return value, outcome.narrowings


def _derivation(
    variable: str,
    narrowings: Sequence[Narrowing],
    result: EngineResult,
    depth: int = 0,
    seen: frozenset[str] = frozenset(),
) -> Step:
    variables = result.model.variables
    relations = {r.id: r for r in result.model.relations}
    last = next((n for n in reversed(narrowings) if n.variable == variable), None)
    if last is None or depth >= MAX_DEPTH or variable in seen:
        value = show_variable(variables[variable].stated, variables[variable])
        label = "as stated" if variables[variable].kind == "claim" else "its domain"
        return Step(variable, f"{value} ({label})")
    relation = relations[last.relation]
    inputs = tuple(
        _derivation(other, narrowings, result, depth + 1, seen | {variable})
        for other in relation.variables
        if other != variable
    )
    expression = f"{render_term(relation.left)} {relation.op} {render_term(relation.right)}"
    value = show_variable(last.after, variables[variable])
    return Step(variable, value, relation.id, expression, inputs)


def _claim(factbase: FactBase, result: EngineResult, claim_id: str) -> Explanation:
    entry = factbase.claims[claim_id]
    claim = entry.record
    facts: list[tuple[str, str]] = [("quote", f"“{' '.join(claim.quote.split())}”")]
    source = factbase.sources.get(claim.source)
    if source is not None:
        record = source.record
        published = f"{record.published.when} ({record.published.basis})"
        facts.append(
            (
                "source",
                f"{record.title} — {record.publisher or 'publisher not stated'}, {published}",
            )
        )
        where = _quote_position(factbase.texts.get(claim.source), claim.quote)
        if record.text and claim.source in factbase.texts:
            facts.append(("text", f"{record.text}{where}"))
        elif record.text:
            facts.append(("text", f"{record.text} (not read: the quote is not verified)"))
        else:
            facts.append(("text", "none kept (the quote is not verified)"))
    facts += [
        ("subject", claim.subject),
        ("metric", claim.metric),
        (
            "value",
            claim.value if claim.reading is None else f"{claim.value} (read as {claim.reading})",
        ),
        ("as of", str(claim.as_of)),
        ("defined at", str(entry.location)),
    ]
    qualifiers = show_qualifiers(claim.qualifiers)
    for label, value in (
        ("qualifiers", qualifiers),
        ("scope", claim.scope),
        ("notes", claim.notes),
    ):
        if value:
            facts.append((label, " ".join(value.split())))
    variable = result.model.variables.get(claim_id)
    if variable is None:
        return Explanation("claim", claim_id, tuple(facts), notes=("its value could not be read",))
    after_value = next(i for i, (label, _) in enumerate(facts) if label == "value") + 1
    facts.insert(after_value, ("interval", show_variable(variable.stated, variable)))
    implied_value, narrowings = _implied(result, claim_id)
    relations = _relation_lines(result, claim_id)
    if not relations:
        return Explanation("claim", claim_id, tuple(facts), notes=("takes part in no relation",))
    return Explanation(
        "claim",
        claim_id,
        tuple(facts),
        relations,
        implied=show_variable(implied_value, variable),
        consistent=implied_value.meets(variable.stated),
        derivation=_derivation(claim_id, narrowings, result),
        notes=_why_empty(result, claim_id, implied_value),
    )


def _quote_position(text: str | None, quote: str) -> str:
    if text is None:
        return ""
    words = quote.split()
    m = re.search(r"\s+".join(map(re.escape, words)), text)
    if m is None:
        return " (quote not found)"
    line = text.count("\n", 0, m.start()) + 1
    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return f":{line}:{column}"


def _unknown(factbase: FactBase, result: EngineResult, unknown_id: str) -> Explanation:
    entry = factbase.unknowns[unknown_id]
    variable = result.model.variables[unknown_id]
    facts = (
        ("description", " ".join(entry.record.description.split())),
        ("unit", str(variable.unit)),
        ("defined at", str(entry.location)),
    )
    implied_value, narrowings = _implied(result, unknown_id)
    return Explanation(
        "unknown",
        unknown_id,
        facts,
        _relation_lines(result, unknown_id),
        implied=show_variable(implied_value, variable),
        derivation=_derivation(unknown_id, narrowings, result),
        notes=_why_empty(result, unknown_id, implied_value),
    )


def _why_empty(result: EngineResult, variable: str, value: Interval) -> tuple[str, ...]:
    """What the implied value leaves out that names the variable: acknowledged failing
    relations (always), and when nothing is implied, the failing relations that are
    kept and cannot all hold with the rest."""
    naming = [r.id for r in result.model.relations if variable in r.variables]
    aside, out = set_aside(result), left_out(result)  # once: each walks every verdict
    notes = []
    if acknowledged := [r for r in naming if r in out]:
        notes.append(
            f"acknowledged relations ({', '.join(acknowledged)}) are set aside: a gap "
            "genuinely in the sources says nothing about its value"
        )
    failing = [r for r in naming if r in aside and r not in out]
    if value.is_empty and failing:
        notes.append(
            f"nothing is implied: the failing relations it takes part in ({', '.join(failing)}) "
            "cannot hold together with the rest; see `factcheck check`, or acknowledge them"
        )
    return tuple(notes)


def _relation(result: EngineResult, relation: Relation) -> Explanation:
    variables = result.model.variables
    verdict = result.verdicts[relation.id]
    facts: list[tuple[str, str]] = [
        ("description", " ".join(relation.description.split())),
        ("kind", str(relation.kind)),
        ("expression", f"{render_term(relation.left)} {relation.op} {render_term(relation.right)}"),
        ("defined at", str(relation.location)),
        ("verdict", str(verdict.status)),
    ]
    if verdict.reason:
        facts.append(("reason", verdict.reason))
    for name in relation.variables:
        variable = variables[name]
        label = "claim" if variable.kind == "claim" else "unknown"
        facts.append((f"{label} {name}", show_variable(variable.stated, variable)))
    kind = "constraint" if relation.kind is RelationKind.CONSTRAINT else "relation"
    return Explanation(kind, relation.id, tuple(facts), (_line(verdict, variables),))

"""Declared sums: a metric whose ``sums`` names a qualifier (``batch``, ``region``) has
its whole — a claim without that qualifier — made of the claims with each of its
values, for the same subject, modality, unit and other qualifiers.

- Parts are those of the whole's time; for a cumulative metric (firms listed so far),
  every part dated by then: one dated wholly before the whole's period is certainly in
  it, one dated within it may be.
- The whole is at least the sum of the parts certainly in it. When the metric lists
  every value the qualifier takes and each has a claim, it is also at most the sum of
  the parts that may be in it; with no part in doubt, exactly their sum.
- One claim stands for each value (agreeing copies are one quantity, FC202).

A region (an entity with ``members``, the Yangtze River Delta) is the sum of its
members for an additive metric at the same time: exactly, when every member has a
claim; at least the members that do, otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from factcheck.engine.builtin_common import claim_name, derived_relation
from factcheck.engine.relations import Relation, RelationKind, Variable
from factcheck.expressions import Call
from factcheck.factbase import Entry, FactBase
from factcheck.model import Claim, Metric

__all__ = ["region_relations", "sum_relations"]


def sum_relations(
    factbase: FactBase, claims: Mapping[str, Entry[Claim]], variables: Mapping[str, Variable]
) -> Iterator[Relation]:
    by_metric: dict[str, list[str]] = {}
    for cid, entry in claims.items():
        by_metric.setdefault(entry.record.metric, []).append(cid)
    for metric_id, members in by_metric.items():
        metric = factbase.metrics[metric_id].record
        if metric.sums is None:
            continue
        key = metric.sums.qualifier
        for whole_id in members:
            whole = claims[whole_id].record
            if key in whole.qualifiers:
                continue
            parts = _parts(whole_id, members, claims, variables, metric)
            yield from _relations(factbase, claims[whole_id], metric, parts)


def _parts(
    whole_id: str,
    members: list[str],
    claims: Mapping[str, Entry[Claim]],
    variables: Mapping[str, Variable],
    metric: Metric,
) -> dict[str, tuple[str, bool]]:
    """The parts of a whole by the qualifier's value: (claim, certainly in the whole)."""
    assert metric.sums is not None
    key = metric.sums.qualifier
    whole = claims[whole_id].record
    parts: dict[str, tuple[str, bool]] = {}
    for cid in members:
        part = claims[cid].record
        if (
            key not in part.qualifiers
            or part.subject != whole.subject
            or part.modality is not whole.modality
            or variables[cid].unit != variables[whole_id].unit
            or {k: v for k, v in part.qualifiers.items() if k != key} != whole.qualifiers
        ):
            continue
        if metric.cumulative:
            if part.as_of.start > whole.as_of.end:
                continue  # listed after the whole was counted
            certain = part.as_of.end < whole.as_of.start
        else:
            if _when(part, metric) != _when(whole, metric):
                continue  # another time: a part of 2023-09 is not one of a 2023 whole
            certain = True
        parts.setdefault(str(part.qualifiers[key]), (cid, certain))
    return parts


def _relations(
    factbase: FactBase, entry: Entry[Claim], metric: Metric, parts: dict[str, tuple[str, bool]]
) -> Iterator[Relation]:
    assert metric.sums is not None
    whole_id = entry.record.id
    key = metric.sums.qualifier
    declared = metric.sums.values
    order = [str(v) for v in declared or ()]
    ranked = sorted(
        parts.items(),
        key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
    )
    certain = [cid for _, (cid, sure) in ranked if sure]
    doubtful = [cid for _, (cid, sure) in ranked if not sure]
    complete = declared is not None and all(str(v) in parts for v in declared)

    def relation(suffix: str, op: str, summed: list[str], says: str) -> Relation:
        total = Call("sum", tuple(claim_name(c) for c in summed), 0, 0)
        return derived_relation(
            RelationKind.SUM, f"{whole_id}{suffix}", claim_name(whole_id), op, total,
            (whole_id, *summed), entry,
            f"{whole_id} is {says} of its parts by {key} ({', '.join(summed)})", factbase,
        )  # fmt: skip

    if complete and not doubtful and len(certain) > 1:
        yield relation("", "==", certain, "the sum")
        return
    if len(certain) > 1:
        yield relation(":at-least", ">=", certain, "at least the sum")
    if complete and doubtful:
        yield relation(":at-most", "<=", certain + doubtful, "at most the sum")


def region_relations(
    factbase: FactBase, claims: Mapping[str, Entry[Claim]], variables: Mapping[str, Variable]
) -> Iterator[Relation]:
    members_of = {e.record.id: e.record.members for e in factbase.entities.values()}
    by_subject: dict[str, list[str]] = {}
    for cid, entry in claims.items():
        by_subject.setdefault(entry.record.subject, []).append(cid)
    for whole_id, entry in claims.items():
        whole = entry.record
        members = members_of.get(whole.subject, ())
        metric = factbase.metrics[whole.metric].record
        if not members or not metric.additive:
            continue
        when = _when(whole, metric)
        found = [
            next(
                (
                    cid for cid in by_subject.get(member, ())
                    if (part := claims[cid].record).metric == whole.metric
                    and part.qualifiers == whole.qualifiers and part.modality is whole.modality
                    and variables[cid].unit == variables[whole_id].unit
                    and _when(part, metric) == when
                ),
                None,
            )
            for member in members
        ]  # fmt: skip
        parts = [cid for cid in found if cid is not None]
        exact = len(parts) == len(members)
        if len(parts) < 2:
            continue
        total = Call("sum", tuple(claim_name(c) for c in parts), 0, 0)
        says = "the sum" if exact else "at least the sum"
        yield derived_relation(
            RelationKind.SUM, f"{whole_id}:members{'' if exact else '-at-least'}",
            claim_name(whole_id), "==" if exact else ">=", total, (whole_id, *parts), entry,
            f"{whole_id} is {says} of its region's members ({', '.join(parts)})", factbase,
        )  # fmt: skip


def _when(claim: Claim, metric: Metric) -> object:
    return claim.as_of.widened(metric.granularity) if metric.granularity else claim.as_of

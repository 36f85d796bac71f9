"""What the built-in relations share: how one is made from claims, the key of claims of
the same quantity, and the chain of an entity's (or a metric's) ancestors."""

from __future__ import annotations

from collections.abc import Mapping

from factcheck.engine.relations import Relation, RelationKind, Term
from factcheck.expressions import Name
from factcheck.factbase import Entry, FactBase
from factcheck.model import Claim
from factcheck.units import Unit

__all__ = ["ancestors", "claim_name", "containers", "derived_relation", "same_quantity_key"]


def claim_name(claim_id: str) -> Name:
    return Name(claim_id, 0, len(claim_id))


#: Severities from the mildest: a claim's ``severity`` lowers its built-in relations'.
_MILDNESS = ["info", "warning", "error"]


def derived_relation(  # noqa: PLR0917  (positional: every call site reads as a sentence)
    kind: RelationKind,
    key: str,
    left: Term,
    op: str,
    right: Term,
    claims: tuple[str, ...],
    at: Entry[Claim],
    description: str,
    factbase: FactBase,
) -> Relation:
    acknowledged = next(
        (
            factbase.claims[c].record.acknowledged
            for c in claims
            if factbase.claims[c].record.acknowledged
        ),
        None,
    )
    stated = [factbase.claims[c].record.severity for c in claims]
    severity = min((s for s in stated if s), key=_MILDNESS.index, default=None)
    return Relation(
        id=f"{kind}:{key}",
        kind=kind,
        left=left,
        op=op,
        right=right,
        variables=claims,
        location=at.where("value"),
        description=description,
        acknowledged=acknowledged,
        severity=severity,
        related=tuple(
            factbase.claims[c].where("value") for c in claims if factbase.claims[c] is not at
        ),
    )


def same_quantity_key(claim: Claim, unit: Unit) -> tuple[object, ...]:
    return (
        claim.subject,
        claim.metric,
        tuple(sorted(claim.qualifiers.items())),
        unit,
        claim.modality,
        claim.scope,
    )


def ancestors(start: str, parent: Mapping[str, str | None]) -> list[str]:
    """``start`` and everything above it, nearest first (cycle-safe)."""
    chain: list[str] = []
    current: str | None = start
    while current is not None and current not in chain:
        chain.append(current)
        current = parent.get(current)
    return chain


def containers(
    start: str, parent: Mapping[str, str | None], regions: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """``start``, everything above it, and every region with one of those among its
    members (and what is above such a region): all the entities ``start`` is part of."""
    found = ancestors(start, parent)
    for region, members in regions.items():
        if region not in found and any(m in found for m in members):
            found.extend(a for a in ancestors(region, parent) if a not in found)
    return found

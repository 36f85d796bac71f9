"""Rank relations: a claim that its subject ranks k-th among a scope ("ranking first
among cities", "fourth place nationwide", "top 3") says that at most k - 1 other
members of the scope exceed it, at an overlapping time, in the same qualifiers.

For the first place that is one relation per other member (``other <= own``). For the
k-th, no k others can all exceed it: one relation per k others, ``min(a, b, …) <= own``.
The fact base rarely holds every member, so nothing is said about the members below.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import combinations, product
from math import comb

from factcheck.engine.builtin_common import claim_name, containers, derived_relation
from factcheck.engine.relations import Relation, RelationKind, Untestable, Variable
from factcheck.expressions import Call, Name
from factcheck.factbase import Entry, FactBase
from factcheck.model import Claim, Modality
from factcheck.numwords import ORDINALS
from factcheck.scopes import Scope, parse_scope

__all__ = ["MAX_RANK_RELATIONS", "rank_relations"]

#: A k-th place (k > 1) makes one relation per k members; beyond this many sets of
#: members it is reported untestable rather than built. A first place makes one per
#: member, however many.
MAX_RANK_RELATIONS = 500

_ORDINAL_NAMES = {value: word for word, value in ORDINALS.items()}


def rank_relations(
    factbase: FactBase,
    claims: Mapping[str, Entry[Claim]],
    variables: Mapping[str, Variable],
    untestable: list[Untestable],
) -> Iterator[Relation]:
    parent = {eid: e.record.parent for eid, e in factbase.entities.items()}
    regions = {eid: e.record.members for eid, e in factbase.entities.items() if e.record.members}
    for rank_id, entry in claims.items():
        rank = entry.record
        metric = factbase.metrics[rank.metric].record
        place = _place(variables[rank_id])
        if metric.ranks is None or rank.scope is None or place is None:
            continue
        try:
            scope = parse_scope(rank.scope)
        except ValueError:
            continue  # FC102 says so
        if scope.within is not None and scope.within not in factbase.entities:
            continue  # FC102 says so
        values = [
            (cid, e) for cid, e in claims.items()
            if e.record.metric == metric.ranks and e.record.qualifiers == rank.qualifiers
            and e.record.modality is Modality.REPORTED and e.record.as_of.overlaps(rank.as_of)
        ]  # fmt: skip
        own = [cid for cid, e in values if e.record.subject == rank.subject]
        compared = too_many = False
        for own_id in own:
            others = [
                other_id for other_id, other in values
                if other.record.subject != rank.subject
                and _member(factbase, other.record.subject, scope, parent, regions)
                and variables[other_id].unit == variables[own_id].unit
            ]  # fmt: skip
            by_subject: dict[str, list[str]] = {}
            for other_id in others:  # two articles' figures for one city are one member
                by_subject.setdefault(claims[other_id].record.subject, []).append(other_id)
            if len(by_subject) < place:
                continue
            if place > 1 and comb(len(by_subject), place) > MAX_RANK_RELATIONS:
                too_many = True  # counted before any is built: C(300, 3) is 4.5 million
                continue
            groups = [
                group
                for subjects in combinations(by_subject.values(), place)
                for group in product(*subjects)
            ]
            compared = True
            for group in groups:
                yield _relation(factbase, entry, place, group, own_id)
        if not compared:
            reason = (
                f"the rank {rank_id} is untestable: it would take more than "
                f"{MAX_RANK_RELATIONS} relations to say that no {place} of its scope exceed it"
                if too_many
                else _why_untestable(factbase, rank_id, place, bool(own))
            )
            untestable.append(Untestable(reason, entry.where("value"), (rank_id,)))


def _member(
    factbase: FactBase,
    subject: str,
    scope: Scope,
    parent: Mapping[str, str | None],
    regions: Mapping[str, tuple[str, ...]],
) -> bool:
    """Whether ``subject`` is of the scope's kind and below its entity, through parents
    or a region's members ("city in yangtze-river-delta")."""
    entity = factbase.entities.get(subject)
    return (
        entity is not None
        and entity.record.kind in scope.kinds
        and (scope.within is None or scope.within in containers(subject, parent, regions)[1:])
    )


def _place(variable: Variable) -> int | None:
    """k for a rank that is k-th or better ("ranking first": 1, "top 3": 3)."""
    stated = variable.stated
    if stated.lo is None or stated.hi is None or stated.lo < 1 or not stated.hi_closed:
        return None
    if stated.hi.denominator != 1:
        return None
    return int(stated.hi)


def _relation(
    factbase: FactBase,
    entry: Entry[Claim],
    place: int,
    group: tuple[str, ...],
    own_id: str,
) -> Relation:
    rank = entry.record
    rank_id = rank.id
    ordinal = _ORDINAL_NAMES.get(place, f"{place}th")
    among = f"{rank.subject} ranks {ordinal} among {rank.scope}"
    if place == 1:
        (other_id,) = group
        return derived_relation(
            RelationKind.RANK, f"{rank_id}:{other_id}<={own_id}", claim_name(other_id), "<=",
            claim_name(own_id), (other_id, own_id), entry,
            f"{rank_id} says {among}: {other_id} ({_subject(factbase, other_id)}) cannot "
            f"exceed {own_id}", factbase,
        )  # fmt: skip
    names: tuple[Name, ...] = tuple(claim_name(c) for c in group)
    return derived_relation(
        RelationKind.RANK, f"{rank_id}:min({','.join(group)})<={own_id}",
        Call("min", names, 0, 0), "<=", claim_name(own_id), (*group, own_id), entry,
        f"{rank_id} says {among}: {', '.join(group)} "
        f"({', '.join(_subject(factbase, c) for c in group)}) cannot all exceed {own_id}",
        factbase,
    )  # fmt: skip


def _subject(factbase: FactBase, claim_id: str) -> str:
    return factbase.claims[claim_id].record.subject


def _why_untestable(factbase: FactBase, rank_id: str, place: int, has_own: bool) -> str:
    rank = factbase.claims[rank_id].record
    counted = factbase.metrics[rank.metric].record.ranks
    qualifiers = "".join(f", {k} {v}" for k, v in sorted(rank.qualifiers.items()))
    if not has_own:
        missing = f"no {counted}{qualifiers} of {rank.subject}"
    elif place == 1:
        missing = f"no other {rank.scope} with {counted}{qualifiers}"
    else:
        missing = (
            f"fewer than {place} others of its scope ({rank.scope}) with {counted}{qualifiers}"
        )
    return (
        f"the rank {rank_id} is untestable: the fact base has {missing} at {rank.as_of} to compare"
    )

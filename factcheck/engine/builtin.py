"""Relations that need no hand-written constraint, derived from the registries.

- agreement: claims of the same subject, metric, qualifiers, unit, modality, scope and
  period must agree;
- part ≤ whole: for additive metrics, through the entity hierarchy, qualifiers and
  ``part_of`` metrics, at overlapping times;
- cumulative: a cumulative metric cannot fall from one period to a later one;
- rank: a k-th place cannot have k other members of its scope above it at that time
  (``ranks.py``);
- conversion: a yuan figure over its dollar figure must be a plausible rate for the
  source's date (the reference parity, ±2 percent; ``conversions.py``);
- share: a share must equal its part over its whole;
- sum: a whole is the sum of the parts its metric declares (``sums.py``).

The rules' documentation is in ``factcheck/rules/constraints.py`` (FC202–FC207).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import combinations

from factcheck.engine.builtin_common import (
    ancestors,
    claim_name,
    containers,
    derived_relation,
    same_quantity_key,
)
from factcheck.engine.conversions import conversion_relations
from factcheck.engine.ranks import rank_relations
from factcheck.engine.relations import Relation, RelationKind, Untestable, Variable
from factcheck.engine.sums import region_relations, sum_relations
from factcheck.expressions import Binary
from factcheck.factbase import Entry, FactBase
from factcheck.model import Claim, Modality

__all__ = ["builtin_relations"]


def builtin_relations(
    factbase: FactBase, variables: Mapping[str, Variable]
) -> tuple[list[Relation], list[Untestable]]:
    claims = {cid: e for cid, e in factbase.claims.items() if cid in variables}
    untestable: list[Untestable] = []
    relations = [
        *_agreement(factbase, claims, variables),
        *_part_whole(factbase, claims, variables),
        *_cumulative(factbase, claims, variables),
        *rank_relations(factbase, claims, variables, untestable),
        *conversion_relations(factbase, claims, variables, untestable),
        *_share(factbase, claims, variables),
        *sum_relations(factbase, claims, variables),
        *region_relations(factbase, claims, variables),
    ]
    return relations, untestable


def _agreement(
    factbase: FactBase, claims: Mapping[str, Entry[Claim]], variables: Mapping[str, Variable]
) -> Iterator[Relation]:
    groups: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for cid, entry in claims.items():
        claim = entry.record
        granularity = factbase.metrics[claim.metric].record.granularity
        when = claim.as_of.widened(granularity) if granularity else claim.as_of
        groups[(*same_quantity_key(claim, variables[cid].unit), when)].append(cid)
    for members in groups.values():
        for first, second in combinations(members, 2):
            yield derived_relation(
                RelationKind.AGREEMENT, f"{first}={second}", claim_name(first), "==",
                claim_name(second), (first, second), claims[second],
                f"{first} and {second} state the same quantity", factbase,
            )  # fmt: skip


def _part_whole(
    factbase: FactBase, claims: Mapping[str, Entry[Claim]], variables: Mapping[str, Variable]
) -> Iterator[Relation]:
    """A part cannot exceed its whole. Each claim looks up its possible wholes (same unit
    and modality, a subject at or above its own, a metric at or above its own) in an
    index, so the work grows with the claims times the depth of the hierarchies rather
    than with the square of the claims of a metric."""
    parent = {eid: e.record.parent for eid, e in factbase.entities.items()}
    regions = {eid: e.record.members for eid, e in factbase.entities.items() if e.record.members}
    part_of = {mid: m.record.part_of for mid, m in factbase.metrics.items()}
    position = {cid: index for index, cid in enumerate(claims)}
    index: dict[tuple[object, object, str, str], list[str]] = defaultdict(list)
    for cid, entry in claims.items():
        claim = entry.record
        if factbase.metrics[claim.metric].record.additive:
            index[(variables[cid].unit, claim.modality, claim.subject, claim.metric)].append(cid)
    pairs: list[tuple[str, str]] = []
    for (unit, modality, subject, metric), members in index.items():
        wholes = [
            whole
            for above in containers(subject, parent, regions)
            for broader in ancestors(metric, part_of)
            for whole in index.get((unit, modality, above, broader), ())
        ]
        for part in members:
            p = claims[part].record
            for whole in wholes:
                w = claims[whole].record
                if (
                    part != whole
                    and p.as_of.overlaps(w.as_of)
                    and set(w.qualifiers.items()) <= set(p.qualifiers.items())
                    and (p.subject, p.metric, p.qualifiers) != (w.subject, w.metric, w.qualifiers)
                ):
                    pairs.append((part, whole))
    # The order of the pairwise search this replaces: by the earlier claim, then the later.
    pairs.sort(
        key=lambda pair: (
            min(position[pair[0]], position[pair[1]]),
            max(position[pair[0]], position[pair[1]]),
            position[pair[0]] > position[pair[1]],
        )
    )
    for part, whole in pairs:
        yield derived_relation(
            RelationKind.PART_WHOLE, f"{part}<={whole}",
            claim_name(part), "<=", claim_name(whole), (part, whole), claims[part],
            f"{part} (a part) cannot exceed {whole} (its whole)", factbase,
        )  # fmt: skip


def _cumulative(
    factbase: FactBase, claims: Mapping[str, Entry[Claim]], variables: Mapping[str, Variable]
) -> Iterator[Relation]:
    series: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for cid, entry in claims.items():
        claim = entry.record
        if factbase.metrics[claim.metric].record.cumulative and claim.modality is Modality.REPORTED:
            series[same_quantity_key(claim, variables[cid].unit)].append(cid)
    for members in series.values():
        ordered = sorted(members, key=lambda c: claims[c].record.as_of)
        for earlier, later in combinations(ordered, 2):
            e, l_ = claims[earlier].record, claims[later].record
            if e.as_of.end < l_.as_of.start:
                yield derived_relation(
                    RelationKind.CUMULATIVE, f"{earlier}<={later}",
                    claim_name(earlier), "<=", claim_name(later), (earlier, later), claims[later],
                    f"{e.metric} cannot fall: {later} ({l_.as_of}) is later than "
                    f"{earlier} ({e.as_of})",
                    factbase,
                )  # fmt: skip


def _share(
    factbase: FactBase, claims: Mapping[str, Entry[Claim]], variables: Mapping[str, Variable]
) -> Iterator[Relation]:
    """A share is its part divided by its whole. Parts and wholes are looked up by
    (metric, modality, subject) for the share's subject and its ancestors, the only
    subjects either can have."""
    parent = {eid: e.record.parent for eid, e in factbase.entities.items()}
    position = {cid: index for index, cid in enumerate(claims)}
    index: dict[tuple[str, object, str], list[str]] = defaultdict(list)
    for cid, entry in claims.items():
        index[(entry.record.metric, entry.record.modality, entry.record.subject)].append(cid)
    for share_id, entry in claims.items():
        share = entry.record
        metric = factbase.metrics[share.metric].record
        if metric.share_of is None:
            continue
        nearby = sorted(
            (
                cid
                for subject in ancestors(share.subject, parent)
                for cid in index.get((metric.share_of, share.modality, subject), ())
            ),
            key=position.__getitem__,
        )
        candidates = [
            (cid, claims[cid].record)
            for cid in nearby
            if claims[cid].record.as_of.overlaps(share.as_of)
        ]
        parts = [
            c
            for c, r in candidates
            if r.subject == share.subject and r.qualifiers == share.qualifiers
        ]
        wholes = _share_wholes(share, candidates, metric.share_within, parent)
        if not parts or not wholes:
            continue
        # Every claim of the part, not the first written: claims that agree on it
        # must each make the share, and the file order must not choose which is tested.
        for part, whole in ((p, w) for p in parts for w in wholes):
            relation_id = f"{share_id}:{whole}" if len(parts) == 1 else f"{share_id}:{part}:{whole}"
            yield derived_relation(
                RelationKind.SHARE, relation_id,
                Binary("/", claim_name(part), claim_name(whole), 0, 0), "==", claim_name(share_id),
                (part, whole, share_id), entry,
                f"{share_id} is the share {part} makes of {whole}", factbase,
            )  # fmt: skip


def _share_wholes(
    share: Claim,
    candidates: list[tuple[str, Claim]],
    within: str,
    parent: Mapping[str, str | None],
) -> list[str]:
    """The claims a share is of: the nearest whole the metric's ``share_within`` names
    (the subject with the fewest qualifiers dropped, or the parent with the same
    qualifiers: "50 percent of Fujian's total" is never held to China's when the fact
    base has no Fujian count); every claim of that nearest whole, if there are several."""
    ranked: list[tuple[int, str]] = []
    above = ancestors(share.subject, parent)
    own = set(share.qualifiers.items())
    for cid, record in candidates:
        fewer = set(record.qualifiers.items()) < own
        if within == "subject" and record.subject == share.subject and fewer:
            ranked.append((len(own) - len(record.qualifiers), cid))
        elif (
            within == "parent"
            and record.subject in above[1:2]  # the parent itself, never one further up
            and record.qualifiers == share.qualifiers
        ):
            ranked.append((1, cid))
    if not ranked:
        return []
    nearest = min(distance for distance, _ in ranked)
    return [cid for distance, cid in ranked if distance == nearest]

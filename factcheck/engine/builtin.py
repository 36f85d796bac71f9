"""Relations that need no hand-written constraint, derived from the registries.

- agreement: claims of the same subject, metric, qualifiers, unit, modality, scope and
  period must agree;
- part ≤ whole: for additive metrics, through the entity hierarchy, qualifiers and
  ``part_of`` metrics, at overlapping times;
- cumulative: a cumulative metric cannot fall from one period to a later one;
- rank: a "first" must be at least every other member of its scope at that time;
- conversion: a yuan figure over its dollar figure must be a plausible rate for the
  source's date (the reference parity, ±2 percent);
- share: a share must equal its part over its whole.

The rules' documentation is in ``factcheck/rules/constraints.py`` (FC202–FC207).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import timedelta
from itertools import combinations

from factcheck.arithmetic import hull
from factcheck.engine.relations import Constant, Relation, RelationKind, Untestable, Variable
from factcheck.expressions import Binary, Name
from factcheck.factbase import Entry, FactBase
from factcheck.intervals import Interval
from factcheck.model import Claim, EntityKind, Modality
from factcheck.periods import Period
from factcheck.units import Measure, Unit

__all__ = ["RATE_WINDOW_DAYS", "builtin_relations"]

#: Reference rates this close to a source's publication period count as its date's.
RATE_WINDOW_DAYS = 31

#: A scope names the kinds of its members; a province-level city is both.
SCOPE_KINDS: dict[str, set[str]] = {
    "city": {EntityKind.CITY, EntityKind.MUNICIPALITY},
    "province": {EntityKind.PROVINCE, EntityKind.MUNICIPALITY},
}


def _name(claim_id: str) -> Name:
    return Name(claim_id, 0, len(claim_id))


def _relation(  # noqa: PLR0917  (positional: every call site reads as a sentence)
    kind: RelationKind,
    key: str,
    left: Name | Binary,
    op: str,
    right: Name | Binary | Constant,
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
        related=tuple(
            factbase.claims[c].where("value") for c in claims if factbase.claims[c] is not at
        ),
    )


def _same_quantity_key(claim: Claim, unit: Unit) -> tuple[object, ...]:
    return (
        claim.subject,
        claim.metric,
        tuple(sorted(claim.qualifiers.items())),
        unit,
        claim.modality,
        claim.scope,
    )


def _ancestors(start: str, parent: Mapping[str, str | None]) -> list[str]:
    """``start`` and everything above it, nearest first (cycle-safe)."""
    chain: list[str] = []
    current: str | None = start
    while current is not None and current not in chain:
        chain.append(current)
        current = parent.get(current)
    return chain


def builtin_relations(
    factbase: FactBase, variables: Mapping[str, Variable]
) -> tuple[list[Relation], list[Untestable]]:
    claims = {cid: e for cid, e in factbase.claims.items() if cid in variables}
    untestable: list[Untestable] = []
    relations = [
        *_agreement(factbase, claims, variables),
        *_part_whole(factbase, claims, variables),
        *_cumulative(factbase, claims, variables),
        *_rank(factbase, claims, variables, untestable),
        *_conversion(factbase, claims, variables, untestable),
        *_share(factbase, claims, variables),
    ]
    return relations, untestable


def _agreement(
    factbase: FactBase, claims: Mapping[str, Entry[Claim]], variables: Mapping[str, Variable]
) -> Iterator[Relation]:
    groups: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for cid, entry in claims.items():
        groups[(*_same_quantity_key(entry.record, variables[cid].unit), entry.record.as_of)].append(
            cid
        )
    for members in groups.values():
        for first, second in combinations(members, 2):
            yield _relation(
                RelationKind.AGREEMENT, f"{first}={second}", _name(first), "==", _name(second),
                (first, second), claims[second],
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
            for above in _ancestors(subject, parent)
            for broader in _ancestors(metric, part_of)
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
        yield _relation(
            RelationKind.PART_WHOLE, f"{part}<={whole}",
            _name(part), "<=", _name(whole), (part, whole), claims[part],
            f"{part} (a part) cannot exceed {whole} (its whole)", factbase,
        )  # fmt: skip


def _cumulative(
    factbase: FactBase, claims: Mapping[str, Entry[Claim]], variables: Mapping[str, Variable]
) -> Iterator[Relation]:
    series: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for cid, entry in claims.items():
        claim = entry.record
        if factbase.metrics[claim.metric].record.cumulative and claim.modality is Modality.REPORTED:
            series[_same_quantity_key(claim, variables[cid].unit)].append(cid)
    for members in series.values():
        ordered = sorted(members, key=lambda c: claims[c].record.as_of)
        for earlier, later in combinations(ordered, 2):
            e, l_ = claims[earlier].record, claims[later].record
            if e.as_of.end < l_.as_of.start:
                yield _relation(
                    RelationKind.CUMULATIVE, f"{earlier}<={later}",
                    _name(earlier), "<=", _name(later), (earlier, later), claims[later],
                    f"{e.metric} cannot fall: {later} ({l_.as_of}) is later than "
                    f"{earlier} ({e.as_of})",
                    factbase,
                )  # fmt: skip


def _rank(
    factbase: FactBase,
    claims: Mapping[str, Entry[Claim]],
    variables: Mapping[str, Variable],
    untestable: list[Untestable],
) -> Iterator[Relation]:
    for rank_id, entry in claims.items():
        rank = entry.record
        metric = factbase.metrics[rank.metric].record
        if (
            metric.ranks is None
            or rank.scope is None
            or variables[rank_id].stated != Interval.point(1)
        ):
            continue
        kinds = SCOPE_KINDS.get(rank.scope, {rank.scope})
        values = [
            (cid, e) for cid, e in claims.items()
            if e.record.metric == metric.ranks and not e.record.qualifiers
            and e.record.modality is Modality.REPORTED and e.record.as_of.overlaps(rank.as_of)
        ]  # fmt: skip
        own = [cid for cid, e in values if e.record.subject == rank.subject]
        compared = False
        for own_id in own:
            for other_id, other in values:
                entity = factbase.entities.get(other.record.subject)
                if entity is None or other.record.subject == rank.subject:
                    continue
                if (
                    entity.record.kind not in kinds
                    or variables[other_id].unit != variables[own_id].unit
                ):
                    continue
                compared = True
                yield _relation(
                    RelationKind.RANK, f"{rank_id}:{other_id}<={own_id}", _name(other_id), "<=",
                    _name(own_id), (other_id, own_id), entry,
                    f"{rank_id} says {rank.subject} ranks first among {rank.scope}: "
                    f"{other_id} ({other.record.subject}) cannot exceed {own_id}",
                    factbase,
                )  # fmt: skip
        if not compared:
            missing = (
                f"no {metric.ranks} of {rank.subject}"
                if not own
                else (f"no other {rank.scope} with {metric.ranks}")
            )
            reason = (
                f"the rank {rank_id} is untestable: the fact base has {missing} "
                f"at {rank.as_of} to compare"
            )
            untestable.append(Untestable(reason, entry.where("value"), (rank_id,)))


def _conversion(
    factbase: FactBase,
    claims: Mapping[str, Entry[Claim]],
    variables: Mapping[str, Variable],
    untestable: list[Untestable],
) -> Iterator[Relation]:
    rates = [
        (e.record.as_of, variables[cid].stated) for cid, e in claims.items()
        if factbase.metrics[e.record.metric].record.measures is Measure.EXCHANGE_RATE
    ]  # fmt: skip
    by_quantity: dict[tuple[object, ...], dict[Unit, str]] = defaultdict(dict)
    for cid, entry in claims.items():
        unit = variables[cid].unit
        if unit in {Unit.CNY, Unit.USD}:
            key = (
                *_same_quantity_key(entry.record, Unit.CNY),
                entry.record.as_of,
                entry.record.source,
            )
            by_quantity[key].setdefault(unit, cid)
    for pair in by_quantity.values():
        if set(pair) != {Unit.CNY, Unit.USD}:
            continue
        yuan, dollars = pair[Unit.CNY], pair[Unit.USD]
        source = factbase.sources.get(claims[yuan].record.source)
        if source is None:
            continue
        published = source.record.published.when
        window = Period(
            published.start - timedelta(days=RATE_WINDOW_DAYS),
            published.end + timedelta(days=RATE_WINDOW_DAYS),
        )
        near = [
            interval for when, interval in rates
            if when.overlaps(window) and interval.lo is not None and interval.hi is not None
        ]  # fmt: skip
        ratio = Binary("/", _name(yuan), _name(dollars), 0, 0)
        if not near:
            reason = (
                f"the conversion {yuan} / {dollars} is untestable: no reference yuan/dollar "
                f"rate within {RATE_WINDOW_DAYS} days of {published}"
            )
            untestable.append(Untestable(reason, claims[dollars].where("value"), (yuan, dollars)))
            continue
        band = hull(near)
        assert band.lo is not None
        assert band.hi is not None
        tolerance = factbase.settings.rate_tolerance  # the spot rate's band around the parity
        plausible = Interval(band.lo * (1 - tolerance), band.hi * (1 + tolerance))
        yield _relation(
            RelationKind.CONVERSION, f"{yuan}/{dollars}", ratio, "==", Constant(plausible),
            (yuan, dollars), claims[dollars],
            f"{yuan} / {dollars} is a yuan/dollar rate, which around {published} was "
            f"{_show_rate(plausible)} (the reference parity ± {float(tolerance):.0%})",
            factbase,
        )  # fmt: skip


def _show_rate(interval: Interval) -> str:
    assert interval.lo is not None
    assert interval.hi is not None
    return f"{float(interval.lo):.4f} to {float(interval.hi):.4f}"


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
                for subject in _ancestors(share.subject, parent)
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
            yield _relation(
                RelationKind.SHARE, relation_id,
                Binary("/", _name(part), _name(whole), 0, 0), "==", _name(share_id),
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
    above = _ancestors(share.subject, parent)
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

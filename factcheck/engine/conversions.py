"""Conversion relations: a yuan figure and its dollar figure in one source ("5 billion
yuan ($684.4 million)") divide to a yuan/dollar rate, which must be near the reference
parity of the source's date (within ``RATE_WINDOW_DAYS``, or between the nearest rates
on either side), give or take the settings' ``rate_tolerance``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import timedelta

from factcheck.arithmetic import hull
from factcheck.engine.builtin_common import claim_name, derived_relation, same_quantity_key
from factcheck.engine.relations import Constant, Relation, RelationKind, Untestable, Variable
from factcheck.expressions import Binary
from factcheck.factbase import Entry, FactBase
from factcheck.intervals import Interval
from factcheck.model import Claim
from factcheck.periods import Period
from factcheck.units import Measure, Unit

__all__ = ["RATE_BRACKET_DAYS", "RATE_WINDOW_DAYS", "conversion_relations"]

#: Reference rates this close to a source's publication period count as its date's.
RATE_WINDOW_DAYS = 31
#: Failing those, the nearest rates on either side within this many days bracket it.
RATE_BRACKET_DAYS = 92


def conversion_relations(
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
                *same_quantity_key(entry.record, Unit.CNY),
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
        bounded = [(when, i) for when, i in rates if i.lo is not None and i.hi is not None]
        near = [i for when, i in bounded if when.overlaps(window)] or _bracket(bounded, published)
        ratio = Binary("/", claim_name(yuan), claim_name(dollars), 0, 0)
        if not near:
            reason = (
                f"the conversion {yuan} / {dollars} is untestable: no reference yuan/dollar "
                f"rate within {RATE_WINDOW_DAYS} days of {published}, nor one on each side "
                f"within {RATE_BRACKET_DAYS} days"
            )
            untestable.append(Untestable(reason, claims[dollars].where("value"), (yuan, dollars)))
            continue
        band = hull(near)
        assert band.lo is not None
        assert band.hi is not None
        tolerance = factbase.settings.rate_tolerance  # the spot rate's band around the parity
        plausible = Interval(band.lo * (1 - tolerance), band.hi * (1 + tolerance))
        yield derived_relation(
            RelationKind.CONVERSION, f"{yuan}/{dollars}", ratio, "==", Constant(plausible),
            (yuan, dollars), claims[dollars],
            f"{yuan} / {dollars} is a yuan/dollar rate, which around {published} was "
            f"{_show_rate(plausible)} (the reference parity ± {float(tolerance):.0%})",
            factbase,
        )  # fmt: skip


def _bracket(rates: list[tuple[Period, Interval]], published: Period) -> list[Interval]:
    """With no reference rate near the date, the nearest one before it and the nearest
    after it, when both are within ``RATE_BRACKET_DAYS``: the parity moved from one to
    the other, so the date's is taken to lie between them (a wider, weaker test)."""
    reach = timedelta(days=RATE_BRACKET_DAYS)
    before = [
        (when.end, i) for when, i in rates if published.start - reach <= when.end < published.start
    ]
    after = [
        (when.start, i) for when, i in rates if published.end < when.start <= published.end + reach
    ]
    if not before or not after:
        return []
    return [max(before, key=lambda pair: pair[0])[1], min(after, key=lambda pair: pair[0])[1]]


def _show_rate(interval: Interval) -> str:
    assert interval.lo is not None
    assert interval.hi is not None
    return f"{float(interval.lo):.4f} to {float(interval.hi):.4f}"

"""Conversion relations: a yuan figure and its dollar figure in one source ("5 billion
yuan ($684.4 million)") divide to a yuan/dollar rate, which must be near the reference
parity of the source's date (any two currencies of ``units.CURRENCIES``: their rates per
dollar divided) (within ``RATE_WINDOW_DAYS``, or between the nearest rates
on either side), give or take the settings' ``rate_tolerance``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from itertools import combinations

from factcheck.arithmetic import divide, hull
from factcheck.engine.builtin_common import claim_name, derived_relation, same_quantity_key
from factcheck.engine.relations import Constant, Relation, RelationKind, Untestable, Variable
from factcheck.expressions import Binary
from factcheck.factbase import Entry, FactBase
from factcheck.intervals import Interval
from factcheck.model import Claim
from factcheck.periods import Period
from factcheck.units import CURRENCIES, Unit, currency_of, rate_currency

__all__ = ["RATE_BRACKET_DAYS", "RATE_WINDOW_DAYS", "RateBook", "conversion_relations"]

#: Reference rates this close to a source's publication period count as its date's.
RATE_WINDOW_DAYS = 31
#: Failing those, the nearest rates on either side within this many days bracket it.
RATE_BRACKET_DAYS = 92
#: Lint's coarser test, failing both: the range of the rates within a year either side,
#: widened by ``COARSE_TOLERANCE`` (a currency can move that much between samples).
RATE_YEAR_DAYS = 366
COARSE_TOLERANCE = Fraction(1, 10)


@dataclass(frozen=True)
class RateBook:
    """The reference rates per dollar of each currency, by the period they hold for
    (reference claims of an ``exchange-rate`` metric in ``CNY/USD``, ``KES/USD`` …), and
    the band the spot rate may sit from them (the settings' ``rate_tolerance``)."""

    rates: Mapping[Unit, list[tuple[Period, Interval]]]
    tolerance: Fraction

    @classmethod
    def of(cls, readings: Iterable[tuple[Period, Unit, Interval]], tolerance: Fraction) -> RateBook:
        """``readings``: each claim's period, unit and interval; those in a rate unit
        (``CNY/USD``) are kept."""
        rates: dict[Unit, list[tuple[Period, Interval]]] = defaultdict(list)
        for when, unit, interval in readings:
            currency = rate_currency(unit)
            if currency is not None and interval.lo is not None and interval.hi is not None:
                rates[currency.unit].append((when, interval))
        return cls(dict(rates), tolerance)

    def plausible(
        self, top: Unit, bottom: Unit, when: Period, *, coarse: bool = False
    ) -> Interval | None:
        """Where ``top / bottom`` (yuan per dollar, say) may plausibly lie around
        ``when``; None when a currency has no reference rate near it. ``coarse``: failing
        a rate within ``RATE_WINDOW_DAYS`` or a bracket, the range of those within a
        year either side (a weaker test, for prose: it still catches a slipped
        magnitude)."""
        bands = []
        tolerance = self.tolerance
        for unit in (top, bottom):
            if unit is Unit.USD:
                continue  # the dollar per dollar is 1
            band = _per_dollar(self.rates.get(unit, []), when)
            if band is None and coarse:
                band = _within(self.rates.get(unit, []), when, RATE_YEAR_DAYS)
                tolerance = max(tolerance, COARSE_TOLERANCE)
            if band is None:
                return None
            bands.append(band)
        if not bands:
            return None
        if top is Unit.USD:  # dollars per yuan: the reciprocal of the yuan's rate
            parity = divide(Interval.point(1), bands[0])
        else:
            parity = bands[0] if len(bands) == 1 else divide(bands[0], bands[1])
        return _widened(parity, tolerance)


def conversion_relations(
    factbase: FactBase,
    claims: Mapping[str, Entry[Claim]],
    variables: Mapping[str, Variable],
    untestable: list[Untestable],
) -> Iterator[Relation]:
    """For every two currencies one source states a quantity in ("5 billion yuan
    ($684.4 million)", "KSh 1.2 billion (HK$72 million)"), their ratio is the rate
    between them: each currency's rate per dollar (reference claims of an
    ``exchange-rate`` metric in ``CNY/USD``, ``KES/USD``, …), divided."""
    book = RateBook.of(
        ((e.record.as_of, variables[cid].unit, variables[cid].stated) for cid, e in claims.items()),
        factbase.settings.rate_tolerance,
    )
    by_quantity: dict[tuple[object, ...], dict[Unit, str]] = defaultdict(dict)
    for cid, entry in claims.items():
        unit = variables[cid].unit
        if currency_of(unit) is not None:
            key = (
                *same_quantity_key(entry.record, Unit.CNY),
                entry.record.as_of,
                entry.record.source,
            )
            by_quantity[key].setdefault(unit, cid)
    for group in by_quantity.values():
        ordered = sorted(group, key=ORDER.index)
        for first, second in combinations(ordered, 2):
            yield from _conversion(
                factbase, claims, book, (group[first], first), (group[second], second),
                untestable,
            )  # fmt: skip


#: Which of two figures is divided by the other: yuan over dollars, as news writes them.
ORDER = [Unit.CNY, *(c.unit for c in CURRENCIES if c.unit not in {Unit.CNY, Unit.USD}), Unit.USD]


def _conversion(  # noqa: PLR0917  (the two figures, each a claim and its currency)
    factbase: FactBase,
    claims: Mapping[str, Entry[Claim]],
    book: RateBook,
    top: tuple[str, Unit],
    bottom: tuple[str, Unit],
    untestable: list[Untestable],
) -> Iterator[Relation]:
    (upper, unit_a), (lower, unit_b) = top, bottom
    source = factbase.sources.get(claims[upper].record.source)
    if source is None:
        return
    published = source.record.published.when
    names = f"{_name(unit_a)}/{_name(unit_b)}"
    plausible = book.plausible(unit_a, unit_b, published)
    if plausible is None:
        missing = next(
            u for u in (unit_a, unit_b)
            if u is not Unit.USD and book.plausible(u, Unit.USD, published) is None
        )  # fmt: skip
        reason = (
            f"the conversion {upper} / {lower} is untestable: no reference "
            f"{_name(missing)}/dollar rate within {RATE_WINDOW_DAYS} days of {published}, "
            f"nor one on each side within {RATE_BRACKET_DAYS} days"
        )
        untestable.append(Untestable(reason, claims[lower].where("value"), (upper, lower)))
        return
    ratio = Binary("/", claim_name(upper), claim_name(lower), 0, 0)
    yield derived_relation(
        RelationKind.CONVERSION, f"{upper}/{lower}", ratio, "==", Constant(plausible),
        (upper, lower), claims[lower],
        f"{upper} / {lower} is a {names} rate, which around {published} was "
        f"{_show_rate(plausible)} (the reference parity ± {float(book.tolerance):.0%})",
        factbase,
    )  # fmt: skip


def _name(unit: Unit) -> str:
    currency = currency_of(unit)
    return currency.name if currency is not None else str(unit)


def _per_dollar(rates: list[tuple[Period, Interval]], published: Period) -> Interval | None:
    """A currency's reference rate per dollar around ``published`` (the hull of those
    near it), or None when the fact base has none near."""
    near = _near(rates, published, RATE_WINDOW_DAYS) or _bracket(rates, published)
    return hull(near) if near else None


def _around(period: Period, days: int) -> Period:
    """``period`` widened by ``days`` each side, within the calendar (a draft dated
    9999-12-31)."""
    reach = timedelta(days=days)
    start = period.start - reach if period.start > date.min + reach else date.min
    end = period.end + reach if period.end < date.max - reach else date.max
    return Period(start, end)


def _near(rates: list[tuple[Period, Interval]], when: Period, days: int) -> list[Interval]:
    window = _around(when, days)
    return [i for period, i in rates if period.overlaps(window)]


def _widened(band: Interval, tolerance: Fraction) -> Interval:
    assert band.lo is not None
    assert band.hi is not None
    return Interval(band.lo * (1 - tolerance), band.hi * (1 + tolerance))


def _within(rates: list[tuple[Period, Interval]], when: Period, days: int) -> Interval | None:
    near = _near(rates, when, days)
    return hull(near) if near else None


def _bracket(rates: list[tuple[Period, Interval]], published: Period) -> list[Interval]:
    """With no reference rate near the date, the nearest one before it and the nearest
    after it, when both are within ``RATE_BRACKET_DAYS``: the parity moved from one to
    the other, so the date's is taken to lie between them (a wider, weaker test)."""
    window = _around(published, RATE_BRACKET_DAYS)
    before = [(when.end, i) for when, i in rates if window.start <= when.end < published.start]
    after = [(when.start, i) for when, i in rates if published.end < when.start <= window.end]
    if not before or not after:
        return []
    return [max(before, key=lambda pair: pair[0])[1], min(after, key=lambda pair: pair[0])[1]]


def _show_rate(interval: Interval) -> str:
    assert interval.lo is not None
    assert interval.hi is not None
    return f"{float(interval.lo):.4f} to {float(interval.hi):.4f}"

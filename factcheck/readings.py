"""Read each claim's value into a ``Reading``: figure, unit and interval.

The unit is the claim's own ``unit``, else the metric's, else the default of what the
metric measures; a unit written in the value must agree with it (a ratio written as
"one-eighth" converts to percent). The interval is the figure's (docs/semantics.md),
clipped to the metric's domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction

from factcheck.factbase import Entry, Reading
from factcheck.figures import Amount, Figure
from factcheck.findings import Finding
from factcheck.hedges import HedgeWidths, interval_of
from factcheck.model import Claim, Metric, ProposedClaim
from factcheck.rules.integrity import UnitMismatch, UnreadableValue
from factcheck.rules.registry import Rule
from factcheck.units import Unit, convert, default_unit, domain_of
from factcheck.values import UnreadableValueError, read_value

__all__ = ["read_claim", "read_claims"]


class _UnitMismatchError(ValueError):
    pass


def read_claims(
    claims: Mapping[str, Entry[Claim]] | Mapping[str, Entry[ProposedClaim]],
    metrics: Mapping[str, Entry[Metric]],
    widths: HedgeWidths,
    findings: list[Finding],
) -> dict[str, Reading]:
    """Every claim's reading, and a finding for each value that cannot be read. A
    proposed claim without a metric is read in the unit its value is written in."""
    readings: dict[str, Reading] = {}
    for claim_id, entry in claims.items():
        claim = entry.record
        metric_entry = None if claim.metric is None else metrics.get(claim.metric)
        if metric_entry is None and claim.metric is not None:
            continue  # FC102 reports the unknown metric
        field = "reading" if claim.reading is not None else "value"
        metric = None if metric_entry is None else metric_entry.record
        try:
            readings[claim_id] = read_claim(claim, metric, widths)
            continue
        except UnreadableValueError as exc:
            rule: type[Rule] = UnreadableValue
            reason = str(exc)
        except _UnitMismatchError as exc:
            rule, reason = UnitMismatch, str(exc)
        message = f"claim {claim_id!r}: {reason}"
        findings.append(rule.finding(message, entry.where(field), claims=(claim_id,)))
    return readings


def read_claim(claim: Claim | ProposedClaim, metric: Metric | None, widths: HedgeWidths) -> Reading:
    """Raises ``UnreadableValueError`` or a unit problem; see ``read_claims``. Without
    a metric (a proposed claim), a value that names no unit is a count."""
    figure = read_value(claim.reading if claim.reading is not None else claim.value)
    if not figure.compared:
        raise _UnitMismatchError(
            f"the value is in {figure.measure}, a unit factcheck does not compare; "
            "state the figure in a unit of docs/claims-format.md, or leave it out"
        )
    expected = None if metric is None else metric.unit or default_unit(metric.measures)
    named = "the claim" if metric is None else f"metric {metric.id!r}"
    if (
        claim.unit is not None
        and expected is not None
        and convert(Fraction(1), claim.unit, expected) is None
    ):
        raise _UnitMismatchError(f"the claim's unit is {claim.unit} but {named} is in {expected}")
    declared = claim.unit or expected
    owner = "the claim" if claim.unit is not None else named
    written = figure.unit
    if declared is Unit.DATE and written is not Unit.DATE:
        # "June 15" has no year: its 15 is not a date (day 15 of 1970).
        raise UnreadableValueError(
            f"{named} measures a date, and {claim.value!r} is not one with a "
            "year; give the date in full in 'reading' (reading: June 15, 2022)"
        )
    if declared is None:
        if written is None and metric is not None:
            raise _UnitMismatchError(
                f"metric {metric.id!r} measures {metric.measures} and the value names no "
                "unit; write it in the value (\"5 billion yuan\") or set 'unit'"
            )
        declared = written or Unit.COUNT
    elif written is not None and written is not declared:
        figure = _converted(figure, written, declared, owner)
    reading_unit = declared
    interval = interval_of(figure, widths, reading_unit, claim.precision)
    if metric is None:
        return Reading(figure, reading_unit, interval)
    allowed = interval.intersect(domain_of(metric.measures))
    if allowed.is_empty:
        raise UnreadableValueError(
            f"no value that metric {metric.id!r} ({metric.measures}) allows is "
            f"{claim.value!r}, read as {interval}"
        )
    return Reading(figure, reading_unit, allowed)


def _converted(figure: Figure, written: Unit, declared: Unit, owner: str) -> Figure:
    def amount(a: Amount) -> Amount:
        value, step = convert(a.value, written, declared), convert(a.step, written, declared)
        if value is None or step is None:
            raise _UnitMismatchError(f"the value is in {written} but {owner} is in {declared}")
        return Amount(value, step)

    return replace(figure, low=amount(figure.low), high=amount(figure.high), unit=declared)

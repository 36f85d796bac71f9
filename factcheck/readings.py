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
from factcheck.model import Claim, Metric
from factcheck.rules.integrity import UnitMismatch, UnreadableValue
from factcheck.rules.registry import Rule
from factcheck.units import Unit, convert, default_unit, domain_of
from factcheck.values import UnreadableValueError, read_value

__all__ = ["read_claim", "read_claims"]


class _UnitMismatchError(ValueError):
    pass


def read_claims(
    claims: Mapping[str, Entry[Claim]],
    metrics: Mapping[str, Entry[Metric]],
    widths: HedgeWidths,
    findings: list[Finding],
) -> dict[str, Reading]:
    readings: dict[str, Reading] = {}
    for claim_id, entry in claims.items():
        claim = entry.record
        metric_entry = metrics.get(claim.metric)
        if metric_entry is None:
            continue  # FC102 reports the unknown metric
        field = "reading" if claim.reading is not None else "value"
        try:
            readings[claim_id] = read_claim(claim, metric_entry.record, widths)
            continue
        except UnreadableValueError as exc:
            rule: type[Rule] = UnreadableValue
            reason = str(exc)
        except _UnitMismatchError as exc:
            rule, reason = UnitMismatch, str(exc)
        message = f"claim {claim_id!r}: {reason}"
        findings.append(rule.finding(message, entry.where(field), claims=(claim_id,)))
    return readings


def read_claim(claim: Claim, metric: Metric, widths: HedgeWidths) -> Reading:
    """Raises ``UnreadableValueError`` or a unit problem; see ``read_claims``."""
    figure = read_value(claim.reading if claim.reading is not None else claim.value)
    if not figure.compared:
        raise _UnitMismatchError(
            f"the value is in {figure.measure}, a unit factcheck does not compare; "
            "state the figure in a unit of docs/claims-format.md, or leave it out"
        )
    expected = metric.unit or default_unit(metric.measures)
    if (
        claim.unit is not None
        and expected is not None
        and convert(Fraction(1), claim.unit, expected) is None
    ):
        raise _UnitMismatchError(
            f"the claim's unit is {claim.unit} but metric {metric.id!r} is in {expected}"
        )
    declared = claim.unit or expected
    owner = "the claim" if claim.unit is not None else f"metric {metric.id!r}"
    written = figure.unit
    if declared is Unit.DATE and written is not Unit.DATE:
        # "June 15" has no year: its 15 is not a date (day 15 of 1970).
        raise UnreadableValueError(
            f"metric {metric.id!r} measures a date, and {claim.value!r} is not one with a "
            "year; give the date in full in 'reading' (reading: June 15, 2022)"
        )
    if declared is None:
        if written is None:
            raise _UnitMismatchError(
                f"metric {metric.id!r} measures {metric.measures} and the value names no "
                "unit; write it in the value (\"5 billion yuan\") or set 'unit'"
            )
        declared = written
    elif written is not None and written is not declared:
        figure = _converted(figure, written, declared, owner)
    reading_unit = declared
    interval = interval_of(figure, widths, reading_unit, claim.precision)
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

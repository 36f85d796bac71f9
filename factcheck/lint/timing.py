"""Whether a figure's time lets it be compared with a claim's, and what it must then fit:
the claim itself, a bound from a cumulative count of another time, or nothing; and a
claim's own value, or a numbered event, put in another year (FC302)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.figures import Figure
from factcheck.hedges import HedgeWidths
from factcheck.intervals import Interval
from factcheck.lint.attachment import Attachment
from factcheck.lint.expected import Expected, Match, figure_interval
from factcheck.periods import Period

if TYPE_CHECKING:
    from factcheck.lint.signatures import Signature

__all__ = ["in_time", "misdated", "moved", "shown", "within_stock"]


def in_time(signature: Signature, attachment: Attachment) -> tuple[Expected | None, str]:
    """What the figure must fit for its time, or None and why it cannot be compared."""
    if signature.timeless:
        return signature.expected, ""
    when = attachment.when
    if when is None:
        return None, "no date: the sentence names no year and the draft has no date"
    held = signature.as_of
    if when.period.overlaps(held) and not within_stock(signature, attachment):
        return signature.expected, ""
    if when.period.overlaps(held):
        return None, (
            f"another time: claim {signature.claim!r} holds for {held}, a part of "
            f"{shown(when.period)}, which the figure is for ({when.how}); a count that "
            "changes through the year is compared only at a time within the claim's"
        )
    expected = signature.expected
    if signature.cumulative and expected.interval.lo is not None and held.end < when.period.start:
        return _bounded(
            expected, Interval(expected.interval.lo, None, expected.interval.lo_closed)
        ), ""
    if signature.cumulative and expected.interval.hi is not None and when.period.end < held.start:
        return _bounded(
            expected, Interval(None, expected.interval.hi, False, expected.interval.hi_closed)
        ), ""
    return None, (
        f"another time: claim {signature.claim!r} holds for {held}, the figure for "
        f"{shown(when.period)} ({when.how})"
    )


def within_stock(signature: Signature, attachment: Attachment) -> bool:
    """A reference snapshot of a count that changes through the year (a running total
    reported for 2023-07), against a figure for a longer time it lies in (2023): which
    month the figure is of is unknown, so the two are not compared. Articles' own claims
    keep the year-level match (a draft's "in 2022" for a claim of September 2022)."""
    if attachment.when is None:
        return False
    figure, held = attachment.when.period, signature.as_of
    return (
        signature.reference
        and not signature.cumulative
        and figure.start <= held.start
        and held.end <= figure.end
        and figure != held
    )


def misdated(signature: Signature, attachment: Attachment, how: str) -> Match | None:
    """A numbered event (the fifth batch) put in a year it did not happen in."""
    when = attachment.when
    if not signature.event or when is None or when.from_draft:
        return None
    held = signature.as_of
    if when.period.overlaps(held):
        return None
    years = Interval.closed(held.start.year, held.end.year)
    why = f"{how}; the fact base holds it for {held}, the draft says {shown(when.period)}"
    return Match(signature.claim, "time", Expected(years, years, None, None), False, why)


def _bounded(expected: Expected, interval: Interval) -> Expected:
    """A cumulative count at another time: only its direction is known."""
    return Expected(interval, interval, None, expected.unit)


def shown(period: Period) -> str:
    if (
        period.start.month == 1
        and period.start.day == 1
        and period.end.month == 12
        and period.end.day == 31
    ):
        return (
            str(period.start.year)
            if period.start.year == period.end.year
            else f"{period.start.year}–{period.end.year}"
        )
    return str(period)


def moved(
    figure: Figure, signature: Signature, attachment: Attachment, widths: HedgeWidths
) -> Match | None:
    """The claim's own, distinctive value, stated for another year: the draft has put the
    figure in the wrong year ("In 2018 … 163 billion yuan", the 2017 value)."""
    when = attachment.when
    if when is None or when.from_draft or not signature.distinctive:
        return None
    if when.period.overlaps(signature.as_of):
        return None  # the claim's time lies within the figure's: not another year
    expected = signature.expected
    own = figure_interval(replace(figure, hedge=None), expected.unit, widths)
    if own is None or own != expected.written or figure.hedge is not expected.hedge:
        return None
    held = signature.as_of
    years = Interval.closed(held.start.year, held.end.year)
    subject = attachment.subject
    assert subject is not None
    why = (
        f"held to it by subject {subject.name} ({subject.how}), its metric and its exact "
        f"value: the fact base holds this value for {held}; the draft says "
        f"{shown(when.period)} ({when.how})"
    )
    return Match(signature.claim, "time", Expected(years, years, None, None), False, why)

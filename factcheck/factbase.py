"""A loaded fact base: every record with where it was written, and every claim's value
read into an interval."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from factcheck.config import Settings
from factcheck.figures import Figure
from factcheck.findings import Location
from factcheck.intervals import Interval
from factcheck.model import (
    Claim,
    Constraint,
    Entity,
    Metric,
    ProposedClaim,
    ProposedConstraint,
    Source,
    Unknown,
)
from factcheck.units import Unit

__all__ = ["Entry", "FactBase", "Reading"]

R = TypeVar(
    "R", Source, Entity, Metric, Claim, Unknown, Constraint, ProposedClaim, ProposedConstraint
)


@dataclass(frozen=True, slots=True)
class Entry(Generic[R]):
    """A record and where it was written: the record itself and each of its fields."""

    record: R
    location: Location
    fields: Mapping[str, Location]
    inline: Mapping[str, Location] = field(default_factory=dict)

    def where(self, name: str) -> Location:
        return self.fields.get(name, self.location)

    def within(self, name: str, start: int, end: int) -> Location:
        """Where characters ``start:end`` of a one-line text field are in the file;
        the field itself when it spans lines."""
        first = self.inline.get(name)
        if first is None:
            return self.where(name)
        return Location(
            first.path, first.line, first.column + start, first.line, first.column + end
        )


@dataclass(frozen=True, slots=True)
class Reading:
    """What a claim's value means: the figure as read, its unit, its interval."""

    figure: Figure
    unit: Unit
    interval: Interval


@dataclass(frozen=True)
class FactBase:
    settings: Settings
    files: tuple[str, ...]
    sources: Mapping[str, Entry[Source]]
    entities: Mapping[str, Entry[Entity]]
    metrics: Mapping[str, Entry[Metric]]
    claims: Mapping[str, Entry[Claim]]
    readings: Mapping[str, Reading]  # by claim id; absent where the value is unreadable
    texts: Mapping[str, str]  # by source id; absent where the text is not available
    unknowns: Mapping[str, Entry[Unknown]] = field(default_factory=dict)
    constraints: Mapping[str, Entry[Constraint]] = field(default_factory=dict)
    #: Records extract or import wrote that no one has reviewed (``status: proposed``):
    #: reported (FC111), quotes verified, and left out of the engine.
    proposed_claims: Mapping[str, Entry[ProposedClaim]] = field(default_factory=dict)
    proposed_constraints: Mapping[str, Entry[ProposedConstraint]] = field(default_factory=dict)
    proposed_readings: Mapping[str, Reading] = field(default_factory=dict)

    def quoted(self) -> dict[str, Entry[Claim] | Entry[ProposedClaim]]:
        """Every claim with a quote to verify: the reviewed and the proposed."""
        return {**self.claims, **self.proposed_claims}

    #: Ids of records that failed validation (already reported): references to them are
    #: not reported again as unknown.
    rejected: frozenset[str] = frozenset()

"""A loaded fact base: every record with where it was written, and every claim's value
read into an interval."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from factcheck.config import Settings
from factcheck.figures import Figure
from factcheck.findings import Location
from factcheck.intervals import Interval
from factcheck.model import Claim, Entity, Metric, Source
from factcheck.units import Unit

__all__ = ["Entry", "FactBase", "Reading"]

R = TypeVar("R", Source, Entity, Metric, Claim)


@dataclass(frozen=True, slots=True)
class Entry(Generic[R]):
    """A record and where it was written: the record itself and each of its fields."""

    record: R
    location: Location
    fields: Mapping[str, Location]

    def where(self, field: str) -> Location:
        return self.fields.get(field, self.location)


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

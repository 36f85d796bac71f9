"""One parsed claims or constraints file as cache data, and back.

The cache (factcheck/cache.py) keeps what loading one file produced: its records with
where each was written, the findings met while loading it, and the ids of records that
failed validation. It keeps them as JSON of plain values (text, numbers, lists,
mappings), never as objects, so decoding constructs nothing an entry names and runs
nothing an entry holds.

Each record is kept as the data it was validated from, and decoding validates that
data again through the same pydantic model, so a record from the cache is the record a
fresh parse makes, and an entry that does not hold one (hand-edited, truncated, written
by a bug) is refused as a whole and the file parsed again. Findings are rebuilt by the
rule their code names in the registry; locations by their constructor, after their
numbers are checked. Every location's path is a number: 0 for the file itself (the
cache key holds its path), else an index into ``paths``.

    {"paths": [...], "records": {section: [[data, location, fields, inline], ...]},
     "findings": [[code, severity, message, location, related, claims, acknowledged,
                   excerpt, excerpt_column, constraint, baseline], ...],
     "rejected": [id, ...]}
    location: [path, line, column, end_line, end_column]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from pydantic import BaseModel

from factcheck.factbase import Entry
from factcheck.findings import Finding, Location, Related, Severity
from factcheck.rules import RULES

__all__ = ["Parsed", "decode", "encode"]


class Parsed(NamedTuple):
    """What loading one file produced."""

    entries: dict[str, list[Entry[Any]]]  # by section
    findings: list[Finding]
    rejected: set[str]


class _MalformedError(ValueError):
    """The entry is not one the encoder wrote."""


def encode(
    shown: str,
    entries: Mapping[str, Sequence[Entry[Any]]],
    data: Mapping[str, Sequence[Any]],
    findings: Iterable[Finding],
    rejected: Iterable[str],
) -> bytes | None:
    """The JSON of one file's load; ``data[section][i]`` is what ``entries[section][i]``
    was validated from. None where it cannot be written as JSON exactly (an integer of
    more digits than Python converts): that file is not cached."""
    where = _Paths(shown)
    records = {}
    for section, kept in entries.items():
        if not kept:
            continue
        if len(kept) != len(data[section]):
            raise ValueError(f"{len(kept)} {section} but {len(data[section])} data")
        records[section] = [
            [
                item,
                where(entry.location),
                {name: where(location) for name, location in entry.fields.items()},
                {name: where(location) for name, location in entry.inline.items()},
            ]
            for entry, item in zip(kept, data[section], strict=True)
        ]
    document = {
        "records": records,
        "findings": [_finding(f, where) for f in findings],
        "rejected": sorted(rejected),
        "paths": where.extra,
    }
    try:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    except ValueError:  # sys.get_int_max_str_digits(): such a file is parsed every time
        return None
    # A lone surrogate ("\ud800" written in a YAML string) survives the round trip.
    return text.encode("utf-8", "surrogatepass")


def decode(raw: bytes, shown: str, sections: Mapping[str, type[BaseModel]]) -> Parsed | None:
    """What ``encode`` stored, validated again; None if ``raw`` is anything else."""
    try:
        return _decode(raw, shown, sections)
    # What a wrong shape raises: a failed check or validation (ValueError), unpacking
    # or indexing the wrong thing (TypeError, IndexError, KeyError), JSON nested too
    # deep to read (RecursionError).
    except (ValueError, TypeError, IndexError, KeyError, RecursionError):
        return None


def _decode(raw: bytes, shown: str, sections: Mapping[str, type[BaseModel]]) -> Parsed:
    document = _mapping(json.loads(raw))
    paths = [shown, *(_text(p) for p in _list(document["paths"]))]
    entries: dict[str, list[Entry[Any]]] = {}
    for section, rows in _mapping(document["records"]).items():
        model = sections[section]
        entries[section] = [
            Entry(
                model.model_validate(item),
                _location(location, paths),
                {name: _location(v, paths) for name, v in _mapping(fields).items()},
                {name: _location(v, paths) for name, v in _mapping(inline).items()},
            )
            for item, location, fields, inline in _list(rows)
        ]
    findings = [_rebuilt(row, paths) for row in _list(document["findings"])]
    rejected = {_text(i) for i in _list(document["rejected"])}
    return Parsed(entries, findings, rejected)


class _Paths:
    """Locations as lists of numbers, their paths numbered (0: the file itself)."""

    def __init__(self, shown: str) -> None:
        self.index = {shown: 0}
        self.extra: list[str] = []

    def __call__(self, location: Location) -> list[Any]:
        number = self.index.get(location.path)
        if number is None:
            self.extra.append(location.path)
            number = self.index[location.path] = len(self.extra)
        return [number, location.line, location.column, location.end_line, location.end_column]


def _finding(finding: Finding, where: _Paths) -> list[Any]:
    return [
        finding.code,
        finding.severity.value,
        finding.message,
        where(finding.location),
        [[where(r.location), r.message] for r in finding.related],
        list(finding.claims),
        finding.acknowledged,
        finding.excerpt,
        finding.excerpt_column,
        finding.constraint,
        finding.baseline,
    ]


def _rebuilt(row: Any, paths: list[str]) -> Finding:
    (code, severity, message, location, related, claims, acknowledged, excerpt, column,
     constraint, baseline) = _list(row)  # fmt: skip
    finding = RULES[_text(code)].finding(
        _text(message),
        _location(location, paths),
        claims=tuple(_text(c) for c in _list(claims)),
        related=tuple(_related(r, paths) for r in _list(related)),
        severity=Severity(_text(severity)),
        acknowledged=_optional_text(acknowledged),
        excerpt=_optional_text(excerpt),
        excerpt_column=_number(column),
        constraint=_optional_text(constraint),
    )
    return finding if baseline is None else replace(finding, baseline=_text(baseline))


def _related(row: Any, paths: list[str]) -> Related:
    location, message = _list(row)
    return Related(_location(location, paths), _text(message))


def _location(row: Any, paths: list[str]) -> Location:
    """``[path, line, column, end_line, end_column]``: whole numbers from 1 (the path's
    from 0), the end both or neither. Checked inline: an entry holds millions."""
    if type(row) is list and len(row) == 5:
        path, line, column, end_line, end_column = row
        if (
            type(path) is int
            and type(line) is int
            and type(column) is int
            and path >= 0  # -1 would index from the end
            and line >= 1
            and column >= 1
        ):
            if end_line is None and end_column is None:
                return Location(paths[path], line, column)
            if type(end_line) is int and type(end_column) is int and end_line >= 1 <= end_column:
                return Location(paths[path], line, column, end_line, end_column)
    raise _MalformedError(row)


def _number(value: Any) -> int:
    """A line or column: a whole number from 1 (not a bool, not a float)."""
    if type(value) is not int or value < 1:
        raise _MalformedError(value)
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _MalformedError(value)
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _MalformedError(value)
    return value


def _mapping(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise _MalformedError(value)
    return value

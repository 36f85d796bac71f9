"""Reading a table of facts for ``factcheck import``: CSV (the standard library's reader,
strict) or JSON Lines, each row with the line it starts on, the columns it needs found
by name in the header (or the objects' keys), and every row that cannot be read kept
as a problem at its line, never dropped in silence."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from factcheck.errors import UsageError

__all__ = ["Columns", "Row", "csv_rows", "jsonl_rows"]

#: The fields every table has a column for.
_REQUIRED = ("source", "value", "quote")


@dataclass(frozen=True)
class Columns:
    """The table's column for each field. ``None`` for an optional one: the table has
    no such column (its field is then empty in every row)."""

    source: str = "source_url"
    title: str | None = "source_title"
    published: str | None = "published"
    subject: str | None = "subject"
    metric: str | None = "metric"
    value: str = "value"
    unit: str | None = "unit"
    qualifier: str | None = "qualifier"
    as_of: str | None = "as_of"
    quote: str = "quote"

    def named(self) -> dict[str, str]:
        """Field name → column name, for the columns the table must have."""
        named = {f.name: getattr(self, f.name) for f in fields(self)}
        return {name: column for name, column in named.items() if column is not None}


@dataclass
class Row:
    line: int  # 1-based physical line the row starts on
    fields: dict[str, str]  # field name (Columns) → text, stripped; "" where empty


def csv_rows(
    text: str, shown: str, columns: Columns, problems: list[tuple[int, str]]
) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError(
            f"{shown}:1:1: the table is empty: its first line names the columns"
        ) from None
    except csv.Error as exc:
        raise UsageError(f"{shown}:1:1: the header is not CSV: {exc}") from None
    places = _header_places([name.strip() for name in header], shown, columns)
    last = reader.line_num
    while True:
        start = last + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if reader.line_num <= last:
                problems.append((start, f"not a CSV row: {exc}"))
                return  # the reader cannot move on
            last = reader.line_num
            unclosed = " (a quote opened in it is not closed)" if last > start else ""
            problems.append((start, f"not a CSV row: {exc}{unclosed}"))
            continue
        last = reader.line_num
        if not any(cell.strip() for cell in record):
            continue  # a blank line
        if len(record) != len(header):
            span = f" (the row runs over lines {start}–{last})" if last > start else ""
            problems.append(
                (start, f"{len(record)} fields where the header has {len(header)}{span}")
            )
            continue
        yield Row(start, {name: record[i].strip() for name, i in places.items()})


def _header_places(header: list[str], shown: str, columns: Columns) -> dict[str, int]:
    """Field name → index of its column in ``header``; a ``UsageError`` for a column
    the header lacks or names twice."""
    places: dict[str, int] = {}
    for name, column in columns.named().items():
        found = [i for i, h in enumerate(header) if h == column]
        if not found:
            found = [i for i, h in enumerate(header) if h.casefold() == column.casefold()]
        if not found:
            raise UsageError(_no_column(shown, column, header, name))
        if len(found) > 1:
            raise UsageError(f"{shown}:1:1: the header names column {column!r} twice")
        places[name] = found[0]
    return places


def _no_column(shown: str, column: str, present: list[str], name: str) -> str:
    listed = ", ".join(repr(h) for h in present if h) or "none"
    option = "--" + name.replace("_", "-") + "-column"
    hint = "" if name in _REQUIRED else f" (or {option} '' if the table has none)"
    return (
        f"{shown}:1:1: no column {column!r}; the table's columns are {listed}: "
        f"name the right one with {option}{hint}"
    )


def jsonl_rows(
    text: str, shown: str, columns: Columns, problems: list[tuple[int, str]]
) -> Iterator[Row]:
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except (ValueError, RecursionError) as exc:
            problems.append((number, f"not JSON: {exc}"))
            continue
        if not isinstance(data, dict):
            problems.append((number, f"a row is a JSON object, not {type(data).__name__}"))
            continue
        objects.append((number, data))
    if not objects:
        if problems:
            return
        raise UsageError(f"{shown}:1:1: the table is empty: no JSON objects in it")
    keys = list(dict.fromkeys(k for _, data in objects for k in data))
    for name, column in columns.named().items():
        if column not in keys:
            raise UsageError(_no_column(shown, column, keys, name))
    for number, data in objects:
        row: dict[str, str] = {}
        for name, column in columns.named().items():
            value = data.get(column)
            if isinstance(value, bool) or not isinstance(value, str | int | float | None):
                problems.append((number, f"{column!r} holds {_json_kind(value)}, not text"))
                break
            row[name] = "" if value is None else str(value).strip()
        else:
            yield Row(number, row)


def _json_kind(value: object) -> str:
    return {bool: "true or false", list: "a list", dict: "an object"}.get(type(value), "a value")

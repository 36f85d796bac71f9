"""``factcheck figures``: every figure the grammar finds in a text, with how it is read —
what `lint` sees (docs/figures.md). One record per figure, rendered as text (the line
with the figure underlined) or as JSON lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from fractions import Fraction

from factcheck.figures import Figure, scan
from factcheck.units import Unit

__all__ = ["Listed", "list_figures", "render_jsonl", "render_text"]

_NEWLINE = re.compile("\n")
#: A minus written in the figure ("-1.3%", "minus 5", 零下25): the value is negative. A
#: direction is not ("fell 2.5%" is 2.5, down), though both make the interval negative.
_WRITTEN_MINUS = re.compile(r"(?:^|\s)[-−]\d|\b(?:minus|negative)\b|零下|负", re.IGNORECASE)
#: Measures whose figures are read in another unit: "six months" is half a year.
_AS_WRITTEN = {"months": 12}
#: Calendar years read as a bare number of four digits: a date, not a quantity.
_YEARS = range(1800, 2101)
#: A year, or a span of years, alone or after a preposition of time: "2018", "by 2030",
#: "between 2019 and 2022" (not "About 2000 people": a count).
_WRITTEN_YEARS = re.compile(
    r"(?:(?:by|since|before|after|until|till|in|between|from)\s+)?"
    r"\d{4}(?:\s*(?:-|–|to|and)\s*(?:\d{4}|\d{2}))?",
    re.IGNORECASE,
)
#: "until at least 2031": a hedged year after a preposition of time is still a year.
_TIME_BEFORE = re.compile(r"\b(?:by|since|before|after|until|till|in)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Listed:
    """One figure: where (1-based line and columns, the end exclusive), as written, and
    as read. ``value`` is the number in its own unit with scale words applied ("3.5m"
    is 3500000, "19 percent" 19), negative for a written minus; ``low`` and ``high``
    are a range's ends (both ``value`` otherwise)."""

    line: int
    column: int
    end_column: int
    text: str
    value: float
    low: float
    high: float
    unit: str | None
    hedge: str | None
    direction: str | None
    kind: str


def list_figures(text: str, *, lines_apart: bool = False) -> Iterator[Listed]:
    """The figures of ``text``, in order. With ``lines_apart``, each line is a text of its
    own (standard input, one sentence a line): no hedge, direction or range reaches
    across a line break, as one may in a paragraph wrapped over lines."""
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    line = 0
    for figure in _by_line(text, starts) if lines_apart else scan(text):
        while line + 1 < len(starts) and starts[line + 1] <= figure.start:
            line += 1
        written = text[figure.start : figure.end]
        signed = -1 if figure.negative and _WRITTEN_MINUS.search(written) else 1
        signed *= _AS_WRITTEN.get(figure.measure or "", 1)
        low, high = figure.low.value, figure.high.value
        if signed != 1:
            low, high = low * signed, high * signed
        if signed < 0:
            low, high = high, low
        yield Listed(
            line=line + 1,
            column=figure.start - starts[line] + 1,
            end_column=figure.end - starts[line] + 1,
            text=written,
            value=_number(low),
            low=_number(low),
            high=_number(high),
            unit=figure.measure or (str(figure.unit) if figure.unit is not None else None),
            hedge=str(figure.hedge) if figure.hedge is not None else None,
            direction=figure.direction,
            kind=_kind(figure, written, text[max(0, figure.start - 12) : figure.start]),
        )


def _by_line(text: str, starts: list[int]) -> Iterator[Figure]:
    for start, end in zip(starts, [*starts[1:], len(text) + 1], strict=True):
        for figure in scan(text[start : end - 1]):
            yield replace(figure, start=figure.start + start, end=figure.end + start)


def _number(value: Fraction) -> float:
    """A whole number as an ``int`` (exact in JSON), anything else as a float."""
    return int(value) if value.denominator == 1 else float(value)


def _kind(figure: Figure, written: str, before: str) -> str:
    if figure.unit is Unit.DATE:
        return "date"
    if figure.unit is Unit.RANK:
        return "rank"
    year = _WRITTEN_YEARS.fullmatch(written) or (
        figure.hedge is not None
        and _TIME_BEFORE.search(before)
        and _WRITTEN_YEARS.search(written.rsplit(None, 1)[-1])
    )
    if figure.unit is None and figure.measure is None and year:
        low, high = figure.low.value, figure.high.value
        if all(v.denominator == 1 and int(v) in _YEARS for v in (low, high)):
            return "year"  # "by 2030", "at least 2031", "between 2020 and 2023"
    return "quantity"


def render_jsonl(records: Iterator[Listed], path: str | None = None) -> Iterator[str]:
    """One JSON object a line; ``path`` added when several inputs are listed."""
    for record in records:
        data = asdict(record)
        if path is not None:
            data = {"path": path, **data}
        yield json.dumps(data, ensure_ascii=False)


def render_text(text: str, records: Iterator[Listed], path: str) -> Iterator[str]:
    """Each figure's line with the figure underlined, and its reading below."""
    lines = text.split("\n")  # as list_figures counts lines: "\u2028" is not a break
    for record in records:
        source = lines[record.line - 1] if record.line - 1 < len(lines) else ""
        width = max(1, record.end_column - record.column)
        reading = _reading(record)
        yield f"{path}:{record.line}:{record.column}: {record.text!r} {reading}"
        yield f"    {source}"
        yield f"    {' ' * (record.column - 1)}{'^' * width}"


def _reading(record: Listed) -> str:
    span = f"{record.low} to {record.high}" if record.low != record.high else f"{record.value}"
    parts = [record.kind, span]
    if record.unit:
        parts.append(record.unit)
    if record.hedge:
        parts.append(f"hedge {record.hedge}")
    if record.direction:
        parts.append(f"direction {record.direction}")
    return "→ " + ", ".join(parts)

"""``factcheck import TABLE``: a table of facts (CSV or JSON Lines) into sources and
proposed claims (docs/authoring.md).

Each row is one fact: its source's address, title and publication date, the subject,
metric, value (as printed), unit, a free-text qualifier, the time it holds for, and the
verbatim quote. Rows are grouped by source: a source of the fact base with the same
address (or whose id the row names) is reused, else a new one is made with an id from
the address's host and path. A row's subject and metric become ids where they name
exactly one entity or metric of the fact base; what the table said goes in the notes
either way. A row that cannot be a claim (fields missing, a value that is not one
figure, a date that is not one, a value not written in its quote) is reported with its
line and left out; every other row is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pydantic import ValidationError

from factcheck.authoring.adding import Added, Adder, Addition, locked, make_id, normalised
from factcheck.authoring.tables import Columns, Row, csv_rows, jsonl_rows
from factcheck.config import Settings
from factcheck.errors import UsageError
from factcheck.factbase import FactBase
from factcheck.loader import MAX_FILE_BYTES, display_path, load_factbase
from factcheck.model import Metric, ProposedClaim, Published, Source
from factcheck.periods import Period, parse_period
from factcheck.quoting import normalise_space, written_in
from factcheck.readings import read_claim
from factcheck.rules.integrity import bidi_spans
from factcheck.safefile import UnreadableError, read_bounded
from factcheck.units import Unit
from factcheck.values import UnreadableValueError, read_value

__all__ = ["Imported", "import_table"]

#: A source id made of an address is cut to about this many characters, at a hyphen.
_ID_LENGTH = 48
#: A word of an address longer than this that holds a digit is an opaque token (an
#: article number, a hash): its first ``_TOKEN_KEPT`` characters are kept.
_TOKEN_LENGTH = 8
_TOKEN_KEPT = 6
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cgi)$", re.IGNORECASE)
_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: A word after a place's name that the fact base's names leave out.
_KIND_WORD = re.compile(r"\s+(?:district|city|province|municipality|county)$")


@dataclass(frozen=True)
class Imported:
    """What was written, one ``Added`` a source, and the rows left out: (line, reason)."""

    added: list[Added]
    problems: list[tuple[int, str]]


@dataclass
class _Fact:
    """A good row: where its source is and the claim it makes (without the source)."""

    line: int
    source: _SourceKey
    title: str
    published: str
    claim: dict[str, Any]


@dataclass(frozen=True)
class _SourceKey:
    """A row's source: an address, or the id of a source already in the fact base."""

    url: str | None = None
    source_id: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return _url_key(self.url) if self.url is not None else ("id", str(self.source_id))


@dataclass
class _Group:
    key: _SourceKey
    facts: list[_Fact] = field(default_factory=list)


def import_table(settings: Settings, path: Path, *, columns: Columns) -> Imported:
    """Import every good row of the table at ``path`` as a proposed claim, grouped by
    source, and write them once; bad rows are returned as problems, with their line."""
    shown = display_path(path)
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UsageError(
            f"{shown}: a table to import is CSV (.csv) or JSON Lines (.jsonl, .ndjson)"
        )
    try:
        text = read_bounded(path, MAX_FILE_BYTES).decode("utf-8-sig")
    except UnreadableError as exc:
        raise UsageError(f"cannot read {shown}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {shown}: not UTF-8 text ({exc.reason})") from None
    problems: list[tuple[int, str]] = []
    reader = csv_rows if kind == "csv" else jsonl_rows
    rows = list(reader(text, shown, columns, problems))
    with locked(settings):
        added = _import(settings, rows, path.name, problems)
    problems.sort()
    return Imported(added, problems)


def _import(
    settings: Settings, rows: list[Row], table: str, problems: list[tuple[int, str]]
) -> list[Added]:
    factbase, _ = load_factbase(settings)
    adder = Adder(factbase)
    matcher = _Matcher(factbase, settings)
    groups: dict[tuple[str, ...], _Group] = {}
    for row in rows:
        try:
            fact = matcher.fact(row)
        except _BadRowError as exc:
            problems.append((row.line, str(exc)))
            continue
        groups.setdefault(fact.source.key, _Group(fact.source)).facts.append(fact)
    added: list[Added] = []
    assigned: set[str] = set()
    for group in groups.values():
        facts = _consistent(group, problems)
        if not facts:
            continue
        source_id, source = _source_of(factbase, group.key, facts, table, assigned)
        title = source.title if source is not None else factbase.sources[source_id].record.title
        header = f"# Claims of “{title}”, proposed by `factcheck import` from {table}.\n"
        claims = [{"status": "proposed", "source": source_id, **f.claim} for f in facts]
        added.append(adder.add(source_id, Addition(source, claims, [], header)))
    adder.save()
    return added


# -- a row into a claim ------------------------------------------------------------------


class _Matcher:
    """Turns rows into facts: checks each field and finds the subject and metric."""

    def __init__(self, factbase: FactBase, settings: Settings) -> None:
        self.factbase = factbase
        self.widths = settings.hedges
        self.entities: dict[str, set[str]] = {}
        for eid, entry in factbase.entities.items():
            for name in (eid, entry.record.name, *entry.record.aliases):
                self.entities.setdefault(normalised(name), set()).add(eid)
        self.terms: list[tuple[re.Pattern[str], str]] = [
            (re.compile(rf"(?<!\w){re.escape(normalised(term))}(?!\w)"), mid)
            for mid, entry in factbase.metrics.items()
            for term in entry.record.terms
            if term.strip()
        ]
        self.by_url: dict[tuple[str, ...], str] = {}
        for sid, source in factbase.sources.items():
            if source.record.url:
                self.by_url.setdefault(_url_key(source.record.url), sid)

    def fact(self, row: Row) -> _Fact:
        """The row's fact; a ``_BadRowError`` says why it is not one."""
        get = row.fields.get
        source = self._source(get("source", ""))
        value, quote = get("value", ""), get("quote", "")
        if not value:
            raise _BadRowError("the value is empty")
        if not quote:
            raise _BadRowError("the quote is empty")
        for name in ("published", "as_of"):
            if text := get(name, ""):
                _date(name, text)
        try:
            figure = read_value(value)
        except UnreadableValueError as exc:
            raise _BadRowError(f"value {value!r} is not one figure: {exc}") from None
        if not written_in(normalised(value), normalised(quote)):
            raise _BadRowError(f"value {value!r} is not written in its quote")
        for name, text in (("value", value), ("quote", quote)):
            if any(bidi_spans(text)):
                raise _BadRowError(f"the {name} holds a bidirectional control character")
        unit = _unit(get("unit", ""), figure.unit)
        return self._claim(row, source, unit)

    def _claim(self, row: Row, source: _SourceKey, unit: Unit | None) -> _Fact:
        get = row.fields.get
        notes: list[str] = []
        if qualifier := get("qualifier", ""):
            notes.append(f"qualifier in the table: {qualifier}")
        claim: dict[str, Any] = {"quote": normalise_space(get("quote", ""))}
        subject_text = get("subject", "")
        subject = self._subject(subject_text)
        if subject is not None:
            claim["subject"] = subject
        elif subject_text:
            notes.append(f"subject in the table: {subject_text}")
        metric_text = get("metric", "")
        metric = self._metric(metric_text)
        if metric is not None:
            claim["metric"] = metric
        claim["value"] = normalise_space(get("value", ""))
        if unit is not None:
            claim["unit"] = unit.value
        if as_of := get("as_of", ""):
            claim["as_of"] = as_of
        reason = self._unreadable(claim, None)
        if reason is not None:
            raise _BadRowError(reason)
        if metric is not None and self._unreadable(claim, self.factbase.metrics[metric].record):
            del claim["metric"]  # its unit or domain does not fit the value
            metric = None
        if metric_text and metric != metric_text:
            notes.append(f"metric in the table: {metric_text}")
        if notes:
            claim["notes"] = "; ".join(notes)
        return _Fact(row.line, source, get("title", ""), get("published", ""), claim)

    def _unreadable(self, claim: dict[str, Any], metric: Metric | None) -> str | None:
        """Why the claim would not be read (FC103, FC104, a schema error), or None."""
        try:
            record = ProposedClaim.model_validate(
                {"status": "proposed", "id": "row", "source": "row", **claim}
            )
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(p) for p in problem["loc"])
            return f"{where}: {problem['msg']}"
        try:
            read_claim(record, metric, self.widths)
        except ValueError as exc:  # UnreadableValueError, or a unit the metric does not use
            return str(exc)
        return None

    def _subject(self, text: str) -> str | None:
        """The entity ``text`` names: by id, name or alias ("Bao'an District" also by
        "Bao'an"), where exactly one does."""
        said = normalised(text)
        found = self.entities.get(said) or self.entities.get(_KIND_WORD.sub("", said))
        return self._one(found or set())

    def _metric(self, text: str) -> str | None:
        """The metric ``text`` names: an id, or the only metric one of whose terms stands
        in it as a whole phrase."""
        if not text:
            return None
        for candidate in (text.strip(), make_id(text)):
            if candidate in self.factbase.metrics:
                return candidate
        said = normalised(text)
        return self._one({mid for pattern, mid in self.terms if pattern.search(said)})

    @staticmethod
    def _one(ids: set[str]) -> str | None:
        return next(iter(ids)) if len(ids) == 1 else None

    def _source(self, text: str) -> _SourceKey:
        if not text:
            raise _BadRowError("the source is empty: every row needs its source's address")
        if text in self.factbase.sources:
            return _SourceKey(source_id=text)
        if _is_url(text):
            existing = self.by_url.get(_url_key(text))
            return _SourceKey(source_id=existing) if existing else _SourceKey(url=text)
        raise _BadRowError(
            f"source {text!r} is neither a web address (http…) nor a source of the fact base"
        )


class _BadRowError(Exception):
    """Why a row cannot be a claim."""


def _date(name: str, text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as exc:
        reason = str(exc) if repr(text) in str(exc) else f"{text!r}: {exc}"
        raise _BadRowError(f"{name}: {reason}") from None


def _unit(text: str, written: Unit | None) -> Unit | None:
    """The claim's ``unit`` for the unit column's ``text``: none where the value says
    it already (or for a count), else the unit."""
    if not text:
        return None
    units = {u.value.casefold(): u for u in Unit} | {"%": Unit.PERCENT}
    unit = units.get(text.casefold())
    if unit is None:
        raise _BadRowError(
            f"unit {text!r} is not one factcheck knows (count, percent, CNY, USD …); "
            "leave it empty where the value says its unit (26.8 billion yuan)"
        )
    if written is not None and written is not unit:
        raise _BadRowError(f"the value is in {written} but the unit column says {unit}")
    if written is not None or unit is Unit.COUNT:
        return None
    return unit


# -- sources -----------------------------------------------------------------------------


def _consistent(group: _Group, problems: list[tuple[int, str]]) -> list[_Fact]:
    """The group's facts that agree with its first on the publication date; for a new
    source, those that give one."""
    if group.key.source_id is not None:
        return group.facts
    facts: list[_Fact] = []
    for fact in group.facts:
        if not fact.published:
            problems.append((fact.line, "the published date is empty: a new source needs it"))
        elif facts and parse_period(fact.published) != parse_period(facts[0].published):
            first = facts[0]
            problems.append(
                (
                    fact.line,
                    f"published {fact.published!r}, but line {first.line} gives "
                    f"{first.published!r} for the same source",
                )
            )
        else:
            facts.append(fact)
    return facts


def _source_of(
    factbase: FactBase, key: _SourceKey, facts: list[_Fact], table: str, assigned: set[str]
) -> tuple[str, Source | None]:
    """The source id of a group, and its new record (None when it is in the fact base):
    titled as the first of its rows that gives a title, published as the first row."""
    if key.source_id is not None:
        return key.source_id, None
    title = next((f.title for f in facts if f.title), None)
    first = facts[0]
    assert key.url is not None
    wanted = _source_id(key.url)
    source_id, n = wanted, 1
    while source_id in factbase.sources or source_id in assigned:
        n += 1
        source_id = f"{wanted}-{n}"
    assigned.add(source_id)
    source = Source(
        id=source_id,
        title=title or key.url,
        published=Published(when=parse_period(first.published), basis="stated"),
        url=key.url,
        notes=f"imported from {table}: no text kept, quotes not verified",
    )
    return source_id, source


def _is_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _url_key(url: str) -> tuple[str, ...]:
    """What two addresses of the same page share: host without ``www.``, path without
    a final ``/``, and query; not the scheme or the fragment."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return ("url", url.strip())
    return ("url", host, parts.path.rstrip("/"), parts.query)


def _source_id(url: str) -> str:
    """An id made of an address: its host (without ``www.``) and path, opaque tokens
    cut short, whole parts of the path while they fit in about ``_ID_LENGTH``
    characters (a part's first words where at least two fit):
    ``chinadaily-com-cn-a-202309-21-ws650b``."""
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments:
        segments[-1] = _PAGE_SUFFIX.sub("", segments[-1])
    host = (parts.hostname or "").removeprefix("www.")
    kept: list[str] = []
    for piece in (host, *segments, unquote(parts.query)):
        words = [_short(w) for w in re.findall(r"[a-z0-9]+", piece.casefold())]
        fit = 0
        while fit < len(words) and len("-".join([*kept, *words[: fit + 1]])) <= _ID_LENGTH:
            fit += 1
        if not kept:
            fit = max(fit, 1)  # the host's first word, however long
        elif fit < min(2, len(words)):
            fit = 0  # one word of a part says little
        kept.extend(words[:fit])
        if fit < len(words):
            break
    return make_id(*kept) if kept else "source"


def _short(word: str) -> str:
    """A word of an address, an opaque token (an article number, a hash) cut short."""
    opaque = len(word) > _TOKEN_LENGTH and any(c.isdigit() for c in word)
    return word[:_TOKEN_KEPT] if opaque else word

"""``factcheck extract TEXT --source ID``: an article into its source record and proposed
claims (docs/authoring.md).

The text must be inside the fact base's ``sources`` folder, as a source's ``text`` is
for quote verification. A new source's title is ``--title``, else the front matter's
``title:``, else the first heading or line; its publication date is ``--published``
(stated), else the front matter's ``date:`` (stated), else the first full date in the
text's first lines (inferred, with the reason), else the command asks for it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path

import yaml
from pydantic import ValidationError

from factcheck.authoring.adding import Added, Addition, add_records, locked
from factcheck.authoring.extraction import propose_claims
from factcheck.authoring.relations import propose_constraints
from factcheck.config import Settings
from factcheck.errors import UsageError
from factcheck.figures import scan
from factcheck.lint.drafts import read_draft
from factcheck.loader import MAX_FILE_BYTES, display_path, load_factbase
from factcheck.model import ID, Published, Source
from factcheck.periods import Period, from_day_number, parse_period
from factcheck.safefile import UnreadableError, read_bounded
from factcheck.units import Unit

__all__ = ["extract"]

_FRONT = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>(?:.*\n){0,200}?)---[ \t]*\r?\n")
#: The front matter's fields a source takes, and the most characters each may have.
_FRONT_FIELDS = {"title": 300, "published": 40, "date": 40, "publisher": 300, "url": 2000}
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>\S.*?)\s*#*\s*$|^(?P<line>\S.*\S|\S)\s*$", re.M)
_DATELINE_LINES = 30
#: A publication date before it is a typing mistake ("last year" of year 1 is no year).
_FIRST_YEAR = 1000


def extract(
    settings: Settings,
    text_path: Path,
    source_id: str,
    *,
    title: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Added:
    if not ID.fullmatch(source_id):
        raise UsageError(
            f"--source {source_id!r} is not an id: lower-case letters and digits joined by "
            "'-', '_' or '.' (zhuhai-2023)"
        )
    given = _Given(title, published, publisher, url)
    with locked(settings):
        return _extract(settings, text_path, source_id, given)


@dataclass(frozen=True)
class _Given:
    """What the command line says of a new source."""

    title: str | None
    published: str | None
    publisher: str | None
    url: str | None


def _extract(settings: Settings, text_path: Path, source_id: str, given: _Given) -> Added:
    title, published, publisher, url = given.title, given.published, given.publisher, given.url
    factbase, _ = load_factbase(settings)
    relative = _inside(settings.sources, text_path)
    try:
        text = read_bounded(text_path, MAX_FILE_BYTES).decode("utf-8-sig")
    except (UnreadableError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {display_path(text_path)}: {exc}") from None
    draft = read_draft(relative, text)
    known = factbase.sources.get(source_id)
    if known is None and source_id in factbase.rejected:
        raise UsageError(
            f"source {source_id!r} is in the fact base but not valid: `factcheck check` says why"
        )
    source = None
    if known is None:
        front = _front_matter(text, display_path(text_path))
        source = _source(
            source_id, relative=relative, text=text,
            title=_one_line(title) if title else front.get("title"),
            published=published or front.get("published") or front.get("date"),
            dated_by="--published" if published else "the front matter's date",
            publisher=_one_line(publisher) if publisher else front.get("publisher"),
            url=url or front.get("url"),
        )  # fmt: skip
        when = source.published.when
    else:
        when = known.record.published.when
        written = known.record.text
        if written is not None and os.path.normpath(written) != os.path.normpath(relative):
            raise UsageError(
                f"source {source_id!r} has the text {known.record.text!r}, not {relative!r}"
            )
    if when.start.year < _FIRST_YEAR:
        raise UsageError(f"source {source_id!r} is dated before the year {_FIRST_YEAR}")
    shown_title = source.title if source else known.record.title if known else source_id
    header = f"# Claims of “{shown_title}”, proposed by `factcheck extract` from {relative}.\n"
    proposals = list(propose_claims(draft, factbase, source_id, when))
    spans = [(p.start, p.end) for p in proposals]
    relations = list(propose_constraints(draft, spans, settings.hedges, when.start))
    claims = [p.record for p in proposals]
    return add_records(factbase, source_id, Addition(source, claims, relations, header))


def _inside(folder: Path, path: Path) -> str:
    """``path`` relative to the sources folder, or a ``UsageError`` saying to move it."""
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except (ValueError, OSError):
        raise UsageError(
            f"{display_path(path)} is not inside the sources folder "
            f"{display_path(folder)}: copy the article there, so its quotes can be verified"
        ) from None


def _source(
    source_id: str,
    *,
    relative: str,
    text: str,
    dated_by: str,
    title: str | None,
    published: str | None,
    publisher: str | None,
    url: str | None,
) -> Source:
    try:
        return Source(
            id=source_id,
            title=title or _title(text) or source_id,
            publisher=publisher,
            published=_published(text, published, dated_by),
            text=relative,
            url=url,
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise UsageError(f"the source record: {where}: {problem['msg']}") from None


def _front_matter(text: str, shown: str) -> dict[str, str]:
    """The front matter's fields that describe a source, each a short text on one line
    (YAML, read safely; a list, a mapping or an alias is refused, never expanded)."""
    m = _FRONT.match(text)
    if m is None:
        return {}
    try:
        data = yaml.load(m["yaml"], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{shown}:{mark.line + 2}:{mark.column + 1}" if mark else f"{shown}:1:1"
        raise UsageError(f"{where}: the front matter is not YAML: {exc.problem}") from None
    except (yaml.YAMLError, ValueError, RecursionError, OverflowError) as exc:
        raise UsageError(f"{shown}:1:1: the front matter cannot be read: {exc}") from None
    if not isinstance(data, dict):
        return {}
    found = {}
    for name, longest in _FRONT_FIELDS.items():
        value = data.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | date):
            raise UsageError(f"{shown}:1:1: the front matter's {name!r} is not one text")
        written = _one_line(value.isoformat() if isinstance(value, date) else str(value))
        if len(written) > longest:
            raise UsageError(
                f"{shown}:1:1: the front matter's {name!r} is longer than {longest} characters"
            )
        found[name] = written
    return found


def _one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace and control characters as one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _title(text: str) -> str | None:
    body = _without_comments(_FRONT.sub("", text, count=1))
    m = _HEADING.search(body)
    return None if m is None else _one_line(m["title"] or m["line"])[:200]


def _without_comments(text: str) -> str:
    """``text`` without its HTML comments, in one pass (an unclosed one runs to the end)."""
    kept, at = [], 0
    while (start := text.find("<!--", at)) >= 0:
        kept.append(text[at:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(kept)
        at = end + 3
    return "".join([*kept, text[at:]])


def _published(text: str, given: str | None, dated_by: str) -> Published:
    """``--published`` or the front matter's date (stated), else the text's first date."""
    if given is not None:
        return Published(when=_period(dated_by, given), basis="stated")
    head = "\n".join(text.splitlines()[:_DATELINE_LINES])
    for figure in scan(head):
        if figure.unit is Unit.DATE and figure.low.value == figure.high.value:
            written = " ".join(head[figure.start : figure.end].split())
            line = head.count("\n", 0, figure.start) + 1
            return Published(
                when=parse_period(_day(figure.low.value)),
                basis="inferred",
                reason=f"the first date in the text, “{written}” (line {line})",
            )
    raise UsageError(
        "no publication date in the text: give it with --published YYYY-MM-DD (or YYYY-MM)"
    )


def _day(number: Fraction) -> str:
    return from_day_number(int(number)).isoformat()


def _period(what: str, text: str) -> Period:
    try:
        period = parse_period(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None
    if period.start.year < _FIRST_YEAR:
        raise UsageError(f"{what}: {text!r} is before the year {_FIRST_YEAR}")
    return period

"""Load a fact base from its folder: YAML files → typed records → ``FactBase``.

Every problem becomes a finding at its file, line and column, and loading goes on:
one broken record does not hide the rest (pandera's ``lazy=True``). Only a folder
that is not there at all is an ``InputError`` (exit code 2).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from factcheck import cachecodec
from factcheck.cache import FileCache, folder_for
from factcheck.config import Settings
from factcheck.errors import UsageError
from factcheck.factbase import Entry, FactBase
from factcheck.findings import Finding, Location, Related, printable_path
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
from factcheck.readings import read_claims
from factcheck.rules.input import SchemaError, UnreadableFile, YamlTooComplex
from factcheck.rules.integrity import DuplicateId, SourceTextMissing
from factcheck.safefile import FileTooLargeError, UnreadableError, read_bounded
from factcheck.yamlsource import YamlDocument, load_yaml_text

__all__ = ["InputError", "display_path", "load_factbase"]

CLAIM_SECTIONS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "entities": Entity,
    "metrics": Metric,
    "claims": Claim,
}
CONSTRAINT_SECTIONS: dict[str, type[BaseModel]] = {
    "unknowns": Unknown,
    "constraints": Constraint,
}
#: Records of a section that have a ``status`` (``status: proposed``): written by
#: extract or import, not reviewed, and kept apart under a name of their own.
PROPOSED: dict[str, tuple[str, type[BaseModel]]] = {
    "claims": ("proposed claims", ProposedClaim),
    "constraints": ("proposed constraints", ProposedConstraint),
}


def record_models(sections: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """The model of each kind of record the ``sections`` of a file may hold."""
    return {**sections, **{PROPOSED[s][0]: PROPOSED[s][1] for s in sections if s in PROPOSED}}


_SINGULAR = {
    "sources": "source",
    "entities": "entity",
    "metrics": "metric",
    "claims": "claim",
    "unknowns": "unknown",
    "constraints": "constraint",
}
YAML_SUFFIXES = (".yaml", ".yml")
#: The largest claims or constraints file read: 32 MiB is some 100,000 claims, and a
#: larger file would take minutes and gigabytes to load (docs/reliability.md).
MAX_FILE_BYTES = 32 * 2**20
_FRIENDLY = {
    "string_pattern_mismatch": (
        "an id is lower-case letters and digits joined by '-', '_' or '.' (bj-healthcare)"
    ),
}


class InputError(UsageError):
    """Input that cannot be read at all (no such folder): a usage error, exit 2."""


def display_path(path: Path) -> str:
    """A path as reports show it: relative to the working directory where possible, its
    undecodable bytes and control characters escaped (``printable_path``)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return printable_path(str(path))
    far = relative.startswith(os.path.join(os.pardir, os.pardir))
    return printable_path(str(Path(path).absolute()) if far else relative)


def claim_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise InputError(f"fact base not found: {display_path(folder)} does not exist")
    if not folder.is_dir():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES)


@dataclass
class _Collected:
    entries: dict[str, list[Entry[Any]]] = field(
        default_factory=lambda: {
            name: [] for name in record_models({**CLAIM_SECTIONS, **CONSTRAINT_SECTIONS})
        }
    )
    findings: list[Finding] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)  # ids of records that failed validation

    def add(self, other: _Collected) -> None:
        for name, entries in other.entries.items():
            self.entries[name].extend(entries)
        self.findings.extend(other.findings)
        self.rejected |= other.rejected


def load_factbase(
    settings: Settings, cache: FileCache | None = None
) -> tuple[FactBase, list[Finding]]:
    """Load every claims file under ``settings.claims``; return the fact base and the
    findings met on the way (FC0xx input, FC101 duplicates, FC103/104 values, FC106
    missing texts). Parsed files come from ``cache`` where their bytes are unchanged
    (by default, the user's cache folder when ``settings.cache`` is on)."""
    if cache is None:
        cache = FileCache(folder_for(_project(settings)) if settings.cache else None)
    files = claim_files(settings.claims)
    if not files:
        raise InputError(f"no .yaml files in {display_path(settings.claims)}")
    constraints = settings.constraints
    constraint_files = claim_files(constraints) if constraints and constraints.exists() else []
    collected = _Collected()
    for path in files:
        collected.add(_load_cached(path, "claims", cache))
    for path in constraint_files:
        collected.add(_load_cached(path, "constraints", cache))
    findings = collected.findings
    apart = {name for section, (proposed, _) in PROPOSED.items() for name in (section, proposed)}
    by_id = {
        name: _unique(entries, findings)
        for name, entries in collected.entries.items()
        if name not in apart
    }
    # A proposed record shares its ids with the reviewed ones: it will become one.
    for section, (proposed, model) in PROPOSED.items():
        both = _unique([*collected.entries[section], *collected.entries[proposed]], findings)
        by_id[section] = {i: e for i, e in both.items() if not isinstance(e.record, model)}
        by_id[proposed] = {i: e for i, e in both.items() if isinstance(e.record, model)}
    metrics = by_id["metrics"]
    readings = read_claims(by_id["claims"], metrics, settings.hedges, findings)
    unreviewed = read_claims(by_id["proposed claims"], metrics, settings.hedges, findings)
    texts = _read_texts(by_id["sources"], settings.sources, findings)
    factbase = FactBase(
        settings=settings,
        files=tuple(display_path(p) for p in [*files, *constraint_files]),
        sources=by_id["sources"],
        entities=by_id["entities"],
        metrics=metrics,
        claims=by_id["claims"],
        readings=readings,
        texts=texts,
        unknowns=by_id["unknowns"],
        constraints=by_id["constraints"],
        proposed_claims=by_id["proposed claims"],
        proposed_readings=unreviewed,
        proposed_constraints=by_id["proposed constraints"],
        rejected=frozenset(collected.rejected),
    )
    return factbase, findings


def _project(settings: Settings) -> list[Path]:
    """The folders of the project being checked, where no cache may be written."""
    folders = [settings.root, settings.claims, settings.sources]
    return folders if settings.constraints is None else [*folders, settings.constraints]


def _load_cached(path: Path, kind: str, cache: FileCache) -> _Collected:
    """One file's records and findings: from the cache if its bytes are unchanged."""
    shown = display_path(path)
    collected = _Collected()
    raw = _read(path, shown, collected.findings)
    if raw is None:
        return collected
    sections = CLAIM_SECTIONS if kind == "claims" else CONSTRAINT_SECTIONS
    models = record_models(sections)
    cached = cache.get(
        kind, path, shown, raw, lambda stored: cachecodec.decode(stored, shown, models)
    )
    if cached is not None:
        collected.add(_Collected(*cached))
        return collected
    data: dict[str, list[Any]] = {name: [] for name in models}
    _load_file(shown, raw, collected, sections, data)
    if cache.folder is not None:
        encoded = cachecodec.encode(
            shown, collected.entries, data, collected.findings, collected.rejected
        )
        if encoded is not None:
            cache.put(kind, path, shown, raw, encoded)
    return collected


def _read(path: Path, shown: str, findings: list[Finding]) -> bytes | None:
    """The file's bytes, or None and a finding: not a regular file (FC002), or larger
    than ``MAX_FILE_BYTES`` (FC006)."""
    try:
        return read_bounded(path, MAX_FILE_BYTES)
    except FileTooLargeError as exc:
        findings.append(YamlTooComplex.finding(f"the file {exc}: split it", Location(shown)))
    except UnreadableError as exc:
        findings.append(UnreadableFile.finding(f"cannot read: {exc}", Location(shown)))
    return None


def _load_file(
    shown: str,
    raw: bytes,
    collected: _Collected,
    sections: dict[str, type[BaseModel]],
    data: dict[str, list[Any]] | None = None,
) -> None:
    """Parse and validate one file into ``collected``; ``data``, if given, gets what
    each kept record was validated from, in the same order (for the cache)."""
    document, findings = load_yaml_text(shown, raw)
    collected.findings.extend(findings)
    if document is None or document.data is None:
        return
    if not isinstance(document.data, dict):
        collected.findings.append(
            SchemaError.finding(
                f"this file is a mapping of sections: {', '.join(sections)}",
                document.location(()),
            )
        )
        return
    reported = {f.location for f in findings}
    for section, items in document.data.items():
        model = sections.get(section)
        if items is None and model is not None:
            continue  # "claims:" with nothing under it: an empty section
        if document.location((section,)) in reported:
            continue  # the YAML layer already said what is wrong with this section
        if model is None:
            known = ", ".join(sections)
            collected.findings.append(
                SchemaError.finding(
                    f"unknown section {section!r}; expected one of: {known}",
                    document.location((section,), key=True),
                )
            )
        elif not isinstance(items, list):
            collected.findings.append(
                SchemaError.finding(
                    f"section {section!r} must be a list of records",
                    document.location((section,)),
                )
            )
        else:
            for index, item in enumerate(items):
                kind, kind_model = section, model
                if section in PROPOSED and isinstance(item, dict) and "status" in item:
                    kind, kind_model = PROPOSED[section]
                path = (section, index)
                entry = _validate(kind_model, item, document, path, collected.findings)
                if entry is not None:
                    collected.entries[kind].append(entry)
                    if data is not None:
                        data.setdefault(kind, []).append(item)
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    collected.rejected.add(item["id"])


def _validate(
    model: type[BaseModel],
    item: Any,
    document: YamlDocument,
    path: tuple[str, int],
    findings: list[Finding],
) -> Entry[Any] | None:
    try:
        record = model.model_validate(item)
    except ValidationError as exc:
        reported = {f.location for f in findings if f.location.path == document.path}
        findings.extend(_schema_findings(exc, item, document, path, reported))
        return None
    fields = {
        name: document.location((*path, name)) for name in item if (*path, name) in document.values
    }
    inline = {
        name: document.inline[(*path, name)] for name in item if (*path, name) in document.inline
    }
    return Entry(record, document.location(path), fields, inline)


def _schema_findings(
    exc: ValidationError,
    item: Any,
    document: YamlDocument,
    path: tuple[str, int],
    already_reported: set[Location],
) -> Iterator[Finding]:
    record_id = item.get("id") if isinstance(item, dict) else None
    what = _SINGULAR[path[0]]
    label = f"{what} {record_id!r}" if isinstance(record_id, str) else f"{what} #{path[1] + 1}"
    missing: list[str] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        field_name = ".".join(str(part) for part in loc) or "record"
        kind = error["type"]
        if kind == "missing":
            missing.append(field_name)
            continue
        if kind == "extra_forbidden":
            message = f"{label}: unknown field {field_name!r}"
            where = document.location((*path, *loc), key=True)
        else:
            detail = _FRIENDLY.get(kind) or error["msg"].removeprefix("Value error, ")
            message = f"{label}: {field_name}: {detail}"
            where = document.location((*path, *loc))
        if where not in already_reported:  # the YAML layer said why (a rejected tag)
            yield SchemaError.finding(message, where)
    if missing:
        names = ", ".join(repr(name) for name in missing)
        plural = "s" if len(missing) > 1 else ""
        yield SchemaError.finding(
            f"{label}: missing required field{plural} {names}", document.location(path)
        )


def _unique(entries: Iterable[Entry[Any]], findings: list[Finding]) -> dict[str, Entry[Any]]:
    """Entries by id; a repeated id is a finding pointing at the first."""
    by_id: dict[str, Entry[Any]] = {}
    for entry in entries:
        record_id = entry.record.id
        first = by_id.get(record_id)
        if first is None:
            by_id[record_id] = entry
            continue
        findings.append(
            DuplicateId.finding(
                f"id {record_id!r} is already used by the {type(first.record).__name__.lower()} "
                f"at {first.location}",
                entry.where("id"),
                related=(Related(first.where("id"), "first used here"),),
                claims=(record_id,) if isinstance(entry.record, Claim) else (),
            )
        )
    return by_id


def _read_texts(
    sources: dict[str, Entry[Source]], root: Path, findings: list[Finding]
) -> dict[str, str]:
    """Each source's text, read only from inside ``root``, the configured ``sources``
    folder. A ``text`` that is absolute, climbs out with ``..`` or leads out through a
    symbolic link is FC106 and is not read, so that a fact base cannot point quote
    verification at any file its user can read (a quote of /etc/passwd "verified", or
    FC105 saying how much of it matches)."""
    texts: dict[str, str] = {}
    try:
        inside: Path | None = root.resolve()
    except (OSError, RuntimeError, ValueError):  # a loop: its texts cannot be read anyway
        inside = None
    for source_id, entry in sources.items():
        relative = entry.record.text
        if relative is None:
            if entry.record.reference:
                continue  # reference data kept elsewhere: its quotes are its rows
            findings.append(
                SourceTextMissing.finding(
                    f"source {source_id!r} has no `text`, so its quotes are not verified: "
                    "give the path of the article's text, inside the sources folder",
                    entry.where("id"),
                )
            )
            continue
        path = root / relative
        absolute = Path(relative).is_absolute()
        try:
            resolved = path.resolve()
            outside = inside is not None and (absolute or not resolved.is_relative_to(inside))
        except (OSError, RuntimeError, ValueError):  # a loop, a NUL: reading says why
            resolved, outside = path, absolute
        if outside:
            folder = display_path(root)
            what = (
                f" is an absolute path, {relative!r}: a source's text is read only from "
                f"inside the sources folder, {folder}"
                if absolute
                else f", {relative!r}, leads out of the sources folder, {folder}: a source's "
                "text is read only from inside it"
            )
            findings.append(
                SourceTextMissing.finding(
                    f"text of source {source_id!r}{what}; its quotes are not verified",
                    entry.where("text"),
                )
            )
            continue
        try:
            texts[source_id] = read_bounded(resolved, MAX_FILE_BYTES).decode("utf-8-sig")
        except (UnreadableError, ValueError) as exc:  # not UTF-8; a NUL in the name
            reason = str(exc)
            findings.append(
                SourceTextMissing.finding(
                    f"text of source {source_id!r} not readable at {display_path(path)} "
                    f"({reason}); its quotes are not verified",
                    entry.where("text"),
                )
            )
    return texts

"""Adding proposed records to a fact base: ids, what is already there, and the files.

``extract`` and ``import`` both end here. A record is new unless the fact base already
has a claim of the same source with the same value whose quote overlaps the new one
(one quote within the other): a claim a person has edited, renamed or completed is
still found, and is never touched. Ids are ``<source>-<value>`` made into an id, with
``-2``, ``-3`` … where taken. Files are written sources first, then claims, then
constraints, each atomically, so the fact base is whole after each write.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.authoring.yamlfiles import YamlFile, YamlFileError
from factcheck.config import Settings
from factcheck.errors import UsageError
from factcheck.factbase import FactBase
from factcheck.loader import MAX_FILE_BYTES, display_path
from factcheck.model import Source

__all__ = ["Added", "Adder", "Addition", "add_records", "locked", "make_id", "normalised"]


def normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def make_id(*parts: str) -> str:
    """An id made of ``parts``: lower-case letters and digits joined by '-'."""
    text = "-".join(parts).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].strip("-") or "claim"


@dataclass
class Addition:
    """What is to be added: a source if it is new, and claims and constraints."""

    source: Source | None = None
    claims: list[dict[str, Any]] = field(default_factory=list)  # without ids
    constraints: list[dict[str, Any]] = field(default_factory=list)
    header: str = ""  # the comment a new claims file starts with


@dataclass(frozen=True)
class Added:
    """What was added for one source."""

    source: str | None
    claims: tuple[str, ...]
    complete: int
    skipped: int  # already in the fact base
    constraints: tuple[str, ...]
    files: tuple[Path, ...]


class Adder:
    """Adds proposed records to one fact base, source after source, then writes every
    file it changed, once (``save``). A file is opened once whatever names it: the
    claims of a source with the id ``sources`` go into the one document of
    ``claims/sources.yaml``, beside the source."""

    def __init__(self, factbase: FactBase) -> None:
        settings = factbase.settings
        self.factbase = factbase
        self.claims = settings.claims
        self.constraints = settings.constraints
        self.taken = {
            *factbase.claims, *factbase.proposed_claims, *factbase.constraints,
            *factbase.proposed_constraints, *factbase.unknowns, *factbase.rejected,
        }  # fmt: skip
        self.existing: dict[str, list[tuple[str, str]]] = {}
        for entry in factbase.quoted().values():
            claim = entry.record
            self.existing.setdefault(claim.source, []).append(
                (normalised(claim.value), normalised(claim.quote))
            )
        self.files: dict[Path, YamlFile] = {}

    def _file(self, path: Path, kind: str, header: str = "") -> YamlFile:
        key = path.resolve()
        if key not in self.files:
            self.files[key] = YamlFile.open(path, kind, header)
        return self.files[key]

    def _claims_file(self, source_id: str, header: str) -> YamlFile:
        """``claims/<ID>.yaml``; the file itself where the settings name one file."""
        if self.claims.is_dir():
            return self._file(self.claims / f"{source_id}.yaml", "claims", header)
        return self._file(self.claims, "claims")

    def add(self, source_id: str, addition: Addition) -> Added:
        """Add ``addition`` (nothing is written until ``save``)."""
        before = {path: file.added for path, file in self.files.items()}
        if addition.source is not None:
            self._file(self._sources_path(), "claims").append("sources", _dump(addition.source))
        claims_file = self._claims_file(source_id, addition.header)
        existing = self.existing.setdefault(source_id, [])
        written: list[str] = []
        complete = skipped = 0
        labels: dict[int, str] = {}
        for index, record in enumerate(addition.claims):
            if _already(record, existing):
                skipped += 1
                continue
            cid = _free(make_id(source_id, str(record["value"])), self.taken)
            labels[index] = cid
            claims_file.append("claims", {"id": cid, **record})
            existing.append((normalised(str(record["value"])), normalised(str(record["quote"]))))
            written.append(cid)
            complete += all(record.get(name) is not None for name in ("subject", "metric", "as_of"))
        constraint_ids = self._constraints(source_id, addition.constraints, labels)
        changed = tuple(
            file.path for path, file in self.files.items() if file.added > before.get(path, 0)
        )
        return Added(
            addition.source.id if addition.source is not None else None, tuple(written),
            complete, skipped, constraint_ids, changed,
        )  # fmt: skip

    def _constraints(
        self, source_id: str, records: list[dict[str, Any]], labels: dict[int, str]
    ) -> tuple[str, ...]:
        """Proposed constraints over the claims just added: ``{0}`` in an expression is
        the id of the addition's first claim. One whose claims were not all added (they
        were there already) is left out."""
        folder = self.constraints
        if folder is None or not records:
            return ()
        written = []
        for record in records:
            wanted = [int(n) for n in re.findall(r"\{(\d+)\}", str(record["expr"]))]
            if not all(n in labels for n in wanted):
                continue
            expr = re.sub(r"\{(\d+)\}", lambda m: labels[int(m[1])], str(record["expr"]))
            fields = {k: v for k, v in record.items() if k != "name"}
            kid = _free(make_id(source_id, str(record.get("name", "relation"))), self.taken)
            target = folder / f"{source_id}.yaml" if not folder.is_file() else folder
            self._file(target, "constraints").append(
                "constraints", {"id": kid, **fields, "expr": expr}
            )
            written.append(kid)
        return tuple(written)

    def _sources_path(self) -> Path:
        """The file the fact base keeps its sources in: that of its first source."""
        for entry in self.factbase.sources.values():
            candidate = Path(entry.location.path)
            return candidate if candidate.is_absolute() else Path.cwd() / candidate
        return self.claims / "sources.yaml" if self.claims.is_dir() else self.claims

    def save(self) -> None:
        """Write every changed file, sources first, each whole or not at all; nothing if
        one would be outside the fact base's folders or too large for it to read."""
        changed = [f for f in self.files.values() if f.added]
        _check_inside(self.claims, self.constraints, changed)
        texts = [(f, f.text()) for f in changed]
        for file, text in texts:
            if len(text.encode("utf-8")) > MAX_FILE_BYTES:
                raise YamlFileError(
                    f"{display_path(file.path)} would be larger than the "
                    f"{MAX_FILE_BYTES // 2**20} MiB factcheck reads: nothing written; "
                    "split the article or the table"
                )
        for file, text in texts:
            file.save(text)


def add_records(factbase: FactBase, source_id: str, addition: Addition) -> Added:
    """Add ``addition`` to the fact base and write it: ``Adder`` for one source."""
    adder = Adder(factbase)
    added = adder.add(source_id, addition)
    adder.save()
    return added


@contextmanager
def locked(settings: Settings) -> Iterator[None]:
    """One writer at a time on a fact base: an exclusive lock on its claims folder (or
    file), held from loading it to writing what was added, so that two commands at
    once cannot each write over what the other added. POSIX only (``flock``)."""
    try:
        import fcntl  # noqa: PLC0415 (not on Windows)
    except ImportError:  # pragma: no cover
        yield
        return
    try:
        handle = os.open(settings.claims, os.O_RDONLY)
    except OSError:
        yield  # not there: loading the fact base says so
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _already(record: dict[str, Any], existing: Sequence[tuple[str, str]]) -> bool:
    value, quote = normalised(str(record["value"])), normalised(str(record["quote"]))
    return any(v == value and (q in quote or quote in q) for v, q in existing)


def _free(wanted: str, taken: set[str]) -> str:
    name, n = wanted, 1
    while name in taken:
        n += 1
        name = f"{wanted}-{n}"
    taken.add(name)
    return name


def _check_inside(claims: Path, constraints: Path | None, files: Iterable[YamlFile]) -> None:
    """Every file written is inside the fact base's folders (or is its file), links
    followed."""
    folders = [p.resolve() for p in (claims, constraints) if p is not None]
    for file in files:
        target = file.path.resolve()
        if not any(target == f or target.is_relative_to(f) for f in folders):
            raise UsageError(f"{file.path} is outside the fact base's folders: not written")


def _dump(record: Source) -> dict[str, Any]:
    """A record as it is written: fields that are set, as text where they are periods."""
    data: dict[str, Any] = record.model_dump(mode="json", exclude_defaults=True)
    return data

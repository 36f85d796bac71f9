"""Adding proposed records to a fact base: ids, what is already there, and the files.

``extract`` and ``import`` both end here. A record is new unless the fact base already
has a claim of the same source with the same value whose quote overlaps the new one
(one quote within the other): a claim a person has edited, renamed or completed is
still found, and is never touched. Ids are ``<source>-<value>`` made into an id, with
``-2``, ``-3`` … where taken. Files are written sources first, then claims, then
constraints, each atomically, so the fact base is whole after each write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.authoring.yamlfiles import YamlFile
from factcheck.errors import UsageError
from factcheck.factbase import FactBase
from factcheck.model import Source

__all__ = ["Added", "Addition", "add_records", "make_id", "normalised"]


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
    """What was written."""

    source: str | None
    claims: tuple[str, ...]
    complete: int
    skipped: int  # already in the fact base
    constraints: tuple[str, ...]
    files: tuple[Path, ...]


def add_records(factbase: FactBase, source_id: str, addition: Addition) -> Added:
    """Write ``addition`` into the fact base; records already there are skipped."""
    settings = factbase.settings
    claims_folder = settings.claims if settings.claims.is_dir() else settings.claims.parent
    taken = {
        *factbase.claims, *factbase.proposed_claims, *factbase.constraints,
        *factbase.proposed_constraints, *factbase.unknowns, *factbase.rejected,
    }  # fmt: skip
    existing = [
        (normalised(e.record.value), normalised(e.record.quote))
        for e in factbase.quoted().values()
        if e.record.source == source_id
    ]
    files: list[YamlFile] = []
    if addition.source is not None:
        sources = YamlFile.open(_sources_file(factbase, claims_folder), "claims")
        sources.append("sources", _dump(addition.source))
        files.append(sources)
    claims_file = YamlFile.open(claims_folder / f"{source_id}.yaml", "claims", addition.header)
    written: list[str] = []
    complete = skipped = 0
    labels: dict[int, str] = {}
    for index, record in enumerate(addition.claims):
        if _already(record, existing):
            skipped += 1
            continue
        cid = _free(make_id(source_id, str(record["value"])), taken)
        labels[index] = cid
        claims_file.append("claims", {"id": cid, **record})
        existing.append((normalised(str(record["value"])), normalised(str(record["quote"]))))
        written.append(cid)
        complete += all(record.get(name) is not None for name in ("subject", "metric", "as_of"))
    files.append(claims_file)
    constraint_ids = _constraints(addition, labels, taken, settings.constraints, files)
    _check_inside(claims_folder, settings.constraints, files)
    for file in files:
        file.save()
    return Added(
        addition.source.id if addition.source is not None else None, tuple(written),
        complete, skipped, constraint_ids, tuple(f.path for f in files if f.added),
    )  # fmt: skip


def _constraints(
    addition: Addition,
    labels: dict[int, str],
    taken: set[str],
    folder: Path | None,
    files: list[YamlFile],
) -> tuple[str, ...]:
    """Proposed constraints over the claims just written: ``{0}`` in an expression is
    the id of the addition's first claim. One whose claims were not all written (they
    were there already) is left out."""
    if folder is None or not addition.constraints:
        return ()
    source = addition.source.id if addition.source else "proposed"
    target = YamlFile.open(folder / f"{source}.yaml", "constraints")
    written = []
    for record in addition.constraints:
        wanted = [int(n) for n in re.findall(r"\{(\d+)\}", str(record["expr"]))]
        if not all(n in labels for n in wanted):
            continue
        expr = re.sub(r"\{(\d+)\}", lambda m: labels[int(m[1])], str(record["expr"]))
        fields = {k: v for k, v in record.items() if k != "name"}
        kid = _free(make_id(source, str(record.get("name", "relation"))), taken)
        target.append("constraints", {"id": kid, **fields, "expr": expr})
        written.append(kid)
    files.append(target)
    return tuple(written)


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


def _sources_file(factbase: FactBase, claims_folder: Path) -> Path:
    """The file the fact base keeps its sources in: the one of its first source."""
    for entry in factbase.sources.values():
        candidate = Path(entry.location.path)
        return candidate if candidate.is_absolute() else Path.cwd() / candidate
    return claims_folder / "sources.yaml"


def _check_inside(claims: Path, constraints: Path | None, files: Iterable[YamlFile]) -> None:
    """Every file written is inside the fact base's folders, links followed."""
    folders = [claims.resolve(), *([constraints.resolve()] if constraints else [])]
    for file in files:
        target = file.path.resolve()
        if not any(target.is_relative_to(f) for f in folders):
            raise UsageError(f"{file.path} is outside the fact base's folders: not written")


def _dump(record: Source) -> dict[str, Any]:
    """A record as it is written: fields that are set, as text where they are periods."""
    data: dict[str, Any] = record.model_dump(mode="json", exclude_defaults=True)
    return data

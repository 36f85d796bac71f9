"""``factcheck init``: a new, empty fact base that checks clean.

It writes the configuration (``.factcheck.toml``, or a ``[tool.factcheck]`` table
appended to the folder's ``pyproject.toml``), ``claims/`` with the three registries,
``constraints/``, ``texts/`` for the articles' texts, and the JSON Schemas the files'
modelines name. Nothing that exists is overwritten: every path is checked first, and
the first one there is named in a ``UsageError``.
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from factcheck.atomicfile import write_atomic
from factcheck.authoring.yamlfiles import MODELINES
from factcheck.config import MAX_CONFIG_BYTES
from factcheck.errors import UsageError
from factcheck.loader import display_path
from factcheck.safefile import UnreadableError, probe, read_bounded, reason
from factcheck.schemas import SCHEMAS, schema_text

__all__ = ["Scaffold", "init"]

CONFIG = """\
# factcheck settings (docs/check.md). Paths are relative to this file.
claims = "claims"
constraints = "constraints"
sources = "texts"  # a source's `text:` is a path inside this folder
"""
_TOOL_TABLE = "\n[tool.factcheck]\n" + CONFIG.split("\n", 1)[1]
_SOURCES = """\
# The articles and tables the claims quote: `factcheck extract` and `factcheck import`
# add to it. A source's `text` is a path inside the `sources` folder of the settings.
sources: []
"""
_ENTITIES = """\
# Who or what claims are about: places, companies, programmes (docs/claims-format.md).
entities: []
"""
_PLACES = """\
# Who or what claims are about (docs/claims-format.md). These are the places of the
# gazetteer factcheck's lint knows, offered by `factcheck init --places`: keep what
# your articles need. `parent` places each in the country's hierarchy.
"""
_CONSTRAINTS = """\
# Relations between claims (docs/constraints.md). `factcheck extract` proposes the
# ones an article states, in a file named after its source.
constraints: []
"""


@dataclass(frozen=True)
class Scaffold:
    """What ``init`` wrote, for the command to report."""

    root: Path
    written: tuple[Path, ...]
    places: int


def init(root: Path, *, places: bool = False) -> Scaffold:
    """Write a new fact base into ``root`` (created if need be)."""
    pyproject = root / "pyproject.toml"
    files: dict[Path, str] = {
        root / "claims" / "sources.yaml": MODELINES["claims"] + _SOURCES,
        root / "claims" / "entities.yaml": MODELINES["claims"]
        + (_PLACES + _places_yaml() if places else _ENTITIES),
        root / "claims" / "metrics.yaml": MODELINES["claims"] + _starter_metrics(),
        root / "constraints" / "constraints.yaml": MODELINES["constraints"] + _CONSTRAINTS,
        **{root / "schemas" / name: schema_text(model) for name, model in SCHEMAS.items()},
    }
    if os.path.lexists(pyproject):
        files[pyproject] = _with_table(pyproject)
    else:
        files[root / ".factcheck.toml"] = CONFIG
    folders = [root / "claims", root / "constraints", root / "schemas", root / "texts"]
    for path in [*folders, *files]:
        if path != pyproject and os.path.lexists(path):
            raise UsageError(f"{display_path(path)} already exists: init writes a new fact base")
    made: list[Path] = []  # what init made, removed again if it cannot finish
    target = root
    try:
        probe(root)
        if not root.exists():
            root.mkdir(parents=True)
            made.append(root)
        for folder in folders:
            target = folder
            folder.mkdir()
            made.append(folder)
        for path, text in files.items():
            target = path
            write_atomic(path, text)
            if path != pyproject:
                made.append(path)
    except (OSError, UnreadableError) as exc:
        _remove(made)
        raise UsageError(
            f"cannot write {display_path(target)}: {reason(exc, target)}; nothing was written"
        ) from None
    count = len(list(_gazetteer_entities())) if places else 0
    return Scaffold(root, tuple(files), count)


def _with_table(pyproject: Path) -> str:
    """``pyproject.toml`` with a ``[tool.factcheck]`` table added: a file that is TOML,
    that can be written, and that has no factcheck settings (in any spelling) yet."""
    shown = display_path(pyproject)
    try:
        text = read_bounded(pyproject, MAX_CONFIG_BYTES).decode("utf-8")
        settings = tomllib.loads(text)
    except UnreadableError as exc:
        raise UsageError(f"cannot read {shown}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{shown}: not UTF-8 text ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{shown}: not TOML ({exc}); fix it, then run init again") from None
    tool = settings.get("tool")
    if isinstance(tool, dict) and "factcheck" in tool:
        raise UsageError(f"{shown} already has a [tool.factcheck] table")
    if not os.access(pyproject, os.W_OK):
        raise UsageError(f"{shown} cannot be written: init would add [tool.factcheck] to it")
    return text + ("" if text.endswith("\n") else "\n") + _TOOL_TABLE


def _remove(made: list[Path]) -> None:
    """Remove what init made, newest first (folders are empty by then)."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()


def _starter_metrics() -> str:
    return resources.files("factcheck").joinpath("data/metrics.yaml").read_text("utf-8")


def _places_yaml() -> str:
    lines = ["entities:"]
    for entity in _gazetteer_entities():
        fields = ", ".join(f"{k}: {_flow(v)}" for k, v in entity.items())
        lines.append(f"  - {{{fields}}}")
    return "\n".join(lines) + "\n"


def _flow(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = str(value)
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 .'-]*", text) and not text.endswith(".")
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slug(name: str) -> str:
    """An id made of a name: "Inner Mongolia" is ``inner-mongolia``."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def _gazetteer_entities() -> Iterator[dict[str, object]]:
    """The gazetteer's places as entity records: provinces in China, cities in their
    province (or China), the rest on their own; a name only once."""
    text = resources.files("factcheck").joinpath("data/places.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    seen: set[str] = set()
    kinds = {"countries": "country", "provinces": "province", "cities": "city"}
    for section in ("countries", "provinces", "cities", "districts"):
        for place in data.get(section) or ():
            eid = slug(place["name"])
            if eid in seen or not eid:
                continue
            seen.add(eid)
            record: dict[str, object] = {
                "id": eid,
                "name": place["name"],
                "kind": place.get("kind", kinds.get(section, "district")),
            }
            if place.get("aliases"):
                record["aliases"] = list(place["aliases"])
            parent = {"provinces": "china", "cities": slug(place.get("province", "China"))}
            if section in parent and eid != "china":
                record["parent"] = parent[section] if parent[section] in seen else "china"
            yield record

"""``factcheck init``: a new, empty fact base that checks clean.

It writes the configuration (``.factcheck.toml``, or a ``[tool.factcheck]`` table
appended to the folder's ``pyproject.toml``), ``claims/`` with the three registries,
``constraints/``, ``texts/`` for the articles' texts, and the JSON Schemas the files'
modelines name. Nothing that exists is overwritten: every path is checked first, and
the first one there is named in a ``UsageError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from factcheck.atomicfile import write_atomic
from factcheck.authoring.yamlfiles import MODELINES
from factcheck.errors import UsageError
from factcheck.loader import display_path
from factcheck.safefile import reason
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
    if pyproject.exists():
        text = pyproject.read_text(encoding="utf-8")
        if re.search(r"^\s*\[tool\.factcheck\]", text, re.MULTILINE):
            raise UsageError(f"{display_path(pyproject)} already has a [tool.factcheck] table")
        files[pyproject] = text + ("" if text.endswith("\n") else "\n") + _TOOL_TABLE
    else:
        files[root / ".factcheck.toml"] = CONFIG
    for path in [root / "claims", root / "constraints", root / "texts", *files]:
        if path != pyproject and (path.exists() or path.is_symlink()):
            raise UsageError(f"{display_path(path)} already exists: init writes a new fact base")
    try:
        (root / "texts").mkdir(parents=True)
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
    except OSError as exc:
        raise UsageError(
            f"cannot write the fact base in {display_path(root)}: {reason(exc)}"
        ) from None
    count = len(list(_gazetteer_entities())) if places else 0
    return Scaffold(root, tuple(files), count)


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

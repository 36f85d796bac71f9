"""JSON Schemas for editors: current, and every bundled file valid against them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.schemas import SCHEMAS, schema_text
from factcheck.yamlsource import load_yaml_text

from .conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")
BUNDLED = sorted((ROOT / "claims").glob("*.yaml")) + sorted((ROOT / "constraints").glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schemas_are_current(name: str) -> None:
    assert (ROOT / "schemas" / name).read_text("utf-8") == schema_text(SCHEMAS[name]), (
        "schemas/ is stale: run `factcheck schema`"
    )


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_file_is_valid_and_points_at_its_schema(path: Path) -> None:
    kind = "claims" if path.parent.name == "claims" else "constraints"
    first = path.read_text("utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
    document, findings = load_yaml_text(path.name, path.read_bytes())
    assert findings == []
    assert document is not None
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document.data)


def test_schema_rejects_what_the_loader_rejects() -> None:
    schema = json.loads((ROOT / "schemas" / "claims.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"claims": [{"id": "x", "metirc": "m"}]})
    assert not validator.is_valid({"claim": []})


def test_schema_command_writes_both_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--output-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SCHEMAS)

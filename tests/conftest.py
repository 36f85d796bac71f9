"""Shared fixtures: the repository root and a small fact base written on demand."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

# `HYPOTHESIS_PROFILE=fuzz pytest` runs every property with 10,000 examples; the default
# run keeps hypothesis's own number (100) so the suite stays quick. Neither times an
# example: a deadline is a timed assertion, which fails on a loaded machine (speed is
# measured in benchmarks/, not asserted in tests).
_SLOW = [HealthCheck.too_slow]
settings.register_profile("suite", deadline=None, suppress_health_check=_SLOW)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=_SLOW)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

MINIMAL = {
    "claims/base.yaml": """
        sources:
          - id: s
            title: A test article
            published: {when: 2022-10-01, basis: stated}
            text: article.txt
        entities:
          - {id: beijing, name: Beijing, kind: municipality}
        metrics:
          - {id: firms, description: Firms counted, measures: count}
          - {id: firm-share, description: A share of firms, measures: share}
        claims:
          - id: bj-firms
            source: s
            quote: the capital had 590 firms
            subject: beijing
            metric: firms
            value: "590"
            as_of: 2022-09
    """,
    "texts/article.txt": "By September, the capital had 590 firms, ranking first.\n",
    "pyproject.toml": """
        [tool.factcheck]
        claims = "claims"
        sources = "texts"
    """,
}

#: A claim whose quote is not in its source's text: one FC105, at claims/extra.yaml:4:12.
MISQUOTED = {
    "claims/extra.yaml": """
        claims:
          - id: bj-rank
            source: s
            quote: the capital had 591 firms
            subject: beijing
            metric: firms
            value: "591"
            as_of: 2022-10
    """
}
#: And a source whose text file is missing (FC106), in a file of its own.
MISSING_SOURCE = {
    "claims/gone.yaml": """
        sources:
          - id: gone
            title: A missing article
            published: {when: 2022, basis: stated}
            text: missing.txt
    """
}

WriteTree = Callable[[dict[str, str]], Path]


def load_benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ as a module (registered, so dataclasses find it)."""
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands keep parsed files in the user's cache folder: tests use their own."""
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def write_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WriteTree:
    """Write ``MINIMAL`` updated with the given files into a temporary folder, and
    make it the working directory. A value of "" deletes that file."""

    def write(files: dict[str, str]) -> Path:
        for name, content in {**MINIMAL, **files}.items():
            if not content:
                continue
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        return tmp_path

    return write


def validate_sarif(sarif: object) -> None:
    """Validate against the OASIS SARIF 2.1.0 schema in ../shared, or skip saying why."""
    schema_path = SHARED / "external" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"SARIF schema not found at {schema_path}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_path.read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)


# -- for the atomic-write tests (tests/test_atomic_*.py) ------------------------------------


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """A known umask for the test: 0o022 unless parametrized."""
    value: int = getattr(request, "param", 0o022)
    previous = os.umask(value)
    yield value
    os.umask(previous)


@pytest.fixture
def tree(write_tree: WriteTree) -> Path:
    """A fact base with a draft to lint, and empty out/ and ref/ folders to write into."""
    folder = write_tree({"draft.md": "By September 2022 the capital had 590 firms.\n"})
    (folder / "out").mkdir()
    (folder / "ref").mkdir()
    return folder

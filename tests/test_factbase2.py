"""`factcheck check` on a second, independent fact base (tests/fixtures/factbase2): every
constraint and built-in relation gets the verdict a careful human gave in expected.yaml.

The verdicts are collected by benchmarks/factbase2.py, which also prints them all.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _harness() -> ModuleType:
    path = ROOT / "benchmarks" / "factbase2.py"
    spec = importlib.util.spec_from_file_location("benchmarks_factbase2", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


HARNESS = _harness()
ENTRIES = HARNESS.expected_entries()


@cache
def _found() -> dict[str, str]:
    found: dict[str, str] = HARNESS.engine_verdicts()
    return found


@pytest.mark.parametrize("entry", ENTRIES, ids=[str(e["key"]) for e in ENTRIES])
def test_verdict_is_the_humans(entry: dict[str, object]) -> None:
    found = _found().get(str(entry["key"]), "missing")
    assert found == entry["verdict"], entry.get("reason")

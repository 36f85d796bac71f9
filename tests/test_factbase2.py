"""`factcheck check` on a second, independent fact base (tests/fixtures/factbase2): every
constraint and built-in relation gets the verdict a careful human gave in expected.yaml.

The verdicts are collected by benchmarks/factbase2.py, which also prints them all.
"""

from __future__ import annotations

from functools import cache

import pytest

from .conftest import load_benchmark

HARNESS = load_benchmark("factbase2")
ENTRIES = HARNESS.expected_entries()


@cache
def _found() -> dict[str, str]:
    found: dict[str, str] = HARNESS.engine_verdicts()
    return found


@pytest.mark.parametrize("entry", ENTRIES, ids=[str(e["key"]) for e in ENTRIES])
def test_verdict_is_the_humans(entry: dict[str, object]) -> None:
    found = _found().get(str(entry["key"]), "missing")
    assert found == entry["verdict"], entry.get("reason")

"""Draft fixtures with inline expectations: tests/fixtures/drafts/*.md.

A line ending in ``<!-- expect: FC301 FC303 -->`` must get exactly those findings, and
a line without one none (as in mypy's and pylint's functional tests). Front matter
``strict: true`` lints with ``--strict``; ``date:`` is read by factcheck itself.
Every lint rule (FC3xx) must be expected somewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from factcheck import api
from factcheck.config import discover_settings
from factcheck.lint.drafts import read_draft
from factcheck.lint.run import LintOptions
from factcheck.rules import RULES

from .conftest import ROOT

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "drafts").glob("*.md"))
_EXPECT = re.compile(r"<!--\s*expect:\s*(?P<codes>(?:FC\d{3}\s*)+)-->")


def expectations(text: str) -> Counter[tuple[int, str]]:
    expected: Counter[tuple[int, str]] = Counter()
    for number, line in enumerate(text.splitlines(), 1):
        for m in _EXPECT.finditer(line):
            expected.update((number, code) for code in m.group("codes").split())
    return expected


def lint_fixture(path: Path) -> Counter[tuple[int, str]]:
    text = path.read_text("utf-8")
    strict = re.search(r"^strict:\s*true\s*$", text, re.M) is not None
    report = api.lint(
        discover_settings(ROOT), [read_draft(path.name, text)], LintOptions(strict=strict)
    )
    return Counter((f.location.line, f.code) for f in report.findings)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture(path: Path) -> None:
    found = lint_fixture(path)
    expected = expectations(path.read_text("utf-8"))
    assert sorted(found.elements()) == sorted(expected.elements())


@pytest.mark.parametrize("code", sorted(c for c in RULES if c >= "FC300"))
def test_every_lint_rule_is_expected_in_a_fixture(code: str) -> None:
    expected = {c for path in FIXTURES for _, c in expectations(path.read_text("utf-8"))}
    assert code in expected, f"{code}: no draft fixture expects it"

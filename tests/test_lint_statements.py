"""Relations a draft states between its own figures, judged by the engine.

- tests/cases/lint/statements.yaml: each reader, case by case, with wrong and right
  drafts;
- tests/cases/lint/planted_relations.yaml: 70 drafts in new words, one wrong relation
  each; at least 90 percent caught on their line (issue 16), and none of the drafts
  undone gets an error or warning;
- tests/corpora/relations_clean: accurate drafts dense with relations; no relation
  finding on any.

The blind sets (planted_relations_validation.yaml, planted_relations_test.yaml) are
measured by benchmarks/lint_relations.py, and held to no false alarm here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.findings import Finding, Severity
from factcheck.lint.statements.judging import RULES
from factcheck.lint.statements.statement import Category
from factcheck.rules.lint import DraftRelationsConflict

from .conftest import ROOT
from .test_lint_new_prose import lint

CASES = ROOT / "tests" / "cases" / "lint"
STATEMENTS: list[dict[str, Any]] = yaml.safe_load((CASES / "statements.yaml").read_text("utf-8"))
PLANTED: list[dict[str, Any]] = yaml.safe_load(
    (CASES / "planted_relations.yaml").read_text("utf-8")
)["cases"]
BLIND = [
    case
    for name in ("planted_relations_validation.yaml", "planted_relations_test.yaml")
    for case in yaml.safe_load((CASES / name).read_text("utf-8"))["cases"]
]
CLEAN = sorted((ROOT / "tests" / "corpora" / "relations_clean").glob("[0-9]*.md"))
RELATION_CODES = {rule.code for rule in RULES.values()} | {DraftRelationsConflict.code}
MIN_CAUGHT = 0.9


def _when(case: dict[str, Any]) -> date | None:
    return date.fromisoformat(str(case["date"])) if case.get("date") else None


def _serious(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in {Severity.ERROR, Severity.WARNING}]


def test_every_reader_has_wrong_and_right_cases() -> None:
    for category in Category:
        cases = [c for c in STATEMENTS if c["category"] == category.value]
        assert any(c["code"] != "none" for c in cases), f"{category}: no wrong case"
        assert any(c["code"] == "none" for c in cases), f"{category}: no right case"


@pytest.mark.parametrize("case", STATEMENTS, ids=lambda c: f"{c['category']}: {c['why']}")
def test_a_stated_relation_is_judged(case: dict[str, Any]) -> None:
    found = _serious(lint(case["text"], _when(case)))
    if case["code"] == "none":
        assert found == [], [f"{f.location.line}: {f.code} {f.message}" for f in found]
        return
    hits = [f for f in found if f.code == case["code"] and f.location.line == case["line"]]
    assert hits, [f"{f.location.line}: {f.code} {f.message}" for f in found]
    message = hits[0].message
    for name in case.get("names", ()):
        assert name in message, f"{name} not named in: {message}"
    if case["code"] != DraftRelationsConflict.code:
        assert "Nearest consistent values" in message, message


def test_a_finding_names_the_relation_its_figures_and_where_they_are() -> None:
    text = (
        "Forty firms from the city joined a list of 800 this spring.\n"
        "That is 8 percent of the list.\n"
    )
    (finding,) = _serious(lint(text))
    assert finding.code == "FC303"
    assert "'8 percent' is the share 'Forty' makes of '800'" in finding.message
    assert "'Forty' → 60 (states 40)" in finding.message  # the nearest value that fits
    assert {r.location.line for r in finding.related} == {1}


def test_most_planted_relation_errors_are_caught_on_their_line() -> None:
    missed = [
        case["id"]
        for case in PLANTED
        if not any(
            f.location.line == case["line"] for f in _serious(lint(case["text"], _when(case)))
        )
    ]
    share = 1 - len(missed) / len(PLANTED)
    assert len(PLANTED) >= 60
    assert share >= MIN_CAUGHT, f"caught {share:.0%}; missed: {missed}"


@pytest.mark.parametrize("case", [*PLANTED, *BLIND], ids=lambda c: c["id"])
def test_a_planted_relation_undone_gets_no_error_or_warning(case: dict[str, Any]) -> None:
    found = _serious(lint(case["fixed"], _when(case)))
    assert found == [], [f"{f.location.line}: {f.code} {f.message}" for f in found]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_an_accurate_draft_dense_with_relations_gets_no_relation_finding(path: Path) -> None:
    text = path.read_text("utf-8")
    when = date.fromisoformat(text.split("date: ")[1].split("\n")[0])
    found = [f for f in _serious(lint(text, when)) if f.code in RELATION_CODES]
    assert found == [], [f"{f.location.line}: {f.code} {f.message}" for f in found]

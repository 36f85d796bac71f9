"""Meta-tests that keep the rule registry whole, and the rules command."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.findings import Severity
from factcheck.rules import RULES, Rule, register

from .conftest import ROOT

runner = CliRunner()


def test_codes_are_grouped_and_slugs_unique() -> None:
    assert all(re.fullmatch(r"FC[0-3]\d\d", code) for code in RULES)
    slugs = [rule.slug for rule in RULES.values()]
    assert len(slugs) == len(set(slugs))


def test_generated_rules_page_is_current() -> None:
    result = runner.invoke(app, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == result.stdout, (
        "docs/rules.md is stale: run `factcheck rules --format markdown > docs/rules.md`"
    )


def test_rule_page_by_code_or_slug() -> None:
    by_code = runner.invoke(app, ["rules", "fc105"])
    by_slug = runner.invoke(app, ["rules", "quote-not-found"])
    assert by_code.exit_code == by_slug.exit_code == 0
    assert by_code.stdout == by_slug.stdout
    assert by_code.stdout.startswith("FC105 quote-not-found (error)\n\n")
    assert "Fix:" in by_code.stdout


def test_unknown_rule_suggests_close_codes() -> None:
    result = runner.invoke(app, ["rules", "FC155"])
    assert result.exit_code == 2
    assert "did you mean" in result.stderr


def _rule_class(doc: str | None, code: str = "FC998", slug: str = "test-rule") -> type[Rule]:
    return type(
        "Probe", (Rule,), {"__doc__": doc, "code": code, "slug": slug, "severity": Severity.INFO}
    )


COMPLETE = "Summary.\n\nWhy: because.\n\nExample: this.\n\nFix: that.\n"


@pytest.mark.parametrize(
    ("doc", "code", "slug", "problem"),
    [
        (None, "FC998", "test-rule", "docstring"),
        ("Summary.\n\nWhy: because.\n", "FC998", "test-rule", "Example"),
        ("Two line\nsummary.\n\nWhy: a.\n\nExample: b.\n\nFix: c.", "FC998", "x-y", "one line"),
        (COMPLETE, "FC105", "test-rule", "already"),
        (COMPLETE, "FC998", "quote-not-found", "already taken"),
        (COMPLETE, "F998", "test-rule", "code must"),
        (COMPLETE, "FC998", "Test Rule", "slug must"),
    ],
)
def test_register_refuses_incomplete_rules(
    doc: str | None, code: str, slug: str, problem: str
) -> None:
    with pytest.raises(TypeError, match=problem):
        register(_rule_class(doc, code, slug))
    assert "FC998" not in RULES

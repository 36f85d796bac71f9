"""Inputs that once crashed factcheck or gave a wrong verdict (found in review); each
must now end in findings or a usage error, never a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from factcheck import api
from factcheck.cli import app
from factcheck.config import discover_settings
from factcheck.figures import scan

from .conftest import WriteTree

runner = CliRunner()

CONSTRAINTS = """
    [tool.factcheck]
    claims = "claims"
    constraints = "constraints"
    sources = "texts"
"""


def claim(cid: str, value: str, metric: str = "firms", as_of: str = "2021") -> str:
    """A claims-file record (its quote is not in the base text: FC105 is expected)."""
    return f"""
  - id: {cid}
    source: s
    quote: "{value}"
    subject: beijing
    metric: {metric}
    value: "{value}"
    as_of: {as_of}
"""


def constraint(expr: str) -> dict[str, str]:
    return {"constraints/c.yaml": f"constraints:\n  - {{id: k, description: d, expr: '{expr}'}}\n"}


def codes(folder_files: dict[str, str], write_tree: WriteTree) -> list[str]:
    folder = write_tree({"pyproject.toml": CONSTRAINTS, **folder_files})
    report = api.check(discover_settings(folder))
    return [f.code for f in report.findings]


def test_a_long_chain_of_additions_is_a_finding(write_tree: WriteTree) -> None:
    terms = "+".join(["1"] * 500)
    assert "FC210" in codes(constraint(f"bj-firms == {terms}"), write_tree)


def test_calls_nested_deeply_are_a_finding(write_tree: WriteTree) -> None:
    nested = "min(" * 300 + "bj-firms" + ")" * 300
    assert "FC210" in codes(constraint(f"{nested} == 1"), write_tree)


def test_a_bad_explicit_tag_is_a_finding(write_tree: WriteTree) -> None:
    files = {"claims/x.yaml": "claims:\n  - id: !!int abc\n"}
    assert "FC001" in codes(files, write_tree)


def test_a_reference_rate_without_upper_bound_is_no_crash(write_tree: WriteTree) -> None:
    files = {
        "claims/money.yaml": """
metrics:
  - {id: amount, description: Money, measures: money}
  - {id: rate, description: Rate, measures: exchange-rate}
claims:"""
        + claim("y", "5 billion yuan", "amount")
        + claim("d", "$684.4 million", "amount")
        + claim("r", "more than 6.4", "rate"),
    }
    assert "FC206" not in codes(files, write_tree)


def test_a_date_past_year_9999_is_no_crash(write_tree: WriteTree) -> None:
    files = {
        "claims/dates.yaml": "metrics:\n  - {id: when, description: When, measures: date}\nclaims:"
        + claim("d", "July 14, 2023", "when"),
        **constraint("d >= 3000000"),
    }
    assert "FC201" in codes(files, write_tree)
    assert runner.invoke(app, ["explain", "d"]).exit_code == 0


@pytest.mark.parametrize("setting", ['fail-on = ["error"]', "[tool.factcheck.hedges]\nabout = nan"])
def test_invalid_settings_are_usage_errors(write_tree: WriteTree, setting: str) -> None:
    write_tree(
        {"pyproject.toml": f'[tool.factcheck]\nclaims = "claims"\nsources = "texts"\n{setting}\n'}
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr


def test_a_relation_refuted_only_by_propagation_is_violated(write_tree: WriteTree) -> None:
    """a / (a + b) cannot be 11 percent when a is about 100 and b is 900 (at most 10.9)."""
    files = {
        "claims/share.yaml": "claims:"
        + claim("a", "about 100")
        + claim("b", "900", as_of="2020")
        + claim("s", "11.0 percent", "firm-share"),
        **constraint("a / (a + b) == s"),
    }
    found = codes(files, write_tree)
    assert "FC201" in found
    assert "FC208" not in found


def test_a_year_and_a_date_are_not_one_range() -> None:
    text = "from 2019 to September 2022"
    assert [text[f.start : f.end] for f in scan(text)] == ["2019", "September 2022"]

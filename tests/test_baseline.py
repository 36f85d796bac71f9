"""Baselines: CI fails only on findings that are new since the baseline was written."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import WriteTree, validate_sarif

runner = CliRunner()

OLD = {
    "claims/old.yaml": """
        claims:
          - id: bj-old
            source: s
            quote: an old misquote
            subject: beijing
            metric: firms
            value: "590"
            as_of: 2021
    """
}
NEW = """\
  - id: bj-new
    source: s
    quote: a new misquote
    subject: beijing
    metric: firms
    value: "590"
    as_of: 2020
"""


def test_only_new_findings_fail(write_tree: WriteTree) -> None:
    folder = write_tree(OLD)
    assert runner.invoke(app, ["check"]).exit_code == 1
    written = runner.invoke(app, ["baseline", "write"])
    assert written.stdout == "recorded 2 findings in factcheck-baseline.json\n"  # FC105, FC107
    result = runner.invoke(app, ["check", "--baseline", "factcheck-baseline.json"])
    assert result.exit_code == 0
    assert "2 in baseline" in result.stdout
    # Lines added above the old claim move it, but it stays known; a new claim fails.
    old = folder / "claims" / "old.yaml"
    old.write_text("# a comment\n\n" + old.read_text() + NEW)
    result = runner.invoke(app, ["check", "-f", "concise", "--baseline", "factcheck-baseline.json"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sum("[in baseline]" in line for line in lines) == 2
    new = [line for line in lines if "[in baseline]" not in line]
    assert len(new) == 2
    assert all("bj-new" in line for line in new)


def test_sarif_marks_baseline_state(write_tree: WriteTree) -> None:
    folder = write_tree(OLD)
    runner.invoke(app, ["baseline", "write"])
    old = folder / "claims" / "old.yaml"
    old.write_text(old.read_text() + NEW)
    sarif = json.loads(
        runner.invoke(app, ["check", "-f", "sarif", "--baseline", "factcheck-baseline.json"]).stdout
    )
    validate_sarif(sarif)
    states = sorted(r["baselineState"] for r in sarif["runs"][0]["results"])
    assert states == ["new", "new", "unchanged", "unchanged"]


def test_prune_drops_what_no_longer_occurs(write_tree: WriteTree) -> None:
    folder = write_tree(OLD)
    runner.invoke(app, ["baseline", "write"])
    (folder / "claims" / "old.yaml").write_text(
        (folder / "claims" / "old.yaml")
        .read_text()
        .replace("an old misquote", "the capital had 590 firms")
    )
    result = runner.invoke(app, ["baseline", "prune"])
    assert result.stdout == "kept 0 of 2 entries in factcheck-baseline.json\n"
    data = json.loads((folder / "factcheck-baseline.json").read_text())
    assert data["findings"] == []


def test_a_broken_baseline_is_a_usage_error(write_tree: WriteTree, tmp_path: Path) -> None:
    write_tree(OLD)
    bad = tmp_path / "baseline.json"
    bad.write_text("[1, 2")
    result = runner.invoke(app, ["check", "--baseline", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:1:6: not JSON: Expecting ',' delimiter" in result.stderr


def test_lint_with_a_baseline(write_tree: WriteTree) -> None:
    folder = write_tree({})
    draft = folder / "draft.md"
    draft.write_text(
        "By September, the country's capital had cultivated 509 national-level little giants.\n"
    )
    runner.invoke(app, ["baseline", "write", str(draft)])
    result = runner.invoke(app, ["lint", str(draft), "--baseline", "factcheck-baseline.json"])
    assert result.exit_code == 0

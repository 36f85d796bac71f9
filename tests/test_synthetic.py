"""The synthetic fact bases of benchmarks/synthetic.py: consistent but for what is planted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import load_benchmark

runner = CliRunner()


synthetic = load_benchmark("synthetic")


def check(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["check", "--format", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(("claims", "seed"), [(300, 0), (1_000, 7)])
def test_without_conflicts_the_base_checks_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, claims: int, seed: int
) -> None:
    planted = synthetic.generate(tmp_path, claims=claims, conflicts=0, seed=seed)
    assert planted.claims == claims
    assert planted.conflicts == []
    report = check(tmp_path, monkeypatch)
    assert report["summary"]["claims"] == claims
    assert report["summary"]["errors"] == 0, [f["message"] for f in report["findings"]]
    assert report["summary"]["failed"] is False
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["check", "-q"]).exit_code == 0


@pytest.mark.parametrize(("conflicts", "seed"), [(5, 1), (9, 3), (18, 9)])
def test_every_planted_conflict_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, conflicts: int, seed: int
) -> None:
    planted = synthetic.generate(tmp_path, claims=1_000, conflicts=conflicts, seed=seed)
    assert len(planted.conflicts) == conflicts
    findings = check(tmp_path, monkeypatch)["findings"]
    assert planted.missed(findings) == []
    errors = [f for f in findings if f["severity"] == "error"]
    # Nothing else is wrong: every error names a planted claim.
    claims = {c.claim for c in planted.conflicts}
    assert all(claims & set(f["claims"]) for f in errors), errors


def test_nine_conflicts_plant_every_kind(tmp_path: Path) -> None:
    planted = synthetic.generate(tmp_path, claims=1_000, conflicts=9)
    assert {c.kind for c in planted.conflicts} == {
        "ratio", "batch-sum", "cumulative", "part-whole", "chain", "conversion", "disagree",
        "share", "rank",
    }  # fmt: skip


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = synthetic.generate(tmp_path / "a", claims=500, conflicts=3, seed=42)
    second = synthetic.generate(tmp_path / "b", claims=500, conflicts=3, seed=42)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert first.conflicts == second.conflicts
    other = synthetic.generate(tmp_path / "c", claims=500, conflicts=3, seed=43)
    assert files(tmp_path / "a") != files(tmp_path / "c")
    assert other.claims == first.claims == 500


def test_command_line_prints_the_planted_conflicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert synthetic.main([str(tmp_path), "--claims", "400", "--conflicts", "2"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["claims"] == 400
    assert [set(c) >= {"claim", "relation", "code"} for c in printed["conflicts"]] == [True] * 2
    assert (tmp_path / "claims" / "registry.yaml").is_file()
    assert (tmp_path / ".factcheck.toml").is_file()


def test_too_few_claims_or_too_many_conflicts(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="claims are needed"):
        synthetic.generate(tmp_path, claims=10, conflicts=0)
    with pytest.raises(ValueError, match="conflicts need"):
        synthetic.generate(tmp_path, claims=300, conflicts=50)

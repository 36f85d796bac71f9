"""The CI formats and switches: concise, GitLab Code Quality, JUnit, auto; --quiet,
--exit-zero, --statistics."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import MISQUOTED, ROOT, WriteTree

runner = CliRunner()


def test_concise(write_tree: WriteTree) -> None:
    write_tree(MISQUOTED)
    result = runner.invoke(app, ["check", "-f", "concise"])
    assert result.exit_code == 1
    assert result.stdout == (
        "claims/extra.yaml:4:12: error FC105 claim 'bj-rank': quote not found in the text "
        "of source 's'; the first 18 characters match, then the quote has '1 firms' where the "
        "source has '0 firms, ranking first.'\n"
    )


def test_gitlab_code_quality(write_tree: WriteTree) -> None:
    write_tree({**MISQUOTED, "texts/article.txt": ""})  # one FC105 and one FC106
    issues = json.loads(runner.invoke(app, ["check", "-f", "gitlab"]).stdout)
    assert [i["check_name"] for i in issues] == ["FC106 source-text-missing"]
    write_tree(MISQUOTED)
    issues = json.loads(runner.invoke(app, ["check", "-f", "gitlab"]).stdout)
    (issue,) = issues
    assert issue["severity"] == "major"
    assert issue["location"] == {"path": "claims/extra.yaml", "lines": {"begin": 4}}
    assert len(issue["fingerprint"]) == 64


def test_gitlab_fingerprints_are_unique_per_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    issues = json.loads(runner.invoke(app, ["check", "-f", "gitlab"]).stdout)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(issues) > 5
    assert len(fingerprints) == len(set(fingerprints))


def test_junit_lists_every_claim_and_constraint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["check", "-f", "junit"])
    root = ET.fromstring(result.stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    claims, constraints = suites["claims"], suites["constraints"]
    assert int(claims.get("tests", "0")) == len(claims.findall("testcase")) == 106
    assert int(constraints.get("tests", "0")) == len(constraints.findall("testcase")) == 36
    # The one inconsistency is acknowledged, so nothing fails; derivations are skipped.
    assert claims.get("failures") == constraints.get("failures") == "0"
    skipped = [c.get("name") for c in constraints.iter("testcase") if c.find("skipped") is not None]
    assert "tasson-standard" in skipped


def test_junit_failure_names_the_claim(write_tree: WriteTree) -> None:
    write_tree(MISQUOTED)
    root = ET.fromstring(runner.invoke(app, ["check", "-f", "junit"]).stdout)
    failed = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed == ["bj-rank"]


def test_auto_is_github_under_github_actions(write_tree: WriteTree) -> None:
    write_tree(MISQUOTED)
    github = runner.invoke(app, ["check", "-f", "auto"], env={"GITHUB_ACTIONS": "true"})
    assert github.stdout.startswith("::error file=claims/extra.yaml,line=4,col=12")
    assert github.stdout.splitlines()[-1].startswith("factcheck: 1 errors, 0 warnings")
    plain = runner.invoke(app, ["check", "-f", "auto"], env={"GITHUB_ACTIONS": ""})
    assert plain.stdout.startswith("claims/extra.yaml:4:12: FC105 [error]")


def test_quiet_exit_zero_and_statistics(write_tree: WriteTree) -> None:
    write_tree(MISQUOTED)
    quiet = runner.invoke(app, ["check", "--quiet"])
    assert quiet.exit_code == 1
    assert "failed" not in quiet.stdout
    assert quiet.stdout.count("FC105") == 1
    assert runner.invoke(app, ["check", "--exit-zero"]).exit_code == 0
    stats = runner.invoke(app, ["check", "--statistics"])
    assert stats.stdout == "     1  FC105  quote-not-found [error]\n"
    assert stats.exit_code == 1

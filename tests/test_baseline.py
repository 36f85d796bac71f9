"""Baselines: CI fails only on findings that are new since the baseline was written."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
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


# -- baselines that are not what they should be -------------------------------------------


def check_with(folder: Path, text: str | bytes) -> tuple[int, str]:
    baseline = folder / "baseline.json"
    if isinstance(text, str):
        text = text.encode("utf-8")
    baseline.write_bytes(text)
    result = runner.invoke(app, ["check", "-f", "concise", "--baseline", "baseline.json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def test_a_byte_order_mark_is_read_as_plain_utf8(write_tree: WriteTree) -> None:
    """As claims files and configurations are (it used to be "Unexpected UTF-8 BOM")."""
    folder = write_tree(OLD)
    runner.invoke(app, ["baseline", "write", "--file", "baseline.json"])
    written = (folder / "baseline.json").read_bytes()
    status, stderr = check_with(folder, codecs.BOM_UTF8 + written)
    assert (status, stderr) == (0, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "baseline.json:1:127: not a factcheck baseline: nested more than 100 levels deep",
        ),
        (
            '{"version": ' + "9" * 5_000 + ', "findings": []}',
            "baseline.json:1:1: not a factcheck baseline: version 999999999999… (5,000 digits),"
            " expected 1",
        ),
        (
            '{"version": "' + "9" * 5_000 + '", "findings": []}',
            "baseline.json:1:1: not a factcheck baseline: version '999999999999999999999999"
            "99999999999999… (5,002 characters), expected 1",
        ),
        (
            "[1, 2]",
            "baseline.json:1:1: not a factcheck baseline: expected an object with version and"
            " findings, not a list",
        ),
        (
            '{"version": 1, "findings": {}}',
            "baseline.json:1:1: not a factcheck baseline: findings is an object, expected a list",
        ),
        (
            '{"version": 1, "findings": [{"fingerprint": "ab"}, {"code": "FC105"}]}',
            "baseline.json:1:1: not a factcheck baseline: finding 2 has no fingerprint",
        ),
        (
            '{"version": true, "findings": []}',
            "baseline.json:1:1: not a factcheck baseline: version True, expected 1",
        ),
        (
            b'{"version": 1,\n "findings": ["\xe9"]}',
            "baseline.json:2:16: cannot read a baseline: not UTF-8: byte 0xe9 cannot be decoded",
        ),
    ],
    ids=[
        "nested-100000",
        "version-of-5000-digits",
        "version-a-long-string",
        "a-list",
        "findings-not-a-list",
        "finding-without-fingerprint",
        "version-true",
        "latin-1",
    ],
)
def test_a_baseline_that_is_not_one_says_what_is_wrong(
    write_tree: WriteTree, text: str | bytes, expected: str
) -> None:
    """Each used to be a traceback (RecursionError; ValueError that told the user to
    call sys.set_int_max_str_digits()) or Python's words ("'list' object has no
    attribute 'get'"); now a usage error at the file, that echoes nothing long."""
    folder = write_tree(OLD)
    status, stderr = check_with(folder, text)
    assert status == 2
    assert expected in stderr
    assert "set_int_max_str_digits" not in stderr
    assert "9" * 50 not in stderr


def test_a_draft_named_twice_is_recorded_once(write_tree: WriteTree) -> None:
    folder = write_tree({"draft.md": "By September, the capital had 591 firms.\n"})
    runner.invoke(app, ["baseline", "write", "draft.md", "--file", "once.json"])
    runner.invoke(app, ["baseline", "write", "draft.md", "./draft.md", "--file", "twice.json"])
    once = json.loads((folder / "once.json").read_text("utf-8"))
    assert any("draft.md" in json.dumps(entry) for entry in once["findings"])
    assert json.loads((folder / "twice.json").read_text("utf-8")) == once

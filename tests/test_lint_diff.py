"""`factcheck lint --diff REF`: only lines changed since a git ref are reported."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import ROOT

WRONG = "By September, the country's capital had cultivated 509 national-level little giants.\n"
ALSO_WRONG = "E-Town alone counts 48 national-level little giants.\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True, capture_output=True,
    )  # fmt: skip


def test_only_changed_lines_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Draft\n\n" + WRONG)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "draft.md")
    git(tmp_path, "commit", "-q", "-m", "first")
    draft.write_text("# Draft\n\n" + WRONG + "\n" + ALSO_WRONG)
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    everything = runner.invoke(app, ["lint", str(draft), "-f", "concise"])
    assert everything.stdout.count("FC301") == 2
    changed = runner.invoke(app, ["lint", str(draft), "-f", "concise", "--diff", "HEAD"])
    assert changed.stdout.count("FC301") == 1
    assert ":5:" in changed.stdout  # the E-Town line, added since HEAD


def test_unknown_ref_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(WRONG)
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["lint", str(draft), "--diff", "no-such-ref"])
    assert result.exit_code == 2
    assert "--diff no-such-ref" in result.stderr

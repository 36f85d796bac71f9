"""`factcheck lint --diff REF`: only lines changed since a git ref are reported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import ROOT

WRONG = "By September, the country's capital had cultivated 509 national-level little giants.\n"
ALSO_WRONG = "In 2022, E-Town alone counted 48 national-level little giants.\n"

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


def committed(folder: Path, **files: str) -> None:
    """A git repository in ``folder`` whose first commit holds ``files``."""
    git(folder, "init", "-q")
    for name, text in files.items():
        (folder / name).write_text(text)
    git(folder, "add", "--", *files)
    git(folder, "commit", "-q", "-m", "first")


def test_a_ref_that_is_an_option_never_reaches_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--diff=--output=FILE` made git create or truncate FILE: REF went to `git diff`
    before `--`. A REF starting with '-' is refused before git runs."""
    committed(tmp_path, **{"draft.md": WRONG})
    evil, keep = tmp_path / "evil.txt", tmp_path / "keep.txt"
    keep.write_text("kept\n")
    monkeypatch.chdir(ROOT)
    for ref in (f"--output={evil}", f"--output={keep}", f"-o{evil}"):
        draft = str(tmp_path / "draft.md")
        result = CliRunner().invoke(app, ["lint", draft, f"--diff={ref}"])
        assert result.exit_code == 2
        assert f"--diff: {ref!r} is not a git revision" in result.stderr
    assert not (tmp_path / "evil.txt").exists()
    assert (tmp_path / "keep.txt").read_text() == "kept\n"


def test_a_ref_must_name_a_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """REF is resolved by `git rev-parse --verify REF^{commit}`: a path in a commit (a
    blob) or a range is not a revision to compare with."""
    committed(tmp_path, **{"draft.md": WRONG})
    monkeypatch.chdir(ROOT)
    for ref in ("HEAD:draft.md", "HEAD..HEAD"):
        result = CliRunner().invoke(app, ["lint", str(tmp_path / "draft.md"), "--diff", ref])
        assert result.exit_code == 2, result.output
        assert f"--diff {ref}: not a commit in the git repository at" in result.stderr


def test_missing_drafts_and_folders_are_fc002_as_without_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--diff HEAD missing.md` raised FileNotFoundError, a folder IsADirectoryError."""
    committed(tmp_path, **{"draft.md": WRONG})
    (tmp_path / "folder.md").mkdir()
    monkeypatch.chdir(ROOT)
    names = [str(tmp_path / "missing.md"), str(tmp_path / "folder.md")]
    with_diff = CliRunner().invoke(app, ["lint", *names, "-f", "concise", "--diff", "HEAD"])
    without = CliRunner().invoke(app, ["lint", *names, "-f", "concise"])
    assert with_diff.exit_code == without.exit_code == 2
    assert with_diff.stdout == without.stdout
    assert f"{names[0]}:1:1: error FC002 cannot read: No such file" in with_diff.stdout
    assert f"{names[1]}:1:1: error FC002 cannot read: is a directory" in with_diff.stdout


def test_a_named_pipe_is_not_read_again(tmp_path: Path) -> None:
    """An untracked draft's lines were counted by reading the file again, outside the
    bounded reader: a named pipe blocked for ever. Run in a child, so that a hang is a
    failure (after a minute) rather than a stuck suite."""
    committed(tmp_path, **{"draft.md": WRONG})
    os.mkfifo(tmp_path / "pipe.md")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "factcheck", "lint", "--claims", str(ROOT / "claims"),
               "--diff", "HEAD", "-f", "concise", "pipe.md", "draft.md"]  # fmt: skip
    try:
        result = subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
            stdin=subprocess.DEVNULL, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("lint --diff blocked on a named pipe")
    assert result.returncode == 2, result.stderr
    assert "pipe.md:1:1: error FC002 cannot read: " in result.stdout
    assert "Traceback" not in result.stderr


def test_a_draft_named_like_a_glob_is_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File names reach git as literal pathspecs: the draft `*.md` is not every Markdown
    file of its folder, so another file's changes are not taken for its own."""
    both = "# Draft\n\n" + WRONG + "\n" + ALSO_WRONG
    committed(tmp_path, **{"*.md": both, "other.md": "# Other\n\n" + WRONG})
    (tmp_path / "other.md").write_text("# Other\n\n" + WRONG + "\n" + ALSO_WRONG)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        app, ["lint", str(tmp_path / "*.md"), "-f", "concise", "--diff", "HEAD"]
    )
    assert "FC301" not in result.stdout, result.stdout  # `*.md` itself is unchanged
    assert result.exit_code == 0


def test_an_untracked_draft_counts_as_all_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed(tmp_path, **{"draft.md": "# Draft\n"})
    (tmp_path / "new.md").write_text("# New\n\n" + WRONG + "\n" + ALSO_WRONG)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        app, ["lint", str(tmp_path / "new.md"), "-f", "concise", "--diff", "HEAD"]
    )
    assert result.stdout.count("FC301") == 2

"""The pre-commit hooks manifest is valid, and its hooks run what docs/ci.md says."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def test_manifest_validates() -> None:
    pytest.importorskip("pre_commit")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_run_factcheck_on_the_right_files() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load(MANIFEST.read_text("utf-8"))}
    check, lint = hooks["factcheck-check"], hooks["factcheck-lint"]
    assert check["entry"] == "factcheck check --"
    assert check["pass_filenames"] is False
    assert re.search(check["files"], "claims/000-eworks-bj-healthcare.yaml")
    assert re.search(check["files"], "constraints/national.yaml")
    assert not re.search(check["files"], "docs/lint.md")
    assert lint["entry"] == "factcheck lint --"
    assert re.search(lint["files"], "docs/examples/little-giants-draft.md")
    assert not re.search(lint["files"], "claims/entities.yaml")


# -- file names are never options ----------------------------------------------------------

HOOKS = yaml.safe_load(MANIFEST.read_text("utf-8"))
WRONG = "By September, the country's capital had cultivated 509 national-level little giants.\n"
#: A file a commit may hold: pre-commit appends file names after the entry, and factcheck
#: read this one as `--output-file README.md`, writing its report over README.md.
HOSTILE = "--output-file=README.md"


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_every_entry_ends_its_options(hook: dict[str, object]) -> None:
    assert shlex.split(str(hook["entry"]))[-1] == "--"


def project(folder: Path) -> None:
    """A project in ``folder`` that lints against the bundled fact base, with a draft
    named like an option and the README.md that option would overwrite."""
    (folder / ".factcheck.toml").write_text(f"claims = {str(ROOT / 'claims')!r}\n")
    (folder / "README.md").write_text("# Read me\n")
    (folder / HOSTILE).write_text(WRONG)


def test_the_lint_entry_reads_a_file_named_like_an_option_as_a_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry, then file names: the command line pre-commit builds."""
    project(tmp_path)
    monkeypatch.chdir(tmp_path)
    hook = next(h for h in HOOKS if h["id"] == "factcheck-lint")
    result = CliRunner().invoke(app, [*shlex.split(hook["entry"])[1:], HOSTILE, "README.md"])
    assert (tmp_path / "README.md").read_text() == "# Read me\n"
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{HOSTILE}:1:52: FC301 [error]"), result.output


def test_through_pre_commit_a_committed_file_never_becomes_an_option(tmp_path: Path) -> None:
    """pre-commit itself runs the manifest's factcheck-lint hook (its entry and files, as
    a local hook with the installed factcheck, so nothing is downloaded) in a repository
    holding a draft named `--output-file=README.md`."""
    languages = pytest.importorskip("pre_commit.all_languages").languages
    factcheck = shutil.which("factcheck", path=str(Path(sys.executable).parent))
    if factcheck is None or shutil.which("git") is None:
        pytest.skip("needs git and factcheck installed beside this Python")
    hook = next(h for h in HOOKS if h["id"] == "factcheck-lint")
    language = "unsupported" if "unsupported" in languages else "system"  # pre-commit < 4.4
    local = {k: hook[k] for k in ("id", "name", "entry", "files")} | {"language": language}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (tmp_path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    project(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "--", "."], check=True)
    env = {
        **os.environ,
        "PATH": f"{Path(factcheck).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / ".pre-commit-home"),
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "factcheck-lint", "--all-files"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert (tmp_path / "README.md").read_text() == "# Read me\n", result.stdout
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{HOSTILE}:1:52: FC301 [error]" in result.stdout, result.stdout

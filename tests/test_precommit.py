"""The pre-commit hooks manifest is valid, and its hooks run what docs/ci.md says."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

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
    assert check["entry"] == "factcheck check"
    assert check["pass_filenames"] is False
    assert re.search(check["files"], "claims/000-eworks-bj-healthcare.yaml")
    assert re.search(check["files"], "constraints/national.yaml")
    assert not re.search(check["files"], "docs/lint.md")
    assert lint["entry"] == "factcheck lint"
    assert re.search(lint["files"], "docs/examples/little-giants-draft.md")
    assert not re.search(lint["files"], "claims/entities.yaml")

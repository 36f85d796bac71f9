"""docs/ci.md: its YAML is valid and its factcheck commands run as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import ROOT

PAGE = (ROOT / "docs" / "ci.md").read_text("utf-8")
BLOCKS = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", PAGE, flags=re.S)]


def _commands(node: object) -> list[str]:
    """Every `factcheck …` command anywhere in a parsed YAML block."""
    if isinstance(node, str):
        return [node] if node.startswith("factcheck ") else []
    if isinstance(node, dict):
        return [c for value in node.values() for c in _commands(value)]
    if isinstance(node, list):
        return [c for item in node for c in _commands(item)]
    return []


COMMANDS = [c for block in BLOCKS for c in _commands(block)]


def test_the_page_has_the_three_setups() -> None:
    github, gitlab, precommit = BLOCKS
    assert "factcheck" in github["jobs"]
    assert "codequality" in gitlab["factcheck"]["artifacts"]["reports"]
    hooks = {h["id"] for repo in precommit["repos"] for h in repo["hooks"]}
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks <= {h["id"] for h in manifest}
    assert len(COMMANDS) >= 5


@pytest.mark.parametrize("command", COMMANDS)
def test_command_runs_on_the_bundled_fact_base(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("source texts not found in ../shared/seeds")
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    if "--output-file" in args:  # write where the test can look, not into the repository
        at = args.index("--output-file") + 1
        args[at] = str(tmp_path / args[at])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    if "--output-file" in args:
        assert Path(args[args.index("--output-file") + 1]).stat().st_size > 0

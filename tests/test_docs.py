"""Examples in the docs are run, so the docs cannot drift from the code."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.rules import RULES

from .conftest import ROOT
from .test_values import parse_interval, read

ROW = re.compile(
    r"^\| (?P<rule>[^|]+) \| `(?P<written>[^`]*)` \| (?P<measures>[\w-]+)"
    r" \| `(?P<interval>[^`]+)` \|$"
)


def semantics_rows() -> list[dict[str, str]]:
    text = (ROOT / "docs" / "semantics.md").read_text("utf-8")
    return [m.groupdict() for line in text.splitlines() if (m := ROW.match(line))]


ROWS = semantics_rows()


def test_semantics_table_is_found() -> None:
    assert len(ROWS) >= 25


@pytest.mark.parametrize("row", ROWS, ids=[r["written"] for r in ROWS])
def test_semantics_table_row(row: dict[str, str]) -> None:
    reading = read(row["written"], row["measures"])
    assert reading.interval == parse_interval(row["interval"])


def readme_quickstart() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Quickstart", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.strip().splitlines() if not line.startswith("#")]


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    install_and_check, install_and_test = readme_quickstart()
    assert "factcheck check" in install_and_check
    assert "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert install_and_test in ci, ".ci/run must run the README's test command as written"


def test_every_docs_page_the_readme_links_exists() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    for link in re.findall(r"\]\((docs/[^)#]+)", text):
        assert (ROOT / link).is_file(), link


def test_every_rule_is_documented_in_the_generated_page() -> None:
    page = Path(ROOT / "docs" / "rules.md").read_text("utf-8")
    for code in RULES:
        assert f"### {code} " in page


def console_blocks(page: str) -> list[tuple[str, str]]:
    """(command, output) of each ```console block of a docs page."""
    text = (ROOT / "docs" / page).read_text("utf-8")
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        command, _, output = block.partition("\n")
        blocks.append((command.removeprefix("$ "), output))
    return blocks


def test_check_page_examples_are_what_check_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/check.md shows `factcheck check` on the bundled fact base, then on a copy
    with one quote retyped; both outputs must be what the command prints."""
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("source texts not found in ../shared/seeds")
    (clean_command, clean), (broken_command, broken) = console_blocks("check.md")
    assert clean_command == broken_command == "factcheck check"
    runner = CliRunner()
    monkeypatch.chdir(ROOT)
    assert runner.invoke(app, ["check"]).stdout == clean

    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    shutil.copytree(ROOT / "constraints", tmp_path / "constraints")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.factcheck]\nsources = "{(ROOT.parent / "shared").as_posix()}"\n'
    )
    article = tmp_path / "claims" / "000-eworks-bj-healthcare.yaml"
    text = article.read_text("utf-8")
    article.write_text(text.replace("590 national-level little", "590 national level little", 1))
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["check"]).stdout == broken


def test_explain_page_examples_are_what_explain_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("source texts not found in ../shared/seeds")
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    blocks = console_blocks("explain.md")
    assert len(blocks) == 4
    for command, output in blocks:
        result = runner.invoke(app, command.split()[1:])
        assert (result.stdout or result.stderr) == output, command


def test_readme_shows_what_check_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("source texts not found in ../shared/seeds")
    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text("utf-8")
    (block,) = re.findall(r"```console\n\$ factcheck check\n(.*?)```", text, flags=re.S)
    assert CliRunner().invoke(app, ["check"]).stdout == block


def _regenerate() -> None:
    """Rewrite the console blocks of README.md and docs/explain.md, and the first of
    docs/check.md, with what the commands print now (``python -m tests.test_docs``).
    check.md's second block (a retyped quote) is left to edit by hand."""
    os.chdir(ROOT)
    runner = CliRunner()
    for page in ("README.md", "docs/explain.md", "docs/check.md"):
        path = ROOT / page
        text = path.read_text("utf-8")
        done: set[str] = set()

        def fresh(m: re.Match[str], page: str = page, done: set[str] = done) -> str:
            command = m.group(1)
            if command in done or (page == "docs/check.md" and command != "factcheck check"):
                return m.group(0)
            done.add(command)
            result = runner.invoke(app, command.split()[1:])
            return f"```console\n$ {command}\n{result.stdout or result.stderr}```"

        path.write_text(re.sub(r"```console\n\$ (.*?)\n(.*?)```", fresh, text, flags=re.S), "utf-8")


if __name__ == "__main__":
    _regenerate()

"""Configuration: where it is found, and which findings it lets through."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.policy import selected

from .conftest import MISQUOTED, MISSING_SOURCE, ROOT, WriteTree

runner = CliRunner()

# A claim whose quote is not in the text (FC105) and a source whose text is missing (FC106).
BROKEN = {**MISQUOTED, **MISSING_SOURCE}
PYPROJECT = '[tool.factcheck]\nclaims = "claims"\nsources = "texts"\n'


def codes(*args: str) -> list[str]:
    result = runner.invoke(app, ["check", "-f", "concise", *args])
    return [line.split()[2] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("code", "select", "ignore", "reported"),
    [
        ("FC301", ["FC"], [], True),
        ("FC301", ["FC"], ["FC3"], False),
        ("FC301", ["FC", "FC301"], ["FC3"], True),  # the longer prefix decides
        ("FC305", ["FC", "FC301"], ["FC3"], False),
        ("FC105", ["FC1"], [], True),
        ("FC205", ["FC1"], [], False),
        ("FC105", ["FC105"], ["FC105"], False),  # a tie: ignore wins
    ],
)
def test_longest_prefix_decides(
    code: str, select: list[str], ignore: list[str], reported: bool
) -> None:
    assert selected(code, select, ignore) is reported


def test_select_ignore_and_severity(write_tree: WriteTree) -> None:
    write_tree({**BROKEN, "pyproject.toml": PYPROJECT})
    assert sorted(codes()) == ["FC105", "FC106"]
    write_tree({**BROKEN, "pyproject.toml": PYPROJECT + 'ignore = ["FC106"]\n'})
    assert codes() == ["FC105"]
    write_tree(
        {**BROKEN, "pyproject.toml": PYPROJECT + '[tool.factcheck.severity]\nFC105 = "info"\n'}
    )
    result = runner.invoke(app, ["check", "-f", "concise"])
    assert result.exit_code == 0  # the only error became info
    assert "info FC105" in result.stdout


def test_per_file_ignores(write_tree: WriteTree) -> None:
    ignores = '[tool.factcheck.per-file-ignores]\n"claims/extra.yaml" = ["FC1"]\n'
    write_tree({**BROKEN, "pyproject.toml": PYPROJECT + ignores})
    assert codes() == ["FC106"]  # in claims/gone.yaml
    ignores += '"claims/gone.yaml" = ["FC106"]\n'
    write_tree({**BROKEN, "pyproject.toml": PYPROJECT + ignores})
    assert codes() == []


def test_dot_factcheck_toml_wins_over_pyproject_in_the_same_folder(write_tree: WriteTree) -> None:
    folder = write_tree({**BROKEN, "pyproject.toml": PYPROJECT})
    (folder / ".factcheck.toml").write_text(
        'claims = "claims"\nsources = "texts"\nignore = ["FC105"]\n'
    )
    assert codes() == ["FC106"]


def test_nearest_configuration_wins_and_config_and_isolated_override(
    write_tree: WriteTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_tree({**BROKEN, "pyproject.toml": PYPROJECT + 'ignore = ["FC106"]\n'})
    inner = folder / "sub"
    inner.mkdir()
    (inner / "pyproject.toml").write_text(
        '[tool.factcheck]\nclaims = "../claims"\nsources = "../texts"\nignore = ["FC105"]\n'
    )
    monkeypatch.chdir(inner)
    assert codes() == ["FC106"]  # the inner file is nearer
    assert codes("--config", str(folder / "pyproject.toml")) == ["FC105"]
    isolated = runner.invoke(app, ["check", "--isolated"])
    assert isolated.exit_code == 2  # no claims/ under sub/, and no configuration to say where
    assert "fact base not found" in isolated.stderr


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('select = "FC1"', ":4: select: expected a list of code prefixes"),
        ('ignore = ["E501"]', ":4: ignore: 'E501' is not a code prefix"),
        (
            '[tool.factcheck.severity]\nFC105 = "fatal"',
            ":5: FC105: expected error, warning or info",
        ),
        ("colour = 1", ":4: colour: unknown key"),
    ],
)
def test_invalid_setting_names_file_key_and_line(
    write_tree: WriteTree, setting: str, expected: str
) -> None:
    write_tree({"pyproject.toml": PYPROJECT + setting + "\n"})
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert f"pyproject.toml{expected}" in result.stderr


def test_config_file_that_has_no_settings(write_tree: WriteTree, tmp_path: Path) -> None:
    write_tree({})
    empty = tmp_path / "other.toml"
    empty.write_text("[tool.other]\nx = 1\n")
    result = runner.invoke(app, ["check", "--config", str(empty)])
    assert result.exit_code == 2


CONVERSION = """
metrics:
  - {id: amount, description: Money, measures: money}
  - {id: rate, description: Rate, measures: exchange-rate}
claims:
  - {id: y, source: s, quote: x, subject: beijing, metric: amount,
     value: "6.5 billion yuan", as_of: 2022-10}
  - {id: d, source: s, quote: x, subject: beijing, metric: amount,
     value: "$1.00 billion", as_of: 2022-10}
  - {id: r, source: s, quote: x, subject: beijing, metric: rate,
     value: "7.2", as_of: 2022-10-01}
"""


def test_rate_tolerance_decides_a_conversion(write_tree: WriteTree) -> None:
    """6.5 yuan per dollar against a parity of 7.2: implausible at 2%, fine at 20%."""
    write_tree({"claims/money.yaml": CONVERSION, "pyproject.toml": PYPROJECT})
    assert "FC206" in codes()
    write_tree(
        {"claims/money.yaml": CONVERSION, "pyproject.toml": PYPROJECT + "rate-tolerance = 0.2\n"}
    )
    assert "FC206" not in codes()
    write_tree(
        {"claims/money.yaml": CONVERSION, "pyproject.toml": PYPROJECT + "rate-tolerance = 2\n"}
    )
    assert "rate-tolerance: expected a fraction" in runner.invoke(app, ["check"]).stderr


def test_lint_reads_the_configuration_nearest_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft beside its own configuration follows it; one without falls back to the
    working directory's."""
    wrong = "E-Town alone counts 48 national-level little giants.\n"
    plain, quiet = tmp_path / "plain", tmp_path / "quiet"
    for folder in (plain, quiet):
        folder.mkdir()
        (folder / "draft.md").write_text(wrong)
    (quiet / ".factcheck.toml").write_text(
        f'claims = "{(ROOT / "claims").as_posix()}"\n'
        f'sources = "{(ROOT.parent / "shared").as_posix()}"\nignore = ["FC301"]\n'
    )
    monkeypatch.chdir(ROOT)
    assert "FC301" in runner.invoke(app, ["lint", str(plain / "draft.md"), "-f", "concise"]).stdout
    beside = runner.invoke(app, ["lint", str(quiet / "draft.md"), "-f", "concise"])
    assert beside.exit_code == 0
    assert "FC301" not in beside.stdout

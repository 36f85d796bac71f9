"""`factcheck figures`: every figure of a draft, as lint reads it (docs/figures.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()

#: (sentence, the fields of its figures that the listing must give)
CASES = [
    (
        "Beijing has 590 firms.",
        [{"text": "590", "value": 590, "low": 590, "high": 590, "unit": None, "kind": "quantity",
          "line": 1, "column": 13, "end_column": 16}],
    ),
    (
        "Prices were down 2.5 percent in 2018.",
        [{"text": "down 2.5 percent", "value": 2.5, "unit": "percent", "direction": "down"},
         {"text": "2018", "kind": "year"}],
    ),
    (
        "Revenue growth was -41.2%, or about 5 billion yuan ($684.4 million).",
        [{"text": "-41.2%", "value": -41.2, "direction": None},
         {"text": "about 5 billion yuan", "value": 5000000000, "unit": "CNY", "hedge": "about"},
         {"text": "$684.4 million", "value": 684400000, "unit": "USD"}],
    ),
    (
        "Shares rose 6.5% after a drop of 3 percent; the index gained 0.5 percent to 3,005.47.",
        [{"text": "6.5%", "value": 6.5, "direction": "up"},
         {"text": "3 percent", "value": 3, "direction": "down"},
         {"text": "0.5 percent", "value": 0.5, "direction": "up"},
         {"text": "3,005.47", "value": 3005.47, "direction": None}],
    ),
    (
        "出口增长12.5%，超过1500家企业入选。",
        [{"text": "12.5%", "value": 12.5, "direction": "up"},
         {"text": "超过1500", "value": 1500, "hedge": "more-than"}],
    ),
    (
        "超过1500家企业入选。",
        [{"text": "超过1500", "value": 1500, "hedge": "more-than"}],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_figure_is_listed_with_its_reading(
    sentence: str, expected: list[dict[str, object]]
) -> None:
    result = runner.invoke(app, ["figures", "-", "--format", "jsonl"], input=sentence + "\n")
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(found) == len(expected)
    for record, wanted in zip(found, expected, strict=True):
        assert set(record) == {
            "line", "column", "end_column", "text", "value", "low", "high", "unit", "hedge",
            "direction", "kind",
        }  # fmt: skip
        assert {k: record[k] for k in wanted} == wanted


def test_each_line_of_stdin_is_a_line(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["figures", "-", "--format", "jsonl"], input="first: 7 firms\nthen: 8 firms\n"
    )
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [1, 2]


def test_lines_of_stdin_are_apart_but_a_file_wraps_its_sentences(tmp_path: Path) -> None:
    text = "Exports rose\n5% to 7 billion yuan, between 3\nand 4 million tonnes.\n"
    stdin = runner.invoke(app, ["figures", "-", "--format", "jsonl"], input=text)
    apart = [json.loads(line) for line in stdin.stdout.splitlines()]
    assert [(r["text"], r["direction"]) for r in apart] == [
        ("5%", None), ("7 billion yuan", None), ("3", None), ("4 million tonnes", None),
    ]  # fmt: skip
    draft = tmp_path / "draft.md"
    draft.write_text(text, "utf-8")  # in a file, a line break inside a paragraph is a space
    wrapped = runner.invoke(app, ["figures", str(draft), "--format", "jsonl"])
    assert [(r["text"], r["direction"]) for r in map(json.loads, wrapped.stdout.splitlines())] == [
        ("5%", "up"), ("7 billion yuan", None), ("between 3\nand 4 million tonnes", None),
    ]  # fmt: skip


def test_text_format_underlines_the_figure(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Note\n\nBeijing has nearly 13,000 firms.\n", encoding="utf-8")
    result = runner.invoke(app, ["figures", str(draft)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{draft}:3:13: 'nearly 13,000' → quantity, 13000, hedge nearly",
        "    Beijing has nearly 13,000 firms.",
        "                ^^^^^^^^^^^^^",
    ]


def test_several_files_name_their_path_in_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("7 firms\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("8 firms\n", encoding="utf-8")
    result = runner.invoke(
        app, ["figures", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-f", "jsonl"]
    )
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [
        str(tmp_path / "a.md"),
        str(tmp_path / "b.md"),
    ]


def test_an_unreadable_draft_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["figures", str(tmp_path / "missing.md")])
    assert result.exit_code == 2
    assert "missing.md:1:1: cannot read" in result.stderr
    assert "Traceback" not in result.output

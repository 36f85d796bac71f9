"""Configuration: where it is found, and which findings it lets through."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.policy import selected
from factcheck.structured_text import deep_nesting

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
        ('select = "FC1"', ":4:1: select: expected a list of code prefixes"),
        ('ignore = ["E501"]', ":4:1: ignore: 'E501' is not a code prefix"),
        (
            '[tool.factcheck.severity]\nFC105 = "fatal"',
            ":5:1: FC105: expected error, warning or info",
        ),
        ("colour = 1", ":4:1: colour: unknown key"),
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


def test_strict_in_the_configuration_lists_unchecked_figures(write_tree: WriteTree) -> None:
    """``strict = true`` does what ``--strict`` does, for pre-commit hooks, whose ``args``
    are file names after the hook's ``--``; anything but true or false is refused."""
    draft = {"draft.md": "By September, the capital had 590 firms and 77 others.\n"}
    write_tree({**draft, "pyproject.toml": PYPROJECT})
    assert "FC308" not in runner.invoke(app, ["lint", "draft.md"]).stdout
    write_tree({**draft, "pyproject.toml": PYPROJECT + "strict = true\n"})
    assert "FC308" in runner.invoke(app, ["lint", "draft.md"]).stdout
    write_tree({**draft, "pyproject.toml": PYPROJECT + 'strict = "yes"\n'})
    result = runner.invoke(app, ["lint", "draft.md"])
    assert result.exit_code == 2
    assert "strict: expected true or false" in result.stderr


def test_lint_reads_the_configuration_nearest_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft beside its own configuration follows it; one without falls back to the
    working directory's."""
    wrong = "In 2022, E-Town alone counted 48 national-level little giants.\n"
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


# -- configuration files that cannot be used ------------------------------------------


def run_check(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", "-f", "concise", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


@pytest.mark.parametrize("name", [".factcheck.toml", "pyproject.toml"])
def test_a_byte_order_mark_is_read_as_plain_utf8(write_tree: WriteTree, name: str) -> None:
    """Windows editors write one; it used to be "Invalid statement" at 1:1."""
    text = ("" if name == ".factcheck.toml" else "[tool.factcheck]\n") + (
        'claims = "claims"\nsources = "texts"\nignore = ["FC105"]\n'
    )
    folder = write_tree(BROKEN)
    (folder / name).write_text(text, encoding="utf-8-sig")
    assert codes() == ["FC106"]  # the settings were read: FC105 is ignored


@pytest.mark.parametrize(
    ("name", "text", "place"),
    [
        (".factcheck.toml", "claims = " + "[" * 100_000 + "]" * 100_000, "1:110"),
        (
            "pyproject.toml",
            "[tool.factcheck]\nx = " + "{a=" * 100_000 + "1" + "}" * 100_000,
            "2:305",
        ),
    ],
    ids=["arrays", "inline-tables"],
)
def test_deep_nesting_is_an_error_at_its_place(
    write_tree: WriteTree, name: str, text: str, place: str
) -> None:
    """tomllib recurses per level and raised RecursionError; the error names the first
    bracket more than 100 levels deep."""
    folder = write_tree({})
    (folder / name).write_text(text + "\n")
    status, stderr = run_check()
    assert status == 2
    assert f"{name}:{place}: arrays or tables nested too deeply (more than 100 levels)" in stderr


def test_a_number_of_thousands_of_digits_is_shown_shortened(write_tree: WriteTree) -> None:
    """Python refuses to read an integer of more than 4,300 digits; its advice to call
    sys.set_int_max_str_digits() is for programmers, and the number is not echoed."""
    folder = write_tree({})
    (folder / ".factcheck.toml").write_text("\n  rate-tolerance = " + "7" * 5_000 + "\n")
    status, stderr = run_check()
    assert status == 2
    assert ".factcheck.toml:2:20: a number of 5,000 digits; factcheck reads at most 4,300" in (
        stderr
    )
    assert "set_int_max_str_digits" not in stderr
    assert "7" * 50 not in stderr


def test_a_long_number_below_the_limit_is_shortened_too(write_tree: WriteTree) -> None:
    folder = write_tree({})
    (folder / ".factcheck.toml").write_text("rate-tolerance = " + "7" * 4_000 + "\n")
    status, stderr = run_check()
    assert status == 2
    assert "rate-tolerance: expected a fraction from 0 to 1 (0.02 for 2%), got 777777777777…" in (
        stderr
    )
    assert "(4,000 digits)" in stderr
    assert "7" * 50 not in stderr


def _dangling(path: Path) -> str:
    path.symlink_to("gone.toml")
    return "is a symbolic link to gone.toml, which does not exist"


def _pipe(path: Path) -> str:
    os.mkfifo(path)
    return "is not a regular file (a named pipe)"


def _folder(path: Path) -> str:
    path.mkdir()
    return "is a directory"


def _loop(path: Path) -> str:
    path.symlink_to(path.name)
    return "is a symbolic link loop"


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and links are POSIX")
@pytest.mark.parametrize("name", [".factcheck.toml", "pyproject.toml"])
@pytest.mark.parametrize("plant", [_dangling, _pipe, _folder, _loop], ids=lambda f: f.__name__)
def test_a_configuration_found_but_not_readable_is_an_error(
    write_tree: WriteTree, name: str, plant: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configuration beside the files that cannot be read used to be skipped, and
    the next one up (here, one that ignores FC106) used silently instead."""
    folder = write_tree({**BROKEN, "pyproject.toml": PYPROJECT + 'ignore = ["FC106"]\n'})
    inner = folder / "inner"
    inner.mkdir()
    why = plant(inner / name)
    monkeypatch.chdir(inner)
    status, stderr = run_check()
    assert status == 2
    assert f"{inner / name}:1:1: cannot read: {why}" in stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_configuration_is_an_error(write_tree: WriteTree) -> None:
    folder = write_tree({**BROKEN, "pyproject.toml": PYPROJECT})
    (folder / "pyproject.toml").chmod(0)
    status, stderr = run_check()
    assert status == 2
    assert "pyproject.toml:1:1: cannot read: Permission denied" in stderr


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("claims\\u0000x", "'claims\\x00x' holds a NUL character, which no file name can"),
        ("a" * 300, "has a name too long for the file system (255 bytes a name)"),
        ("loop", "'loop' is a symbolic link loop"),
        ("gone", "'gone' is a symbolic link to nowhere, which does not exist"),
    ],
    ids=["nul", "name-too-long", "link-loop", "dangling-link"],
)
@pytest.mark.parametrize("key", ["claims", "sources", "constraints"])
def test_a_configured_path_no_file_can_have_is_an_error_at_its_key(
    write_tree: WriteTree, key: str, value: str, why: str
) -> None:
    """A NUL in a path raised ValueError, a name over 255 bytes OSError, a link loop
    RuntimeError; each is now an error at the key's line and column."""
    folder = write_tree({})
    (folder / "loop").symlink_to("loop")
    (folder / "gone").symlink_to("nowhere")
    (folder / ".factcheck.toml").write_text(f'# settings\n\n  {key} = "{value}"\n')
    status, stderr = run_check()
    assert status == 2
    assert f".factcheck.toml:3:3: {key}: " in stderr
    assert why in stderr


@pytest.mark.parametrize(
    ("argument", "why"),
    [
        ("loop", "--claims loop: is a symbolic link loop"),
        ("a" * 300, "has a name too long for the file system"),
        ("gone", "--claims gone: is a symbolic link to nowhere, which does not exist"),
    ],
    ids=["link-loop", "name-too-long", "dangling-link"],
)
def test_a_claims_path_no_file_can_have_is_a_usage_error(
    write_tree: WriteTree, argument: str, why: str
) -> None:
    folder = write_tree({})
    (folder / "loop").symlink_to("loop")
    (folder / "gone").symlink_to("nowhere")
    status, stderr = run_check("--claims", argument)
    assert status == 2
    assert why in stderr


def test_a_config_option_that_is_a_link_loop_is_a_usage_error(write_tree: WriteTree) -> None:
    folder = write_tree({})
    (folder / "loop.toml").symlink_to("loop.toml")
    status, stderr = run_check("--config", "loop.toml")
    assert status == 2
    assert "loop.toml:1:1: cannot read: is a symbolic link loop" in stderr


def test_a_working_folder_that_was_removed_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shell left in a folder another process removed: Path.cwd() raised."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for args in ([], ["--isolated"]):
        status, stderr = run_check(*args)
        assert status == 2
        assert "the current folder cannot be used: No such file or directory" in stderr


# -- where nesting goes too deep (factcheck/structured_text.py) ---------------------------

# Strings full of what could be mistaken for nesting, comments and quotes.
_TRICKY = st.text(alphabet="[]{}\"'#\\ab\n", max_size=8)
_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.one_of(st.integers(-5, 5), _TRICKY),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("abc"), inner, max_size=2)
    ),
    max_leaves=30,
)


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


def _toml(value: Any) -> str:
    """``value`` as a TOML value: basic strings (JSON's escapes are TOML's), arrays,
    inline tables."""
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


@given(value=_VALUES, limit=st.integers(0, 6))
def test_the_place_of_deep_nesting_is_found_in_json_and_toml(value: Any, limit: int) -> None:
    """Brackets inside strings and comments do not count: the place is found exactly
    when the value nests deeper than the limit, at an opening bracket."""
    depth = _depth(value)
    documents = [
        ("json", json.dumps(value)),
        ("toml", f"# a comment [[[{{\nkey = {_toml(value)}  # ]]] [\n"),
        ("toml", f"key = '''[[[\n'''\nother = {_toml(value)}\n"),
    ]
    for syntax, text in documents:
        if syntax == "toml":
            assert tomllib.loads(text)  # the document is TOML
        place = deep_nesting(text, syntax, limit)  # type: ignore[arg-type]
        assert (place is None) == (depth <= limit), (text, depth, limit)
        if place is not None:
            line, column = place
            assert text.splitlines()[line - 1][column - 1] in "[{"

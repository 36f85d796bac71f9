"""`factcheck lint` from the command line: inputs, formats, exit codes."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from factcheck import api
from factcheck.cli import app
from factcheck.cli.lint import load_draft
from factcheck.config import discover_settings
from factcheck.findings import Finding
from factcheck.lint.drafts import read_draft
from factcheck.lint.run import LintOptions, lint_drafts
from factcheck.rules.integrity import bidi_spans

from .conftest import ROOT, WriteTree, validate_sarif

runner = CliRunner()
WRONG = "By September, the country's capital had cultivated 509 national-level little giants.\n"
RIGHT = "By September, the country's capital had cultivated 590 national-level little giants.\n"


@pytest.fixture(autouse=True)
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def lint(*args: str, stdin: str | bytes | None = None) -> Result:
    return runner.invoke(app, ["lint", *args], input=stdin)


def test_wrong_figure_from_stdin_is_an_error_on_its_line_and_column() -> None:
    result = lint("-", stdin="A first line.\n" + WRONG)
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:2:52: FC301 [error] '509' does not fit claim")
    assert "    2 | By September" in result.stdout
    assert " " * 51 + "^^^" in result.stdout


def test_a_long_line_is_shown_as_a_window_around_the_figure() -> None:
    """A finding on a line of megabytes (minified HTML, an inlined image) shows the part
    of the line around it, after an ellipsis, with the caret still under the figure."""
    padding = "word " * 20_000  # 100,000 characters before the sentence
    result = lint("-", "--format", "text", stdin=padding + WRONG)
    assert result.stdout.startswith("<stdin>:1:100052: FC301 [error] '509' does not fit")
    source, caret = result.stdout.splitlines()[1:3]
    assert source.startswith("    1 | …")
    assert len(source) < 300
    assert source.index("509") == caret.index("^^^")


def test_right_figure_passes(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(RIGHT)
    result = lint(str(draft))
    assert result.exit_code == 0
    assert "1 checked, 0 unchecked" in result.stdout


def test_binary_and_missing_drafts_are_usage_errors(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9 590\n".encode("latin-1"))
    result = lint(str(binary), str(latin), str(tmp_path / "missing.md"), "--format", "concise")
    assert result.exit_code == 2
    assert f"{binary}:3:1: error FC002 not a text file: it holds NUL bytes" in result.stdout
    assert f"{latin}:1:4: error FC002 not UTF-8 text: byte 0xe9 cannot be decoded" in result.stdout
    assert f"{tmp_path / 'missing.md'}:1:1: error FC002 cannot read" in result.stdout


def test_sarif_locates_each_result_at_its_figure() -> None:
    result = lint("-", "--format", "sarif", stdin=WRONG)
    sarif = json.loads(result.stdout)
    validate_sarif(sarif)
    (finding,) = sarif["runs"][0]["results"]
    region = finding["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 52, 55)
    assert finding["properties"]["claims"] == ["bj-national-little-giants"]


def test_github_annotations() -> None:
    result = lint("-", "--format", "github", stdin=WRONG)
    assert result.stdout.startswith(
        "::error file=<stdin>,line=1,col=52,endLine=1,endColumn=55,"
        "title=FC301 figure-contradicts-claim::'509' does not fit claim"
    )


def test_strict_lists_unchecked_figures_as_info() -> None:
    result = lint("-", "--strict", stdin="The park opened in 1992.\n")
    assert result.exit_code == 0
    assert "FC308 [info] '1992' was not checked: no subject named" in result.stdout


def test_bad_date_is_a_usage_error() -> None:
    result = lint("-", "--date", "September", stdin=RIGHT)
    assert result.exit_code == 2
    assert "--date: 'September' is not a date" in result.stderr


def test_example_draft_in_the_docs_gets_the_report_the_docs_show() -> None:
    """docs/lint.md shows `factcheck lint docs/examples/little-giants-draft.md`."""
    page = (ROOT / "docs" / "lint.md").read_text("utf-8")
    (block,) = re.findall(
        r"```console\n\$ factcheck lint docs/examples/little-giants-draft.md\n(.*?)```",
        page,
        flags=re.S,
    )
    assert lint("docs/examples/little-giants-draft.md").stdout == block


# -- never raises -------------------------------------------------------------------


@pytest.fixture(scope="module")
def factbase():  # type: ignore[no-untyped-def]
    loaded, _ = api.load(discover_settings(ROOT))
    return loaded


prose = st.text(
    alphabet=st.sampled_from(list("0123456789,.-–$%()`<>!#*[]\n abcdefghijklmnopqrstuvwxyz"))
    | st.characters(),
    max_size=300,
)


@settings(deadline=None)
@given(text=prose, markdown=st.booleans())
def test_reading_and_linting_never_raise(factbase, text: str, markdown: bool) -> None:  # type: ignore[no-untyped-def]
    draft = read_draft("draft.md" if markdown else "draft.txt", text)
    assert len(draft.prose) == len(text)  # positions are the file's
    findings, stats = lint_drafts(factbase, [draft], LintOptions(strict=True))
    assert stats.checked <= stats.figures
    for finding in findings:
        assert 1 <= finding.location.line <= text.count("\n") + 1


# -- drafts that cannot be read as given -----------------------------------------------


def test_closed_stdin_is_a_clear_fc002() -> None:
    """`factcheck lint - <&-`: Python has no sys.stdin at all, and reading it raised
    AttributeError. Run in a child started with descriptor 0 closed."""
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "lint", "-", "--format", "concise"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, check=False, timeout=120, preexec_fn=lambda: os.close(0),
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2
    assert "<stdin>:1:1: error FC002 cannot read: standard input is closed" in result.stdout


def test_the_same_draft_named_twice_is_read_once(tmp_path: Path) -> None:
    """`d.md ./d.md`, or a link to it, reported every finding twice; the first name is
    kept."""
    draft = tmp_path / "d.md"
    draft.write_text(WRONG)
    (tmp_path / "link.md").symlink_to(draft)
    names = [str(draft), f"{tmp_path}/./d.md", str(tmp_path / "link.md"), str(draft)]
    result = lint(*names, "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout.count("FC301") == 1
    assert result.stdout.startswith(f"{draft}:1:52: error FC301")


printable = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=2)


@given(text=printable, codec=st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_without_a_byte_order_mark_is_named(text: str, codec: str) -> None:
    """UTF-16 text was 'not a text file: it holds NUL bytes'; without a byte-order mark
    it is known by its NUL bytes, and the message names the byte order for iconv."""
    finding = load_draft_bytes(text.encode(codec))
    assert isinstance(finding, Finding)
    name = codec.upper().replace("-LE", "LE").replace("-BE", "BE")
    assert finding.message == f"{name} text, not UTF-8: convert it (e.g. iconv -f {name} -t UTF-8)"
    assert (finding.location.line, finding.location.column) == (1, 1)


@given(text=st.text(), codec=st.sampled_from(["utf-16", "utf-32"]))
def test_a_utf16_or_utf32_byte_order_mark_is_named(text: str, codec: str) -> None:
    try:
        raw = text.encode(codec)
    except UnicodeEncodeError:  # a lone surrogate
        return
    finding = load_draft_bytes(raw)
    assert isinstance(finding, Finding)
    # UTF-16's little-endian mark and a NUL character (FF FE 00 00) are UTF-32's mark:
    # such a draft is named UTF-32, the likelier of the two.
    utf32_alike = codec == "utf-16" and raw.startswith(b"\xff\xfe\0\0")
    named = "UTF-32" if utf32_alike else codec.upper()
    assert finding.message.startswith(f"{named} text, not UTF-8")


@given(text=st.text(st.characters(exclude_characters="\0", exclude_categories=["Cs"])))
def test_utf8_text_is_never_taken_for_utf16(text: str) -> None:
    assert load_draft_bytes(text.encode("utf-8")) == ("<stdin>", text.removeprefix("\ufeff"))


def load_draft_bytes(raw: bytes) -> Finding | tuple[str, str]:
    """``load_draft("-")`` of ``raw`` as standard input."""
    stdin = io.TextIOWrapper(io.BytesIO(raw))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", stdin)
        return load_draft("-")


# -- bidirectional controls (FC110) ------------------------------------------------------

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MARKS = "\u200e\u200f\u061c"


def test_a_hundred_lines_of_bidi_controls_are_reported_one_by_one_then_one_more() -> None:
    """A draft of a million such lines costs no more than one of a hundred and one."""
    result = lint("-", "--format", "json", stdin="\u202e5 firms.\n" * 150)
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "FC110"]
    assert [f["line"] for f in found] == list(range(1, 102))
    assert "stands for every line from here on" in found[-1]["message"]
    assert "stands for" not in found[-2]["message"]


def test_a_draft_can_keep_a_mark_beside_a_figure_with_a_reason() -> None:
    draft = (
        "<!-- factcheck: ignore FC110 the Arabic edition marks its figures -->\n"
        "A range of 5\u200f-10 firms.\n"
    )
    result = lint("-", "--format", "concise", stdin=draft)
    assert result.exit_code == 0, result.stdout
    assert "FC110" not in result.stdout
    assert "FC309" not in result.stdout


@given(st.text(alphabet=st.sampled_from([*CONTROLS, *MARKS, "5", "٣", "a", " ", "\n"])))
def test_bidi_spans_hold_every_control_and_the_marks_beside_digits(text: str) -> None:
    spans = list(bidi_spans(text))
    covered = {at for start, end in spans for at in range(start, end)}
    assert all(a < b for (_, a), (b, _) in itertools.pairwise(spans))  # in order, apart
    assert all(text[at] in CONTROLS + MARKS for at in covered)
    assert {at for at, c in enumerate(text) if c in CONTROLS} <= covered
    for at, c in enumerate(text):
        beside = (at > 0 and text[at - 1].isdecimal()) or text[at + 1 : at + 2].isdecimal()
        if c in MARKS and beside:
            assert at in covered


def test_an_option_after_the_end_of_options_says_so(write_tree: WriteTree) -> None:
    """After ``--`` (as pre-commit hooks end their entries), ``--strict`` is a file name;
    the FC002 for it says how to give the option instead."""
    write_tree({"draft.md": "By September, the capital had 590 firms.\n"})
    result = runner.invoke(app, ["lint", "--format", "json", "--", "--strict", "draft.md"])
    assert result.exit_code == 2
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["path"] == "--strict"
    assert "it looks like an option" in finding["message"]
    assert "strict = true" in finding["message"]

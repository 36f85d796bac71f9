"""File names as reports show them: any bytes a file system allows, in every format.

A claims file's name is bytes; Python keeps those that are not UTF-8 as lone surrogates,
which no UTF-8 consumer can read (JSON and SARIF carried a raw 0xFF byte), and a name
may hold a line break, which would start a forged line of the report (in the GitHub
format, a workflow command). Reports write such characters as ``\\xNN``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli.common import ReportFormat
from factcheck.findings import printable_path

from .conftest import MINIMAL, ROOT, WriteTree

#: A name that is not UTF-8 and forges a GitHub annotation after a line break.
HOSTILE_NAME = b"claims/\xff\n::error file=README.md,line=1::forged.yaml"
SHOWN = "claims/\\xff\\x0a::error file=README.md,line=1::forged.yaml"


@pytest.mark.skipif(sys.platform in {"win32", "darwin"}, reason="file names must be bytes")
@pytest.mark.parametrize("output_format", [f.value for f in ReportFormat])
def test_a_name_that_is_not_utf8_is_shown_escaped(
    write_tree: WriteTree, output_format: str
) -> None:
    folder = write_tree(MINIMAL)
    with open(os.fsencode(folder) + b"/" + HOSTILE_NAME, "wb") as handle:
        handle.write(b"claims: [\n")  # a YAML syntax error: one FC001 at this file
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", "--format", output_format],
        cwd=folder,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 1
    output = result.stdout.decode("utf-8")  # valid UTF-8, whatever the name holds
    assert "forged.yaml" in output
    assert not any(line.startswith("::error file=README.md") for line in output.splitlines())


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("claims/plain.yaml", "claims/plain.yaml"),
        ("claims/\u00e9t\u00e9.yaml", "claims/\u00e9t\u00e9.yaml"),  # UTF-8 is text
        (os.fsdecode(HOSTILE_NAME), SHOWN),
        ("a\tb\x7fc\x85d", "a\\x09b\\x7fc\\x85d"),
    ],
)
def test_printable_path(name: str, shown: str) -> None:
    assert printable_path(name) == shown


def test_the_bundled_paths_are_unchanged() -> None:
    for path in (ROOT / "claims").iterdir():
        name = str(path.relative_to(ROOT))
        assert printable_path(name) == name


def test_escaping_keeps_names_apart() -> None:
    """Two names differing only in an unprintable byte are shown differently."""
    assert printable_path(os.fsdecode(b"a\xff")) != printable_path(os.fsdecode(b"a\xfe"))


@pytest.mark.skipif(sys.platform in {"win32", "darwin"}, reason="file names must be bytes")
def test_a_draft_whose_name_is_not_utf8_is_shown_escaped(write_tree: WriteTree) -> None:
    folder = write_tree(MINIMAL)
    name = b"draft-\xff.md"
    (Path(os.fsdecode(os.fsencode(folder) + b"/" + name))).write_bytes(
        b"By September, the capital had 591 firms.\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "lint", "--format", "json", os.fsdecode(name)],
        cwd=folder,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    (finding,) = json.loads(result.stdout.decode("utf-8"))["findings"]
    assert (finding["code"], finding["path"]) == ("FC301", "draft-\\xff.md")


#: A claim whose quote (and its source text) ends in a right-to-left override.
OVERRIDDEN = {
    "claims/base.yaml": MINIMAL["claims/base.yaml"].replace(
        "quote: the capital had 590 firms", 'quote: "the capital had 590 firms\\u202e"'
    ),
    "texts/article.txt": "By September, the capital had 590 firms\u202e, ranking first.\n",
    "draft.md": "By September, the capital had 591 firms\u202e.\n",
}


@pytest.mark.parametrize("output_format", [f.value for f in ReportFormat])
def test_direction_characters_reach_no_report_raw(
    write_tree: WriteTree, output_format: str
) -> None:
    """A direction override in a claim's quote, or on a draft's line, would reorder the
    rest of the line it is shown on (in a terminal, a pull request's annotation): every
    format shows it as <U+202E> in messages and U+FFFD in excerpts (found in review)."""
    folder = write_tree(OVERRIDDEN)
    report = subprocess.run(
        [sys.executable, "-m", "factcheck", "lint", "--format", "json", "draft.md"],
        cwd=folder, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )  # fmt: skip
    messages = {f["code"]: f["message"] for f in json.loads(report.stdout)["findings"]}
    assert "590 firms<U+202E>" in messages["FC301"]
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "lint", "--format", output_format, "draft.md"],
        cwd=folder,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    output = result.stdout.decode("utf-8")
    assert result.returncode == 1, result.stderr.decode()
    assert "\u202e" not in output
    assert "U+202E" in output  # in FC110's message, and in FC301's quote of the claim

"""Behaviour on a terminal: colour (and NO_COLOR), progress on stderr, completion."""

from __future__ import annotations

import io
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.cli.common import color
from factcheck.progress import Progress

from .conftest import ROOT

runner = CliRunner()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_on_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert color() is False
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # piped
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color() is False


def test_progress_shows_on_a_terminal_and_clears_itself() -> None:
    stream = Terminal()
    progress = Progress(stream)
    progress("linting 1/2: a.md")
    progress("linting 2/2: b.md")
    progress.done()
    assert stream.getvalue() == ("\rlinting 1/2: a.md\x1b[K\rlinting 2/2: b.md\x1b[K\r\x1b[K")


def test_progress_is_silent_when_piped() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    progress("linting 1/2: a.md")
    progress.done()
    assert stream.getvalue() == ""


def test_piped_runs_write_nothing_but_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    check = runner.invoke(app, ["check", "-f", "json"])
    lint = runner.invoke(app, ["lint", "docs/examples/little-giants-draft.md", "-f", "json"])
    assert check.stderr == lint.stderr == ""


def test_shell_completion_script() -> None:
    result = runner.invoke(app, ["--show-completion", "bash"])
    assert result.exit_code == 0
    assert "_FACTCHECK_COMPLETE" in result.stdout

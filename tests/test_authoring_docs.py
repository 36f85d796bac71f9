"""docs/authoring.md, run as written: every ``$ factcheck …`` line of its console blocks
in order, in a fresh folder, each output compared with what the page shows; ``cd`` and
``cp`` as a shell would do them (the article is docs/examples/shenzhen-smes.md); and
each YAML block headed ``# path`` applied as the reader is told to: a record whose id
is in the file replaces it, any other is added to its section."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from .conftest import ROOT

PAGE = ROOT / "docs" / "authoring.md"
_BLOCK = re.compile(r"```(console|yaml)\n(.*?)```", re.S)
_RECORD = re.compile(r"^  - id: (?P<id>\S+)\n(?:(?:    .*)?\n)*?(?=  - id: |\Z)", re.M)


def steps(page: str) -> list[tuple[str, str, str]]:
    """("command", line, expected output) and ("yaml", path, block), in page order."""
    found: list[tuple[str, str, str]] = []
    for kind, body in _BLOCK.findall(page):
        if kind == "yaml":
            first, _, rest = body.partition("\n")
            if first.startswith("# ") and "/" in first:
                found.append(("yaml", first[2:].strip(), rest))
            continue
        command, output = None, []
        for line in body.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append(("command", command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            found.append(("command", command, "\n".join(output)))
    return found


def _apply(path: Path, block: str) -> None:
    """Replace each record of ``block`` in the file by id, or add it to its section."""
    text = path.read_text("utf-8")
    section = block.splitlines()[0]
    for record in _RECORD.finditer(block):
        new = record.group().rstrip("\n") + "\n"
        old = next((m for m in _RECORD.finditer(text) if m["id"] == record["id"]), None)
        if old is None:
            assert section in text, f"{path} has no {section}"
            text = text.rstrip("\n") + "\n\n" + new
        else:
            end = old.end()
            blank = "\n" if text[old.start() : end].endswith("\n\n") else ""
            text = text[: old.start()] + new + blank + text[end:]
    path.write_text(text, "utf-8")


def test_the_page_walks_from_init_to_a_checked_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walk = steps(PAGE.read_text("utf-8"))
    assert sum(kind == "command" for kind, _, _ in walk) >= 8
    here = tmp_path
    monkeypatch.chdir(here)
    monkeypatch.setenv("COLUMNS", "160")
    runner = CliRunner()
    for kind, what, expected in walk:
        if kind == "yaml":
            _apply(here / what, expected)
            continue
        args = shlex.split(what)
        if args[0] == "cd":
            here = here / args[1]
            monkeypatch.chdir(here)
        elif args[0] == "cp":
            source = ROOT / "docs" / "examples" / Path(args[1]).name
            shutil.copy(source, here / args[2])
        else:
            assert args[0] == "factcheck", what
            result = runner.invoke(app, args[1:])
            shown = "\n".join(line.rstrip() for line in result.output.splitlines())
            assert shown == expected.rstrip("\n"), f"$ {what}\n{result.output}"

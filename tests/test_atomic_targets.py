"""Atomic writes, continued: what is at the target. A named pipe, a folder, a link to
either, a read-only file, a hard link or another user's file is refused and left as it
was; a symbolic link is written through; odd file names are usage errors or fit."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from factcheck import atomicfile
from factcheck.cli import app

from .atomic_writers import (
    OLD,
    Writer,
    each_file_writer,
    invoke,
    mode,
    reference,
    runner,
    temporaries,
)

#: Every test runs under a known umask (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("umask")

# -- what is at the target --------------------------------------------------------------


def target_of(writer: Writer) -> Path:
    """Where ``writer`` writes its file under out/ (its folder made)."""
    target = Path.cwd() / "out" / writer.out / writer.name
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def assert_refused(result: Result, target: Path, why: str) -> None:
    """The run stops with a usage error that names the file and says why."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert f"cannot write {target.relative_to(Path.cwd())}: " in result.stderr
    assert why in result.stderr


def _fifo(target: Path) -> str:
    os.mkfifo(target)
    return "is not a regular file (a named pipe)"


def _folder(target: Path) -> str:
    target.mkdir()
    (target / "kept").write_text("a file in the folder")
    return "is a directory"


def _link_to_fifo(target: Path) -> str:
    os.mkfifo(target.parent / "pipe")
    target.symlink_to("pipe")
    return "its target " + str(target.parent / "pipe") + " is not a regular file"


def _link_loop(target: Path) -> str:
    target.symlink_to(target.name)
    return "is a symbolic link loop"


def _read_only(target: Path) -> str:
    target.write_bytes(OLD)
    target.chmod(0o444)
    return "is read-only"


def _hard_link(target: Path) -> str:
    target.write_bytes(OLD)
    os.link(target, target.parent / "other-name")
    return "has 2 hard links"


def _another_users(target: Path) -> str:
    target.write_bytes(OLD)
    os.chown(target, 65534, 65534)  # nobody
    return "belongs to another user (uid 65534)"


REFUSED = [
    pytest.param(_fifo, id="named-pipe"),
    pytest.param(_folder, id="folder"),
    pytest.param(_link_to_fifo, id="link-to-a-named-pipe"),
    pytest.param(_link_loop, id="link-loop"),
    pytest.param(_read_only, id="read-only"),
    pytest.param(_hard_link, id="hard-link"),
    pytest.param(
        _another_users,
        id="another-users-file",
        marks=pytest.mark.skipif(
            not hasattr(os, "geteuid") or os.geteuid() != 0,
            reason="only root can give a file to another user",
        ),
    ),
]


def _identity(path: Path) -> tuple[int, int, int, int, int, bytes | None]:
    """What must not change about a refused target: what it is and what it holds."""
    status = path.lstat()
    data = path.read_bytes() if stat.S_ISREG(status.st_mode) else None
    return status.st_ino, status.st_mode, status.st_uid, status.st_nlink, status.st_size, data


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes, links and owners are POSIX")
@pytest.mark.parametrize("plant", REFUSED)
@each_file_writer
def test_a_target_that_is_not_a_file_of_ones_own_is_refused_and_left_alone(
    writer: Writer, plant: Any, tree: Path
) -> None:
    """A named pipe, a folder, a link to either or a link loop, a read-only file, a
    file with other hard links, another user's file: a rename would replace each (as
    root, or in one's own folder, it succeeds), so factcheck refuses with exit code 2 and
    a message naming the file and the reason, and leaves it exactly as it was."""
    target = target_of(writer)
    why = plant(target)
    before = _identity(target)
    result = invoke(writer)
    assert_refused(result, target, why)
    assert _identity(target) == before
    assert temporaries(target) == []


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
@each_file_writer
def test_a_symbolic_link_is_written_through(writer: Writer, tree: Path) -> None:
    """A link stays a link and the file it points at (in another folder) is replaced,
    as a plain write would do: replacing the link itself would leave that file stale."""
    target = target_of(writer)
    elsewhere = tree / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "real-file"
    real.write_bytes(OLD)
    real.chmod(0o640)
    target.symlink_to(real)
    _, expected = reference(writer)
    result = invoke(writer)
    assert result.exit_code == 0, result.output
    assert target.is_symlink()
    assert os.readlink(target) == str(real)
    assert real.read_bytes() == expected
    assert mode(real) == 0o640
    assert temporaries(target) == temporaries(real) == []


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
@each_file_writer
def test_a_dangling_symbolic_link_gets_its_file(writer: Writer, tree: Path) -> None:
    """A link to a file not yet there creates it, as a plain write would (a report kept
    in a build folder that was cleaned)."""
    target = target_of(writer)
    (tree / "build").mkdir()
    target.symlink_to(tree / "build" / "report")
    _, expected = reference(writer)
    assert invoke(writer).exit_code == 0
    assert target.is_symlink()
    assert (tree / "build" / "report").read_bytes() == expected


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "--output-file", ""),
        ("lint", "draft.md", "--output-file", ""),
        ("graph", "--output-file", ""),
        ("baseline", "write", "--file", ""),
    ],
    ids=["check", "lint", "graph", "baseline"],
)
def test_an_empty_file_name_is_a_usage_error(argv: tuple[str, ...], tree: Path) -> None:
    """``--output-file ''`` names no file (it used to be read as the current folder,
    "cannot write .: Device or resource busy")."""
    result = runner.invoke(app, list(argv))
    assert result.exit_code == 2
    assert "an empty path names no file" in result.output
    assert "Device or resource busy" not in result.output


def test_a_long_file_name_gets_a_temporary_file_that_fits(tmp_path: Path) -> None:
    """A name of 255 bytes, the most a file system allows, is written: the temporary
    file beside it has a shorter name, not one 14 bytes over the limit."""
    target = tmp_path / ("é" * 127 + "x")  # 255 bytes in UTF-8
    atomicfile.write_atomic(target, "written")
    assert target.read_text("utf-8") == "written"
    assert temporaries(target) == []

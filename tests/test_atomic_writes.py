"""Every file factcheck writes — a report, a lint report, a graph, a baseline, the JSON
Schemas, a cache entry — is replaced whole or not at all: a normal run leaves the new
content with the permissions a plain write would give and no temporary file; Ctrl-C or a
hard crash while writing leaves the old file byte for byte, and the next run writes the
right one."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from factcheck import atomicfile
from factcheck import cache as cache_module
from factcheck.cli import app

from .conftest import ROOT, WriteTree

runner = CliRunner()

DRAFT = {"draft.md": "By September 2022 the capital had 590 firms.\n"}
#: What a file to be replaced holds: longer than anything written, so a write that
#: does not replace the file whole would leave its tail.
OLD = b"an old file, longer than anything factcheck writes here\n" * 2_000


@dataclass(frozen=True)
class Writer:
    """A command that writes a file. ``argv`` has ``{out}`` where the output goes, or
    ``env`` names the variable that says where; ``name`` is the file written in that
    folder (a glob), or "" when ``out`` is the file itself. A ``private`` file is
    always 0o600 (a cache entry holds parsed claims)."""

    id: str
    argv: tuple[str, ...]
    out: str
    name: str = ""
    env: str | None = None
    private: bool = False


WRITERS = [
    Writer("check", ("check", "-f", "json", "--output-file", "{out}"), "report.json"),
    Writer("lint", ("lint", "draft.md", "--output-file", "{out}"), "lint.txt"),
    Writer("graph", ("graph", "-f", "dot", "--output-file", "{out}"), "graph.dot"),
    Writer("baseline", ("baseline", "write", "--file", "{out}"), "baseline.json"),
    Writer("schema", ("schema", "--output-dir", "{out}"), "schemas", "claims.schema.json"),
    Writer(
        "cache",
        ("check", "-f", "json"),
        "cache",
        "*.json",
        env="FACTCHECK_CACHE_DIR",
        private=True,
    ),
]
each_writer = pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.id)


@pytest.fixture(autouse=True)
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Every test runs under a known umask: 0o022 unless parametrized."""
    value: int = getattr(request, "param", 0o022)
    previous = os.umask(value)
    yield value
    os.umask(previous)


@pytest.fixture
def tree(write_tree: WriteTree) -> Path:
    folder = write_tree(DRAFT)
    (folder / "out").mkdir()
    (folder / "ref").mkdir()
    return folder


def argv_env(writer: Writer, root: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that make ``writer`` write under ``root``."""
    out = str(Path(root) / writer.out)
    argv = [arg.replace("{out}", out) for arg in writer.argv]
    return argv, {writer.env: str(folder_of(writer, root))} if writer.env else {}


def folder_of(writer: Writer, root: str) -> Path:
    """Where ``writer`` writes under ``root``: for the cache, a folder beside the
    project rather than in it (factcheck writes no cache into the tree it checks)."""
    if writer.env is None:
        return Path.cwd() / root / writer.out
    return Path.cwd().parent / f"{Path.cwd().name}-{root}-{writer.out}"


def invoke(writer: Writer, root: str = "out") -> Result:
    argv, env = argv_env(writer, root)
    return runner.invoke(app, argv, env=env)


def written(writer: Writer, root: str = "out") -> Path:
    """The one file ``writer`` wrote under ``root``."""
    out = folder_of(writer, root)
    if not writer.name:
        return out
    (match,) = out.glob(writer.name)
    return match


def make_old(writer: Writer) -> Path:
    """Give the command a file to replace, and return it: planted bytes; for the cache,
    a first run's entry, whose claims file then changes so that the next run rewrites
    the entry (and must not report from the stale one: the claim's quote is now wrong)."""
    if writer.env is None:
        target = Path.cwd() / "out" / writer.out / writer.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(OLD)
        return target
    first = invoke(writer)
    assert first.exit_code == 0, first.output
    claims = Path("claims/base.yaml")
    claims.write_text(claims.read_text("utf-8").replace("590", "591"), "utf-8")
    return written(writer)


def reference(writer: Writer) -> tuple[Result, bytes]:
    """What an uninterrupted run writes from scratch (under ref/), and its result."""
    result = invoke(writer, "ref")
    return result, written(writer, "ref").read_bytes()


def temporaries(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.glob(".*.tmp"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_the_next_run_writes_it_right(writer: Writer, target: Path) -> None:
    """After an interruption, running the command again gives what a run from scratch
    gives: the same exit code and output, and the same bytes in the file."""
    expected_result, expected = reference(writer)
    again = invoke(writer)
    assert again.exit_code == expected_result.exit_code, again.output
    assert again.stdout == expected_result.stdout.replace("ref/", "out/")
    assert target.read_bytes() == expected


# -- a normal write ---------------------------------------------------------------------


@pytest.mark.parametrize("old_mode", [0o640, 0o600], ids=oct)
@each_writer
def test_a_write_replaces_the_old_file_whole_and_keeps_its_mode(
    writer: Writer, old_mode: int, tree: Path
) -> None:
    """The file written again holds only the new content, keeps the permissions its
    owner gave it (a shared report stays shared, a private one private; a cache entry
    is always private), and no temporary file is left beside it."""
    target = make_old(writer)
    target.chmod(old_mode)
    old = target.read_bytes()
    expected_result, expected = reference(writer)
    result = invoke(writer)
    assert result.exit_code == expected_result.exit_code, result.output
    assert target.read_bytes() == expected
    assert expected != old
    assert mode(target) == (0o600 if writer.private else old_mode)
    assert temporaries(target) == []


@pytest.mark.parametrize("umask", [0o022, 0o002], ids=oct, indirect=True)
@each_writer
def test_a_new_file_gets_the_mode_a_plain_write_would(
    writer: Writer, umask: int, tree: Path
) -> None:
    """A file that did not exist is created as ``open()`` would create it (0o666 less
    the umask), not private to its writer as a bare temporary file would be."""
    result = invoke(writer)
    assert result.exit_code == 0, result.output
    target = written(writer)
    assert mode(target) == (0o600 if writer.private else 0o666 & ~umask)
    assert temporaries(target) == []


# -- Ctrl-C -----------------------------------------------------------------------------


class _TornWrite:
    """A file handle that writes half of what it is given, then is interrupted."""

    def __init__(self, handle: Any, fault: Interrupt) -> None:
        self._handle = handle
        self._fault = fault

    def __enter__(self) -> _TornWrite:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        self._fault.torn = (os.fstat(self._handle.fileno()).st_size, len(data))
        raise KeyboardInterrupt


class Interrupt:
    """``os`` as factcheck.atomicfile sees it, with Ctrl-C pressed while ``target`` is
    written: at "rename", just before the temporary file replaces it; at "write", once
    the temporary file holds half the data."""

    def __init__(self, target: Path, at: str) -> None:
        self.target = target.resolve()
        self.at = at
        self.fired = False
        self.torn: tuple[int, int] | None = None  # (bytes on disk, bytes to write)

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def replace(self, src: str, dst: str, **dir_fds: int) -> None:
        if self.at == "rename" and _names(self.target, dst, dir_fds.get("dst_dir_fd")):
            self.fired = True
            raise KeyboardInterrupt
        os.replace(src, dst, **dir_fds)

    def fdopen(self, fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = os.fdopen(fd, *args, **kwargs)
        if self.at == "write" and self._is_temporary_of_target(fd):
            self.fired = True
            return _TornWrite(handle, self)
        return handle

    def _is_temporary_of_target(self, fd: int) -> bool:
        inode = os.fstat(fd).st_ino
        siblings = self.target.parent.glob(f".{self.target.name}.*.tmp")
        return any(p.stat().st_ino == inode for p in siblings)


def _names(target: Path, dst: str, dir_fd: int | None) -> bool:
    """Whether ``dst`` (relative to the folder open as ``dir_fd``, if any) is ``target``."""
    if dir_fd is None:
        return Path(dst).resolve() == target
    return dst == target.name and os.fstat(dir_fd).st_ino == target.parent.stat().st_ino


@pytest.mark.parametrize("at", ["rename", "write"])
@each_writer
def test_ctrl_c_while_writing_leaves_the_old_file_whole(
    writer: Writer, at: str, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C before the rename or halfway through the data leaves the old file byte
    for byte and no temporary file, the run fails, and the next run writes it right."""
    target = make_old(writer)
    old = target.read_bytes()
    fault = Interrupt(target, at)
    with monkeypatch.context() as patch:
        patch.setattr(atomicfile, "os", fault)
        patch.setattr(cache_module, "os", fault)  # the cache writes in its folder's fd
        result = invoke(writer)
    assert fault.fired, "the command never wrote the file"
    if at == "write":
        assert fault.torn is not None
        on_disk, size = fault.torn
        assert 0 < on_disk == size // 2  # the temporary file really was half written
    # The run fails: typer exits 130 on Ctrl-C, as a shell reports it (before typer
    # left click, click said "Aborted!" and exited 1).
    assert result.exit_code in (1, 130), (result.exit_code, result.exception, result.output)
    assert target.read_bytes() == old
    assert temporaries(target) == []
    assert_the_next_run_writes_it_right(writer, target)


# -- a hard crash -----------------------------------------------------------------------

#: Runs factcheck with argv[2:], killed by SIGKILL when it renames a file onto argv[1].
KILLED_AT_RENAME = """
import os, signal, sys
from pathlib import Path

import factcheck.atomicfile
import factcheck.cache

target = Path(sys.argv[1]).resolve()


class KilledAtRename:
    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, src, dst, **dir_fds):
        folder = dir_fds.get("dst_dir_fd")
        if folder is None and Path(dst).resolve() == target or folder is not None and (
            dst == target.name and os.fstat(folder).st_ino == target.parent.stat().st_ino
        ):
            os.kill(os.getpid(), signal.SIGKILL)
        os.replace(src, dst, **dir_fds)


factcheck.atomicfile.os = factcheck.cache.os = KilledAtRename()
sys.argv = ["factcheck", *sys.argv[2:]]
from factcheck.entry import main

main()
"""


@pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="no SIGKILL here (Windows): no hard crash to make"
)
@each_writer
def test_a_hard_crash_before_the_rename_leaves_the_old_file_whole(
    writer: Writer, tree: Path
) -> None:
    """A process killed outright (power cut, OOM killer) while writing leaves the old
    file whole, and the next run writes it right (a stray temporary file is allowed)."""
    target = make_old(writer)
    old = target.read_bytes()
    argv, env = argv_env(writer, "out")
    child = subprocess.run(
        [sys.executable, "-c", KILLED_AT_RENAME, str(target), *argv],
        cwd=tree,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert target.read_bytes() == old
    assert_the_next_run_writes_it_right(writer, target)


# -- SIGTERM ----------------------------------------------------------------------------

#: Runs factcheck with argv[3:]; when it writes the temporary file of argv[1] ("write":
#: half the data on disk) or renames it onto argv[1] ("rename"), SIGTERM arrives, as
#: from CI cancelling the job or `timeout`. The sleep stands for the rest of the work the
#: signal interrupts: a process still running then was not stopped by the signal.
TERMINATED = """
import os, signal, sys, time
from pathlib import Path

import factcheck.atomicfile
import factcheck.cache

target = Path(sys.argv[1]).resolve()
at = sys.argv[2]


def terminate():
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(30)
    sys.exit("SIGTERM did not stop the write")


class HalfWritten:
    def __init__(self, handle):
        self._handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def write(self, data):
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        terminate()


class TerminatedWhileWriting:
    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, src, dst, **dir_fds):  # the cache renames within its folder's fd
        folder = dir_fds.get("dst_dir_fd")
        if at == "rename" and (
            Path(dst).resolve() == target
            if folder is None
            else dst == target.name and os.fstat(folder).st_ino == target.parent.stat().st_ino
        ):
            terminate()
        os.replace(src, dst, **dir_fds)

    def fdopen(self, fd, *args, **kwargs):
        handle = os.fdopen(fd, *args, **kwargs)
        inode = os.fstat(fd).st_ino
        siblings = target.parent.glob(f".{target.name}.*.tmp")
        if at == "write" and any(p.stat().st_ino == inode for p in siblings):
            return HalfWritten(handle)
        return handle


factcheck.atomicfile.os = factcheck.cache.os = TerminatedWhileWriting()
sys.argv = ["factcheck", *sys.argv[3:]]
from factcheck.entry import main

main()
"""

#: The writers that name their file (a cache entry is written by factcheck/cache.py).
FILE_WRITERS = [w for w in WRITERS if w.env is None]
each_file_writer = pytest.mark.parametrize("writer", FILE_WRITERS, ids=lambda w: w.id)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no POSIX signals here (Windows)")
@pytest.mark.parametrize("at", ["rename", "write"])
@each_writer  # the cache too: it writes in its own folder's descriptor, within sigterm_unwinds
def test_sigterm_while_writing_leaves_the_old_file_whole_and_no_temporary(
    writer: Writer, at: str, tree: Path
) -> None:
    """SIGTERM (CI cancelling a job, `timeout`) before the rename or halfway through the
    data leaves the old file byte for byte and no temporary file beside it, and the
    process still ends as killed by SIGTERM, as CI expects."""
    target = make_old(writer)
    old = target.read_bytes()
    argv, env = argv_env(writer, "out")
    child = subprocess.run(
        [sys.executable, "-c", TERMINATED, str(target), at, *argv],
        cwd=tree,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},  # this checkout's factcheck
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGTERM, child.stderr
    assert target.read_bytes() == old
    assert temporaries(target) == []
    assert_the_next_run_writes_it_right(writer, target)


def test_a_process_that_handles_sigterm_keeps_its_handler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """factcheck's SIGTERM handling is only for the write, and only where SIGTERM would
    kill: a handler the process had is in place during the write and after it."""
    seen = []

    def handler(signum: int, frame: object) -> None:  # pragma: no cover  (never sent)
        pass

    class Watching:
        def __getattr__(self, name: str) -> Any:
            return getattr(os, name)

        def replace(self, src: str, dst: str) -> None:
            seen.append(signal.getsignal(signal.SIGTERM))
            os.replace(src, dst)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        monkeypatch.setattr(atomicfile, "os", Watching())
        atomicfile.write_atomic(tmp_path / "x.txt", "x")
        assert seen == [handler]
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)
    atomicfile.write_atomic(tmp_path / "y.txt", "y")  # the default: restored after
    assert signal.getsignal(signal.SIGTERM) == previous


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

"""Every file factcheck writes — a report, a lint report, a graph, a baseline, the JSON
Schemas, a cache entry — is replaced whole or not at all: a normal run leaves the new
content with the permissions a plain write would give and no temporary file; Ctrl-C or a
hard crash while writing leaves the old file byte for byte, and the next run writes the
right one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from factcheck import atomicfile
from factcheck import cache as cache_module

from .atomic_writers import (
    Writer,
    argv_env,
    assert_the_next_run_writes_it_right,
    each_writer,
    invoke,
    make_old,
    mode,
    reference,
    temporaries,
    written,
)
from .conftest import ROOT

#: Every test runs under a known umask (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("umask")

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

"""Write a file whole or not at all: a temporary file in the same folder, renamed.

The replaced file keeps the old one's permission bits, or, when there was none, gets
what a plain ``open()`` would give it (0o666 less the umask): ``mkstemp`` makes its file
0o600, and a report, schema or baseline renamed into place must not become private.

A rename replaces whatever is at the target, so the target is checked first, and
factcheck replaces only a file it could have written in place without changing anything
about it but its bytes (docs/reliability.md, "Atomic writes"):

- a symbolic link is followed, as ``open()`` follows it: its target is replaced and the
  link stays a link (replacing the link itself would leave the file it points at stale);
- anything that is not a regular file — a folder, a named pipe, a device — is refused:
  renaming over ``/dev/full`` replaces the device node;
- a file with other hard links is refused: a rename would quietly split it from them,
  and writing into it in place could leave it torn;
- a read-only file (no write permission for its owner), and a file that belongs to
  another user, are refused, though the rename would succeed where the folder is
  writable (as root, or in one's own folder): a plain write would be refused too, or
  would not hand the file to a new owner.

A refusal is an ``UnwritableError`` (an ``OSError``), whose text says why.

SIGTERM (CI cancelling a job, ``timeout``) removes the temporary file as Ctrl-C does,
then ends the process by the signal as it would have ended without factcheck's help.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from factcheck.safefile import kind_of, reason, shown_path

__all__ = ["UnwritableError", "sigterm_unwinds", "write_atomic", "write_atomic_bytes"]

#: The longest temporary file name's prefix, in bytes: a name is at most 255 bytes on
#: common file systems, and ``mkstemp`` adds 8 characters and the suffix.
_PREFIX_BYTES = 200


class UnwritableError(OSError):
    """The target is not a file factcheck may replace; ``str()`` says why."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.strerror = self.why = why

    def __str__(self) -> str:
        return self.why


class _Terminated(BaseException):
    """SIGTERM arrived while a file was being written: unwind, removing the temporary."""


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``; an interrupted write leaves the old file whole."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` the same way, waiting for the disk before the
    rename. (Cache entries are written by factcheck/cache.py within its own folder.)"""
    target, mode = _replaceable(path)
    with sigterm_unwinds():
        fd, temporary = tempfile.mkstemp(
            prefix=f".{_shortened(target.name)}.", suffix=".tmp", dir=target.parent
        )
        try:
            # Best effort: where chmod is refused (some network or FAT mounts) the file
            # is still written, 0o600 as mkstemp made it.
            with contextlib.suppress(OSError):
                os.chmod(temporary, mode)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def _replaceable(path: Path) -> tuple[Path, int]:
    """The file to replace for ``path`` (its symbolic links followed) and the permission
    bits it should have once replaced; an ``UnwritableError`` where factcheck may not
    replace it."""
    try:
        target = Path(os.path.realpath(path))  # a link's target, as open() would write it
        status = os.stat(target)
    except FileNotFoundError:
        return target, _new_file_mode()
    except (OSError, ValueError) as exc:
        raise UnwritableError(reason(exc, path)) from None
    where = f"its target {shown_path(target)} " if os.path.islink(path) else ""
    if stat.S_ISDIR(status.st_mode):
        raise UnwritableError(f"{where}is a directory")
    if not stat.S_ISREG(status.st_mode):
        raise UnwritableError(f"{where}is not a regular file ({kind_of(status.st_mode)})")
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        raise UnwritableError(
            f"{where}belongs to another user (uid {status.st_uid}); factcheck replaces only "
            "its own user's files: remove it first, or write elsewhere"
        )
    if not status.st_mode & stat.S_IWUSR:
        raise UnwritableError(f"{where}is read-only; make it writable first to replace it")
    if status.st_nlink > 1:
        raise UnwritableError(
            f"{where}has {status.st_nlink} hard links, which replacing it would break "
            "(and writing into it in place could leave it torn): write elsewhere and copy"
        )
    return target, stat.S_IMODE(status.st_mode)


def _new_file_mode() -> int:
    """What a plain ``open()`` gives a new file: 0o666 less the umask."""
    # The umask can only be read by setting it: put it back at once. (Another thread
    # creating a file in between would get 0o666; factcheck writes from one.)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _shortened(name: str) -> str:
    """``name``, cut to a length that leaves room for ``mkstemp``'s part of the name."""
    return os.fsdecode(os.fsencode(name)[:_PREFIX_BYTES])


@contextlib.contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """SIGTERM, while the block runs, unwinds it as Ctrl-C would (so the temporary file
    is removed), then ends the process by SIGTERM as if factcheck had not caught it.

    Only where SIGTERM has its default action (death) and in the main thread, the only
    one that may set a handler: a process that ignores or handles SIGTERM itself keeps
    its own way."""
    if (
        not hasattr(signal, "SIGTERM")
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return

    def unwind(signum: int, frame: object) -> None:
        raise _Terminated

    signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)  # the exit status says "killed by SIGTERM"
        raise SystemExit(128 + signal.SIGTERM) from None  # where the kill did not end it
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

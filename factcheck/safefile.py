"""Reading a file a fact base or a command line names: a regular file only, and only up
to a size, so that a folder, a named pipe or ``/dev/zero`` in its place ends in a
message rather than a hang or exhausted memory.

And using a path a person wrote at all: ``resolved`` and ``probe`` turn everything a
path operation can raise — ``OSError`` (a name too long, a symbolic link loop, no
permission), ``ValueError`` (a NUL character) and ``RuntimeError`` (``Path.resolve`` on a
loop) — into an ``UnreadableError`` that says why in words, so that no path given on the
command line or in a configuration can end in a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from factcheck.findings import printable_path

__all__ = [
    "FileTooLargeError",
    "UnreadableError",
    "kind_of",
    "probe",
    "read_bounded",
    "reason",
    "resolved",
    "shown_path",
]


class UnreadableError(OSError):
    """The file cannot be read; ``str()`` says why ("is a directory")."""


class FileTooLargeError(UnreadableError):
    """The file is larger than the limit it was read with."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"is {size / 2**20:,.0f} MiB, more than the {limit // 2**20} MiB factcheck reads"
        )
        self.size = size
        self.limit = limit


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words: "a named pipe"."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def shown_path(path: Path | str) -> str:
    """A path as a message shows it: as reports show it (``findings.printable_path``: a
    NUL, a control or direction character, a byte that is not UTF-8 written ``\\xNN``)."""
    return printable_path(str(path))


def reason(exc: BaseException, path: Path | str | None = None) -> str:
    """Why an operation on ``path`` failed, in words, from what it raised."""
    if isinstance(exc, UnreadableError):
        return str(exc)
    if isinstance(exc, ValueError):  # os functions refuse a NUL before asking the system
        return "holds a NUL character, which no file name can"
    if isinstance(exc, RuntimeError):  # Path.resolve on a loop (Python 3.11 and 3.12)
        return "is a symbolic link loop"
    if isinstance(exc, OSError):
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop (or a chain of more links than can be followed)"
        if exc.errno == errno.ENAMETOOLONG:
            return "has a name too long for the file system (255 bytes a name)"
        if isinstance(exc, FileNotFoundError) and path is not None and os.path.islink(path):
            return f"is a symbolic link to {shown_path(os.readlink(path))}, which does not exist"
        return exc.strerror or str(exc)
    return str(exc)


def resolved(path: Path) -> Path:
    """``path`` made absolute, its symbolic links followed (``Path.resolve``), or an
    ``UnreadableError`` saying why it cannot be."""
    try:
        return path.resolve()
    except (OSError, ValueError, RuntimeError) as exc:
        raise UnreadableError(reason(exc, path)) from None


def link_out_of(base: Path, path: Path) -> Path | None:
    """The first symbolic link inside ``base`` on the way to ``path`` (as written, before
    any link is followed) whose target lies outside ``base``, or None: a folder a
    repository names through a committed link (``sources -> /etc``) leaves the
    repository, where a path written outside it (``../shared``) is plainly meant."""
    try:
        top = base.resolve()
        start = Path(os.path.normpath(os.path.abspath(base)))
        written = Path(os.path.normpath(os.path.abspath(path)))
        if not written.is_relative_to(start):
            return None  # named outside: read as written
        step = start
        for part in written.relative_to(start).parts:
            step = step / part
            if step.is_symlink() and not step.resolve().is_relative_to(top):
                return step
    except (OSError, RuntimeError, ValueError):  # resolving says why, where it matters
        return None
    return None


def probe(path: Path) -> os.stat_result | None:
    """What is at ``path`` (symbolic links followed), ``None`` when nothing is, or an
    ``UnreadableError`` when that cannot be known (no permission, a loop, a name too
    long, a NUL)."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):  # a dangling link is something, and not what was meant
            raise UnreadableError(reason(FileNotFoundError(), path)) from None
        return None
    except (OSError, ValueError) as exc:
        raise UnreadableError(reason(exc, path)) from None


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes, or ``UnreadableError``."""
    try:
        # Non-blocking, so that opening a named pipe returns at once; a regular file
        # reads the same either way.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:  # where folders cannot be opened (Windows)
        raise UnreadableError("is a directory") from None
    except (OSError, ValueError) as exc:
        raise UnreadableError(reason(exc, path)) from None
    status = os.fstat(descriptor)
    mode = status.st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise UnreadableError(
            "is a directory" if stat.S_ISDIR(mode) else f"is not a regular file ({kind_of(mode)})"
        )
    with os.fdopen(descriptor, "rb") as handle:
        try:
            raw = handle.read(limit + 1)  # one more: the file may grow while it is read
        except OSError as exc:
            raise UnreadableError(exc.strerror or str(exc)) from None
        if len(raw) > limit:
            raise FileTooLargeError(max(len(raw), os.fstat(handle.fileno()).st_size), limit)
    if raw and status.st_size == 0:  # /proc/self/environ and its kind: made as read
        raise UnreadableError("is not a file on disk (a system file of size 0 that has text)")
    return raw

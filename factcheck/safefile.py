"""Reading a file a fact base or a command line names: a regular file only, and only up
to a size, so that a folder, a named pipe or ``/dev/zero`` in its place ends in a
message rather than a hang or exhausted memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["FileTooLargeError", "UnreadableError", "read_bounded"]


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


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes, or ``UnreadableError``."""
    try:
        # Non-blocking, so that opening a named pipe returns at once; a regular file
        # reads the same either way.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:  # where folders cannot be opened (Windows)
        raise UnreadableError("is a directory") from None
    except OSError as exc:
        raise UnreadableError(exc.strerror or str(exc)) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise UnreadableError("is a directory" if stat.S_ISDIR(mode) else "is not a regular file")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            raw = handle.read(limit + 1)  # one more: the file may grow while it is read
        except OSError as exc:
            raise UnreadableError(exc.strerror or str(exc)) from None
    if len(raw) > limit:
        raise FileTooLargeError(max(len(raw), path.stat().st_size), limit)
    return raw

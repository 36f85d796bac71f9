"""Write a file whole or not at all: a temporary file in the same folder, renamed.

The replaced file keeps the old one's permission bits, or, when there was none, gets
what a plain ``open()`` would give it (0o666 less the umask): ``mkstemp`` makes its file
0o600, and a report, schema or baseline renamed into place must not become private.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomic", "write_atomic_bytes"]


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``; an interrupted write leaves the old file whole."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(
    path: Path, data: bytes, *, durable: bool = True, private: bool = False
) -> None:
    """Replace ``path`` with ``data`` the same way; ``durable`` also waits for the disk
    (a cache entry need not: a torn one is ignored); ``private`` keeps the file 0o600
    (a cache entry holds parsed claims, and its folder may be one others can read)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if not private:
            # Best effort: where chmod is refused (some network or FAT mounts) the
            # file is still written, 0o600 as mkstemp made it.
            with contextlib.suppress(OSError):
                os.chmod(temporary, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits ``path`` should have once replaced: its own if it exists
    (following a symlink, as ``open()`` would), else 0o666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        # The umask can only be read by setting it: put it back at once. (Another
        # thread creating a file in between would get 0o666; factcheck writes from one.)
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

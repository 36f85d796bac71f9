"""A cache of parsed and validated claims files, so that a re-check reads again only
the files that changed.

What is stored is data, never code. Each file has one entry, named by a hash of its
absolute path and what it holds (claims or constraints): a header with a key (a hash
of the file's bytes, the path as reports show it, and a fingerprint of factcheck
itself: its version, its modules' sizes and times, Python's and pydantic's versions),
then JSON that factcheck/cachecodec.py turns back into records only by validating it
as a fresh parse does. An entry whose key differs is stale; an entry that cannot be
read, or that is not what the codec wrote, is corrupt; either way it is ignored, the
file is parsed again and the entry replaced. Nothing in an entry is ever executed.

Where: ``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else
``~/.cache/factcheck``. A relative path in either variable is ignored, as the XDG Base
Directory spec says of ``XDG_CACHE_HOME``: it would put the cache inside whatever
folder factcheck runs in, a checked-out repository included. ``folder_for`` refuses
a folder inside the project being checked, so nothing is written into a project.

Trust is decided on open file descriptors, never on a path checked first and opened
later (the race a path check leaves: whoever controls a folder on the path swaps what
the path names between the check and the read). The folder is opened once with
``O_DIRECTORY | O_NOFOLLOW`` and ``fstat``-ed: it must be ours, not writable by
group or others, and not a symbolic link. Entries are then opened relative to that
descriptor (``dir_fd``), with ``O_NOFOLLOW | O_NONBLOCK``, ``fstat``-ed (a regular
file, ours, not group- or other-writable, at most ``MAX_ENTRY_BYTES``) and read from
the same descriptor. Since nobody else can write in a folder that passed, nobody else
can put an entry in it. Entries are written the same way: a temporary file created
with ``O_EXCL`` in the checked folder's descriptor, then renamed within it, so an
interrupted run leaves the old entry or none. Where the system lacks ``O_NOFOLLOW``,
``O_DIRECTORY`` or ``dir_fd`` (Windows), there is no cache.

Caching is best effort: a folder that cannot be used means no cache, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

from factcheck import __version__
from factcheck.atomicfile import sigterm_unwinds

__all__ = ["MAX_ENTRY_BYTES", "FileCache", "default_folder", "folder_for"]

T = TypeVar("T")

_FORMAT = 2  # bump when what is stored changes shape (1: pickles)
_MAGIC = b"factcheck-cache-%d\n" % _FORMAT
_SUFFIX = ".json"
#: The largest entry read. An entry is about three times the size of its file (its
#: records, plus the line and column of every field), and a claims file is at most
#: 32 MiB (factcheck/loader.py).
MAX_ENTRY_BYTES = 128 * 2**20
_SUPPORTED = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and hasattr(os, "geteuid")
    and os.open in os.supports_dir_fd
)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def default_folder() -> Path | None:
    """The user's cache folder for factcheck, or None where there is none: a relative
    ``$FACTCHECK_CACHE_DIR`` or ``$XDG_CACHE_HOME`` is ignored (the next one is used)."""
    explicit = _absolute(os.environ.get("FACTCHECK_CACHE_DIR"))
    if explicit is not None:
        return explicit
    xdg = _absolute(os.environ.get("XDG_CACHE_HOME"))
    if xdg is not None:
        return xdg / "factcheck"
    home = _home()
    return home / ".cache" / "factcheck" if home is not None else None


def folder_for(project: Iterable[Path]) -> Path | None:
    """``default_folder()``, unless it is one of the ``project``'s folders or inside one
    of them (the project's root, its claims, constraints and sources folders): a cache
    is never written into the tree being checked. A project folder that is the home
    folder or holds it (a fact base checked from ``~`` with no configuration) does not
    count, or the standard ``~/.cache`` could never be used from there."""
    folder = default_folder()
    if folder is None:
        return None
    where = Path(os.path.realpath(folder))
    home = _home()
    real_home = Path(os.path.realpath(home)) if home is not None else None
    above_home = {real_home, *real_home.parents} if real_home is not None else set()
    for place in project:
        root = Path(os.path.realpath(place))
        if root in above_home:
            continue
        if where == root or root in where.parents:
            return None
    return folder


def _absolute(value: str | None) -> Path | None:
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else None


def _home() -> Path | None:
    try:
        home = Path.home()
    except RuntimeError:  # no $HOME and no password entry
        return None
    return home if home.is_absolute() else None


def _trusted(status: os.stat_result) -> bool:
    """Ours, and nobody else may write to it."""
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


@cache
def _fingerprint() -> bytes:
    """What a cached entry depends on besides the file: factcheck's code and the
    library that validates the records."""
    import pydantic  # noqa: PLC0415  (already imported by the loader)

    digest = hashlib.sha256(f"{_FORMAT}|{__version__}|{sys.version}|{pydantic.VERSION}".encode())
    package = Path(__file__).resolve().parent
    for module in sorted(package.rglob("*.py")):
        status = module.stat()
        digest.update(
            f"|{module.relative_to(package)}:{status.st_size}:{status.st_mtime_ns}".encode()
        )
    return digest.digest()


class FileCache:
    """Values computed from one file's bytes, kept across runs as bytes of data."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder if _SUPPORTED else None  # None: caching is off
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _name(kind: str, path: Path) -> str:
        # os.fsencode: a file name need not be UTF-8 (b"\xff.yaml" is a valid name).
        digest = hashlib.sha256(kind.encode() + b"|" + os.fsencode(path.resolve()))
        return digest.hexdigest()[:32] + _SUFFIX

    @staticmethod
    def _header(kind: str, shown: str, raw: bytes) -> bytes:
        digest = hashlib.sha256(_fingerprint())
        digest.update(b"|" + kind.encode() + b"|" + os.fsencode(shown) + b"|")
        digest.update(raw)
        return _MAGIC + digest.hexdigest().encode() + b"\n"

    def get(
        self, kind: str, path: Path, shown: str, raw: bytes, decode: Callable[[bytes], T | None]
    ) -> T | None:
        """``decode`` of the data stored for these bytes, or None: absent, stale, corrupt,
        not ours, or refused by ``decode``."""
        if self.folder is None:
            return None
        stored = _read_entry(self.folder, self._name(kind, path))
        header = self._header(kind, shown, raw)
        value = decode(stored[len(header) :]) if stored and stored.startswith(header) else None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, kind: str, path: Path, shown: str, raw: bytes, data: bytes) -> None:
        """Keep ``data`` for these bytes (best effort: nothing happens where the folder
        cannot be made, is not ours, or cannot be written)."""
        if self.folder is None or len(data) > MAX_ENTRY_BYTES:  # it would never be read
            return
        name = self._name(kind, path)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            with _opened_folder(self.folder) as folder:
                if folder is not None:
                    _write_entry(folder, name, self._header(kind, shown, raw) + data)
                    # A pickle of format 1 beside it is never read: remove it.
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(name.removesuffix(_SUFFIX) + ".pickle", dir_fd=folder)


@contextlib.contextmanager
def _opened_folder(folder: Path) -> Iterator[int | None]:
    """A descriptor of ``folder`` if it is a trusted folder (not a symbolic link), else
    None. Everything after this is decided on the descriptor, not on the path."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | _CLOEXEC)
    except OSError:  # absent, a symbolic link (ELOOP), not a folder
        yield None
        return
    try:
        yield descriptor if _trusted(os.fstat(descriptor)) else None
    finally:
        os.close(descriptor)


def _read_entry(folder: Path, name: str) -> bytes | None:
    """The bytes of entry ``name`` in ``folder``, if both are trusted (see the module's
    docstring); None otherwise."""
    with contextlib.suppress(OSError), _opened_folder(folder) as directory:
        if directory is None:
            return None
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | _CLOEXEC
        descriptor = os.open(name, flags, dir_fd=directory)
        with open(descriptor, "rb", closefd=True) as entry:
            status = os.fstat(entry.fileno())
            if not (stat.S_ISREG(status.st_mode) and _trusted(status)):
                return None
            if status.st_size > MAX_ENTRY_BYTES:
                return None
            data = entry.read(MAX_ENTRY_BYTES + 1)  # it may have grown since fstat
            return data if len(data) <= MAX_ENTRY_BYTES else None
    return None


def _write_entry(folder: int, name: str, data: bytes) -> None:
    """Replace entry ``name`` in the folder open as ``folder`` with ``data``, whole or
    not at all. No fsync: a torn entry is corrupt, and a corrupt entry is ignored.
    (Not ``atomicfile.write_atomic_bytes``, which names its folder by path: here
    everything happens in the folder that was checked.)"""
    temporary = f".{name}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC
    with sigterm_unwinds():  # SIGTERM removes the temporary file, as Ctrl-C does
        descriptor = os.open(temporary, flags, 0o600, dir_fd=folder)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:  # Ctrl-C and SIGTERM too: leave no temporary file behind
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
            raise

"""A cache of parsed and validated claims files, so that a re-check reads again only
the files that changed.

Each file has one entry, named by a hash of its absolute path and what it holds
(claims or constraints); the entry stores a key, a hash of the file's bytes, the path
as reports show it, and a fingerprint of factcheck itself (its version, its modules'
sizes and times, Python's and pydantic's versions). An entry whose key differs is stale
and is ignored; an entry that cannot be read or unpickled is corrupt and is ignored;
either way the file is parsed again and the entry replaced. Entries are written to a
temporary file and renamed, so an interrupted run leaves the old entry or none.

The cache lives in the user's cache folder (``$FACTCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``), created readable by its
owner only: entries are pickles, and a pickle from someone else is code from someone
else. A folder that is not the user's, or that others can write to, is not read.
Nothing is ever cached in the project, so nothing in a repository is unpickled.
Caching is best effort: a folder that cannot be written means no cache, not an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.atomicfile import write_atomic_bytes

__all__ = ["FileCache", "default_folder"]

_FORMAT = 1  # bump when what is stored changes shape


def default_folder() -> Path:
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def _private(folder: Path) -> bool:
    """The folder is ours and nobody else can write to it (where permissions exist):
    an entry someone else could have written is never unpickled."""
    if not hasattr(os, "getuid"):
        return True
    try:
        status = folder.stat()
    except OSError:
        return False
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


@cache
def _fingerprint() -> bytes:
    """What a cached entry depends on besides the file: factcheck's code and the
    libraries whose objects are pickled."""
    import pydantic  # noqa: PLC0415  (already imported by the loader)

    digest = hashlib.sha256(f"{_FORMAT}|{__version__}|{sys.version}|{pydantic.VERSION}".encode())
    package = Path(__file__).resolve().parent
    for module in sorted(package.rglob("*.py")):
        stat = module.stat()
        digest.update(f"|{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.digest()


class FileCache:
    """Values computed from one file's bytes, kept across runs."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: caching is off
        self.hits = 0
        self.misses = 0

    def _entry(self, kind: str, path: Path) -> Path:
        assert self.folder is not None
        name = hashlib.sha256(f"{kind}|{path.resolve()}".encode()).hexdigest()[:32]
        return self.folder / f"{name}.pickle"

    @staticmethod
    def _key(kind: str, shown: str, raw: bytes) -> bytes:
        digest = hashlib.sha256(_fingerprint())
        digest.update(f"|{kind}|{shown}|".encode())
        digest.update(raw)
        return digest.digest()

    def get(self, kind: str, path: Path, shown: str, raw: bytes) -> Any | None:
        """The value stored for these bytes, or None (absent, stale or corrupt)."""
        if self.folder is None:
            return None
        if not _private(self.folder):  # absent, or others could have written to it
            self.misses += 1
            return None
        try:
            stored = self._entry(kind, path).read_bytes()
            key, value = pickle.loads(stored)  # our own entries only: see _private
        except Exception:  # absent, unreadable or corrupt: parse the file again
            self.misses += 1
            return None
        if key != self._key(kind, shown, raw):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, kind: str, path: Path, shown: str, raw: bytes, value: Any) -> None:
        if self.folder is None:
            return
        payload = pickle.dumps((self._key(kind, shown, raw), value), pickle.HIGHEST_PROTOCOL)
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            # No fsync: a torn entry is corrupt, and a corrupt entry is ignored.
            write_atomic_bytes(self._entry(kind, path), payload, durable=False, private=True)
        except OSError:
            return  # no cache where the folder cannot be written

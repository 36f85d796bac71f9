"""The fact base an editor works against: loaded once, reloaded when its files change.
Shared by the language server and the page (``factcheck lsp``, ``factcheck serve``)."""

from __future__ import annotations

import threading
from pathlib import Path

from factcheck.config import Settings, discover_settings
from factcheck.factbase import FactBase
from factcheck.findings import Finding
from factcheck.loader import YAML_SUFFIXES, claim_files, load_factbase

__all__ = ["FactBaseCache"]


class FactBaseCache:
    """The fact base of the settings found from a folder: loaded once, and again only
    when one of its files has changed (their sizes and modification times)."""

    def __init__(self, start: Path) -> None:
        self.settings: Settings = discover_settings(start)
        self._lock = threading.Lock()
        self._stamp: tuple[tuple[str, int, int], ...] | None = None
        self._factbase: FactBase | None = None
        self._findings: list[Finding] = []

    def _files(self) -> list[Path]:
        folders = [self.settings.claims]
        if self.settings.constraints is not None and self.settings.constraints.exists():
            folders.append(self.settings.constraints)
        return [p for folder in folders for p in claim_files(folder)]

    def stamp(self) -> tuple[tuple[str, int, int], ...]:
        found = []
        for path in self._files():
            try:
                st = path.stat()
            except OSError:
                continue
            found.append((str(path), st.st_mtime_ns, st.st_size))
        return tuple(found)

    def get(self) -> FactBase:
        """The fact base as its files now are (``UsageError`` if there is none)."""
        with self._lock:
            stamp = self.stamp()
            if self._factbase is None or stamp != self._stamp:
                self._factbase, self._findings = load_factbase(self.settings)
                self._stamp = stamp
            return self._factbase

    def owns(self, path: Path) -> bool:
        """Whether ``path`` is one of the fact base's claims or constraints files."""
        if path.suffix not in YAML_SUFFIXES:
            return False
        resolved = path.resolve()
        folders = [self.settings.claims, self.settings.constraints]
        return any(f is not None and resolved.is_relative_to(f.resolve()) for f in folders)

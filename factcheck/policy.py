"""Which findings a project wants, and at what severity: ``select``, ``ignore``,
``severity`` and ``per-file-ignores`` of the settings, by code prefix.

As in flake8's decision engine, the longest prefix that matches a code decides: with
``select = ["FC"]`` and ``ignore = ["FC3"]``, FC301 is ignored; add ``select =
["FC", "FC301"]`` and FC301 is reported again, since FC301 is longer than FC3.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from fnmatch import fnmatch
from pathlib import Path

from factcheck.config import Settings
from factcheck.findings import Finding

__all__ = ["apply_policy", "selected"]


def _longest(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Whether ``code`` is reported: its longest matching prefix is a selected one
    (on a tie, ignore wins)."""
    return _longest(code, select) > _longest(code, ignore)


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (ValueError, RuntimeError, OSError):  # outside the root; a link loop (FC002)
        return Path(path).as_posix()


def apply_policy(findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    kept: list[Finding] = []
    for finding in findings:
        if not selected(finding.code, settings.select, settings.ignore):
            continue
        where = _relative(finding.location.path, settings.root)
        if any(
            fnmatch(where, glob) and any(finding.code.startswith(p) for p in prefixes)
            for glob, prefixes in settings.per_file_ignores
        ):
            continue
        matching = [(p, s) for p, s in settings.severity if finding.code.startswith(p)]
        if matching:
            _, severity = max(matching, key=lambda item: len(item[0]))
            kept.append(replace(finding, severity=severity))
        else:
            kept.append(finding)
    return kept

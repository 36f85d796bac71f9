"""Baselines: today's findings recorded, so that CI fails only on new ones.

A finding's key is its code, the claims and constraint it names, its file, and a hash of
its normalised text — the draft's line for a lint finding, the message otherwise — with
line and column numbers taken out, so that an edit elsewhere in the file does not make an
old finding look new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from factcheck.atomicfile import write_atomic
from factcheck.errors import UsageError
from factcheck.findings import Finding
from factcheck.safefile import UnreadableError, read_bounded

__all__ = ["fingerprint", "mark", "read_baseline", "write_baseline"]

VERSION = 1
_LOCATIONS = re.compile(r":\d+(?::\d+)?\b")  # "file.yaml:12:5" → "file.yaml"


def _normalised(text: str) -> str:
    return " ".join(_LOCATIONS.sub("", text).casefold().split())


def fingerprint(finding: Finding) -> str:
    text = finding.excerpt if finding.excerpt is not None else finding.message
    parts = [
        finding.code,
        ",".join(sorted(finding.claims)),
        finding.constraint or "",
        Path(finding.location.path).as_posix(),
        hashlib.sha256(_normalised(text).encode("utf-8")).hexdigest(),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


MAX_BASELINE_BYTES = 256 * 2**20  # a million findings take about 200 MB


def read_baseline(path: Path) -> set[str]:
    """The fingerprints a baseline file records; a ``UsageError`` at ``file:line:column``
    where it cannot be read, is not JSON, or is not a baseline."""
    try:
        data = json.loads(read_bounded(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    except (UnreadableError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}:1:1: cannot read a baseline: {exc}") from None
    try:
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}, expected {VERSION}")
        return {entry["fingerprint"] for entry in data["findings"]}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path}:1:1: not a factcheck baseline: {exc}") from None


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    entries = sorted(
        {
            fingerprint(f): {
                "fingerprint": fingerprint(f),
                "code": f.code,
                "path": Path(f.location.path).as_posix(),
                "message": f.message,
            }
            for f in findings
        }.values(),
        key=lambda e: (e["path"], e["code"], e["fingerprint"]),
    )
    document = {"version": VERSION, "tool": "factcheck", "findings": entries}
    try:
        write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(entries)


def mark(findings: Iterable[Finding], known: set[str]) -> list[Finding]:
    """Each finding marked ``unchanged`` (in the baseline: it does not fail the run) or
    ``new``."""
    return [
        replace(f, baseline="unchanged" if fingerprint(f) in known else "new") for f in findings
    ]

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
from factcheck.safefile import UnreadableError, read_bounded, reason, shown_path
from factcheck.structured_text import (
    MAX_DEPTH,
    decode_error_place,
    deep_nesting,
    shortened,
    utf8_text,
)

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


class _LongNumber(str):
    """A JSON integer of more digits than any baseline holds, kept as its text: Python
    refuses to convert one of more than 4,300 digits, and a message shows it shortened."""

    def __repr__(self) -> str:
        return f"{self[:12]}… ({len(self.lstrip('-')):,} digits)"


def _integer(text: str) -> int | _LongNumber:
    return int(text) if len(text) <= 100 else _LongNumber(text)


def read_baseline(path: Path) -> set[str]:
    """The fingerprints a baseline file records; a ``UsageError`` at ``file:line:column``
    where it cannot be read, is not JSON, or is not a baseline."""
    shown = shown_path(path)
    try:
        raw = read_bounded(path, MAX_BASELINE_BYTES)
    except UnreadableError as exc:
        raise UsageError(f"{shown}:1:1: cannot read a baseline: {exc}") from None
    try:
        text = utf8_text(raw)
    except UnicodeDecodeError as exc:
        line, column = decode_error_place(raw, exc)
        problem = f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded"
        raise UsageError(f"{shown}:{line}:{column}: cannot read a baseline: {problem}") from None
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{shown}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    except RecursionError:
        line, column = deep_nesting(text, "json") or (1, 1)
        problem = f"not a factcheck baseline: nested more than {MAX_DEPTH} levels deep"
        raise UsageError(f"{shown}:{line}:{column}: {problem}") from None
    try:
        return _fingerprints(data)
    except ValueError as exc:
        raise UsageError(f"{shown}:1:1: not a factcheck baseline: {exc}") from None


def _fingerprints(data: object) -> set[str]:
    """The fingerprints of a parsed baseline; a ``ValueError`` saying what is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"expected an object with version and findings, not {_kind(data)}")
    if (version := data.get("version")) != VERSION or isinstance(version, bool):
        raise ValueError(f"version {shortened(version)}, expected {VERSION}")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise ValueError(f"findings is {_kind(findings)}, expected a list")
    known = set()
    for number, entry in enumerate(findings, 1):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str):
            raise ValueError(f"finding {number} has no fingerprint (a string)")
        known.add(fingerprint)
    return known


def _kind(value: object) -> str:
    """A JSON value's kind in words: "a list", "missing"."""
    if value is None:
        return "missing or null"
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    return names.get(type(value), "a number")


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
        raise UsageError(f"cannot write {shown_path(path)}: {reason(exc, path)}") from None
    return len(entries)


def mark(findings: Iterable[Finding], known: set[str]) -> list[Finding]:
    """Each finding marked ``unchanged`` (in the baseline: it does not fail the run) or
    ``new``."""
    return [
        replace(f, baseline="unchanged" if fingerprint(f) in known else "new") for f in findings
    ]

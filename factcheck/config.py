"""Settings: where the fact base is, the judgement calls, and which findings count.

Read from ``.factcheck.toml`` (top-level keys) or ``[tool.factcheck]`` in
``pyproject.toml``, whichever is nearest, searching from the checked file (or the
current directory) upwards; in one folder ``.factcheck.toml`` wins. Paths in it are
relative to that file. ``--config FILE`` names the file instead; ``--isolated`` reads
none. Without one, the starting folder is the root and the defaults apply.
"""

from __future__ import annotations

import math
import os
import re
import stat
import sys
import tomllib
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from factcheck.errors import UsageError
from factcheck.findings import Severity, printable_path
from factcheck.hedges import HedgeWidths
from factcheck.safefile import (
    UnreadableError,
    link_out_of,
    probe,
    read_bounded,
    reason,
    resolved,
    shown_path,
)
from factcheck.structured_text import (
    MAX_DEPTH,
    decode_error_place,
    deep_nesting,
    line_and_column,
    long_number,
    shortened,
    utf8_text,
)

__all__ = ["ConfigError", "Settings", "discover_settings", "load_settings"]

CONFIG_NAMES = (".factcheck.toml", "pyproject.toml")
#: The largest configuration file read: a pyproject.toml is a few kilobytes.
MAX_CONFIG_BYTES = 4 * 2**20


class ConfigError(UsageError):
    """A configuration that cannot be used; the message names the file, key and line."""


@dataclass(frozen=True)
class Settings:
    root: Path
    claims: Path
    sources: Path  # texts of the sources are found relative to this folder
    constraints: Path | None = None  # the folder of constraints files, if any
    hedges: HedgeWidths = field(default_factory=HedgeWidths)
    fail_on: Severity = Severity.ERROR
    config_file: Path | None = None
    select: tuple[str, ...] = ("FC",)  # code prefixes reported
    ignore: tuple[str, ...] = ()  # code prefixes not reported
    severity: tuple[tuple[str, Severity], ...] = ()  # (code prefix, severity)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, prefixes)
    #: How far a spot rate may sit from the reference parity (conversions, FC206/FC304).
    rate_tolerance: Fraction = Fraction(2, 100)
    #: ``lint`` lists the figures that matched no claim (FC308), as ``--strict`` does:
    #: for pre-commit hooks, whose ``args`` come after the hook's ``--``.
    strict: bool = False
    #: Keep parsed claims files in the user's cache folder (factcheck/cache.py). The
    #: command line turns it on (``--no-cache`` off); the library leaves it off.
    cache: bool = False


_KEYS = {
    "claims", "sources", "constraints", "fail-on", "hedges", "select", "ignore",
    "severity", "per-file-ignores", "rate-tolerance", "strict",
}  # fmt: skip
_HEDGE_KEYS = {"about", "nearly", "about-years", "about-days"}
_CODE = re.compile(r"FC\d{0,3}")


def defaults(folder: Path) -> Settings:
    return Settings(
        root=folder, claims=folder / "claims", sources=folder, constraints=folder / "constraints"
    )


def working_folder() -> Path:
    """The current folder, absolute and resolved; a ``ConfigError`` where it is gone."""
    try:
        return resolved(Path.cwd())
    except (OSError, UnreadableError) as exc:
        raise ConfigError(f"the current folder cannot be used: {reason(exc)}") from None


def discover_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest configuration, from ``start`` (a folder or a file)
    upwards. A configuration file that is there but cannot be read (a dangling link, a
    named pipe, no permission) is a ``ConfigError``: skipping it would quietly apply
    another file's settings."""
    here = working_folder() if start is None else _start_folder(start)
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if os.path.lexists(candidate):
                config = _read_config(candidate)
                table = _factcheck_table(candidate, config)
                if table is not None:
                    return settings_from_table(table, candidate, config)
    return defaults(here)


def _start_folder(start: Path) -> Path:
    """The folder discovery begins in: ``start`` if it is one, else the folder that
    holds it. A draft that cannot be resolved (a link loop, a name too long) starts
    from its folder, or the working directory: the draft is reported where it is read."""
    for candidate in (start, start.absolute().parent):
        try:
            here = resolved(candidate)
            status = probe(here)
        except UnreadableError:
            continue
        is_folder = status is not None and stat.S_ISDIR(status.st_mode)
        return here if is_folder else here.parent
    return working_folder()


def load_settings(path: Path) -> Settings:
    """Settings from one named file (``--config``)."""
    config = _read_config(path)
    table = _factcheck_table(path, config)
    if table is None:
        raise ConfigError(f"{shown_path(path)}: no factcheck settings ([tool.factcheck]) in it")
    try:
        where = resolved(path)
    except UnreadableError as exc:
        raise ConfigError(f"{shown_path(path)}:1:1: cannot read: {exc}") from None
    return settings_from_table(table, where, config)


@dataclass(frozen=True)
class _ConfigText:
    path: Path
    text: str


def _read_config(path: Path) -> _ConfigText:
    """The text of a configuration file, read once (a regular file of at most
    ``MAX_CONFIG_BYTES``; a byte-order mark dropped), or a ``ConfigError`` at its place."""
    shown = shown_path(path)
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES)
    except UnreadableError as exc:
        raise ConfigError(f"{shown}:1:1: cannot read: {exc}") from None
    try:
        return _ConfigText(path, utf8_text(raw))
    except UnicodeDecodeError as exc:
        line, column = decode_error_place(raw, exc)
        problem = f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded"
        raise ConfigError(f"{shown}:{line}:{column}: {problem}") from None


def _toml_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> str:
    """``file:line:column: message``: tomllib puts the place at the end of its message,
    "(at line 3, column 7)", or "(at end of document)"."""
    message = str(exc)
    shown = shown_path(path)
    if m := re.search(r" \(at line (\d+), column (\d+)\)$", message):
        return f"{shown}:{m[1]}:{m[2]}: {message[: m.start()]}"
    if m := re.search(r" \(at end of document\)$", message):
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        column = len(text.rstrip("\n").rpartition("\n")[2]) + 1
        return f"{shown}:{line}:{column}: {message[: m.start()]} at the end of the file"
    return f"{shown}:1:1: {message}"


def _parse_toml(config: _ConfigText) -> dict[str, Any]:
    """The TOML document, or a ``ConfigError`` at its place, for what ``tomllib`` says
    and for what it raises without a place: ``RecursionError`` (thousands of nested
    ``[``) and ``ValueError`` (an integer of more than 4,300 digits)."""
    path, text = config.path, config.text
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(path, text, exc)) from None
    except RecursionError:
        line, column = deep_nesting(text, "toml") or (1, 1)
        problem = f"arrays or tables nested too deeply (more than {MAX_DEPTH} levels)"
        raise ConfigError(f"{shown_path(path)}:{line}:{column}: {problem}") from None
    except ValueError:  # tomllib turns every other ValueError into TOMLDecodeError
        limit = sys.get_int_max_str_digits() or 4300
        line, column, digits = long_number(text, limit) or (1, 1, limit + 1)
        problem = f"a number of {digits:,} digits; factcheck reads at most {limit:,}"
        raise ConfigError(f"{shown_path(path)}:{line}:{column}: {problem}") from None


def _factcheck_table(path: Path, config: _ConfigText) -> dict[str, Any] | None:
    data = _parse_toml(config)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("factcheck")
        return table if isinstance(table, dict) else None
    return data


class _Reader:
    """Reads a settings table, naming file, key, line and column in every complaint."""

    def __init__(self, table: dict[str, Any], path: Path, config: _ConfigText) -> None:
        self.table, self.path, self.text = table, path, config.text
        self.shown = shown_path(config.path)  # as the user named it
        # In pyproject.toml, the same key may belong to another tool's table first.
        header = re.search(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*factcheck\b", self.text, re.M)
        self.start = header.start() if header and path.name == "pyproject.toml" else 0

    def fail(self, key: str, problem: str) -> ConfigError:
        """A complaint about ``key``, at the place it is written (the file's start
        where it cannot be found, as when written as a dotted key)."""
        pattern = re.compile(rf"^([ \t]*)([\"']?){re.escape(key)}\2[ \t]*=", re.M)
        m = pattern.search(self.text, self.start) or pattern.search(self.text)
        line, column = line_and_column(self.text, m.start() + len(m[1])) if m else (1, 1)
        return ConfigError(f"{self.shown}:{line}:{column}: {key}: {problem}")

    def folder(self, key: str, default: str) -> Path:
        """A folder the settings name, relative to the file; a ``ConfigError`` at the
        key for a path no folder can have (a NUL, a name too long, a link loop)."""
        value = self.table.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "expected a path string")
        try:
            # What is not there is for the loader to say; what cannot be, is said here.
            probe(self.path.parent / value)
            folder = resolved(self.path.parent / value)
        except UnreadableError as exc:
            raise self.fail(key, f"{shortened(value)} {exc}") from None
        if (link := link_out_of(self.path.parent, self.path.parent / value)) is not None:
            raise self.fail(
                key,
                f"{shortened(value)} leads out of the project through the symbolic link "
                f"{printable_path(str(link))}: name the folder it points to instead",
            )
        return folder

    def codes(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise self.fail(key, 'expected a list of code prefixes such as ["FC2", "FC301"]')
        bad = [c for c in value if not _CODE.fullmatch(c)]
        if bad:
            raise self.fail(key, f"{shortened(bad[0])} is not a code prefix (FC, FC3, FC301)")
        return tuple(value)

    def fraction(self, key: str, value: Any) -> Fraction:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (_finite(value) and 0 <= value < 1)
        ):
            raise self.fail(
                key, f"expected a fraction from 0 to 1 (0.02 for 2%), got {shortened(value)}"
            )
        return Fraction(str(value))

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def severity(self, key: str, value: Any) -> Severity:
        if not isinstance(value, str) or value not in set(Severity):
            raise self.fail(key, "expected error, warning or info")
        return Severity(value)


def _finite(value: float) -> bool:
    """Not infinity or NaN; an int always is (``math.isfinite`` cannot convert one of
    more than 309 digits to a float)."""
    return isinstance(value, int) or math.isfinite(value)


def settings_from_table(table: dict[str, Any], path: Path, config: _ConfigText) -> Settings:
    """Settings from the ``table`` of ``config``; paths in it are relative to ``path``'s
    folder (the file resolved)."""
    reader = _Reader(table, path, config)
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise reader.fail(unknown[0], f"unknown key; known keys are {', '.join(sorted(_KEYS))}")
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise reader.fail("severity", "expected a table of code prefix = severity")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise reader.fail("per-file-ignores", "expected a table of glob = [code prefixes]")
    return Settings(
        root=path.parent,
        claims=reader.folder("claims", "claims"),
        sources=reader.folder("sources", "."),
        constraints=reader.folder("constraints", "constraints"),
        hedges=_hedges(table.get("hedges", {}), reader),
        fail_on=reader.severity("fail-on", table.get("fail-on", "error")),
        config_file=path,
        select=reader.codes("select", table.get("select", ["FC"])),
        ignore=reader.codes("ignore", table.get("ignore", [])),
        severity=tuple(
            (reader.codes(code, [code])[0], reader.severity(code, value))
            for code, value in severities.items()
        ),
        per_file_ignores=tuple(
            (glob, reader.codes(glob, codes)) for glob, codes in per_file.items()
        ),
        rate_tolerance=reader.fraction("rate-tolerance", table.get("rate-tolerance", 0.02)),
        strict=reader.boolean("strict", table.get("strict", False)),
    )


def _hedges(table: Any, reader: _Reader) -> HedgeWidths:
    if not isinstance(table, dict):
        raise reader.fail("hedges", "expected a table")
    unknown = sorted(set(table) - _HEDGE_KEYS)
    if unknown:
        raise reader.fail(unknown[0], "unknown hedge width")
    values: dict[str, Fraction] = {}
    for key, value in table.items():
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not _finite(value)
            or value < 0
        ):
            raise reader.fail(key, f"expected a number ≥ 0, got {shortened(value)}")
        if key == "nearly" and value == 0:
            raise reader.fail(key, "must be above 0")
        values[key.replace("-", "_")] = Fraction(str(value))
    return HedgeWidths(**values)

"""Settings: where the fact base is, the judgement calls, and which findings count.

Read from ``.factcheck.toml`` (top-level keys) or ``[tool.factcheck]`` in
``pyproject.toml``, whichever is nearest, searching from the checked file (or the
current directory) upwards; in one folder ``.factcheck.toml`` wins. Paths in it are
relative to that file. ``--config FILE`` names the file instead; ``--isolated`` reads
none. Without one, the starting folder is the root and the defaults apply.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from factcheck.errors import UsageError
from factcheck.findings import Severity
from factcheck.hedges import HedgeWidths

__all__ = ["ConfigError", "Settings", "discover_settings", "load_settings"]

CONFIG_NAMES = (".factcheck.toml", "pyproject.toml")


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
    #: Keep parsed claims files in the user's cache folder (factcheck/cache.py). The
    #: command line turns it on (``--no-cache`` off); the library leaves it off.
    cache: bool = False


_KEYS = {
    "claims", "sources", "constraints", "fail-on", "hedges", "select", "ignore",
    "severity", "per-file-ignores", "rate-tolerance",
}  # fmt: skip
_HEDGE_KEYS = {"about", "nearly", "about-years", "about-days"}
_CODE = re.compile(r"FC\d{0,3}")


def defaults(folder: Path) -> Settings:
    return Settings(
        root=folder, claims=folder / "claims", sources=folder, constraints=folder / "constraints"
    )


def discover_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest configuration, from ``start`` (a folder or a file)
    upwards."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                table = _factcheck_table(candidate)
                if table is not None:
                    return settings_from_table(table, candidate)
    return defaults(Path.cwd().resolve() if start is None else here)


def load_settings(path: Path) -> Settings:
    """Settings from one named file (``--config``)."""
    table = _factcheck_table(path)
    if table is None:
        raise ConfigError(f"{path}: no factcheck settings ([tool.factcheck]) in it")
    return settings_from_table(table, path.resolve())


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """``file:line:column: message``: tomllib puts the place at the end of its message,
    "(at line 3, column 7)", or "(at end of document)"."""
    message = str(exc)
    if m := re.search(r" \(at line (\d+), column (\d+)\)$", message):
        return f"{path}:{m[1]}:{m[2]}: {message[: m.start()]}"
    if m := re.search(r" \(at end of document\)$", message):
        text = path.read_text("utf-8")
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        column = len(text.rstrip("\n").rpartition("\n")[2]) + 1
        return f"{path}:{line}:{column}: {message[: m.start()]} at the end of the file"
    return f"{path}: {message}"


def _factcheck_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}:1:1: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}:1:1: not UTF-8: {exc.reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(path, exc)) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("factcheck")
        return table if isinstance(table, dict) else None
    return data


class _Reader:
    """Reads a settings table, naming file, key and line in every complaint."""

    def __init__(self, table: dict[str, Any], path: Path) -> None:
        self.table, self.path = table, path
        self.text = path.read_text(encoding="utf-8")

    def fail(self, key: str, problem: str) -> ConfigError:
        m = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", self.text, re.M)
        line = f":{self.text.count(chr(10), 0, m.start()) + 1}" if m else ""
        return ConfigError(f"{self.path}{line}: {key}: {problem}")

    def folder(self, key: str, default: str) -> Path:
        value = self.table.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "expected a path string")
        return (self.path.parent / value).resolve()

    def codes(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise self.fail(key, 'expected a list of code prefixes such as ["FC2", "FC301"]')
        bad = [c for c in value if not _CODE.fullmatch(c)]
        if bad:
            raise self.fail(key, f"{bad[0]!r} is not a code prefix (FC, FC3, FC301)")
        return tuple(value)

    def fraction(self, key: str, value: Any) -> Fraction:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (math.isfinite(value) and 0 <= value < 1)
        ):
            raise self.fail(key, f"expected a fraction from 0 to 1 (0.02 for 2%), got {value!r}")
        return Fraction(str(value))

    def severity(self, key: str, value: Any) -> Severity:
        if not isinstance(value, str) or value not in set(Severity):
            raise self.fail(key, "expected error, warning or info")
        return Severity(value)


def settings_from_table(table: dict[str, Any], path: Path) -> Settings:
    reader = _Reader(table, path)
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
            or not math.isfinite(value)
            or value < 0
        ):
            raise reader.fail(key, f"expected a number ≥ 0, got {value!r}")
        if key == "nearly" and value == 0:
            raise reader.fail(key, "must be above 0")
        values[key.replace("-", "_")] = Fraction(str(value))
    return HedgeWidths(**values)

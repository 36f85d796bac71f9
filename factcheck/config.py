"""Settings: where the fact base is, and the judgement calls (hedge widths, --fail-on).

Read from ``[tool.factcheck]`` in the nearest ``pyproject.toml`` that has that table,
searching from the current directory upwards; paths in it are relative to that file.
Without one, the current directory is the root and the defaults apply.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from factcheck.errors import UsageError
from factcheck.findings import Severity
from factcheck.hedges import HedgeWidths

__all__ = ["ConfigError", "Settings", "discover_settings"]


class ConfigError(UsageError):
    """A configuration that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class Settings:
    root: Path
    claims: Path
    sources: Path  # texts of the sources are found relative to this folder
    constraints: Path | None = None  # the folder of constraints files, if any
    hedges: HedgeWidths = field(default_factory=HedgeWidths)
    fail_on: Severity = Severity.ERROR
    config_file: Path | None = None


_KEYS = {"claims", "sources", "constraints", "fail-on", "hedges"}
_HEDGE_KEYS = {"about", "nearly", "about-years", "about-days"}


def discover_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest ``pyproject.toml`` with ``[tool.factcheck]``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            table = _factcheck_table(candidate)
            if table is not None:
                return settings_from_table(table, candidate)
    return Settings(
        root=here, claims=here / "claims", sources=here, constraints=here / "constraints"
    )


def _factcheck_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    table = data.get("tool", {}).get("factcheck")
    return table if isinstance(table, dict) else None


def settings_from_table(table: dict[str, Any], path: Path) -> Settings:
    root = path.parent
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: [tool.factcheck]: unknown key {unknown[0]!r}")

    def folder(key: str, default: str) -> Path:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise ConfigError(f"{path}: [tool.factcheck] {key}: expected a path string")
        return (root / value).resolve()

    fail_on = table.get("fail-on", "error")
    if not isinstance(fail_on, str) or fail_on not in set(Severity):
        raise ConfigError(f"{path}: [tool.factcheck] fail-on: expected error, warning or info")
    return Settings(
        root=root,
        claims=folder("claims", "claims"),
        sources=folder("sources", "."),
        constraints=folder("constraints", "constraints"),
        hedges=_hedges(table.get("hedges", {}), path),
        fail_on=Severity(fail_on),
        config_file=path,
    )


def _hedges(table: Any, path: Path) -> HedgeWidths:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.factcheck.hedges]: expected a table")
    unknown = sorted(set(table) - _HEDGE_KEYS)
    if unknown:
        raise ConfigError(f"{path}: [tool.factcheck.hedges]: unknown key {unknown[0]!r}")
    values: dict[str, Fraction] = {}
    for key, value in table.items():
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise ConfigError(
                f"{path}: [tool.factcheck.hedges] {key}: expected a number ≥ 0, got {value!r}"
            )
        if key == "nearly" and value == 0:
            raise ConfigError(f"{path}: [tool.factcheck.hedges] nearly: must be above 0")
        values[key.replace("-", "_")] = Fraction(str(value))
    return HedgeWidths(**values)

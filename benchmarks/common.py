"""What the benchmarks share: finding the command, timing a process with its peak
memory, medians, the machine, and writing results where docs/performance.md takes
them from."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = sys.executable


def factcheck_command() -> str:
    """The ``factcheck`` script of this Python's environment (or on PATH)."""
    beside = Path(PYTHON).with_name("factcheck")
    found = str(beside) if beside.exists() else shutil.which("factcheck")
    if found is None:
        sys.exit("no factcheck command beside this Python or on PATH: pip install . first")
    return found


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int
    returncode: int


def run(command: Sequence[str], cwd: Path, stdout: Path | None = None) -> Run:
    """Run ``command`` as a fresh process: its wall time and its own peak resident
    memory (``wait4`` reports the child's rusage alone, not its siblings')."""
    with tempfile.TemporaryFile() as stderr:
        with stdout.open("wb") if stdout is not None else open(os.devnull, "wb") as out:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=stderr)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        returncode = os.waitstatus_to_exitcode(status)
        process.returncode = returncode  # reaped by wait4: keep Popen from waiting again
        if returncode not in (0, 1):
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")
            sys.exit(f"{' '.join(command)} failed ({returncode}):\n{message}")
    return Run(seconds, usage.ru_maxrss * 1024, returncode)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    """One line naming the machine the numbers were measured on."""
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def save(name: str, data: dict[str, Any], table: str) -> None:
    """Write ``results/NAME.json`` and ``results/NAME.md`` (the table for the docs)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"machine": machine(), **data}
    _write(RESULTS / f"{name}.json", json.dumps(data, indent=2) + "\n")
    _write(RESULTS / f"{name}.md", table.rstrip() + "\n")


def _write(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def size_label(n: float) -> str:
    """10 KB, 1 MB: decimal units, to two significant digits."""
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value >= 10 else f"{value:.2g} {unit}"
    return f"{n:g} B"

"""How long factcheck takes to start, against floors measured in the same run.

Each command runs as a fresh process, several times, interleaved (so that a slow moment
on a shared machine hits every command alike); the table gives medians and ratios:

- `factcheck --version` against `python -c "import typer"` (target: ≤ 1.25×);
- `factcheck check --no-cache` (cold, as in CI) of the bundled fact base against
  importing its dependencies,
  typer, pydantic, networkx and PyYAML (target: ≤ 1.5×).

    python benchmarks/startup.py            # prints the Markdown table of docs/performance.md
    python benchmarks/startup.py --runs 31
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

ROOT = common.ROOT
PYTHON = common.PYTHON

#: (name, command, floor's name or None, target ratio against the floor)
CASES: tuple[tuple[str, list[str], str | None, float | None], ...] = (
    ("python -c 'import typer'", [PYTHON, "-c", "import typer"], None, None),
    ("factcheck --version", ["{factcheck}", "--version"], "python -c 'import typer'", 1.25),
    (
        "python -c 'import typer, pydantic, networkx, yaml'",
        [PYTHON, "-c", "import typer, pydantic, networkx, yaml"],
        None,
        None,
    ),
    (
        "factcheck check",
        ["{factcheck}", "check", "--format", "json", "--exit-zero", "--no-cache"],
        "python -c 'import typer, pydantic, networkx, yaml'",
        1.5,
    ),
)


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, float]:
    factcheck = common.factcheck_command()
    commands = {
        name: [part.replace("{factcheck}", factcheck) for part in command]
        for name, command, _, _ in CASES
    }
    for command in commands.values():  # warm the file cache and any bytecode
        _seconds(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_seconds(command))
    return {name: statistics.median(values) for name, values in times.items()}


def table(medians: dict[str, float]) -> str:
    rows = [
        "| command | median | floor | ratio | target | met |",
        "| --- | ---: | --- | ---: | ---: | --- |",
    ]
    for name, _, floor, target in CASES:
        if floor is None:
            rows.append(f"| `{name}` | {medians[name] * 1000:.0f} ms | | | | |")
            continue
        ratio = medians[name] / medians[floor]
        met = "yes" if target is not None and ratio <= target else "no"
        rows.append(
            f"| `{name}` | {medians[name] * 1000:.0f} ms | `{floor}` | {ratio:.2f}× "
            f"| ≤ {target}× | {met} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    args = parser.parse_args(argv)
    medians = measure(args.runs)
    text = table(medians) + (
        f"\n\nMedians of {args.runs} runs of each command, interleaved; "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores."
    )
    common.save("startup", {"runs": args.runs, "medians_s": medians}, text)
    print(text)


if __name__ == "__main__":
    main()

"""How `factcheck check` scales: synthetic fact bases of 10^3 to 10^6 claims.

For each size, `benchmarks/synthetic.py` writes a base with planted conflicts; then,
interleaved, several fresh-process runs of

- the parse floor: Python reading every claims and constraints file with PyYAML's
  libyaml loader, and nothing else;
- `factcheck check --format json --no-cache` (cold: nothing from the cache), whose
  report must name every planted conflict.

The table gives medians of wall time and peak memory, the ratio to the floor and the
growth per 10× claims, each against its target (docs/performance.md).

    python benchmarks/scale.py                          # 10^3, 10^4, 10^5; 3 runs each
    python benchmarks/scale.py --sizes 1000000 --runs 1 --append
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import synthetic

#: The floor: parse every file the check reads, in a fresh interpreter.
PARSE = """
import sys, pathlib, yaml
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for folder in ("claims", "constraints"):
    for path in sorted(pathlib.Path(folder).glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
"""
TARGET_SECONDS = {100_000: 10.0, 1_000_000: 100.0}
TARGET_FLOOR_RATIO = 2.0
TARGET_GROWTH = 12.0
MEMORY_LIMIT = 8 * 2**30


def measure(size: int, runs: int, conflicts: int, work: Path) -> dict[str, Any]:
    folder = work / f"claims-{size}"
    start = time.perf_counter()
    planted = synthetic.generate(folder, claims=size, conflicts=conflicts, seed=size)
    generated = time.perf_counter() - start
    factcheck = common.factcheck_command()
    check = [factcheck, "check", "--format", "json", "--exit-zero", "--no-cache"]
    report = work / f"report-{size}.json"
    floors, checks = [], []
    for _ in range(runs):
        floors.append(common.run([common.PYTHON, "-c", PARSE], folder))
        checks.append(common.run(check, folder, stdout=report))
    findings = json.loads(report.read_text(encoding="utf-8"))
    missed = planted.missed(findings["findings"])
    megabytes = sum(p.stat().st_size for p in folder.rglob("*.yaml")) / 1e6
    return {
        "claims": planted.claims,
        "constraints": planted.constraints,
        "relations": findings["summary"]["relations"],
        "files": planted.files,
        "megabytes": round(megabytes, 2),
        "generate_s": round(generated, 2),
        "runs": runs,
        "floor_s": round(common.median([r.seconds for r in floors]), 3),
        "check_s": round(common.median([r.seconds for r in checks]), 3),
        "check_runs_s": [round(r.seconds, 3) for r in checks],
        "peak_mb": round(common.median([r.peak_bytes for r in checks]) / 2**20, 1),
        "floor_peak_mb": round(common.median([r.peak_bytes for r in floors]) / 2**20, 1),
        "planted": len(planted.conflicts),
        "missed": [c.claim for c in missed],
    }


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| claims | relations | YAML | parse floor | check | × floor | growth per 10× "
        "| peak memory | planted found | in time |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    previous: dict[str, Any] | None = None
    for row in sorted(rows, key=lambda r: r["claims"]):
        ratio = row["check_s"] / row["floor_s"]
        growth = ""
        if previous is not None:
            factor = math.log10(row["claims"] / previous["claims"])
            per_ten = (row["check_s"] / previous["check_s"]) ** (1 / factor)
            growth = f"{per_ten:.1f}× ({_yes(per_ten <= TARGET_GROWTH)})"
        found = row["planted"] - len(row["missed"])
        target = TARGET_SECONDS.get(_nearest_power(row["claims"]))
        in_time = "" if target is None else f"≤ {target:g} s: {_yes(row['check_s'] <= target)}"
        memory = f"{row['peak_mb']:,.0f} MB"
        if row["peak_mb"] * 2**20 > MEMORY_LIMIT:
            memory += " (**over 8 GB**)"
        lines.append(
            f"| {row['claims']:,} | {row['relations'] or 0:,} | {row['megabytes']:g} MB "
            f"| {row['floor_s']:.2f} s | {row['check_s']:.2f} s "
            f"| {ratio:.1f}× ({_yes(ratio <= TARGET_FLOOR_RATIO)}) | {growth} | {memory} "
            f"| {found} of {row['planted']} | {in_time} |"
        )
        previous = row
    return "\n".join(lines)


def _nearest_power(n: int) -> int:
    return int(10 ** round(math.log10(n)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (default 3)")
    every = len(synthetic.KINDS)
    parser.add_argument(
        "--conflicts", type=int, default=every, help=f"planted per size (default {every})"
    )
    parser.add_argument(
        "--append", action="store_true", help="keep the other sizes of the last results"
    )
    args = parser.parse_args(argv)
    rows: dict[int, dict[str, Any]] = {}
    saved = common.RESULTS / "scale.json"
    if args.append and saved.exists():
        rows = {row["claims"]: row for row in json.loads(saved.read_text())["sizes"]}
    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as work:
        for size in args.sizes:
            row = measure(size, args.runs, args.conflicts, Path(work))
            rows[row["claims"]] = row
            print(json.dumps(row), flush=True)
    ordered = [rows[k] for k in sorted(rows)]
    common.save("scale", {"sizes": ordered}, table(ordered))
    print(table(ordered))


if __name__ == "__main__":
    main()

"""How long a re-check takes after one claims file changes, against a cold check.

For each size, a synthetic base (`benchmarks/synthetic.py`) is checked cold
(`--no-cache`) and warm: before each warm run one claims file gets a new last line, so
that file is parsed again and the others come from the cache (factcheck/cache.py).
Runs are interleaved; the cache lives in a temporary folder.

    python benchmarks/recheck.py                 # 10^4 and 10^5 claims, 3 runs each
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import synthetic

TARGET = 0.2


def measure(size: int, runs: int, work: Path) -> dict[str, Any]:
    folder = work / f"claims-{size}"
    synthetic.generate(folder, claims=size, conflicts=len(synthetic.KINDS), seed=size)
    check = [common.factcheck_command(), "check", "--format", "json", "--exit-zero"]
    edited = sorted((folder / "claims").glob("*.yaml"))[0]
    cold, warm = [], []
    common.run(check, folder)  # fill the cache
    for n in range(runs):
        cold.append(common.run([*check, "--no-cache"], folder).seconds)
        with edited.open("a", encoding="utf-8") as out:
            out.write(f"# edited {n}\n")
        warm.append(common.run(check, folder).seconds)
    row = {
        "claims": size,
        "files": len(list((folder / "claims").glob("*.yaml"))),
        "runs": runs,
        "cold_s": round(common.median(cold), 3),
        "recheck_s": round(common.median(warm), 3),
    }
    row["ratio"] = round(row["recheck_s"] / row["cold_s"], 3)
    print(json.dumps(row), flush=True)
    return row


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| claims | files | cold check | re-check, one file changed | ratio | target ≤ 20% |",
        "| ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        met = "yes" if row["ratio"] <= TARGET else "**no**"
        lines.append(
            f"| {row['claims']:,} | {row['files']} | {row['cold_s']:.2f} s "
            f"| {row['recheck_s']:.2f} s | {row['ratio']:.0%} | {met} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-recheck-") as folder:
        os.environ["FACTCHECK_CACHE_DIR"] = str(Path(folder) / "cache")
        rows = [measure(size, args.runs, Path(folder)) for size in args.sizes]
    common.save("recheck", {"sizes": rows}, table(rows))
    print(table(rows))


if __name__ == "__main__":
    main()

"""Run every benchmark and write its results into docs/performance.md.

    python benchmarks/run_all.py                  # all, with the default sizes
    python benchmarks/run_all.py --quick          # fewer runs, 10^3 and 10^4 only
    python benchmarks/run_all.py --with-million   # adds one run at 10^6 claims
    python benchmarks/run_all.py --only lint      # one benchmark; the page takes all results
    python benchmarks/run_all.py --render         # no measuring: tables and plots again

Each benchmark saves ``benchmarks/results/NAME.json`` and a Markdown table,
``NAME.md``; this script then replaces the text between ``<!-- results:NAME -->`` and
``<!-- /results:NAME -->`` in docs/performance.md with that table, and draws the plots.
The page is written to a temporary file and renamed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import lint_throughput
import plots
import recheck
import scale
import startup

PAGE = common.ROOT / "docs" / "performance.md"
BENCHMARKS = ("startup", "scale", "recheck", "lint")


def splice(page: str, name: str, table: str) -> str:
    """``page`` with the block between the markers of ``name`` replaced by ``table``."""
    pattern = re.compile(
        rf"(<!-- results:{re.escape(name)} -->\n).*?(<!-- /results:{re.escape(name)} -->)",
        re.DOTALL,
    )
    if not pattern.search(page):
        raise SystemExit(f"docs/performance.md has no <!-- results:{name} --> block")
    return pattern.sub(lambda m: m.group(1) + table.rstrip() + "\n" + m.group(2), page)


def _render() -> None:
    """The tables again from the saved numbers (after a change to how they are shown)."""
    for name, module in (("scale", scale), ("recheck", recheck), ("lint", lint_throughput)):
        saved = common.RESULTS / f"{name}.json"
        if saved.exists():
            data = json.loads(saved.read_text(encoding="utf-8"))
            machine = data.pop("machine")
            common.save(name, data, module.table(data["sizes"]))
            print(f"{name}: rendered from the numbers measured on {machine}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and sizes")
    parser.add_argument("--with-million", action="store_true", help="also 10^6 claims, 1 run")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=list(BENCHMARKS))
    parser.add_argument("--render", action="store_true", help="redraw from saved results")
    args = parser.parse_args(argv)
    if args.render:
        args.only = []
        _render()
    runs = ["--runs", "1" if args.quick else "3"]
    if "startup" in args.only:
        startup.main(["--runs", "5" if args.quick else "21"])
    if "scale" in args.only:
        scale.main([*runs, "--sizes", "1000", "10000", *([] if args.quick else ["100000"])])
        if args.with_million:
            scale.main(["--runs", "1", "--sizes", "1000000", "--append"])
    if "recheck" in args.only:
        recheck.main([*runs, "--sizes", "10000", *([] if args.quick else ["100000"])])
    if "lint" in args.only:
        lint_throughput.main(
            [*runs, *(["--sizes", "10000", "100000", "1000000"] if args.quick else [])]
        )
    page = PAGE.read_text(encoding="utf-8")
    for name in BENCHMARKS:
        saved = common.RESULTS / f"{name}.md"
        if saved.exists():
            page = splice(page, name, saved.read_text(encoding="utf-8"))
    machine = f"Machine: {common.machine()}."
    page = re.sub(r"^Machine: .*$", lambda _: machine, page, count=1, flags=re.MULTILINE)
    partial = PAGE.with_name(PAGE.name + ".partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(PAGE)
    plots.main()
    print(f"wrote {PAGE.relative_to(common.ROOT)}")


if __name__ == "__main__":
    main()

"""`factcheck graph` on a chain of constraints, against `factcheck check` on the same base.

The base is one source whose text has a sentence per step ("On step 7 the count was
107."), a claim quoting each (one claim a step, told apart by a ``step`` qualifier),
and a constraint between each step and the next (``c8 >= c7``): one component of
n + 1 claims and n constraints, all holding. Until issue 12 the graph propagated the
whole component once per claim to find what the rest implies about it (quadratic), and
laid out the HTML page with every pair of nodes pushing each other (quadratic a round).

Each command runs as a fresh process, ``runs`` times, interleaved; the table gives the
medians. ``--before PATH`` also times another source tree of factcheck (a checkout of
an older commit: ``git worktree add /tmp/before main~1``) in the same run, so both are
measured under the same load.

    python benchmarks/graph_chain.py                       # 1,000 constraints, 3 runs
    python benchmarks/graph_chain.py --before /tmp/before  # and the older code
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

COMMANDS = {
    "check": ["check", "--format", "json", "--exit-zero", "--no-cache"],
    "graph dot": ["graph", "--format", "dot"],
    "graph html": ["graph", "--format", "html"],
}


def generate(folder: Path, constraints: int) -> None:
    """A fact base with a chain of ``constraints`` constraints over ``constraints + 1``
    claims, in ``folder``."""
    steps = range(constraints + 1)
    (folder / "texts").mkdir(parents=True)
    (folder / "claims").mkdir()
    (folder / "constraints").mkdir()
    (folder / "texts" / "chain.txt").write_text(
        "".join(f"On step {i} the count was {100 + i}.\n" for i in steps), "utf-8"
    )
    claims = [
        "sources:",
        "  - {id: chain, title: A chain, published: {when: 2022, basis: stated}, text: chain.txt}",
        "entities:",
        "  - {id: beijing, name: Beijing, kind: municipality}",
        "metrics:",
        "  - {id: lists, description: Lists published, measures: count}",
        "claims:",
        *(
            f"  - {{id: c{i}, source: chain, quote: 'On step {i} the count was {100 + i}.',"
            f" subject: beijing, metric: lists, qualifiers: {{step: {i}}},"
            f" value: '{100 + i}', as_of: 2022}}"
            for i in steps
        ),
    ]
    (folder / "claims" / "chain.yaml").write_text("\n".join(claims) + "\n", "utf-8")
    chain = [
        "constraints:",
        *(
            f"  - {{id: s{i}, description: no fewer than the step before, expr: c{i + 1} >= c{i}}}"
            for i in range(constraints)
        ),
    ]
    (folder / "constraints" / "chain.yaml").write_text("\n".join(chain) + "\n", "utf-8")
    (folder / ".factcheck.toml").write_text(
        'claims = "claims"\nsources = "texts"\nconstraints = "constraints"\n', "utf-8"
    )


def _time(root: Path, arguments: list[str], folder: Path) -> float:
    """Seconds for ``python -m factcheck ARGUMENTS`` in ``folder`` with the code of
    ``root``."""
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(root)
    try:
        return common.run([common.PYTHON, "-m", "factcheck", *arguments], folder).seconds
    finally:
        if previous is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = previous


def measure(constraints: int, runs: int, trees: dict[str, Path], work: Path) -> dict[str, Any]:
    folder = work / f"chain-{constraints}"
    generate(folder, constraints)
    times: dict[str, dict[str, list[float]]] = {
        label: {name: [] for name in COMMANDS} for label in trees
    }
    for _ in range(runs):
        for name, arguments in COMMANDS.items():
            for label, root in trees.items():
                times[label][name].append(_time(root, arguments, folder))
    medians = {
        label: {name: round(common.median(values), 2) for name, values in by_command.items()}
        for label, by_command in times.items()
    }
    row = {"constraints": constraints, "runs": runs, "seconds": medians}
    print(json.dumps(row), flush=True)
    return row


def table(row: dict[str, Any]) -> str:
    labels = list(row["seconds"])
    lines = [
        f"| {row['constraints']:,} constraints | " + " | ".join(labels) + " |",
        "| --- |" + " ---: |" * len(labels),
    ]
    for name in COMMANDS:
        cells = " | ".join(f"{row['seconds'][label][name]:.2f} s" for label in labels)
        lines.append(f"| `{name}` | {cells} |")
    return "\n".join(lines) + f"\n\nMedians of {row['runs']} runs, each a fresh process.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--constraints", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another factcheck source tree to time")
    args = parser.parse_args()
    trees = {"this tree": common.ROOT}
    if args.before is not None:
        trees = {"before": args.before.resolve(), **trees}
    with tempfile.TemporaryDirectory() as work:
        row = measure(args.constraints, args.runs, trees, Path(work))
    common.save("graph_chain", row, table(row))
    print(table(row))


if __name__ == "__main__":
    main()

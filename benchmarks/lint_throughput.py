"""How fast `factcheck lint` reads drafts of 10 KB to 10 MB, against proselint.

Drafts are built from varied sentences: the quotes of the fact base's own claims, each
behind one of several lead-ins, about a third with a figure changed (so that lint has
mismatches to report), in paragraphs under headings. Every draft is linted twice over:
against the bundled fact base and against a synthetic one of 10^5 claims
(`benchmarks/synthetic.py`). proselint, the prose linter a Python user would otherwise
run, reads the same files.

Each command is a fresh process, as a user runs it. Its throughput is the draft's
size over the time beyond the same command on an empty draft (start-up, and for
factcheck loading the fact base, are paid once per run whatever the draft's size);
the table shows the end-to-end times too.

    python benchmarks/lint_throughput.py                 # medians of 3 runs (1 at 10 MB)
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import synthetic

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
LEAD_INS = (
    "",
    "According to the latest figures, ",
    "Officials said that ",
    "In a statement on Monday, ",
    "Meanwhile, ",
    "As the report notes, ",
    "By comparison, ",
    "Analysts point out that ",
    "The data show that ",
    "Local media reported that ",
)
HEADINGS = ("Background", "The numbers", "Regional picture", "What comes next", "Finance")
TARGETS = {"bundled fact base": 1.0, "10^5 claims": 0.5}
PEER_RATIO = 3.0


def quotes(folder: Path) -> list[str]:
    found = []
    for path in sorted((folder / "claims").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found += [c["quote"] for c in data.get("claims", ()) if c.get("quote")]
    # Sentences only: the reference tables' quotes are CSV rows and links.
    return [q for q in found if len(q.split()) >= 4 and "http" not in q]


def _changed(sentence: str, rng: random.Random) -> str:
    digits = [i for i, ch in enumerate(sentence) if ch.isdigit()]
    if not digits:
        return sentence
    at = rng.choice(digits)
    return sentence[:at] + str((int(sentence[at]) + rng.randint(1, 8)) % 10) + sentence[at + 1 :]


def draft(size: int, pool: list[str], seed: int = 0) -> str:
    """About ``size`` bytes of Markdown made of sentences drawn from ``pool``."""
    rng = random.Random(seed)
    parts: list[str] = []
    written = 0
    while written < size:
        if rng.random() < 0.05:
            block = f"## {rng.choice(HEADINGS)}"
        else:
            sentences = []
            for _ in range(rng.randint(2, 6)):
                sentence = rng.choice(pool).strip().rstrip(".")
                if rng.random() < 0.3:
                    sentence = _changed(sentence, rng)
                lead = rng.choice(LEAD_INS)
                if lead:
                    sentence = lead + sentence[:1].lower() + sentence[1:]
                sentences.append(sentence + ".")
            block = " ".join(sentences)
        parts.append(block)
        written += len(block.encode()) + 2
    return "\n\n".join(parts)[:size]


#: proselint stops at its first 1,000 problems (``max_errors``); a draft of 1 MB has more,
#: so without this it would read a tenth of the text.
UNLIMITED = '{"max_errors": 1000000000}'


def _median_seconds(command: list[str], cwd: Path, runs: int) -> float:
    return common.median([common.run(command, cwd).seconds for _ in range(runs)])


def measure(
    bases: dict[str, Path], runs: int, sizes: tuple[int, ...], work: Path
) -> list[dict[str, Any]]:
    factcheck = common.factcheck_command()
    proselint = shutil.which("proselint", path=str(Path(common.PYTHON).parent)) or shutil.which(
        "proselint"
    )
    rows = []
    unlimited = work / "proselint.json"
    unlimited.write_text(UNLIMITED, encoding="utf-8")
    peer = [proselint, "check", "--config", str(unlimited)] if proselint else []
    for name, folder in bases.items():
        pool = quotes(folder)
        empty = work / f"{name[:3]}-empty.md"
        empty.write_text("Nothing to check here.\n", encoding="utf-8")
        lint = [factcheck, "lint", "--format", "json", "--exit-zero", "--no-cache"]
        lint_empty = _median_seconds([*lint, str(empty)], folder, runs)
        peer_empty = _median_seconds([*peer, str(empty)], folder, runs) if peer else None
        for size in sizes:
            path = work / f"{name[:3]}-{size}.md"
            path.write_text(draft(size, pool, seed=size), encoding="utf-8")
            megabytes = path.stat().st_size / 1e6
            repeat = runs if size < 10_000_000 else 1
            seconds = _median_seconds([*lint, str(path)], folder, repeat)
            row: dict[str, Any] = {
                "base": name,
                "bytes": path.stat().st_size,
                "runs": repeat,
                "lint_s": round(seconds, 3),
                "lint_empty_s": round(lint_empty, 3),
                "lint_mb_per_s": round(megabytes / max(seconds - lint_empty, 1e-3), 3),
            }
            if proselint and peer_empty is not None:
                seconds = _median_seconds([*peer, str(path)], folder, repeat)
                row |= {
                    "proselint_s": round(seconds, 3),
                    "proselint_empty_s": round(peer_empty, 3),
                    "proselint_mb_per_s": round(megabytes / max(seconds - peer_empty, 1e-3), 3),
                }
            print(row, flush=True)
            rows.append(row)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """Targets are judged from 1 MB up: below that, start-up and loading the fact base
    dwarf the reading, and the difference of two end-to-end times is mostly noise."""
    lines = [
        "| fact base | draft | factcheck lint | throughput | target | proselint | throughput "
        "| factcheck / proselint (≥ 3×) |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | --- |",
    ]
    for row in rows:
        target = TARGETS[row["base"]]
        rate = row["lint_mb_per_s"]
        if row["bytes"] < 1_000_000:  # the difference of two end-to-end times is noise
            mine, met = "start-up bound", ""
        else:
            mine, met = f"{rate:.2f} MB/s", "yes" if rate >= target else "**no**"
        if "proselint_s" not in row:
            peer = "| not installed | | |"
        elif row["bytes"] < 1_000_000:
            peer = f"| {row['proselint_s']:.2f} s | start-up bound | |"
        else:
            ratio = rate / row["proselint_mb_per_s"]
            verdict = "yes" if ratio >= PEER_RATIO else "**no**"
            peer = (
                f"| {row['proselint_s']:.2f} s | {row['proselint_mb_per_s']:.2f} MB/s "
                f"| {ratio:.2f}× {verdict} |"
            )
        lines.append(
            f"| {row['base']} | {common.size_label(row['bytes'])} | {row['lint_s']:.2f} s "
            f"| {mine} | ≥ {target:g} MB/s {met} {peer}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size below 10 MB")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-lint-") as folder:
        work = Path(folder)
        synthetic.generate(work / "base", claims=100_000, conflicts=0, seed=1)
        bases = {"bundled fact base": common.ROOT, "10^5 claims": work / "base"}
        rows = measure(bases, args.runs, tuple(args.sizes), work)
    common.save("lint", {"sizes": rows}, table(rows))
    print(table(rows))


if __name__ == "__main__":
    main()

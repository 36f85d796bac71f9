"""How fast `factcheck lint` reads prose, and whether time grows linearly with size.

The prose is the five article bodies, repeated and cut to each size (varied news text,
not one sentence repeated). For each size it reports the median of several runs of:

- floor: reading the draft and finding its figures, nothing else (the baseline the
  lint is measured against, in the same run);
- lint: the whole lint against the bundled fact base (its index built once per run);

and, for 1 MB, the `factcheck lint` command end to end (start-up and fact base
loading included). Needs the article texts in ../shared/seeds.

    python benchmarks/lint_speed.py            # prints the Markdown table of docs/lint.md
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from factcheck import api
from factcheck.config import discover_settings
from factcheck.figures import scan
from factcheck.lint.drafts import read_draft
from factcheck.lint.run import LintOptions, lint_drafts

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100_000, 250_000, 500_000, 1_000_000, 2_000_000)
RUNS = 5


def prose(size: int) -> str:
    settings = discover_settings(ROOT)
    bodies = []
    for spec in yaml.safe_load((ROOT / "tests" / "data" / "article-bodies.yaml").read_text()):
        text = (settings.sources / spec["text"]).read_text("utf-8")
        bodies.append(text[text.index(spec["starts"]) : text.index(spec["ends"])])
    base = "\n\n".join(bodies)
    return (base * (size // len(base) + 1))[:size]


def median_seconds(run: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        print("the article texts are not in ../shared/seeds", file=sys.stderr)
        return 2
    factbase, _ = api.load(discover_settings(ROOT))
    print("| size | floor: read + find figures | lint | lint / floor | lint per MB |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size in SIZES:
        text = prose(size)

        def floor(text: str = text) -> None:
            draft = read_draft("draft.txt", text)
            for sentence in draft.sentences:
                list(scan(draft.prose[sentence.start : sentence.end]))

        def lint(text: str = text) -> None:
            lint_drafts(factbase, [read_draft("draft.txt", text)], LintOptions())

        base, full = median_seconds(floor), median_seconds(lint)
        print(
            f"| {size / 1e6:g} MB | {base:.3f} s | {full:.3f} s | {full / base:.2f}× "
            f"| {full / (size / 1e6):.3f} s |"
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.txt"
        path.write_text(prose(1_000_000), "utf-8")
        command = [sys.executable, "-m", "factcheck", "lint", str(path), "--format", "json"]
        end_to_end = median_seconds(
            lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=False), runs=3
        )
        startup = median_seconds(
            lambda: subprocess.run(
                [sys.executable, "-m", "factcheck", "--version"], capture_output=True, check=False
            ),
            runs=3,
        )
    print(
        f"\n`factcheck lint` on 1 MB, end to end: {end_to_end:.2f} s (median of 3), of which "
        f"`factcheck --version` start-up is {startup:.2f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How well `factcheck figures` reads the figures of general news sentences.

The corpus is tests/corpora/figures/news.jsonl (and, with ``--validation``,
news_validation.jsonl, written apart and not used to tune the grammar): wire-style
sentences, each with its figures annotated by hand (value, range ends, unit, hedge,
direction; tests/corpora/figures/README.md). Per sentence, each expected figure matches
at most one figure found, in order, when their values agree within a relative 1e-9;
for "value + hedge/direction", the hedge and the direction must agree as well. P, R and
F1 are summed over all sentences, per tag and overall. Found: factcheck's figures of
kind `quantity` (dates, years and ranks are not quantities), by `value` (a range's low
end), and quantulum3's (`pip install quantulum3`), when installed, by its values.

    python benchmarks/news_figures.py                 # the tables
    python benchmarks/news_figures.py --misses        # and every miss and false find
    python benchmarks/news_figures.py --validation    # the held-out file
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.figure_listing import list_figures

try:  # optional, for comparison
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser as quantulum
except ImportError:
    quantulum = None

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "figures"
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Found:
    value: float
    hedge: str | None = None
    direction: str | None = None
    text: str = ""


def load(validation: bool = False) -> list[dict[str, Any]]:
    name = "news_validation.jsonl" if validation else "news.jsonl"
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def factcheck_found(text: str) -> list[Found]:
    return [
        Found(float(f.value), f.hedge, f.direction, f.text)
        for f in list_figures(text)
        if f.kind == "quantity"
    ]


def quantulum_found(text: str) -> list[Found]:
    assert quantulum is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [Found(float(q.value), None, None, q.surface) for q in quantulum.parse(text)]


def _same(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def match(
    expected: list[dict[str, Any]], found: list[Found], strict: bool
) -> tuple[int, list[dict[str, Any]], list[Found]]:
    """(hits, expected figures missed, figures found in excess), one-to-one in order."""
    left = list(found)
    missed = []
    hits = 0
    for figure in expected:
        for candidate in left:
            if _same(candidate.value, float(figure["value"])) and (
                not strict
                or (
                    candidate.hedge == figure["hedge"]
                    and candidate.direction == figure["direction"]
                )
            ):
                left.remove(candidate)
                hits += 1
                break
        else:
            missed.append(figure)
    return hits, missed, left


def prf(hits: int, found: int, expected: int) -> tuple[float, float, float]:
    p = hits / found if found else 1.0
    r = hits / expected if expected else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def score(
    corpus: list[dict[str, Any]], extract: Callable[[str], list[Found]]
) -> tuple[dict[str, tuple[int, int, int, int]], dict[str, list[Found]], float]:
    """Per tag (and "all"): hits, hits with hedge and direction, found, expected; the
    figures found per sentence id; the median time over all sentences (3 runs)."""
    times = []
    found_by_id: dict[str, list[Found]] = {}
    for _ in range(3):
        start = time.perf_counter()
        found_by_id = {s["id"]: extract(s["text"]) for s in corpus}
        times.append(time.perf_counter() - start)
    totals: dict[str, list[int]] = {}
    for sentence in corpus:
        found = found_by_id[sentence["id"]]
        hits, _, _ = match(sentence["figures"], found, strict=False)
        strict, _, _ = match(sentence["figures"], found, strict=True)
        for tag in ["all", *sentence["tags"]]:
            row = totals.setdefault(tag, [0, 0, 0, 0])
            row[0] += hits
            row[1] += strict
            row[2] += len(found)
            row[3] += len(sentence["figures"])
    return (
        {t: (r[0], r[1], r[2], r[3]) for t, r in totals.items()},
        found_by_id,
        statistics.median(times),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--validation", action="store_true", help="the held-out file")
    parser.add_argument("--misses", action="store_true", help="print factcheck's misses")
    args = parser.parse_args(argv)
    corpus = load(args.validation)
    extractors: dict[str, Callable[[str], list[Found]]] = {"factcheck": factcheck_found}
    if quantulum is not None:
        extractors["quantulum3"] = quantulum_found
    n_figures = sum(len(s["figures"]) for s in corpus)
    print(f"{len(corpus)} sentences, {n_figures} annotated figures\n")
    print("| extractor | value P | value R | value F1 | + hedge/direction F1 | ms per sentence |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    results = {}
    for name, extract in extractors.items():
        totals, found_by_id, seconds = score(corpus, extract)
        results[name] = (totals, found_by_id)
        hits, strict, found, expected = totals["all"]
        p, r, f = prf(hits, found, expected)
        _, _, fs = prf(strict, found, expected)
        per = 1000 * seconds / len(corpus)
        print(f"| {name} | {p:.1f} | {r:.1f} | {f:.1f} | {fs:.1f} | {per:.3f} |")
    totals = results["factcheck"][0]
    print("\n| tag (factcheck) | figures | value P | value R | value F1 | + hedge/direction F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for tag in sorted(t for t in totals if t != "all"):
        hits, strict, found, expected = totals[tag]
        p, r, f = prf(hits, found, expected)
        _, _, fs = prf(strict, found, expected)
        print(f"| {tag} | {expected} | {p:.1f} | {r:.1f} | {f:.1f} | {fs:.1f} |")
    if args.misses:
        found_by_id = results["factcheck"][1]
        kinds: Counter[str] = Counter()
        for sentence in corpus:
            _, missed, extra = match(sentence["figures"], found_by_id[sentence["id"]], strict=True)
            if missed or extra:
                print(f"\n{sentence['id']}: {sentence['text']}")
                for figure in missed:
                    kinds["missed"] += 1
                    print(f"  missed {figure['text']!r} = {figure['value']} "
                          f"({figure['hedge']}, {figure['direction']})")  # fmt: skip
                for found in extra:
                    kinds["found in excess"] += 1
                    print(
                        f"  found {found.text!r} = {found.value} ({found.hedge}, {found.direction})"
                    )
        print(f"\n{dict(kinds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How well `factcheck figures` reads the figures of general news sentences.

The corpus is tests/corpora/figures/news.jsonl (with ``--validation``,
news_validation.jsonl, written apart; with ``--test``, news_test.jsonl, written blind
after the grammar was done, on other topics and wordings): wire-style sentences, each
with its figures annotated by hand (value, range ends, unit, hedge, direction;
tests/corpora/figures/README.md). Per sentence, each expected figure matches at most one
figure found, in order, when their values agree within a relative 1e-9; for "value +
hedge/direction", the hedge and the direction must agree as well. P, R and F1 are summed
over all sentences, per tag and overall. Found: factcheck's figures of kind `quantity`
(dates, years and ranks are not quantities), by `value` (a range's low end), and
quantulum3's (`pip install quantulum3`), when installed, by its values (a range's low
end too); it reads no hedge or direction, so its figures are scored with both None.
Time per sentence: the median of 5 interleaved runs after a warm-up
(benchmarks/extractor_runs.py). The same scores for all three files, beside the peer
test suites and with the speed ratio: `python benchmarks/extraction.py`.

    python benchmarks/news_figures.py                 # the tables
    python benchmarks/news_figures.py --misses        # and every miss and false find
    python benchmarks/news_figures.py --validation    # the validation file
    python benchmarks/news_figures.py --test          # the test file
    python benchmarks/news_figures.py --general       # the general news file
    python benchmarks/news_figures.py --mixed         # the mixed news file
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extractor_runs import Guarded, median_seconds, quantulum, timed, with_uncertainty

from factcheck.figure_listing import list_figures

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "figures"
#: The main file (the grammar is tuned on it), the validation file (written apart; its
#: misses were read while the grammar grew), the test file (written blind, after both),
#: general news (politics, sport, courts, culture; written blind, after the test file), and
#: a news site's mixed stream (written blind, last).
FILES = (
    "news.jsonl", "news_validation.jsonl", "news_test.jsonl", "news_general.jsonl",
    "news_mixed.jsonl",
)  # fmt: skip
TOLERANCE = 1e-9
#: Per tag (and "all"): figures matched by value, by value, hedge and direction; found;
#: expected.
Tally = dict[str, tuple[int, int, int, int]]


@dataclass(frozen=True)
class Found:
    value: float
    hedge: str | None = None
    direction: str | None = None
    text: str = ""


def load(name: str = FILES[0]) -> list[dict[str, Any]]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def factcheck_found(text: str) -> list[Found]:
    return [
        Found(float(f.value), f.hedge, f.direction, f.text)
        for f in list_figures(text)
        if f.kind == "quantity"
    ]


def quantulum_found(text: str) -> list[Found]:
    """quantulum3's quantities, a range by its low end (its `value` is the midpoint); it
    reads no hedge or direction, so each figure has hedge and direction None."""
    found = []
    for q in quantulum.parse(text):
        written = with_uncertainty(q.value, q.uncertainty, q.surface)
        if written:
            found.append(Found(float(written[0]), None, None, q.surface))
    return found


def extractors() -> dict[str, Callable[[str], list[Found]]]:
    """factcheck, and quantulum3 when installed (guarded: see `Guarded.crashed`)."""
    found: dict[str, Callable[[str], list[Found]]] = {"factcheck": factcheck_found}
    if quantulum is not None:
        found["quantulum3"] = Guarded(quantulum_found)
    return found


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


def prf(hits: int, found: int, expected: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 as fractions; None where undefined (nothing found, nothing
    expected; F1 where both are), F1 0 where one of them is."""
    p = hits / found if found else None
    r = hits / expected if expected else None
    if p is None and r is None:
        return p, r, None
    return p, r, 2 * p * r / (p + r) if p and r else 0.0


def tally(corpus: list[dict[str, Any]], found: Sequence[list[Found]]) -> Tally:
    """The counts per tag (and "all") of the figures ``found`` in each sentence."""
    totals: dict[str, list[int]] = {}
    for sentence, figures in zip(corpus, found, strict=True):
        hits, _, _ = match(sentence["figures"], figures, strict=False)
        strict, _, _ = match(sentence["figures"], figures, strict=True)
        for tag in ["all", *sentence["tags"]]:
            row = totals.setdefault(tag, [0, 0, 0, 0])
            row[0] += hits
            row[1] += strict
            row[2] += len(figures)
            row[3] += len(sentence["figures"])
    return {t: (r[0], r[1], r[2], r[3]) for t, r in totals.items()}


def _percent(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _cells(counts: tuple[int, int, int, int]) -> str:
    """Value P, R, F1 and value + hedge/direction F1, in percent."""
    hits, strict, found, expected = counts
    return " | ".join(map(_percent, [*prf(hits, found, expected), prf(strict, found, expected)[2]]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--validation", action="store_true", help="the validation file")
    parser.add_argument("--test", action="store_true", help="the test file (written blind)")
    parser.add_argument("--general", action="store_true", help="the general news file")
    parser.add_argument("--mixed", action="store_true", help="the mixed news file")
    parser.add_argument("--misses", action="store_true", help="print factcheck's misses")
    args = parser.parse_args(argv)
    flags = [False, args.validation, args.test, args.general, args.mixed]
    corpus = load(FILES[max(i for i, flag in enumerate(flags) if flag or i == 0)])
    extract = extractors()
    found, seconds = timed(extract, {"corpus": [s["text"] for s in corpus]})
    n_figures = sum(len(s["figures"]) for s in corpus)
    print(f"{len(corpus)} sentences, {n_figures} annotated figures\n")
    print("| extractor | value P | value R | value F1 | + hedge/direction F1 | ms per sentence |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in extract:
        per = 1000 * median_seconds(seconds[name], ["corpus"]) / len(corpus)
        print(f"| {name} | {_cells(tally(corpus, found[name]['corpus'])['all'])} | {per:.3f} |")
    totals = tally(corpus, found["factcheck"]["corpus"])
    print("\n| tag (factcheck) | figures | value P | value R | value F1 | + hedge/direction F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for tag in sorted(t for t in totals if t != "all"):
        print(f"| {tag} | {totals[tag][3]} | {_cells(totals[tag])} |")
    for name, f in extract.items():
        if isinstance(f, Guarded) and f.crashed:
            print(f"\n{name} raised on {len(f.crashed)} sentences (counted as finding none).")
    if args.misses:
        kinds: Counter[str] = Counter()
        for sentence, figures in zip(corpus, found["factcheck"]["corpus"], strict=True):
            _, missed, extra = match(sentence["figures"], figures, strict=True)
            if missed or extra:
                print(f"\n{sentence['id']}: {sentence['text']}")
                for figure in missed:
                    kinds["missed"] += 1
                    print(f"  missed {figure['text']!r} = {figure['value']} "
                          f"({figure['hedge']}, {figure['direction']})")  # fmt: skip
                for surplus in extra:
                    kinds["found in excess"] += 1
                    print(f"  found {surplus.text!r} = {surplus.value} "
                          f"({surplus.hedge}, {surplus.direction})")  # fmt: skip
        print(f"\n{dict(kinds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How well factcheck finds the numbers in other projects' test suites and in news sentences.

One Markdown report in three parts, the method of each printed with it:

1. Peer test suites. Each spec file in ../shared/external (Microsoft Recognizers-Text,
   quantulum3, text2num; see its README.md) gives inputs and the numbers expected in them.
   Per file, the values found by `factcheck.figures.scan` are scored against the values
   expected (precision, recall, F1).
2. Our own corpus, tests/corpora/figures/news.jsonl and the held-out news_validation.jsonl:
   hand-annotated news sentences, scored by value and by value with hedge and direction,
   as benchmarks/news_figures.py scores them (that script gives them per tag, and misses).
3. Speed: per sentence, median of 5 interleaved runs after a warm-up, and the ratio.

Each part gives factcheck beside quantulum3 when installed (`pip install quantulum3`; its
classifier extra is not needed). An input quantulum3 raises on counts as finding nothing.

    python benchmarks/extraction.py                       # prints the Markdown report
    python benchmarks/extraction.py --misses [quantulum3]  # and every peer-suite input's
                                                          # misses and false finds (of
                                                          # factcheck)
    python benchmarks/extraction.py --json PATH           # and writes every number to PATH
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import news_figures
from extractor_runs import (
    RUNS,
    Guarded,
    median_seconds,
    number,
    quantulum,
    quantulum_version,
    timed,
    with_uncertainty,
)

from factcheck.figures import scan
from factcheck.units import Unit

EXTERNAL = Path(__file__).resolve().parent.parent.parent / "shared" / "external"
TOLERANCE = Fraction(1, 10**9)  # relative
EXTRACTORS = ["factcheck", "quantulum3"]
GOAL = 20  # quantulum3's time per news sentence over factcheck's, at least
#: Spec files that hold only ordinals or nothing to compare: not scored (see METHOD).
NOT_SCORED = {
    "OrdinalModel.json": "ordinals only",
    "OrdinalModelSuppressExtendedTypes.json": "ordinals only",
    "expand.json": "spells quantities out, no values",
    "errors.json": "inputs that must not crash, no values",
}
METHOD = """\
Values are compared, not spans or units. Per input, each value found matches at most one
expected value, when equal within a relative tolerance of 1e-9 (so "0.333333333333333"
matches ⅓). P = matched / found and R = matched / expected, summed over a file's inputs
(the totals row over all files). Expected: Recognizers-Text `Resolution.value` ("25%" →
25; a `numberrange` by its finite ends, "(300,)" → 300, "[20,20]" → 20); quantulum3
`value`, a range ("3 to 4 L", 3.5 ± 0.5) by its ends and "9.83e-3 +/- 1e-5" by both
numbers; text2num's integer, or each number in digits in its `alpha2digit` output. Found:
factcheck's `low` and, for a range, `high`, as written (a percentage keeps its number,
"18 months" counts as 18 though factcheck reads 1.5 years, "down" is ignored, a fraction
in words is its ratio); quantulum3's `value`s from `parser.parse`, ranges by their ends
as above. Skipped: `NotSupportedByDesign` cases; ordinals, which factcheck does not read
as numbers (docs/semantics.md), hence the two ordinal files; values that are not numbers
(`null`, `end-1`); text2num cases expected to raise (a whole-input parser's strictness).
No spec expects dates, so factcheck's date figures are not counted as found (quantulum3's
"2014" in "october 2014" is: a small edge for factcheck). Caveat: the NumberWithUnit,
Percent and NumberRange specs annotate only their own kind of mention, so an unannotated
number ("50,000 in 2020" in DimensionModel) is a false find for both extractors there:
read their precision as a lower bound."""


@dataclass
class Case:
    text: str
    expected: list[Fraction]


@dataclass
class Spec:
    name: str
    cases: list[Case] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def recognizers(spec: Spec, data: list[dict[str, Any]]) -> None:
    for entry in data:
        if "NotSupportedByDesign" in entry:
            spec.skipped["cases marked NotSupportedByDesign"] += 1
            continue
        expected = []
        for result in entry["Results"]:
            value = (result.get("Resolution") or {}).get("value")
            if result["TypeName"].startswith("ordinal"):
                spec.skipped["ordinals"] += 1
            elif result["TypeName"] == "numberrange" and value:
                ends = {number(end) for end in value.strip("[]()").split(",") if end}
                expected += sorted(end for end in ends if end is not None)  # [20,20]: one
            elif (v := number(value)) is not None:
                expected.append(v)
            else:
                spec.skipped["values that are not numbers"] += 1
        spec.cases.append(Case(entry["Input"], expected))


def quantulum_spec(spec: Spec, data: list[dict[str, Any]]) -> None:
    for entry in data:
        expected = []
        for result in entry["res"]:
            surface = result.get("surface", "")
            expected += with_uncertainty(result["value"], result.get("uncertainty"), surface)
        spec.cases.append(Case(entry["req"], expected))


def spellout(spec: Spec, data: list[dict[str, Any]]) -> None:
    for entry in data:
        values = [number(v) for v in entry["expected"]]
        spec.cases.append(Case(entry["input"], [v for v in values if v is not None]))


_DIGITS = re.compile(r"(?<![\w.])([+-]?\d+(?:\.\d+)?)(st|nd|rd|th)?\b")


def text2num(spec: Spec, data: list[dict[str, Any]]) -> None:
    for entry in data:
        if "expected_error" in entry:
            spec.skipped["text2num cases expected to raise"] += 1
        elif entry["function"] == "text2num":
            spec.cases.append(Case(entry["input"], [Fraction(entry["expected"])]))
        else:
            expected = []
            for digits, suffix in _DIGITS.findall(entry["expected"]):
                if suffix:
                    spec.skipped["ordinals"] += 1
                else:
                    expected.append(Fraction(digits))
            spec.cases.append(Case(entry["input"], expected))


def load_specs() -> tuple[list[Spec], list[str]]:
    readers: list[tuple[str, Callable[[Spec, list[Any]], None]]] = [
        ("recognizers-text/", recognizers),
        ("quantulum3/en_US/quantities", quantulum_spec),
        ("quantulum3/en_US/spellout_values", spellout),
        ("text2num/text2num_en_cases", text2num),
    ]
    specs, not_scored = [], []
    for path in sorted(EXTERNAL.rglob("*.json")):
        name = path.relative_to(EXTERNAL).as_posix()
        if path.name in NOT_SCORED:
            not_scored.append(f"`{name}` ({NOT_SCORED[path.name]})")
            continue
        reader = next((r for prefix, r in readers if name.startswith(prefix)), None)
        if reader is not None:
            spec = Spec(name)
            reader(spec, json.loads(path.read_text(encoding="utf-8-sig")))
            specs.append(spec)
    return specs, not_scored


def factcheck_values(text: str) -> list[Fraction]:
    values = []
    for figure in scan(text):
        if figure.unit is Unit.DATE:
            continue  # no spec expects dates
        ends = [figure.low.value, figure.high.value] if figure.is_range else [figure.low.value]
        if figure.unit is Unit.YEARS and "month" in text[figure.start : figure.end].lower():
            ends = [end * 12 for end in ends]  # "18 months" is read as 1.5 years
        values += ends
    return values


def quantulum_values(text: str) -> list[Fraction]:
    quantities = quantulum.parse(text)
    return [v for q in quantities for v in with_uncertainty(q.value, q.uncertainty, q.surface)]


def close(a: Fraction, b: Fraction) -> bool:
    return a == b or abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def matched(expected: list[Fraction], found: list[Fraction]) -> tuple[int, list[Fraction]]:
    """How many found values match an expected one (each used once); the unmatched found."""
    pool = list(found)
    hits = 0
    for value in expected:
        i = next((i for i, f in enumerate(pool) if close(value, f)), None)
        if i is not None:
            del pool[i]
            hits += 1
    return hits, pool


def scores(spec: Spec, found: dict[str, list[Fraction]]) -> tuple[int, int, int]:
    """Matched, found and expected values over a spec's inputs."""
    hits = sum(matched(case.expected, found[case.text])[0] for case in spec.cases)
    n_found = sum(len(found[case.text]) for case in spec.cases)
    return hits, n_found, sum(len(case.expected) for case in spec.cases)


def prf(hits: int, n_found: int, n_expected: int) -> str:
    """P | R | F1 as table cells, "–" where undefined."""
    ratios = news_figures.prf(hits, n_found, n_expected)
    return " | ".join("–" if x is None else f"{x:.3f}" for x in ratios)


def numbers(hits: int, n_found: int, n_expected: int) -> dict[str, Any]:
    """The counts and their P, R and F1, for --json."""
    p, r, f1 = news_figures.prf(hits, n_found, n_expected)
    return {
        "matched": hits,
        "found": n_found,
        "expected": n_expected,
        "precision": p,
        "recall": r,
        "f1": f1,
    }


def raised(extract: Callable[[str], Any]) -> dict[str, str]:
    """The inputs a guarded extractor raised on, with the exception."""
    return extract.crashed if isinstance(extract, Guarded) else {}


def say_raised(extractors: dict[str, Callable[[str], Any]], inputs: str) -> None:
    for name, extract in extractors.items():
        if isinstance(extract, Guarded):
            crashed = raised(extract)
            print(f"- {name} raised on {len(crashed)} {inputs} (each counted as finding nothing).")
            for text, error in sorted(crashed.items()):
                print(f"  - {text!r}: {error}")


def show_misses(name: str, specs: list[Spec], found: dict[str, list[Fraction]]) -> None:
    print(f"\n### {name}: misses and false finds\n")
    for spec in specs:
        for case in spec.cases:
            values = found[case.text]
            _, false_finds = matched(case.expected, values)
            _, misses = matched(values, case.expected)
            if misses or false_finds:
                miss, false = (", ".join(map(str, vs)) or "–" for vs in (misses, false_finds))
                print(f"- `{spec.name}` {case.text!r}: missed {miss}; false {false}")


def peer_suites(
    specs: list[Spec],
    not_scored: list[str],
    extractors: dict[str, Callable[[str], list[Fraction]]],
    found: dict[str, dict[str, list[Fraction]]],
) -> dict[str, Any]:
    """Part 1, printed; its numbers."""
    print("### Peer test suites\n")
    print(METHOD + "\n")
    header = " | ".join(f"{name} P | R | F1" for name in found)
    print(f"| spec file | cases | {header} |")
    print("| --- | ---: |" + " ---: | ---: | ---: |" * len(found))
    totals = {name: [0, 0, 0] for name in found}
    files = []
    for spec in specs:
        cells, row = [], {"file": spec.name, "cases": len(spec.cases)}
        for name, values in found.items():
            counts = scores(spec, values)
            totals[name] = [t + c for t, c in zip(totals[name], counts, strict=True)]
            cells.append(prf(*counts))
            row[name] = numbers(*counts)
        files.append(row)
        print(f"| `{spec.name}` | {len(spec.cases)} | {' | '.join(cells)} |")
    n_cases = sum(len(spec.cases) for spec in specs)
    cells = [prf(*totals[name]) for name in found]
    print(f"| **total** | {n_cases} | {' | '.join(cells)} |\n")
    for name, (hits, n_found, n_expected) in totals.items():
        print(f"- {name}: {hits} of {n_found} values found matched; {n_expected} expected.")
    skipped = sum((spec.skipped for spec in specs), Counter[str]())
    print("- Skipped: " + "; ".join(f"{n} {why}" for why, n in sorted(skipped.items())) + ".")
    print(f"- Not scored: {', '.join(not_scored)}.")
    texts = {case.text for spec in specs for case in spec.cases}
    n_dates = sum(f.unit is Unit.DATE for text in texts for f in scan(text))
    print(f"- factcheck date figures not counted: {n_dates}.")
    say_raised(extractors, "inputs")
    print()
    return {
        "files": files,
        "total": {"cases": n_cases, **{n: numbers(*t) for n, t in totals.items()}},
        "skipped": dict(skipped),
        "not_scored": not_scored,
        "factcheck_dates_not_counted": n_dates,
        "raised": {name: raised(extract) for name, extract in extractors.items()},
    }


NEWS_METHOD = """\
Our own corpus, tests/corpora/figures/ (its README.md): wire-style sentences written for it,
every figure annotated by hand with its value, hedge and direction. The grammar was tuned on
news.jsonl; news_validation.jsonl was written after it, on other topics and in other
wordings; news_test.jsonl, news_general.jsonl (politics, courts, sport, culture) and
news_mixed.jsonl (a news site's stream) were each written blind after the grammar's last
changes and scored once before their misses were read (docs/figures.md has those first
scores). Scored as `benchmarks/news_figures.py` scores it (per tag,
and every miss, there): per sentence, each annotated figure matches at most one figure found,
in order, when their values agree within a relative 1e-9; for "+ hedge/direction" their hedge
and direction must agree as well. P = matched / found and R = matched / annotated, over all
the sentences of a file. Found: factcheck's `list_figures` (what `factcheck figures` lists)
of kind `quantity`, by value; quantulum3's `parser.parse`, by value. A range counts once, by
its low end, as annotated (quantulum3's midpoint ± half-width is turned back into its ends).
quantulum3 reads no hedge or direction, so its figures are scored with hedge None and
direction None: for "+ hedge/direction" it can match only the figures annotated with neither.
µs per sentence: from the timing below."""

SPEED_METHOD = f"""\
Per input: the median of {RUNS} timed runs over all the inputs of a row, after one untimed
warm-up pass (whose findings are the ones scored above); imports excluded. The runs are
interleaved: in each, the extractors take turns, in an order that alternates from run to run.
Timed: factcheck's `list_figures` (news) or `scan` (peer suites) and quantulum3's
`parser.parse`, each with turning what it finds into values. Ratio: quantulum3's time over
factcheck's; the goal is at least {GOAL}×."""


def news_corpus(
    corpora: dict[str, list[dict[str, Any]]],
    extractors: dict[str, Callable[[str], list[news_figures.Found]]],
    found: dict[str, dict[str, list[list[news_figures.Found]]]],
    seconds: dict[str, dict[str, list[float]]],
) -> dict[str, Any]:
    """Part 2, printed; its numbers."""
    print("### News sentences\n")
    print(NEWS_METHOD + "\n")
    print(
        "| corpus file | sentences | extractor | value P | value R | value F1 "
        "| + hedge/direction P | R | F1 | µs per sentence |"
    )
    print("| --- | ---: | --- |" + " ---: |" * 7)
    files: dict[str, dict[str, Any]] = {}
    for file, corpus in corpora.items():
        n_figures = sum(len(s["figures"]) for s in corpus)
        files[file] = {"sentences": len(corpus), "figures": n_figures}
        for name in extractors:
            hits, strict, n_found, n_expected = news_figures.tally(corpus, found[name][file])["all"]
            micro = 1e6 * median_seconds(seconds[name], [file]) / len(corpus)
            cells = [prf(hits, n_found, n_expected), prf(strict, n_found, n_expected)]
            print(f"| `{file}` | {len(corpus)} | {name} | {' | '.join(cells)} | {micro:.0f} |")
            files[file][name] = {
                "value": numbers(hits, n_found, n_expected),
                "value_hedge_direction": numbers(strict, n_found, n_expected),
                "us_per_sentence": micro,
            }
    print()
    for file, of_file in files.items():
        print(f"- `{file}`: {of_file['figures']} annotated figures.")
    say_raised(extractors, "sentences")
    print()
    return {"files": files, "raised": {name: raised(f) for name, f in extractors.items()}}


def speed(rows: dict[str, tuple[int, dict[str, float]]]) -> dict[str, Any]:
    """Part 3, printed from each row's number of inputs and seconds per extractor (the
    first row is the one the goal is about); its numbers."""
    names = list(next(iter(rows.values()))[1])
    print("### Speed\n")
    print(SPEED_METHOD + "\n")
    ratio = "quantulum3" in names
    header = " | ".join(f"{name} µs per input" for name in names)
    print(f"| inputs | count | {header} |" + (" quantulum3 / factcheck |" if ratio else ""))
    print("| --- | ---: |" + " ---: |" * (len(names) + ratio))
    data: dict[str, Any] = {"runs": RUNS, "goal": GOAL, "rows": {}}
    for row, (count, seconds) in rows.items():
        micros = {name: 1e6 * seconds[name] / count for name in names}
        cells = [f"{micros[name]:.0f}" for name in names]
        entry: dict[str, Any] = {"inputs": count, "us_per_input": micros}
        if ratio:
            entry["ratio"] = micros["quantulum3"] / micros["factcheck"]
            cells.append(f"{entry['ratio']:.1f}×")
        print(f"| {row} | {count} | {' | '.join(cells)} |")
        data["rows"][row] = entry
    print()
    if ratio:
        row, entry = next(iter(data["rows"].items()))
        met = "met" if entry["ratio"] >= GOAL else "not met"
        print(f"- {row}: quantulum3 takes {entry['ratio']:.1f}× factcheck's time: goal {met}.\n")
    return data


def main(argv: list[str] | None = None) -> int:
    argparser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argparser.add_argument("--misses", nargs="?", const="factcheck", choices=EXTRACTORS)
    argparser.add_argument("--json", type=Path, metavar="PATH", help="write every number")
    args = argparser.parse_args(argv)
    if not EXTERNAL.is_dir():
        print(f"the peer test suites are not in {EXTERNAL}", file=sys.stderr)
        return 2
    specs, not_scored = load_specs()
    texts = sorted({case.text for spec in specs for case in spec.cases})
    peers: dict[str, Callable[[str], list[Fraction]]] = {"factcheck": factcheck_values}
    corpora = {file: news_figures.load(file) for file in news_figures.FILES}
    news = news_figures.extractors()
    if quantulum is not None:
        peers["quantulum3"] = Guarded(quantulum_values)
    news_found, news_seconds = timed(news, {f: [s["text"] for s in c] for f, c in corpora.items()})
    peer_found, peer_seconds = timed(peers, {"peers": texts})

    version = quantulum_version()
    print("## Finding numbers: factcheck beside quantulum3\n")
    if version is None:
        print("quantulum3 is not installed (`pip install quantulum3`): factcheck only.\n")
    else:
        print(f"quantulum3 {version}, without its classifier extra.\n")
    found = {name: dict(zip(texts, by["peers"], strict=True)) for name, by in peer_found.items()}
    data: dict[str, Any] = {"machine": common.machine(), "quantulum3": version}
    data["peer_suites"] = peer_suites(specs, not_scored, peers, found)
    data["news"] = news_corpus(corpora, news, news_found, news_seconds)
    n_news = sum(map(len, corpora.values()))
    data["speed"] = speed(
        {
            "news sentences, all files": (
                n_news,
                {name: median_seconds(by, corpora) for name, by in news_seconds.items()},
            ),
            "peer suite inputs": (
                len(texts),
                {name: median_seconds(by, ["peers"]) for name, by in peer_seconds.items()},
            ),
        }
    )
    if args.misses in found:
        show_misses(args.misses, specs, found[args.misses])
    if args.json is not None:
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

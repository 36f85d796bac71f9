"""How well `factcheck.figures.scan` finds the numbers in other projects' test suites.

Each spec file in ../shared/external (Microsoft Recognizers-Text, quantulum3, text2num;
see its README.md) gives inputs and the numbers expected in them. Per file, the values
found are scored against the values expected (precision, recall, F1; the method is printed
with the table), for factcheck and, when installed, quantulum3 (`pip install quantulum3`;
its classifier extra is not needed). Both are timed over all inputs (median of 3 runs).

    python benchmarks/extraction.py                       # prints the Markdown report
    python benchmarks/extraction.py --misses [quantulum3]  # and every input's misses and
                                                          # false finds (of factcheck)
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import metadata
from pathlib import Path
from typing import Any

from factcheck.figures import scan
from factcheck.units import Unit

try:  # quantulum3 is optional; without its classifier extra it warns on import
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser as quantulum
except ImportError:
    quantulum = None

EXTERNAL = Path(__file__).resolve().parent.parent.parent / "shared" / "external"
TOLERANCE = Fraction(1, 10**9)  # relative
EXTRACTORS = ["factcheck", "quantulum3"]
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


def number(value: Any) -> Fraction | None:
    """A spec's value ("12", "1.5E+3", 2.5, "25%") as a fraction; None for "null", "end-1"."""
    try:
        return Fraction(repr(value) if isinstance(value, float) else str(value).rstrip("%"))
    except (ValueError, ZeroDivisionError):  # also None, inf and nan
        return None


def with_uncertainty(value: Any, uncertainty: Any, surface: str) -> list[Fraction]:
    """quantulum3's ranges are a midpoint ± half-width: give the written numbers back."""
    v, u = number(value), number(uncertainty)
    if v is None:
        return []
    if not u:
        return [v]
    if "±" in surface or "+/-" in surface:
        return [v, u]
    return [v - u, v + u]


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


def run(extract: Callable[[str], list[Fraction]], texts: list[str]) -> tuple[dict, float]:
    """Values for every text, and the median time of three runs over all of them."""
    times, results = [], {}
    for _ in range(3):
        started = time.perf_counter()
        results = {text: extract(text) for text in texts}
        times.append(time.perf_counter() - started)
    return results, statistics.median(times)


def scores(spec: Spec, found: dict[str, list[Fraction]]) -> tuple[int, int, int]:
    """Matched, found and expected values over a spec's inputs."""
    hits = sum(matched(case.expected, found[case.text])[0] for case in spec.cases)
    n_found = sum(len(found[case.text]) for case in spec.cases)
    return hits, n_found, sum(len(case.expected) for case in spec.cases)


def prf(hits: int, n_found: int, n_expected: int) -> str:
    p = hits / n_found if n_found else None
    r = hits / n_expected if n_expected else None
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else 0.0
    return " | ".join("–" if x is None else f"{x:.3f}" for x in (p, r, f1))


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


def main() -> int:
    argparser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argparser.add_argument("--misses", nargs="?", const="factcheck", choices=EXTRACTORS)
    args = argparser.parse_args()
    if not EXTERNAL.is_dir():
        print(f"the peer test suites are not in {EXTERNAL}", file=sys.stderr)
        return 2
    specs, not_scored = load_specs()
    texts = sorted({case.text for spec in specs for case in spec.cases})
    extractors = {"factcheck": factcheck_values}
    if quantulum is not None:
        extractors["quantulum3"] = quantulum_values
    results = {name: run(extract, texts) for name, extract in extractors.items()}

    print("## Finding numbers: factcheck against peer test suites\n")
    print(METHOD + "\n")
    if quantulum is None:
        print("quantulum3 is not installed (`pip install quantulum3`): factcheck only.\n")
    else:
        print(f"quantulum3 {metadata.version('quantulum3')}, without its classifier extra.\n")
    header = " | ".join(f"{name} P | R | F1" for name in extractors)
    print(f"| spec file | cases | {header} |")
    print("| --- | ---: |" + " ---: | ---: | ---: |" * len(extractors))
    totals = {name: [0, 0, 0] for name in extractors}
    for spec in specs:
        cells = []
        for name, (found, _) in results.items():
            counts = scores(spec, found)
            totals[name] = [t + c for t, c in zip(totals[name], counts, strict=True)]
            cells.append(prf(*counts))
        print(f"| `{spec.name}` | {len(spec.cases)} | {' | '.join(cells)} |")
    n_cases = sum(len(spec.cases) for spec in specs)
    cells = [prf(*totals[name]) for name in extractors]
    print(f"| **total** | {n_cases} | {' | '.join(cells)} |\n")
    for name, (hits, n_found, n_expected) in totals.items():
        print(f"- {name}: {hits} of {n_found} values found matched; {n_expected} expected.")
    skipped = sum((spec.skipped for spec in specs), Counter[str]())
    print("- Skipped: " + "; ".join(f"{n} {why}" for why, n in sorted(skipped.items())) + ".")
    print(f"- Not scored: {', '.join(not_scored)}.")
    n_dates = sum(f.unit is Unit.DATE for text in texts for f in scan(text))
    print(f"- factcheck date figures not counted: {n_dates}.\n")
    print(f"Time over all {len(texts)} distinct inputs, median of 3 runs (imports excluded):\n")
    for name, (_, seconds) in results.items():
        print(f"- {name}: {seconds * 1000:.0f} ms ({seconds / len(texts) * 1e6:.0f} µs per input)")
    if args.misses in results:
        show_misses(args.misses, specs, results[args.misses][0])
    return 0


if __name__ == "__main__":
    sys.exit(main())

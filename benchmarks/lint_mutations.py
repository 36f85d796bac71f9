"""How often `factcheck lint` catches a changed figure, on the line where it was changed.

Drafts are made from the body of each of the five source articles by changing one
figure at a time, every figure with every kind of change that applies to it:

- scale: the number doubled ("590" → "1,180"; "9.5 percent" → "19 percent");
- swap: two adjacent different digits swapped ("590" → "950");
- year: a year moved on by one ("2017" → "2018"), the year of a date too;
- day: a date moved on by a day ("July 14, 2023" → "July 15, 2023");
- word: a number word changed ("three lists" → "four lists", "one-eighth" → "one-fifth").

Figures listed as page furniture in tests/data/article-bodies.yaml (a page header's
date) are left alone: they are not prose a draft would change.

A change is caught when the lint report of the changed draft has an error or warning on
the changed line. The unchanged bodies are linted too: they must yield no error or
warning. Needs the article texts in ../shared/seeds.

    python benchmarks/lint_mutations.py            # prints the Markdown tables of docs/lint.md
    python benchmarks/lint_mutations.py --misses   # and lists every change not caught
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import yaml

from factcheck import api
from factcheck.config import discover_settings
from factcheck.figures import Figure, scan
from factcheck.findings import Severity
from factcheck.lint.drafts import read_draft
from factcheck.lint.run import LintOptions, lint_drafts
from factcheck.numwords import CARDINALS
from factcheck.periods import from_day_number
from factcheck.units import Unit

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "tests" / "data" / "article-bodies.yaml"
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORDS = {w: v for w, v in CARDINALS.items() if 1 <= v <= 19}
_BY_VALUE = {v: w for w, v in _WORDS.items()}


@dataclass(frozen=True)
class Mutation:
    kind: str
    start: int  # offset of the changed text in the draft
    before: str
    after: str


def _format_like(original: str, value: float) -> str:
    decimals = len(original.partition(".")[2])
    return f"{value:,.{decimals}f}" if "," in original else f"{value:.{decimals}f}"


def _date_mutations(text: str, figure: Figure) -> Iterator[Mutation]:
    """A date moved on by a day, and by a year (a day ±1 stays a real date)."""
    day = from_day_number(int(figure.low.value))
    span = text[figure.start : figure.end]
    for kind, new in (("day", day + timedelta(days=1)), ("year", day.replace(year=day.year + 1))):
        for old_part, new_part in (
            (str(day.day), str(new.day)),
            (f"{day.day:02d}", f"{new.day:02d}"),
            (str(day.year), str(new.year)),
        ):
            if old_part != new_part and (kind == "day") == (old_part != str(day.year)):
                m = re.search(rf"(?<!\d){old_part}(?!\d)", span)
                if m:
                    yield Mutation(kind, figure.start + m.start(), old_part, new_part)
                    break


def mutations(text: str, skip: set[int]) -> Iterator[Mutation]:
    for figure in scan(text):
        if figure.start in skip:
            continue
        span = text[figure.start : figure.end]
        if figure.unit is Unit.DATE and figure.low == figure.high:
            yield from _date_mutations(text, figure)
            continue
        if figure.unit is Unit.RATIO:  # a fraction in words: another denominator
            m = re.search(r"eighth|third|quarter|fifth|half", span)
            if m:
                new = "fifth" if m.group() != "fifth" else "sixth"
                yield Mutation("word", figure.start + m.start(), m.group(), new)
            continue
        for m in _NUMBER.finditer(span):
            number, at = m.group(), figure.start + m.start()
            plain = number.replace(",", "")
            is_year = len(plain) == 4 and plain.isdigit() and 1900 <= int(plain) <= 2100
            if is_year:
                yield Mutation("year", at, number, str(int(plain) + 1))
                continue
            yield Mutation("scale", at, number, _format_like(number, float(plain) * 2))
            digits = [i for i, c in enumerate(number) if c.isdigit()]
            for a, b in pairwise(digits):
                if number[a] != number[b]:
                    swapped = list(number)
                    swapped[a], swapped[b] = swapped[b], swapped[a]
                    if swapped[0] != "0":
                        yield Mutation("swap", at, number, "".join(swapped))
                    break
        for m in re.finditer(r"[A-Za-z]+", span):
            word, at = m.group(), figure.start + m.start()
            lower = word.lower()
            if lower in _WORDS and _WORDS[lower] + 1 in _BY_VALUE:
                new = _BY_VALUE[_WORDS[lower] + 1]
                yield Mutation("word", at, word, new.capitalize() if word[0].isupper() else new)


def _bodies() -> Iterator[tuple[str, str, date, set[int]]]:
    settings = discover_settings(ROOT)
    factbase, _ = api.load(settings)
    by_text = {s.record.text: s.record for s in factbase.sources.values()}
    for spec in yaml.safe_load(BODIES.read_text("utf-8")):
        source = by_text[spec["text"]]
        text = (settings.sources / spec["text"]).read_text("utf-8")
        body = text[text.index(spec["starts"]) : text.index(spec["ends"])]
        period = source.published.when
        middle = period.start + (period.end - period.start) / 2
        # Page furniture (a header's date) is not prose: no draft would change it.
        skip = {
            body.index(item.get("context", item["figure"]))
            + item.get("context", item["figure"]).index(item["figure"])
            for item in spec["not_figures"]
            if item.get("furniture")
        }
        yield spec["text"], body, middle, skip


def run(show_misses: bool) -> int:
    settings = discover_settings(ROOT)
    factbase, _ = api.load(settings)
    rows = []
    by_kind: Counter[tuple[str, bool]] = Counter()
    misses: list[str] = []
    false_alarms = 0
    started = time.perf_counter()
    for name, body, when, skip in _bodies():
        options = LintOptions(date=when)
        baseline, _ = lint_drafts(factbase, [read_draft(name, body)], options)
        noisy = [f for f in baseline if f.severity is not Severity.INFO]
        false_alarms += len(noisy)
        caught = total = 0
        for mutation in mutations(body, skip):
            changed = (
                body[: mutation.start]
                + mutation.after
                + body[mutation.start + len(mutation.before) :]
            )
            draft = read_draft(name, changed)
            line = draft.position(mutation.start)[0]
            findings, _ = lint_drafts(factbase, [draft], options)
            hit = any(f.location.line == line and f.severity is not Severity.INFO for f in findings)
            total += 1
            caught += hit
            by_kind[(mutation.kind, hit)] += 1
            if not hit:
                around = changed[max(0, mutation.start - 40) : mutation.start + 40]
                change = f"{mutation.kind} {mutation.before!r}→{mutation.after!r}"
                misses.append(f"{name}:{line} {change}: …{' '.join(around.split())}…")
        rows.append((name, total, caught, len(noisy)))
    elapsed = time.perf_counter() - started
    print("| article | changes | caught | share | errors or warnings on the unchanged body |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, total, caught, noisy in rows:
        print(f"| `{Path(name).name}` | {total} | {caught} | {caught / total:.1%} | {noisy} |")
    total = sum(r[1] for r in rows)
    caught = sum(r[2] for r in rows)
    print(
        f"| **all** | **{total}** | **{caught}** | **{caught / total:.1%}** | **{false_alarms}** |"
    )
    print()
    print("| kind of change | changes | caught | share |")
    print("| --- | ---: | ---: | ---: |")
    for kind in ("scale", "swap", "year", "day", "word"):
        hit, miss = by_kind[(kind, True)], by_kind[(kind, False)]
        if hit + miss:
            print(f"| {kind} | {hit + miss} | {hit} | {hit / (hit + miss):.1%} |")
    print(f"\n{total} drafts linted in {elapsed:.1f} s.")
    if show_misses:
        print("\nNot caught:")
        for miss in misses:
            print(f"- {miss}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the changes not caught")
    args = parser.parse_args()
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        print("the article texts are not in ../shared/seeds", file=sys.stderr)
        return 2
    return run(args.misses)


if __name__ == "__main__":
    sys.exit(main())

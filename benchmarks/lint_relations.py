"""How `factcheck lint` does on relations a draft states between its own figures.

- **Planted relation errors** (tests/cases/lint/planted_relations.yaml): short drafts in
  new words, each with one wrong relation (a share, a change, a gap in points, a sum, an
  order, a conversion, a hedged restatement, a ratio, a rate, a span of years). Caught
  when lint reports an error or warning on the edited line; the draft with the edit
  undone must yield none.
- **Clean texts** (tests/corpora/new_prose*/): accurate drafts; any error or warning
  from a relation rule (FC303–FC307, FC311–FC316) is a false alarm.

With ``--validation``, tests/cases/lint/planted_relations_validation.yaml instead: cases
written apart, by another hand, blind to the readers; first measured untouched (9 of 40),
then used to widen them. With ``--test``, tests/cases/lint/planted_relations_test.yaml:
50 more written blind, measured once before any change was made for them.

    python benchmarks/lint_relations.py                 # the table of docs/lint.md
    python benchmarks/lint_relations.py --validation    # the validation set
    python benchmarks/lint_relations.py --details       # and every miss and false alarm
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import yaml
from lint_new_prose import ROOT, lint_text, serious

from factcheck.lint.statements.judging import RULES
from factcheck.rules.lint import DraftRelationsConflict

CASES = ROOT / "tests" / "cases" / "lint"
CLEAN = [
    ROOT / "tests" / "corpora" / d
    for d in ("new_prose", "new_prose_validation", "new_prose_redteam", "relations_clean")
]
RELATION_CODES = {rule.code for rule in RULES.values()} | {DraftRelationsConflict.code}


def _when(case: dict[str, object]) -> date | None:
    return date.fromisoformat(str(case["date"])) if case.get("date") else None


def planted(path: Path, details: bool) -> Iterator[str]:
    cases = yaml.safe_load(path.read_text("utf-8"))["cases"]
    total: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    alarms = 0
    for case in cases:
        category = case["category"]
        total[category] += 1
        found = serious(lint_text(f"{case['id']}.md", case["text"], _when(case)))
        if any(f.location.line == case["line"] for f in found):
            hits[category] += 1
        elif details:
            said = "; ".join(f"{f.location.line}: {f.code} {f.message[:160]}" for f in found)
            yield f"  missed {case['id']}: {said or 'nothing'}"
        bad = serious(lint_text(f"{case['id']}.md", case["fixed"], _when(case)))
        alarms += bool(bad)
        if details:
            for f in bad:
                where = f"{case['id']}:{f.location.line}"
                yield f"  false alarm on fixed {where}: {f.code} {f.message[:200]}"
    yield "| relation | cases | caught on its line |"
    yield "| --- | ---: | ---: |"
    for category in sorted(total):
        yield f"| {category} | {total[category]} | {hits[category]} |"
    n, found_all = sum(total.values()), sum(hits.values())
    yield f"| **all** | **{n}** | **{found_all} ({100 * found_all / n:.0f}%)** |"
    yield f"| fixed drafts with an error or warning | {n} | {alarms} |"


def clean(details: bool) -> Iterator[str]:
    texts = [p for folder in CLEAN for p in sorted(folder.glob("*.md")) if p.name != "README.md"]
    alarms = 0
    for path in texts:
        bad = [
            f
            for f in serious(lint_text(path.name, path.read_text("utf-8")))
            if f.code in RELATION_CODES
        ]
        alarms += len(bad)
        if details:
            for f in bad:
                where = f"{path.parent.name}/{path.name}:{f.location.line}"
                yield f"  false alarm: {where}: {f.code} {f.message[:200]}"
    yield f"| clean texts | {len(texts)} | relation findings (false alarms) | {alarms} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--validation", action="store_true", help="measure the validation set")
    parser.add_argument("--test", action="store_true", help="measure the blind test set")
    args = parser.parse_args()
    name = "planted_relations.yaml"
    if args.validation:
        name = "planted_relations_validation.yaml"
    elif args.test:
        name = "planted_relations_test.yaml"
    for line in (*planted(CASES / name, args.details), "", *clean(args.details)):
        print(line, flush=True)


if __name__ == "__main__":
    main()

"""How `factcheck lint` does on prose it was not built from.

- **Clean texts** (tests/corpora/new_prose/*.md): accurate drafts in our own words from
  little-giant articles that are not the fact base's sources. Every error or warning on
  them is a false alarm. Counts the figures lint held to a claim, and why it left the
  others unchecked.
- **Planted contradictions** (tests/cases/lint/planted.yaml): each a short draft with one
  edit that contradicts the fact base. Caught when lint reports an error or warning on
  the edited line; the draft with the edit undone must yield none.

With ``--validation``, the same on tests/corpora/new_prose_validation and
tests/cases/lint/planted_validation.yaml: texts and cases written apart from the first
set, by another hand, and not used to tune the matching (see docs/lint.md).

    python benchmarks/lint_new_prose.py                # the tables of docs/lint.md
    python benchmarks/lint_new_prose.py --validation   # the same for the validation set
    python benchmarks/lint_new_prose.py --details      # and every false alarm and miss
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from factcheck import api
from factcheck.config import discover_settings
from factcheck.findings import Finding, Severity
from factcheck.lint.drafts import read_draft
from factcheck.lint.run import LintOptions
from factcheck.report import Report

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "tests" / "corpora" / "new_prose"
PLANTED = ROOT / "tests" / "cases" / "lint" / "planted.yaml"
CLEAN_VALIDATION = ROOT / "tests" / "corpora" / "new_prose_validation"
PLANTED_VALIDATION = ROOT / "tests" / "cases" / "lint" / "planted_validation.yaml"
_SERIOUS = {Severity.ERROR, Severity.WARNING}


@dataclass(frozen=True)
class Planted:
    id: str
    kind: str
    claim: str
    text: str
    fixed: str
    line: int
    date: date | None


def planted_cases(path: Path = PLANTED) -> list[Planted]:
    cases = yaml.safe_load(path.read_text("utf-8"))["cases"]
    return [
        Planted(
            c["id"],
            c["kind"],
            c["claim"],
            c["text"],
            c["fixed"],
            c["line"],
            date.fromisoformat(str(c["date"])) if c.get("date") else None,
        )
        for c in cases
    ]


def clean_texts(folder: Path = CLEAN) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name != "README.md")


def lint_report(name: str, text: str, when: date | None = None, *, strict: bool = False) -> Report:
    settings = discover_settings(ROOT)
    return api.lint(settings, [read_draft(name, text)], LintOptions(strict=strict, date=when))


def lint_text(name: str, text: str, when: date | None = None) -> list[Finding]:
    return list(lint_report(name, text, when).findings)


def serious(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in _SERIOUS]


def caught(case: Planted) -> bool:
    found = serious(lint_text(f"{case.id}.md", case.text, case.date))
    return any(f.location.line == case.line for f in found)


_REASON = re.compile(r"was not checked: (?P<why>[^:(]+)")


def clean_report(folder: Path, details: bool) -> Iterator[str]:
    figures = alarms = checked = 0
    reasons: Counter[str] = Counter()
    texts = clean_texts(folder)
    for path in texts:
        report = lint_report(path.name, path.read_text("utf-8"), strict=True)
        findings = list(report.findings)
        counts = dict(report.counts)
        figures += counts["figures"]
        checked += counts["checked"]
        for f in findings:
            if f.code == "FC308":
                m = _REASON.search(f.message)
                reasons[m.group("why").strip() if m else f.message] += 1
        bad = serious(findings)
        alarms += len(bad)
        if details:
            for f in bad:
                yield f"  false alarm: {path.name}:{f.location.line}: {f.code} {f.message}"
    yield f"| clean texts | {len(texts)} |"
    yield f"| figures | {figures} |"
    yield f"| held to a claim | {checked} |"
    yield f"| false alarms (errors and warnings) | {alarms} |"
    yield ""
    yield "| why a figure was left unchecked | figures |"
    yield "| --- | ---: |"
    for why, n in _grouped(reasons).most_common():
        yield f"| {why} | {n} |"


def _grouped(reasons: Counter[str]) -> Counter[str]:
    """Reasons without their particulars: "subject not in the fact base: Wuhan" → "subject
    not in the fact base"."""
    grouped: Counter[str] = Counter()
    for why, n in reasons.items():
        grouped[why.split(":")[0].split("“")[0].split(" claim ")[0].strip()] += n
    return grouped


def planted_report(path: Path, details: bool) -> Iterator[str]:
    by_kind: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    false_alarms = 0
    for case in planted_cases(path):
        by_kind[case.kind] += 1
        if caught(case):
            hits[case.kind] += 1
        elif details:
            yield f"  missed: {case.id}"
        bad = serious(lint_text(f"{case.id}.md", case.fixed, case.date))
        false_alarms += bool(bad)
        if details:
            for f in bad:
                yield f"  false alarm on fixed {case.id}:{f.location.line}: {f.code} {f.message}"
    yield "| planted edit | cases | caught on its line |"
    yield "| --- | ---: | ---: |"
    for kind in sorted(by_kind):
        yield f"| {kind} | {by_kind[kind]} | {hits[kind]} |"
    total, found = sum(by_kind.values()), sum(hits.values())
    yield f"| **all** | **{total}** | **{found} ({100 * found / total:.0f}%)** |"
    yield f"| fixed drafts with an error or warning | {total} | {false_alarms} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every false alarm and miss")
    parser.add_argument("--validation", action="store_true", help="measure the validation set")
    args = parser.parse_args()
    clean, planted = (CLEAN_VALIDATION, PLANTED_VALIDATION) if args.validation else (CLEAN, PLANTED)
    for line in (*clean_report(clean, args.details), "", *planted_report(planted, args.details)):
        print(line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()

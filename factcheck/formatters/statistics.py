"""``--statistics``: how many findings of each code, most first, instead of the findings."""

from __future__ import annotations

from collections import Counter

from factcheck.formatters import OutputOptions
from factcheck.report import Report


def format_report(report: Report, options: OutputOptions) -> str:
    counts = Counter((f.code, f.slug, f.severity) for f in report.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return "".join(f"{n:>6}  {code}  {slug} [{severity}]\n" for (code, slug, severity), n in rows)

"""``--format concise``: one line a finding, ``path:line:col: level CODE message``, for
editors' problem matchers and grep."""

from __future__ import annotations

from factcheck.formatters import OutputOptions
from factcheck.report import Report


def format_report(report: Report, options: OutputOptions) -> str:
    return "".join(
        f"{f.location}: {f.severity} {f.code} {f.message}"
        + (" [acknowledged]" if f.acknowledged else "")
        + (" [in baseline]" if f.baseline == "unchanged" else "")
        + "\n"
        for f in report.findings
    )
